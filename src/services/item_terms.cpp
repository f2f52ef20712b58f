#include "services/item_terms.h"

#include <nlohmann/json.hpp>

namespace fishbowl::services {

Result<ItemTerms> get_item_terms(soci::session& sql, long long id) {
  ItemTerms t;
  std::string guide;
  sql << "SELECT i.id, i.department_id, i.region_id, i.version, v.guide FROM service_items i JOIN "
         "service_item_versions v ON v.item_id = i.id AND v.version = i.version WHERE i.id = :id",
      soci::use(id), soci::into(t.id), soci::into(t.department_id), soci::into(t.region_id),
      soci::into(t.version), soci::into(guide);
  if (!sql.got_data()) return Error::not_found("service_item.not_found", "找不到该服务事项");
  // The stored guide was checked when it was written; an absent flag has the default the check gives it.
  // Only the four terms are kept: building the rest of the guide (materials, steps, fees) cost more than the
  // query.
  auto g =
      nlohmann::json::parse(guide, [](int depth, nlohmann::json::parse_event_t event, nlohmann::json& key) {
        if (event != nlohmann::json::parse_event_t::key || depth != 1) return true;
        const auto& k = key.get_ref<const std::string&>();
        return k == "name" || k == "promised_days" || k == "online" || k == "by_agent";
      });
  t.name = g.at("name").get<std::string>();
  t.promised_days = g.at("promised_days").get<int>();
  t.online = g.value("online", false);
  t.by_agent = g.value("by_agent", false);
  return t;
}

}  // namespace fishbowl::services
