#pragma once
// The demo county's service catalogue: 745 county items across the 36 departments, 107 items at each town
// center and the village-level items that agents file for residents. Item names are the common ones of a
// county catalogue, each listed under its situations (新办, 变更, …); the guides are plausible and the same
// on every run.
#include <vector>

#include "core/error.h"
#include "ledger/command.h"
#include "org/org.h"
#include "services/services.h"

namespace fishbowl {

inline constexpr std::size_t kCountyItems = 745;
inline constexpr std::size_t kTownItems = 107;

struct CatalogueCounts {
  int county = 0;
  int town = 0;  // over all towns
  int village = 0;
};

Result<CatalogueCounts> create_demo_catalogue(Command& cmd, const org::Region& county,
                                              const std::vector<org::Department>& departments,
                                              const std::vector<org::Region>& towns);

}  // namespace fishbowl
