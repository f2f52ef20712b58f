// What the search index knows of a service item.
#include "org/org.h"
#include "services/services.h"

namespace fishbowl::services {

Result<search::Document> search_document(soci::session& sql, const ServiceItem& item) {
  auto region = org::get_region(sql, item.region_id);
  if (!region) return region.error();
  auto department = org::get_department(sql, item.department_id);
  if (!department) return department.error();
  const auto& g = item.guide;
  // The words a person would look for: what it is, who may apply, what to bring, how it goes.
  std::string text = g.kind + "\n" + g.conditions + "\n" + g.legal_basis;
  for (const auto& m : g.materials) text += "\n" + m.name;
  for (const auto& s : g.steps) text += "\n" + s;
  for (const auto& e : g.life_events) text += "\n" + e;
  search::Document d;
  d.kind = "service_item";
  d.ref_id = item.id;
  d.title = g.name;
  d.text = std::move(text);
  d.level = item.level;
  d.region_path = region->path;
  d.department_id = item.department_id;
  d.organ_name = department->name;
  d.date = item.updated_at.substr(0, 10);
  d.url = "/services/" + std::to_string(item.id);
  return d;
}

}  // namespace fishbowl::services
