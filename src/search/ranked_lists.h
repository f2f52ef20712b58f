#pragma once
// Ranked lists (SQLite): for each frequent term, the documents of highest rank (rank.h) among those holding
// it, kept in rank order in search_ranked_lists, with the exact number of documents holding the term.
//
// Ranking a common pair such as 低保 by FTS5 means scoring and sorting every one of its matches, hundreds of
// thousands in a large county; a query of that one term instead reads its first pages off the list and its
// total off the count. Ranks never change as days pass, so a list stays right without being rewritten; it
// changes only when a document holding its term is put or removed, in that command's transaction.
//
// Promises, for every term T that has a list, after every committed command:
//  - documents is the number of documents holding T;
//  - the list holds the `listed` documents of highest (rank, id) among them, nothing else, with the rank
//    FTS5's fishbowl_rank gives them for a query of T alone, bit for bit;
//  - listed = min(documents, limits().length) right after the list is built; removals may shorten it down to
//    limits().refill_below, where it is built again. listed == documents means the list is complete.
// A term gets its list once a sample of the documents (ids divisible by sample_every) says it is held by
// about frequent_at documents or more; rarer terms are ranked by FTS5 quickly enough.
#include <soci/soci.h>

#include <map>
#include <optional>
#include <string>

#include "search/rank.h"

namespace fishbowl::search {

struct ListLimits {
  long long frequent_at = 10000;  // FTS5 ranks this many matches in about 10 ms
  long long length = 1000;        // 50 pages of 20
  long long refill_below = 500;
  long long sample_every = 32;  // as the migration that made search_term_samples counted
};
const ListLimits& list_limits();
// For tests, which need lists on small corpora. Not thread-safe: set it before any search runs.
void set_list_limits(const ListLimits& limits);

// After the document's rows in search_fts and search_ranking are written, in the same transaction.
void list_document(soci::session& sql, long long id, const Profile& p);
// After the document's rows in search_fts and search_ranking are removed, in the same transaction.
void unlist_document(soci::session& sql, long long id, const Profile& p);

struct RankedTerm {
  long long documents = 0, listed = 0;
  bool complete() const { return listed == documents; }
};
std::optional<RankedTerm> ranked_term(soci::session& sql, const std::string& term);

// (Re)builds a term's list from FTS5, whatever its frequency.
void build_list(soci::session& sql, const std::string& term);

// Replaces the sample with these counts (term → sampled documents holding it) and builds the list of every
// term they call frequent, dropping every other list: for an index whose terms have changed (refeed.h).
void rebuild_lists(soci::session& sql, const std::map<std::string, long long>& sampled);

}  // namespace fishbowl::search
