// The center's editing of ticket categories: a whole category with its attributes, checked, then stored.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/text.h"
#include "hotline/internal.h"
#include "hotline/open311.h"
#include "org/org.h"

namespace fishbowl::hotline {

namespace {

constexpr std::size_t kMaxAttributes = 20, kMaxValues = 30;

// Codes travel in Open311 URLs and form keys (attribute[code]): lowercase ASCII only.
bool is_code(const std::string& s) {
  if (s.empty() || s.size() > 32 || s[0] < 'a' || s[0] > 'z') return false;
  return std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

Status text_field(const std::string& value, std::size_t max_chars, bool required, const std::string& field,
                  const char* what) {
  if (required && value.find_first_not_of(" \t\r\n") == std::string::npos)
    return Error::invalid("field.required", fmt::format("请填写{}", what), field);
  if (utf8_length(value) > max_chars || has_control_chars(value))
    return Error::invalid("field.too_long", fmt::format("{}至多 {} 个字，且不能含控制字符", what, max_chars),
                          field);
  return ok_status();
}

bool is_list(const std::string& datatype) {
  return datatype == "singlevaluelist" || datatype == "multivaluelist";
}

Status check_attribute(const CategoryAttribute& a, std::size_t i) {
  std::string at = fmt::format("attributes[{}]", i);
  auto bad = [&](const std::string& field, const std::string& why) {
    return Error::invalid("category.invalid_attribute", fmt::format("第 {} 个属性{}", i + 1, why),
                          at + field);
  };
  if (!is_code(a.code)) return bad(".code", "的代码应为小写字母开头的字母、数字和下划线，至多 32 个");
  const auto& types = attribute_datatypes();
  if (std::find(types.begin(), types.end(), a.datatype) == types.end())
    return bad(".datatype", "的数据类型不正确");
  if (auto s = text_field(a.description, 200, true, at + ".description", "属性说明"); !s) return s;
  if (auto s = text_field(a.datatype_description, 200, false, at + ".datatype_description", "填写提示"); !s)
    return s;
  if (!is_list(a.datatype)) {
    if (!a.values.empty()) return bad(".values", "不是列表类型，不能有可选项");
    return ok_status();
  }
  if (a.values.empty()) return bad(".values", "是列表类型，须有可选项");
  if (a.values.size() > kMaxValues)
    return Error::invalid("field.out_of_range", fmt::format("每个属性至多 {} 个可选项", kMaxValues),
                          at + ".values");
  std::set<std::string> keys;
  for (std::size_t j = 0; j < a.values.size(); ++j) {
    std::string value = fmt::format(".values[{}]", j);
    if (!is_code(a.values[j].key) || !keys.insert(a.values[j].key).second)
      return bad(value + ".key", "的可选项代码应为小写字母开头的字母、数字和下划线，且不重复");
    if (auto s = text_field(a.values[j].name, 50, true, at + value + ".name", "可选项名称"); !s) return s;
  }
  return ok_status();
}

Status check(soci::session& sql, const Category& c) {
  if (!is_code(c.code))
    return Error::invalid("field.invalid", "类别代码应为小写字母开头的字母、数字和下划线，至多 32 个",
                          "code");
  for (auto [value, max, required, field, what] :
       {std::tuple{&c.name, 40, true, "name", "类别名称"},
        {&c.description, 500, false, "description", "说明"},
        {&c.group, 40, false, "group", "分组"},
        {&c.keywords, 200, false, "keywords", "关键词"},
        {&c.service_notice, 500, false, "service_notice", "办理须知"}})
    if (auto s = text_field(*value, static_cast<std::size_t>(max), required, field, what); !s) return s;
  if (std::find(ticket_kinds().begin(), ticket_kinds().end(), c.kind) == ticket_kinds().end())
    return Error::invalid("field.invalid", "诉求类别不正确", "kind");
  if (c.department_id && !org::get_department(sql, *c.department_id))
    return Error::invalid("department.not_found", "部门不存在", "department_id");
  if (c.attributes.size() > kMaxAttributes)
    return Error::invalid("field.out_of_range", fmt::format("至多 {} 个属性", kMaxAttributes), "attributes");
  std::set<std::string> codes;
  for (std::size_t i = 0; i < c.attributes.size(); ++i) {
    if (auto s = check_attribute(c.attributes[i], i); !s) return s;
    if (!codes.insert(c.attributes[i].code).second)
      return Error::invalid("category.invalid_attribute", fmt::format("第 {} 个属性的代码重复", i + 1),
                            fmt::format("attributes[{}].code", i));
  }
  return ok_status();
}

void store_attributes(soci::session& sql, const Category& c) {
  sql << "DELETE FROM ticket_category_values WHERE category_code = :c", soci::use(c.code);
  sql << "DELETE FROM ticket_category_attributes WHERE category_code = :c", soci::use(c.code);
  for (std::size_t i = 0; i < c.attributes.size(); ++i) {
    const auto& a = c.attributes[i];
    int variable = a.variable ? 1 : 0, required = a.required ? 1 : 0, order = static_cast<int>(i) + 1;
    sql << "INSERT INTO ticket_category_attributes (category_code, code, variable, datatype, required, "
           "datatype_description, sort_order, description) VALUES (:c, :a, :v, :t, :r, :dd, :o, :d)",
        soci::use(c.code), soci::use(a.code), soci::use(variable), soci::use(a.datatype), soci::use(required),
        soci::use(a.datatype_description), soci::use(order), soci::use(a.description);
    for (std::size_t j = 0; j < a.values.size(); ++j) {
      int value_order = static_cast<int>(j) + 1;
      sql << "INSERT INTO ticket_category_values (category_code, attribute_code, value_key, value_name, "
             "sort_order) VALUES (:c, :a, :k, :n, :o)",
          soci::use(c.code), soci::use(a.code), soci::use(a.values[j].key), soci::use(a.values[j].name),
          soci::use(value_order);
    }
  }
}

}  // namespace

Result<SavedCategory> save_category(Command& cmd, const Category& c) {
  auto& sql = cmd.sql();
  if (auto s = check(sql, c); !s) return s.error();
  long long existing = 0;
  sql << "SELECT COUNT(*) FROM ticket_categories WHERE code = :c", soci::use(c.code), soci::into(existing);
  soci::indicator dept_ind = c.department_id ? soci::i_ok : soci::i_null;
  long long dept = c.department_id.value_or(0);
  int active = c.active ? 1 : 0;
  if (existing)
    sql << "UPDATE ticket_categories SET name = :n, description = :d, group_name = :g, keywords = :k, kind = "
           ":ki, department_id = :dep, service_notice = :s, active = :a, sort_order = :o WHERE code = :c",
        soci::use(c.name), soci::use(c.description), soci::use(c.group), soci::use(c.keywords),
        soci::use(c.kind), soci::use(dept, dept_ind), soci::use(c.service_notice), soci::use(active),
        soci::use(c.order), soci::use(c.code);
  else
    sql << "INSERT INTO ticket_categories (code, name, description, group_name, keywords, kind, "
           "department_id, "
           "service_notice, active, sort_order) VALUES (:c, :n, :d, :g, :k, :ki, :dep, :s, :a, :o)",
        soci::use(c.code), soci::use(c.name), soci::use(c.description), soci::use(c.group),
        soci::use(c.keywords), soci::use(c.kind), soci::use(dept, dept_ind), soci::use(c.service_notice),
        soci::use(active), soci::use(c.order);
  store_attributes(sql, c);
  SavedCategory saved{c, existing == 0};
  for (std::size_t i = 0; i < saved.category.attributes.size(); ++i)
    saved.category.attributes[i].order = static_cast<int>(i) + 1;
  cmd.record("ticket.category_saved", detail::county_scope(sql), "ticket_category:" + c.code,
             to_json(saved.category));
  return saved;
}

}  // namespace fishbowl::hotline
