#include "services/item_terms.h"

#include <nlohmann/json.hpp>

namespace fishbowl::services {

namespace {

// The four terms as a JSON array [name, promised_days, online, by_agent], taken out of the stored guide by
// the database: parsing the whole guide here cost more than the query.
std::string terms_sql(Backend backend) {
  const char* terms = backend == Backend::sqlite
                          ? "json_extract(v.guide, '$.name', '$.promised_days', '$.online', '$.by_agent')"
                          : "json_build_array(CAST(v.guide AS json) -> 'name', CAST(v.guide AS json) -> "
                            "'promised_days', CAST(v.guide AS json) -> 'online', CAST(v.guide AS json) -> "
                            "'by_agent')";
  return std::string("SELECT i.id, i.department_id, i.region_id, i.version, ") + terms +
         " FROM service_items i JOIN service_item_versions v ON v.item_id = i.id AND v.version = i.version "
         "WHERE i.id = :id";
}

}  // namespace

Result<ItemTerms> get_item_terms(soci::session& sql, Backend backend, long long id) {
  ItemTerms t;
  std::string terms;
  sql << terms_sql(backend), soci::use(id), soci::into(t.id), soci::into(t.department_id),
      soci::into(t.region_id), soci::into(t.version), soci::into(terms);
  if (!sql.got_data()) return Error::not_found("service_item.not_found", "找不到该服务事项");
  // The stored guide was checked when it was written; an absent flag (null here) has the default the check
  // gives it.
  auto a = nlohmann::json::parse(terms);
  t.name = a.at(0).get<std::string>();
  t.promised_days = a.at(1).get<int>();
  t.online = a.at(2).is_boolean() && a.at(2).get<bool>();
  t.by_agent = a.at(3).is_boolean() && a.at(3).get<bool>();
  return t;
}

}  // namespace fishbowl::services
