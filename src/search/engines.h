#pragma once
// The engines behind find(): each returns one page of hits, best first, with documents, scores and total;
// find() checks the query before and marks the matches after.
#include <soci/soci.h>

#include <vector>

#include "search/search.h"

namespace fishbowl::search {

// today: day_number() of the day the scores are shown for.
Hits find_in_sqlite(soci::session& sql, const Query& q, const std::vector<Term>& terms, long long today);
// today: "YYYY-MM-DD".
Hits find_in_postgresql(soci::session& sql, const Query& q, const std::vector<Term>& terms,
                        const std::string& today);

}  // namespace fishbowl::search
