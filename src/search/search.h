#pragma once
// One search over everything public: service items, publications, notices and the hotline's knowledge base
// (and later the trading center's announcements).
//
// Chinese has no spaces, so the index does not look for words. Text is folded code point by code point
// (NFKC with case folding: full-width letters and digits become ASCII, capitals become small letters) and cut
// into runs of characters: ideographs, letters and digits alike, since county texts mix them (第13号, A级,
// 2025年). A run yields each of its characters, each adjacent pair (bigram) and each run of four (4-gram). A
// query is cut the same way, and each of its runs must occur: one character as a character, two or three as
// the chain of their bigrams side by side, four or more as the chain of their 4-grams. Every run of a query
// therefore finds exactly the documents that contain it as written, and no other (tested against a plain
// substring scan over a generated corpus); a query of several runs, parted by spaces or punctuation or by a
// symbol that folds into some (30℃ is 30°c), finds the documents that contain each of them.
//
// The same token stream feeds SQLite FTS5 (bigrams and 4-grams in columns of their own, so adjacency is
// exact) and PostgreSQL full-text search (a tsvector of the characters and bigrams with a GIN index; runs
// longer than two characters are confirmed against the folded text, because a tsvector only keeps positions
// up to 16383). 4-grams spare FTS5 the slowest phrases: two common words side by side (农村社保) would
// otherwise be tested on every row holding all three of their pairs. Hits are ranked by relevance
// (in SQLite a saturating count of the term's hits, see rank.h; ts_rank in PostgreSQL; a match in the title
// weighs more) with a boost for recent documents. On SQLite a query of one frequent term reads its first
// pages off a list kept in rank order (ranked_lists.h), so it costs the same whatever the term's frequency.
//
// The owning module puts a document in the index inside the command that changes it, so the index never
// disagrees with what was committed.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/error.h"
#include "ledger/command.h"
#include "storage/database.h"

namespace fishbowl::search {

// --- the token stream (tokens.cpp) ---

struct Tokens {
  std::vector<std::string> unigrams;  // every character of every run, in text order
  std::vector<std::string> bigrams;   // adjacent pairs within runs; "" marks a break between runs
  std::vector<std::string> quads;     // the same for runs of four adjacent characters
};
Tokens tokenize(std::string_view text);

// Text folded as the index sees it.
std::string fold(std::string_view text);

struct Term {
  std::string text;        // folded
  std::size_t length = 0;  // in code points
};
// The runs of a query, all of which must match. Empty when the query holds no letter or digit.
std::vector<Term> query_terms(std::string_view query);

// The part of text around the first match of any term, at most max_chars characters, HTML-escaped, with every
// match inside <mark>…</mark> and "…" where it was cut. The text's start when nothing matches.
std::string snippet(std::string_view text, const std::vector<Term>& terms, std::size_t max_chars);

// --- the index (index.cpp) ---

const std::vector<std::string>& kinds();  // service_item, publication, notice, knowledge

struct Document {
  std::string kind;
  long long ref_id = 0;  // the id of the object in its own module
  std::string title;
  std::string text;   // plain text of the body
  std::string level;  // of the issuing organ: county, town, village
  std::string region_path;
  std::optional<long long> department_id;
  std::string organ_name;
  std::string column;  // the disclosure catalogue's column, "" when the kind has none
  std::string date;    // "YYYY-MM-DD": published or last revised
  std::string url;     // the page in the portal
};

// Adds the document, or replaces the one of the same kind and ref_id, inside the command's transaction.
void put(Command& cmd, const Document& doc);
void remove(Command& cmd, const std::string& kind, long long ref_id);

// --- queries (find.cpp) ---

struct Query {
  std::string q;
  std::optional<std::string> kind;
  std::optional<std::string> level;
  std::optional<std::string> region_path;  // the organ lies in this subtree
  std::optional<long long> department_id;
  std::optional<std::string> column;
  std::optional<std::string> from, to;  // dates, both included
  int page = 1;
  int page_size = 20;
};

struct Hit {
  Document doc;
  std::string title_html;    // the title, escaped, with its matches marked
  std::string snippet_html;  // see snippet()
  double score = 0;
};
struct Hits {
  std::vector<Hit> items;
  long long total = 0;
  // False when total is an estimate: a filtered query of one frequent term, answered from its ranked list
  // (SQLite), counts the filter's share of the list rather than every match. The page itself is always exact.
  bool total_exact = true;
};

// Best first, in the same order on every page: score = relevance × exp(-age / 2190 days), see rank.h (ties:
// the later indexed first). Errors: search.empty_query (422, field q) when the query holds no letter or
// digit, search.too_many_terms (422) beyond 8 runs.
Result<Hits> find(Database& db, const Query& q, Date today);

}  // namespace fishbowl::search
