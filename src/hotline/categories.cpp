// Ticket categories and their attributes, as the Open311 service list and service definitions show them.
#include "hotline/internal.h"
#include "hotline/open311.h"
#include "storage/row.h"

namespace fishbowl::hotline {

namespace {

#define CATEGORY_COLUMNS                                                                                \
  "SELECT code, name, description, group_name, keywords, kind, department_id, service_notice, active, " \
  "sort_order FROM ticket_categories"

Category category_from(const soci::row& r) {
  Category c;
  c.code = text_at(r, 0);
  c.name = text_at(r, 1);
  c.description = text_at(r, 2);
  c.group = text_at(r, 3);
  c.keywords = text_at(r, 4);
  c.kind = text_at(r, 5);
  c.department_id = optional_int64_at(r, 6);
  c.service_notice = text_at(r, 7);
  c.active = int64_at(r, 8) != 0;
  c.order = static_cast<int>(int64_at(r, 9));
  return c;
}

// Every attribute of the categories read, with its values, in one pass each.
void attach_attributes(soci::session& sql, std::vector<Category>& categories) {
  std::map<std::string, Category*> by_code;
  for (auto& c : categories) by_code[c.code] = &c;
  soci::rowset<soci::row> attrs =
      (sql.prepare << "SELECT category_code, code, variable, datatype, required, datatype_description, "
                      "sort_order, description FROM ticket_category_attributes ORDER BY category_code, "
                      "sort_order");
  for (const auto& r : attrs) {
    auto it = by_code.find(text_at(r, 0));
    if (it == by_code.end()) continue;
    it->second->attributes.push_back({text_at(r, 1),
                                      int64_at(r, 2) != 0,
                                      text_at(r, 3),
                                      int64_at(r, 4) != 0,
                                      text_at(r, 5),
                                      static_cast<int>(int64_at(r, 6)),
                                      text_at(r, 7),
                                      {}});
  }
  soci::rowset<soci::row> values =
      (sql.prepare << "SELECT category_code, attribute_code, value_key, value_name FROM "
                      "ticket_category_values ORDER BY category_code, attribute_code, sort_order");
  for (const auto& r : values) {
    auto it = by_code.find(text_at(r, 0));
    if (it == by_code.end()) continue;
    std::string attribute = text_at(r, 1);
    for (auto& a : it->second->attributes)
      if (a.code == attribute) a.values.push_back({text_at(r, 2), text_at(r, 3)});
  }
}

}  // namespace

const std::vector<std::string>& attribute_datatypes() {
  static const std::vector<std::string> v{"string", "number",          "datetime",
                                          "text",   "singlevaluelist", "multivaluelist"};
  return v;
}

Result<std::vector<Category>> list_categories(Database& db, bool include_inactive) {
  return db.read([&](soci::session& sql) -> Result<std::vector<Category>> {
    std::vector<Category> out;
    int all = include_inactive ? 1 : 0;
    soci::rowset<soci::row> rows =
        (sql.prepare << CATEGORY_COLUMNS " WHERE active = 1 OR :all = 1 ORDER BY sort_order, code",
         soci::use(all));
    for (const auto& r : rows) out.push_back(category_from(r));
    attach_attributes(sql, out);
    return out;
  });
}

Result<Category> get_category(soci::session& sql, const std::string& code) {
  std::vector<Category> found;
  soci::rowset<soci::row> rows =
      (sql.prepare << CATEGORY_COLUMNS " WHERE code = :c AND active = 1", soci::use(code));
  for (const auto& r : rows) found.push_back(category_from(r));
  if (found.empty()) return Error::not_found("category.not_found", "找不到该诉求类别（service_code）");
  attach_attributes(sql, found);
  return found.front();
}

Result<Category> get_category(Database& db, const std::string& code) {
  return db.read([&](soci::session& sql) { return get_category(sql, code); });
}

nlohmann::json to_json(const Category& c) {
  auto attributes = nlohmann::json::array();
  for (const auto& a : c.attributes) {
    auto values = nlohmann::json::array();
    for (const auto& v : a.values) values.push_back({{"key", v.key}, {"name", v.name}});
    attributes.push_back({{"code", a.code},
                          {"variable", a.variable},
                          {"datatype", a.datatype},
                          {"required", a.required},
                          {"datatype_description", a.datatype_description},
                          {"description", a.description},
                          {"values", values}});
  }
  return {{"code", c.code},
          {"name", c.name},
          {"description", c.description},
          {"group", c.group},
          {"keywords", c.keywords},
          {"kind", c.kind},
          {"department_id", c.department_id ? nlohmann::json(*c.department_id) : nlohmann::json(nullptr)},
          {"service_notice", c.service_notice},
          {"active", c.active},
          {"order", c.order},
          {"attributes", attributes}};
}

Status categorize_ticket(Command& cmd, long long ticket_id, const std::string& code) {
  auto t = detail::get(cmd.sql(), ticket_id);
  if (!t) return t.error();
  auto category = get_category(cmd.sql(), code);
  if (!category) return category.error();
  cmd.sql() << "UPDATE tickets SET category = :c WHERE id = :id", soci::use(category->code), soci::use(t->id);
  cmd.record("ticket.categorized", "region:" + std::to_string(t->region_id),
             "ticket:" + std::to_string(t->id), {{"ticket_no", t->ticket_no}, {"category", category->code}});
  return ok_status();
}

}  // namespace fishbowl::hotline
