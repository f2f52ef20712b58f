#include "disclosure/households.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "core/personal.h"

namespace fishbowl::disclosure {

namespace {

// "3", "3.2" or "3.25", above zero and below 100,000 mu.
bool is_area(const std::string& s) {
  auto dot = s.find('.');
  std::string whole = s.substr(0, dot), part = dot == std::string::npos ? "" : s.substr(dot + 1);
  auto digits = [](const std::string& d) {
    return std::all_of(d.begin(), d.end(), [](unsigned char c) { return std::isdigit(c); });
  };
  if (whole.empty() || whole.size() > 5 || !digits(whole) || (whole.size() > 1 && whole[0] == '0'))
    return false;
  if (dot != std::string::npos && (part.empty() || part.size() > 2 || !digits(part))) return false;
  return s.find_first_of("123456789") != std::string::npos;
}

}  // namespace

Status check_households(const std::string& notice_kind, const std::vector<Household>& rows) {
  if (notice_kind != "rights")
    return rows.empty() ? ok_status()
                        : Error::invalid("notice.households_not_allowed", "只有确权登记结果公示附户名单",
                                         "households");
  if (rows.empty())
    return Error::invalid("notice.households_required", "确权登记结果公示须列出各承包户", "households");
  if (rows.size() > kMaxHouseholds)
    return Error::invalid("field.out_of_range", fmt::format("一次公示最多 {} 户", kMaxHouseholds),
                          "households");
  std::map<std::string, std::size_t> seen;  // identity number -> its row
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& h = rows[i];
    auto field = [&](const char* name) { return fmt::format("households[{}].{}", i, name); };
    if (!is_resident_id_number(h.id_number))
      return Error::invalid("notice.invalid_id_number", fmt::format("第 {} 户的身份证号码不正确", i + 1),
                            field("id_number"));
    if (!is_area(h.area_mu))
      return Error::invalid("notice.invalid_area",
                            fmt::format("第 {} 户的确权面积应为大于零的亩数，最多两位小数", i + 1),
                            field("area_mu"));
    if (auto [at, added] = seen.emplace(h.id_number, i); !added)
      return Error::invalid("notice.duplicate_household",
                            fmt::format("第 {} 户与第 {} 户的身份证号码相同", i + 1, at->second + 1),
                            field("id_number"));
  }
  return ok_status();
}

nlohmann::json households_json(const std::vector<Household>& rows) {
  auto out = nlohmann::json::array();
  for (const auto& h : rows)
    out.push_back({{"group", h.group},
                   {"head", h.head},
                   {"id_number", h.id_number},
                   {"members", h.members},
                   {"parcels", h.parcels},
                   {"area_mu", h.area_mu},
                   {"note", h.note}});
  return out;
}

nlohmann::json public_households_json(const std::vector<Household>& rows) {
  auto out = households_json(rows);
  for (auto& h : out) {
    h["head"] = masked_name(h["head"].get<std::string>());
    h["id_number"] = masked_id_number(h["id_number"].get<std::string>());
  }
  return out;
}

std::vector<Household> households_from(const std::string& stored) {
  std::vector<Household> out;
  for (const auto& h : nlohmann::json::parse(stored))
    out.push_back({h.at("group"), h.at("head"), h.at("id_number"), h.at("members"), h.at("parcels"),
                   h.at("area_mu"), h.at("note")});
  return out;
}

}  // namespace fishbowl::disclosure
