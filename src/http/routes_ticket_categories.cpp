// Routes of the hotline's ticket categories as the platform shows them (Open311 shows the same list in its
// own format): the public list, and the center's list and editing.
#include <fmt/format.h>

#include "core/json_input.h"
#include "hotline/hotline.h"
#include "hotline/open311.h"
#include "http/api.h"
#include "http/hotline_scope.h"

namespace fishbowl::http {

namespace {

using auth::Permission;

// The error of a nested reader, named by its place in the body.
Error nested(Error e, const std::string& at) {
  e.field = e.field.empty() ? at : at + "." + e.field;
  return e;
}

Result<std::vector<hotline::AttributeValue>> read_values(JsonInput& in, const std::string& at) {
  std::vector<hotline::AttributeValue> out;
  const auto* raw = in.raw("values");
  if (!raw) return out;
  if (!raw->is_array()) return Error::invalid("field.wrong_type", "可选项应为列表", at + ".values");
  for (const auto& v : *raw) {
    std::string here = fmt::format("{}.values[{}]", at, out.size());
    if (!v.is_object()) return Error::invalid("field.wrong_type", "每个可选项应为对象", here);
    JsonInput one(v);
    hotline::AttributeValue value{one.text("key", 32), one.text("name", 50)};
    if (auto e = one.error()) return nested(*e, here);
    out.push_back(std::move(value));
  }
  return out;
}

Result<std::vector<hotline::CategoryAttribute>> read_attributes(JsonInput& in) {
  std::vector<hotline::CategoryAttribute> out;
  const auto* raw = in.raw("attributes");
  if (!raw) return out;
  if (!raw->is_array()) return Error::invalid("field.wrong_type", "属性应为列表", "attributes");
  for (const auto& a : *raw) {
    std::string here = fmt::format("attributes[{}]", out.size());
    if (!a.is_object()) return Error::invalid("field.wrong_type", "每个属性应为对象", here);
    JsonInput one(a);
    hotline::CategoryAttribute attribute;
    attribute.code = one.text("code", 32);
    attribute.datatype = one.choice("datatype", hotline::attribute_datatypes());
    attribute.description = one.text("description", 200);
    attribute.datatype_description = one.optional_text("datatype_description", 200).value_or("");
    attribute.required = one.flag("required", false);
    attribute.variable = one.flag("variable", true);
    auto values = read_values(one, here);
    if (!values) return values.error();
    attribute.values = std::move(*values);
    if (auto e = one.error()) return nested(*e, here);
    out.push_back(std::move(attribute));
  }
  return out;
}

Response list_json(const std::vector<hotline::Category>& all) {
  auto items = nlohmann::json::array();
  for (const auto& c : all) items.push_back(hotline::to_json(c));
  return Response::json(200, {{"items", items}});
}

}  // namespace

void add_ticket_category_routes(Api& api) {
  api.add(Route::public_cached("/api/v1/tickets/categories", [](Call& c) -> Result<Response> {
    auto all = hotline::list_categories(c.app.db);
    if (!all) return all.error();
    return list_json(*all);
  }));
  // The retired ones too, for editing.
  api.add({"GET", "/api/v1/tickets/categories/all", Permission::ticket_center, hotline_center_scope,
           [](Call& c) -> Result<Response> {
             auto all = hotline::list_categories(c.app.db, true);
             if (!all) return all.error();
             return list_json(*all);
           }});
  api.add({"PUT", "/api/v1/tickets/categories/{code}", Permission::ticket_center, hotline_center_scope,
           [](Call& c) -> Result<Response> {
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             hotline::Category category;
             category.code = c.params["code"];
             category.name = in.text("name", 40);
             category.description = in.optional_text("description", 500).value_or("");
             category.group = in.optional_text("group", 40).value_or("");
             category.keywords = in.optional_text("keywords", 200).value_or("");
             category.kind = in.choice("kind", hotline::ticket_kinds());
             category.department_id = in.optional_id("department_id");
             category.service_notice = in.optional_text("service_notice", 500).value_or("");
             category.active = in.flag("active", true);
             if (in.has("order")) category.order = static_cast<int>(in.integer("order", 0, 9999));
             auto attributes = read_attributes(in);
             if (!attributes) return attributes.error();
             category.attributes = std::move(*attributes);
             if (auto e = in.error()) return *e;
             auto saved = run_command(c.app.db, c.actor(),
                                      [&](Command& cmd) { return hotline::save_category(cmd, category); });
             if (!saved) return saved.error();
             return Response::json(saved->created ? 201 : 200, hotline::to_json(saved->category));
           }});
}

}  // namespace fishbowl::http
