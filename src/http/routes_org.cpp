// Routes of the organisation: the region tree, departments, service points and windows.
#include "core/json_input.h"
#include "http/api.h"
#include "org/org.h"

namespace fishbowl::http {

namespace {

using auth::Permission;
using auth::Target;

template <class T>
nlohmann::json json_list(const std::vector<T>& items) {
  auto a = nlohmann::json::array();
  for (const auto& i : items) a.push_back(org::to_json(i));
  return a;
}

Result<Target> region_target(Database& db, long long region_id) {
  auto r = org::get_region(db, region_id);
  if (!r) return r.error();
  return Target{r->path, std::nullopt};
}

Result<Target> department_target(Database& db, long long department_id) {
  auto d = org::get_department(db, department_id);
  if (!d) return d.error();
  auto t = region_target(db, d->region_id);
  if (t) t->department_id = d->id;
  return t;
}

// For creations: the scope is the parent object named in the body. A missing or unknown parent leaves the
// decision to the body's validation, but only a county-level admin may get that far.
Result<Target> body_region_target(Call& c, const char* field) {
  auto body = c.json();
  if (!body) return body.error();
  const auto& v = (*body)[field];
  if (v.is_number_integer() && v.get<long long>() > 0) {
    auto t = region_target(c.app.db, v.get<long long>());
    if (t || t.error().kind != ErrorKind::not_found) return t;
  }
  return Target::everything();
}

Result<Target> point_target(Database& db, long long point_id) {
  auto p = org::get_service_point(db, point_id);
  if (!p) return p.error();
  return region_target(db, p->region_id);
}

template <class T>
Result<Response> created(const Result<T>& r) {
  if (!r) return r.error();
  return Response::json(201, org::to_json(r.value()));
}

template <class T>
Result<Response> updated(const Result<T>& r) {
  if (!r) return r.error();
  return Response::json(200, org::to_json(r.value()));
}

std::optional<std::vector<org::OpeningPeriod>> read_hours(JsonInput& in) {
  const auto* raw = in.raw("hours");
  if (!raw) return std::nullopt;
  auto hours = org::parse_hours(*raw, "hours");
  if (!hours) {
    in.fail(hours.error());
    return std::nullopt;
  }
  return hours.value();
}

}  // namespace

void add_org_routes(Api& api) {
  api.add(Route::public_cached("/api/v1/regions", [](Call& c) -> Result<Response> {
    auto parent = c.query_id("parent_id");
    if (!parent) return parent.error();
    auto regions = org::list_regions(c.app.db, *parent);
    if (!regions) return regions.error();
    return Response::json(200, {{"items", json_list(*regions)}});
  }));
  api.add(Route::public_cached("/api/v1/regions/{id}", [](Call& c) -> Result<Response> {
    auto id = c.id("id", "region");
    if (!id) return id.error();
    auto region = org::get_region(c.app.db, *id);
    if (!region) return region.error();
    auto ancestors = org::region_ancestors(c.app.db, *region);
    auto children = org::list_regions(c.app.db, *id);
    auto departments = org::list_departments(c.app.db, *id);
    auto points = org::list_service_points(c.app.db, *id);
    if (!ancestors) return ancestors.error();
    if (!children) return children.error();
    if (!departments) return departments.error();
    if (!points) return points.error();
    auto body = org::to_json(*region);
    body["ancestors"] = json_list(*ancestors);
    body["children"] = json_list(*children);
    body["departments"] = json_list(*departments);
    body["service_points"] = json_list(*points);
    return Response::json(200, body);
  }));
  api.add({"POST", "/api/v1/regions", Permission::org_write,
           [](Call& c) -> Result<Target> {
             auto body = c.json();
             if (!body) return body.error();
             // A new county (no parent) needs an admin over the whole deployment.
             if (!body->contains("parent_id") || (*body)["parent_id"].is_null()) return Target::everything();
             return body_region_target(c, "parent_id");
           },
           [](Call& c) -> Result<Response> {
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             org::RegionInput r{in.optional_id("parent_id"), in.choice("kind", org::region_kinds()),
                                in.text("code", 12), in.text("name", 64)};
             if (auto e = in.error()) return *e;
             return created(
                 run_command(c.app.db, c.actor(), [&](Command& cmd) { return org::create_region(cmd, r); }));
           }});
  api.add({"PATCH", "/api/v1/regions/{id}", Permission::org_write,
           [](Call& c) -> Result<Target> {
             auto id = c.id("id", "region");
             if (!id) return id.error();
             return region_target(c.app.db, *id);
           },
           [](Call& c) -> Result<Response> {
             auto id = c.id("id", "region");
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             org::RegionChanges ch{in.optional_text("name", 64), in.optional_text("code", 12),
                                   in.optional_choice("kind", org::region_kinds())};
             if (auto e = in.error()) return *e;
             return updated(run_command(c.app.db, c.actor(),
                                        [&](Command& cmd) { return org::update_region(cmd, *id, ch); }));
           }});

  api.add(Route::public_cached("/api/v1/departments", [](Call& c) -> Result<Response> {
    auto region = c.query_id("region_id");
    if (!region) return region.error();
    auto list = org::list_departments(c.app.db, *region);
    if (!list) return list.error();
    return Response::json(200, {{"items", json_list(*list)}});
  }));
  api.add(Route::public_cached("/api/v1/departments/{id}", [](Call& c) -> Result<Response> {
    auto id = c.id("id", "department");
    if (!id) return id.error();
    auto d = org::get_department(c.app.db, *id);
    if (!d) return d.error();
    return Response::json(200, org::to_json(*d));
  }));
  api.add({"POST", "/api/v1/departments", Permission::org_write,
           [](Call& c) { return body_region_target(c, "region_id"); },
           [](Call& c) -> Result<Response> {
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             org::DepartmentInput d{in.id("region_id"), in.text("code", 32), in.text("name", 64),
                                    in.optional_text("phone", 32).value_or("")};
             if (auto e = in.error()) return *e;
             return created(run_command(c.app.db, c.actor(),
                                        [&](Command& cmd) { return org::create_department(cmd, d); }));
           }});
  api.add({"PATCH", "/api/v1/departments/{id}", Permission::org_write,
           [](Call& c) -> Result<Target> {
             auto id = c.id("id", "department");
             if (!id) return id.error();
             return department_target(c.app.db, *id);
           },
           [](Call& c) -> Result<Response> {
             auto id = c.id("id", "department");
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             org::DepartmentChanges ch{in.optional_text("name", 64), in.optional_text("phone", 32)};
             if (auto e = in.error()) return *e;
             return updated(run_command(c.app.db, c.actor(),
                                        [&](Command& cmd) { return org::update_department(cmd, *id, ch); }));
           }});

  api.add(Route::public_cached("/api/v1/service-points", [](Call& c) -> Result<Response> {
    auto region = c.query_id("region_id");
    if (!region) return region.error();
    auto list = org::list_service_points(c.app.db, *region);
    if (!list) return list.error();
    return Response::json(200, {{"items", json_list(*list)}});
  }));
  api.add(Route::public_cached("/api/v1/service-points/{id}", [](Call& c) -> Result<Response> {
    auto id = c.id("id", "service_point");
    if (!id) return id.error();
    auto p = org::get_service_point(c.app.db, *id);
    if (!p) return p.error();
    return Response::json(200, org::to_json(*p));
  }));
  api.add({"POST", "/api/v1/service-points", Permission::org_write,
           [](Call& c) { return body_region_target(c, "region_id"); },
           [](Call& c) -> Result<Response> {
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             org::ServicePointInput p{in.id("region_id"),
                                      in.choice("kind", org::service_point_kinds()),
                                      in.text("name", 64),
                                      in.optional_text("address", 128).value_or(""),
                                      in.optional_text("phone", 32).value_or(""),
                                      {}};
             p.hours = read_hours(in).value_or(std::vector<org::OpeningPeriod>{});
             if (auto e = in.error()) return *e;
             return created(run_command(c.app.db, c.actor(),
                                        [&](Command& cmd) { return org::create_service_point(cmd, p); }));
           }});
  api.add({"PATCH", "/api/v1/service-points/{id}", Permission::org_write,
           [](Call& c) -> Result<Target> {
             auto id = c.id("id", "service_point");
             if (!id) return id.error();
             return point_target(c.app.db, *id);
           },
           [](Call& c) -> Result<Response> {
             auto id = c.id("id", "service_point");
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             org::ServicePointChanges ch{in.optional_text("name", 64), in.optional_text("address", 128),
                                         in.optional_text("phone", 32), read_hours(in)};
             if (auto e = in.error()) return *e;
             return updated(run_command(
                 c.app.db, c.actor(), [&](Command& cmd) { return org::update_service_point(cmd, *id, ch); }));
           }});
  api.add({"POST", "/api/v1/service-points/{id}/windows", Permission::org_write,
           [](Call& c) -> Result<Target> {
             auto id = c.id("id", "service_point");
             if (!id) return id.error();
             return point_target(c.app.db, *id);
           },
           [](Call& c) -> Result<Response> {
             auto id = c.id("id", "service_point");
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             org::WindowInput w{*id, static_cast<int>(in.integer("number", 1, 999)), in.text("name", 64),
                                in.optional_id("department_id")};
             if (auto e = in.error()) return *e;
             return created(
                 run_command(c.app.db, c.actor(), [&](Command& cmd) { return org::create_window(cmd, w); }));
           }});
}

}  // namespace fishbowl::http
