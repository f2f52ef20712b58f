#pragma once
// What the village affairs files share; not part of the module's public header.
#include <vector>

#include "disclosure/village.h"
#include "org/org.h"

namespace fishbowl::disclosure::detail {

// The region, when it is a village. region.not_found / village_affair.not_a_village (422 region_id).
Result<org::Region> village_of(soci::session& sql, long long region_id);
// The items of the villages whose path is LIKE path_like, for periods or decisions in `year`, without their
// text and lines.
std::vector<VillageAffair> affairs_of_year(soci::session& sql, const std::string& path_like, int year);

}  // namespace fishbowl::disclosure::detail
