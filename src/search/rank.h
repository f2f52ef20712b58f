#pragma once
// How hits are ordered, in one place for every path that orders them: the FTS5 ranking function that scores a
// query's matches, and the ranked lists that keep the best documents of a frequent term in order ahead of
// time.
//
// A term's weight in a document grows with its hits and saturates (the term-frequency part of BM25), the
// title counting kTitleWeight times the body; long bodies are damped against a fixed length, not the corpus's
// average, so a weight depends on its document alone and never changes once written. Recency multiplies the
// relevance by exp(-age / kDecayDays). Because that factor is exp(day / kDecayDays) divided by a constant of
// today, the order of documents never changes as days pass: rank = ln(relevance) + day / kDecayDays orders
// them for good, and can be stored at index time. score() turns a rank back into relevance × recency as of
// today for showing.
#include <map>
#include <string>
#include <string_view>

#include "search/search.h"

namespace fishbowl::search {

// A title match must outrank a body match five years newer (a passing mention never beats a title), and a
// year of age costs about 15 %.
constexpr double kTitleWeight = 3.0;
constexpr double kDecayDays = 2190.0;

// Occurrences of one term in one document: a run of characters in the title's or the body's pairs or 4-grams
// (a phrase of them counts once where the run occurs), or a character among the unigrams (title and body
// together).
struct TermHits {
  int title = 0, body = 0, uni = 0;
};

// body_length: the body's bigram tokens, as FTS5 counts them in its column.
double term_weight(const TermHits& hits, int body_length);

// Days since 1970-01-01 of a "YYYY-MM-DD" date; 0 for anything else.
long long day_number(std::string_view date);

double rank_of(double relevance, long long day);
double score_of(double rank, long long today);

// A document as ranking sees it: every token it holds with its hits, and what the weights depend on.
struct Profile {
  std::map<std::string, TermHits> terms;
  int body_length = 0;
  long long day = 0;
};
Profile profile_of(const Tokens& title, const Tokens& body, std::string_view date);
// Profile::body_length alone, for a pass over many documents that needs no terms.
int body_length_of(const Tokens& body);

}  // namespace fishbowl::search
