// Routes of the service catalogue: items, their guides and every version of them.
#include <fmt/format.h>

#include "core/crypto.h"
#include "core/json_input.h"
#include "http/api.h"
#include "http/cursor.h"
#include "http/disclosure_input.h"
#include "http/file_input.h"
#include "ledger/events.h"
#include "ledger/ledger.h"
#include "org/org.h"
#include "services/attachments.h"
#include "services/item_sheet.h"
#include "services/services.h"

namespace fishbowl::http {

namespace {

using auth::Permission;
using auth::Target;

constexpr std::size_t kMaxSheetBase64 = 12u << 20;  // a catalogue of several thousand items fits many times

// An item lies where it is offered (its region) and belongs to its owning department: the region's admins
// and the department's staff may change it.
Result<Target> place_target(Database& db, long long region_id, long long department_id) {
  auto r = org::get_region(db, region_id);
  if (!r) return r.error();
  return Target{r->path, department_id};
}

// An upload is kept for a department's guides: its admins and staff may upload.
Result<Target> item_target(Call& c) {
  auto id = c.id("id", "service_item");
  if (!id) return id.error();
  auto item = services::get_item(c.app.db, *id);
  if (!item) return item.error();
  return place_target(c.app.db, item->region_id, item->department_id);
}

// For a creation the place is named in the body. When it is missing or unknown only a county-level admin
// gets as far as the validation, which then names the field.
Result<Target> body_target(Call& c) {
  auto body = c.json();
  if (!body) return body.error();
  const auto &region = (*body)["region_id"], &department = (*body)["department_id"];
  if (region.is_number_integer() && department.is_number_integer() && region.get<long long>() > 0) {
    auto t = place_target(c.app.db, region.get<long long>(), department.get<long long>());
    if (t || t.error().kind != ErrorKind::not_found) return t;
  }
  return Target::everything();
}

// The catalogue's filters, as the list and the export take them.
Result<services::ItemQuery> item_query(Call& c) {
  auto department = c.query_id("department_id");
  auto region = c.query_id("region_id");
  auto level = c.query_choice("level", services::item_levels());
  auto kind = c.query_choice("kind", services::item_kinds());
  auto life_event = c.query_choice("life_event", services::life_events());
  auto text = c.query_text("q", 64);
  if (!department) return department.error();
  if (!region) return region.error();
  if (!level) return level.error();
  if (!kind) return kind.error();
  if (!life_event) return life_event.error();
  if (!text) return text.error();
  services::ItemQuery q;
  q.department_id = *department;
  q.region_id = *region;
  q.level = *level;
  q.kind = *kind;
  q.life_event = *life_event;
  q.text = *text;
  return q;
}

Result<services::Guide> read_guide(JsonInput& in) {
  const auto* raw = in.raw("guide");
  if (!raw) return Error::invalid("field.required", "缺少必填字段 guide", "guide");
  auto guide = services::parse_guide(*raw);
  if (!guide) {
    Error e = guide.error();
    e.field = "guide." + e.field;
    return e;
  }
  return guide;
}

// Each version was made by one event (service_item.created, then one service_item.revised per revision), in
// order: the event and its ledger index let anyone check that edition against the public ledger.
using VersionEvents = std::vector<std::pair<long long, std::optional<std::uint64_t>>>;

Result<VersionEvents> version_events(Database& db, long long id) {
  EventQuery q;
  q.subject = "service_item:" + std::to_string(id);
  q.limit = 1000;
  auto events = list_events(db, q);
  if (!events) return events.error();
  VersionEvents out;
  for (const auto& e : *events) {
    if (e.type != "service_item.created" && e.type != "service_item.revised") continue;
    auto index = ledger::index_of_event(db, e.id);
    if (!index) return index.error();
    out.emplace_back(e.id, *index);
  }
  return out;
}

nlohmann::json version_json(const services::Version& v, const VersionEvents& events) {
  nlohmann::json j{{"version", v.version},
                   {"created_at", v.created_at},
                   {"guide", services::to_json(v.guide)},
                   {"event_id", nullptr},
                   {"ledger_index", nullptr}};
  if (v.version >= 1 && static_cast<std::size_t>(v.version) <= events.size()) {
    const auto& [event, index] = events[v.version - 1];
    j["event_id"] = event;
    if (index) j["ledger_index"] = *index;
  }
  return j;
}

}  // namespace

void add_services_routes(Api& api) {
  api.add(Route::public_cached("/api/v1/service-items", [](Call& c) -> Result<Response> {
    auto q = item_query(c);
    if (!q) return q.error();
    auto page = c.query_number("page", 1, 1, 100000);
    auto page_size = c.query_number("page_size", 50, 1, 200);
    if (!page) return page.error();
    if (!page_size) return page_size.error();
    auto after = read_code_cursor(c, 64);
    if (!after) return after.error();
    q->after_code = *after;
    q->page = static_cast<int>(*page);
    q->page_size = static_cast<int>(*page_size);
    auto result = services::list_items(c.app.db, *q);
    if (!result) return result.error();
    auto items = nlohmann::json::array();
    for (const auto& i : result->items) items.push_back(services::to_json(i));
    nlohmann::json out{
        {"items", items}, {"total", result->total}, {"page", q->page}, {"page_size", q->page_size}};
    out["next_cursor"] = static_cast<int>(result->items.size()) == q->page_size
                             ? nlohmann::json(result->items.back().item_code)
                             : nlohmann::json(nullptr);
    return Response::json(200, out);
  }));
  api.add(
      {"POST", "/api/v1/attachments", Permission::service_write, body_organ_target,
       [](Call& c) -> Result<Response> {
         auto body = c.json();
         if (!body) return body.error();
         JsonInput in(*body);
         auto department = in.optional_id("department_id");
         auto region = in.optional_id("region_id");
         bool private_file = in.flag("private", false);
         std::string name = in.text("file_name", 128);
         std::string bytes = file_content(in, kMaxAttachmentBase64);
         if (auto e = in.error()) return *e;
         // The organ that will use the file: a department, or a region's government (for its publications
         // and replies).
         if (!department == !region)
           return Error::invalid("field.required", "须指明且只指明一个机关：department_id 或 region_id",
                                 "department_id");
         std::string owner;
         if (department) {
           if (!org::get_department(c.app.db, *department))
             return Error::invalid("department.not_found", "部门不存在", "department_id");
           owner = "department:" + std::to_string(*department);
         } else {
           if (!org::get_region(c.app.db, *region))
             return Error::invalid("region.not_found", "行政区划不存在", "region_id");
           owner = "region:" + std::to_string(*region);
         }
         auto a = run_command(c.app.db, c.actor(), [&](Command& cmd) {
           return services::upload_attachment(cmd, owner, name, bytes, private_file);
         });
         if (!a) return a.error();
         return Response::json(
             201,
             {{"sha256", a->sha256}, {"file_name", name}, {"media_type", a->media_type}, {"size", a->size}});
       },
       kMaxAttachmentBase64 + 4096});
  // Content-addressed, so the answer never changes: browsers and proxies may keep it for good. Not in the
  // response cache, which is for small answers.
  api.add({"GET", "/api/v1/attachments/{sha256}", Permission::public_read, nullptr,
           [](Call& c) -> Result<Response> {
             const std::string& hash = c.params.at("sha256");
             if (hash.size() != 64) return Error::not_found("attachment.not_found", "找不到该附件");
             auto found = services::read_attachment(c.app.db, hash);
             if (!found) return found.error();
             auto name = c.query_text("name", 128);
             if (!name) return name.error();
             Response r;
             r.content_type = found->first.media_type;
             r.body = std::move(found->second);
             // The file name a guide gives it, percent-encoded for non-ASCII names (RFC 6266, RFC 5987).
             std::string encoded;
             for (unsigned char ch : name->value_or("attachment")) {
               if (std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_')
                 encoded += static_cast<char>(ch);
               else
                 encoded += fmt::format("%{:02X}", ch);
             }
             r.headers.emplace_back("Content-Disposition", "attachment; filename*=UTF-8''" + encoded);
             r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
             return r;
           }});
  // Before /service-items/{id}, which would otherwise take "export" for an id.
  api.add(Route::public_cached("/api/v1/service-items/export", [](Call& c) -> Result<Response> {
    auto format = c.query_choice("format", {"csv", "xlsx"});
    if (!format) return format.error();
    auto q = item_query(c);
    if (!q) return q.error();
    auto rows = services::export_items(c.app.db, *q);
    if (!rows) return rows.error();
    Response r;
    if (format->value_or("xlsx") == "csv") {
      r.content_type = "text/csv; charset=utf-8";
      r.body = write_csv(*rows);
    } else {
      auto bytes = write_xlsx(*rows, "政务服务事项");
      if (!bytes) return bytes.error();
      r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      r.body = std::move(*bytes);
    }
    r.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"service-items.{}\"",
                                                              format->value_or("xlsx")));
    return r;
  }));
  api.add(Route::public_cached("/api/v1/life-events", [](Call& c) -> Result<Response> {
    auto counts = services::count_life_events(c.app.db);
    if (!counts) return counts.error();
    auto items = nlohmann::json::array();
    for (const auto& [name, count] : *counts) items.push_back({{"name", name}, {"items", count}});
    return Response::json(200, {{"items", items}});
  }));
  api.add(Route::public_cached("/api/v1/service-items/{id}", [](Call& c) -> Result<Response> {
    auto id = c.id("id", "service_item");
    if (!id) return id.error();
    auto item = services::get_item(c.app.db, *id);
    if (!item) return item.error();
    return Response::json(200, services::to_json(*item));
  }));
  api.add(Route::public_cached("/api/v1/service-items/{id}/versions", [](Call& c) -> Result<Response> {
    auto id = c.id("id", "service_item");
    if (!id) return id.error();
    auto versions = services::list_versions(c.app.db, *id);
    if (!versions) return versions.error();
    auto events = version_events(c.app.db, *id);
    if (!events) return events.error();
    auto items = nlohmann::json::array();
    for (const auto& v : *versions) items.push_back(version_json(v, *events));
    return Response::json(200, {{"items", items}});
  }));
  api.add(
      Route::public_cached("/api/v1/service-items/{id}/versions/{version}", [](Call& c) -> Result<Response> {
        auto id = c.id("id", "service_item");
        if (!id) return id.error();
        auto version = c.id("version", "service_item");
        if (!version || *version > 1000000) return Error::not_found("service_item.not_found", "找不到该版本");
        auto v = services::get_version(c.app.db, *id, static_cast<int>(*version));
        if (!v) return v.error();
        auto events = version_events(c.app.db, *id);
        if (!events) return events.error();
        return Response::json(200, version_json(*v, *events));
      }));
  api.add({"POST", "/api/v1/service-items", Permission::service_write, body_target,
           [](Call& c) -> Result<Response> {
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             services::ItemInput item;
             item.item_code = in.text("item_code", 64);
             item.department_id = in.id("department_id");
             item.region_id = in.id("region_id");
             item.level = in.choice("level", services::item_levels());
             auto guide = read_guide(in);
             if (auto e = in.error()) return *e;
             if (!guide) return guide.error();
             item.guide = std::move(guide).value();
             auto created = run_command(c.app.db, c.actor(),
                                        [&](Command& cmd) { return services::create_item(cmd, item); });
             if (!created) return created.error();
             return Response::json(201, services::to_json(*created));
           }});
  // Each row may name any department and region: only an admin of the whole county may import.
  Route import_route{
      "POST", "/api/v1/service-items/import", Permission::service_write, nullptr,
      [](Call& c) -> Result<Response> {
        auto body = c.json();
        if (!body) return body.error();
        JsonInput in(*body);
        in.optional_text("file_name", 128);
        std::string bytes = file_content(in, kMaxSheetBase64);
        bool dry_run = in.flag("dry_run", false);
        if (auto e = in.error()) return *e;
        auto sheet = read_sheet(bytes);
        if (!sheet) return sheet.error();
        auto r = services::import_items(c.app.db, c.actor(), *sheet, dry_run);
        if (!r) return r.error();
        nlohmann::json report{{"created", r->created},     {"revised", r->revised},
                              {"unchanged", r->unchanged}, {"applied", r->applied},
                              {"dry_run", dry_run},        {"problems", nlohmann::json::array()}};
        for (const auto& p : r->problems)
          report["problems"].push_back({{"line", p.line}, {"column", p.column}, {"message", p.message}});
        if (r->problems.empty()) return Response::json(200, report);
        report["error"] = {{"code", "service_item.bad_rows"},
                           {"message", fmt::format("表格有 {} 处问题，未导入任何事项", r->problems.size())},
                           {"field", "content_base64"}};
        return Response::json(422, report);
      }};
  import_route.max_body = kMaxSheetBase64 + 4096;
  api.add(std::move(import_route));
  api.add({"PUT", "/api/v1/service-items/{id}", Permission::service_write, item_target,
           [](Call& c) -> Result<Response> {
             auto id = c.id("id", "service_item");
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             int version = static_cast<int>(in.integer("version", 1, 1000000));
             auto guide = read_guide(in);
             if (auto e = in.error()) return *e;
             if (!guide) return guide.error();
             auto revised = run_command(c.app.db, c.actor(), [&](Command& cmd) {
               return services::revise_item(cmd, *id, version, *guide);
             });
             if (!revised) return revised.error();
             return Response::json(200, services::to_json(*revised));
           }});
}

}  // namespace fishbowl::http
