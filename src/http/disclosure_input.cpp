#include "http/disclosure_input.h"

#include <fmt/format.h>

#include "org/org.h"

namespace fishbowl::http {

Result<auth::Target> body_organ_target(Call& c) {
  auto body = c.json();
  if (!body) return body.error();
  const auto &department = (*body)["department_id"], &region = (*body)["region_id"];
  if (department.is_number_integer() && department.get<long long>() > 0) {
    if (auto d = org::get_department(c.app.db, department.get<long long>()))
      if (auto r = org::get_region(c.app.db, d->region_id)) return auth::Target{r->path, d->id};
  } else if (region.is_number_integer() && region.get<long long>() > 0) {
    if (auto r = org::get_region(c.app.db, region.get<long long>()))
      return auth::Target{r->path, std::nullopt};
  }
  return auth::Target::everything();
}

Result<std::vector<services::AttachmentRef>> read_attachment_refs(JsonInput& in, const char* field) {
  std::vector<services::AttachmentRef> out;
  const auto* raw = in.raw(field);
  if (!raw) return out;
  if (!raw->is_array())
    return Error::invalid("field.wrong_type", fmt::format("字段 {} 应为列表", field), field);
  for (const auto& a : *raw) {
    std::string item = fmt::format("{}[{}]", field, out.size());
    if (!a.is_object()) return Error::invalid("field.wrong_type", "每个文件应为对象", item);
    JsonInput one(a);
    services::AttachmentRef ref;
    ref.sha256 = one.text("sha256", 64);
    ref.file_name = one.text("name", 100);
    if (auto e = one.error()) {
      e->field = item + "." + e->field;
      return *e;
    }
    out.push_back(std::move(ref));
  }
  return out;
}

Result<std::vector<disclosure::Household>> read_households(JsonInput& in) {
  std::vector<disclosure::Household> out;
  const auto* raw = in.raw("households");
  if (!raw) return out;
  if (!raw->is_array()) return Error::invalid("field.wrong_type", "字段 households 应为列表", "households");
  if (raw->size() > disclosure::kMaxHouseholds)
    return Error::invalid("field.out_of_range", fmt::format("一次公示最多 {} 户", disclosure::kMaxHouseholds),
                          "households");
  for (const auto& h : *raw) {
    std::string item = fmt::format("households[{}]", out.size());
    if (!h.is_object()) return Error::invalid("field.wrong_type", "每户应为对象", item);
    JsonInput one(h);
    disclosure::Household row;
    row.group = one.optional_text("group", 20).value_or("");
    row.head = one.text("head", 20);
    row.id_number = one.text("id_number", 18);
    row.members = static_cast<int>(one.integer("members", 1, 50));
    row.parcels = static_cast<int>(one.integer("parcels", 0, 999));
    row.area_mu = one.text("area_mu", 12);
    row.note = one.optional_text("note", 100).value_or("");
    if (auto e = one.error()) {
      e->field = item + "." + e->field;
      return *e;
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace fishbowl::http
