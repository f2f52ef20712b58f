#pragma once
// The household list of a rights-registration notice (农村土地承包经营权确权登记结果公示): one row per
// contracting household. The organ keeps it in full; the public sees the head's name and identity number
// masked, enough for a household to find and check its own row, too little to identify anyone else.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.h"

namespace fishbowl::disclosure {

struct Household {
  std::string group;      // 村民小组, may be empty
  std::string head;       // 户主 (承包方代表) name
  std::string id_number;  // the head's resident identity number
  int members = 0;        // 承包方家庭成员数
  int parcels = 0;        // 承包地块数
  std::string area_mu;    // 确权面积 in mu, a decimal with at most two places, as written: "3.25"
  std::string note;

  bool operator==(const Household&) const = default;
};

inline constexpr std::size_t kMaxHouseholds = 2000;

// notice.households_required (422 households) for a rights notice without rows;
// notice.households_not_allowed (422 households) for rows on anything else; field.out_of_range (422
// households) past kMaxHouseholds; for a bad row, on households[i].<field>: notice.invalid_id_number,
// notice.invalid_area (above zero, at most two decimals), notice.duplicate_household.
Status check_households(const std::string& notice_kind, const std::vector<Household>& rows);

nlohmann::json households_json(const std::vector<Household>& rows);         // in full
nlohmann::json public_households_json(const std::vector<Household>& rows);  // masked
std::vector<Household> households_from(const std::string& stored);

}  // namespace fishbowl::disclosure
