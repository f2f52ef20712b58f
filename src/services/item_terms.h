#pragma once
// What filing a case takes from its service item: the current version, who owns it and where, and how it may
// be filed. Filing reads only these, not the whole guide with its materials and fees.
#include <soci/soci.h>

#include <string>

#include "core/error.h"
#include "storage/database.h"

namespace fishbowl::services {

struct ItemTerms {
  long long id = 0;
  long long department_id = 0;
  long long region_id = 0;
  int version = 0;
  std::string name;
  int promised_days = 0;
  bool online = false;
  bool by_agent = false;
};

// service_item.not_found (404) for an unknown id.
Result<ItemTerms> get_item_terms(soci::session& sql, Backend backend, long long id);

}  // namespace fishbowl::services
