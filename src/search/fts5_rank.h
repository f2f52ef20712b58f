#pragma once
// fishbowl_rank(search_fts, day[, guides[, body_length]]): the rank (see rank.h) of the current FTS5 match,
// in SQLite queries on search_fts, so that a query ranked by FTS5 orders hits exactly as the ranked lists do.
// day is the document's day number (search_ranking.day); guides, 0 when left out, is how many of the query's
// first phrases only narrow the search (match.h) and are not ranked; body_length is search_ranking's, and
// when it is left out or NULL FTS5's own count is read instead.
//
// With one query term the relevance is that term's weight; with several it is their mean weighted by inverse
// document frequency, so that a rare term counts for more than a common one.
#include <soci/soci.h>

namespace fishbowl::search {

// Registers the function on this SQLite connection unless it is there already. Cheap enough to call before
// every statement that uses it; throws soci::soci_error when FTS5 is missing.
void ensure_rank_function(soci::session& sql);

// How many matches fishbowl_rank has ranked on this connection since the last call: after a query that ranks
// every match (ORDER BY the rank), the number of its matches, with no second pass to count them. Call it once
// before such a query too, so that an earlier query left unfinished does not count.
long long take_ranked_count(soci::session& sql);

}  // namespace fishbowl::search
