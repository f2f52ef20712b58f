// Routes of accounts and sessions: login, logout, who am I, and account administration.
#include <fmt/format.h>

#include "core/json_input.h"
#include "http/api.h"
#include "org/org.h"

namespace fishbowl::http {

namespace {

using auth::Permission;
using auth::Target;

std::string session_cookie(const Config& config, const std::string& value, int max_age) {
  return fmt::format("fishbowl_session={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", value, max_age,
                     config.secure_cookies ? "; Secure" : "");
}

nlohmann::json session_json(const auth::Account& account, const std::string& csrf,
                            const std::string& expires) {
  return {{"account", auth::to_json(account)}, {"csrf_token", csrf}, {"expires_at", expires}};
}

std::optional<auth::GrantInput> read_grant(JsonInput& in) {
  if (!in.has("role")) {
    in.raw("role");
    in.raw("region_id");
    in.raw("department_id");
    return std::nullopt;
  }
  return auth::GrantInput{in.choice("role", auth::roles()), in.optional_id("region_id"),
                          in.optional_id("department_id")};
}

// Where a grant lands. Supervisors and citizens are deployment-wide, so only a county-level admin grants
// them.
Result<Target> grant_target(Database& db, const auth::GrantInput& g) {
  if (g.role == "supervisor" || g.role == "citizen") return Target::everything();
  return db.read([&](soci::session& sql) -> Result<Target> {
    auto resolved = auth::resolve_grant(sql, g);
    if (!resolved) return Target::everything();  // the handler reports what is wrong with it
    return Target{resolved->scope_path, resolved->department_id};
  });
}

Result<Target> body_grant_target(Call& c) {
  auto body = c.json();
  if (!body) return body.error();
  JsonInput in(*body);
  auth::GrantInput g{in.optional_choice("role", auth::roles()).value_or(""), std::nullopt, std::nullopt};
  if (body->contains("region_id") && (*body)["region_id"].is_number_integer())
    g.region_id = (*body)["region_id"].get<long long>();
  if (body->contains("department_id") && (*body)["department_id"].is_number_integer())
    g.department_id = (*body)["department_id"].get<long long>();
  if (g.role.empty()) return Target::everything();
  return grant_target(c.app.db, g);
}

Result<std::string> org_region_path(Database& db, long long region_id) {
  auto r = org::get_region(db, region_id);
  if (!r) return r.error();
  return r->path;
}

}  // namespace

void add_auth_routes(Api& api) {
  Route login{
      "POST", "/api/v1/auth/login", Permission::public_read, nullptr, [](Call& c) -> Result<Response> {
        auto body = c.json();
        if (!body) return body.error();
        JsonInput in(*body);
        std::string name = in.text("login", 64);
        const auto* pw = in.raw("password");
        if (!pw || !pw->is_string() || pw->get<std::string>().empty() || pw->get<std::string>().size() > 1024)
          in.fail(Error::invalid("field.required", "请输入密码", "password"));
        if (auto e = in.error()) return *e;
        auto s = auth::login(c.app.db, name, pw->get<std::string>(), c.app.config.session_hours);
        if (!s) return s.error();
        Response r = Response::json(200, session_json(s->account, s->csrf_token, s->expires_at));
        r.headers.emplace_back("Set-Cookie",
                               session_cookie(c.app.config, s->token, c.app.config.session_hours * 3600));
        return r;
      }};
  login.rate = RateClass::login;
  api.add(std::move(login));
  api.add({"POST", "/api/v1/auth/logout", Permission::signed_in, nullptr, [](Call& c) -> Result<Response> {
             if (auto s = auth::logout(c.app.db, *c.principal); !s) return s.error();
             Response r = Response::no_content();
             r.headers.emplace_back("Set-Cookie", session_cookie(c.app.config, "", 0));
             return r;
           }});
  api.add({"GET", "/api/v1/auth/me", Permission::signed_in, nullptr, [](Call& c) -> Result<Response> {
             return Response::json(200, session_json(c.principal->account, c.principal->csrf_token, ""));
           }});

  api.add({"GET", "/api/v1/accounts", Permission::account_read,
           [](Call& c) -> Result<Target> {
             auto region = c.query_id("region_id");
             if (!region) return region.error();
             if (!*region) return Target::everything();
             auto r = org_region_path(c.app.db, **region);
             if (!r) return r.error();
             return Target{*r, std::nullopt};
           },
           [](Call& c) -> Result<Response> {
             auto region = c.query_id("region_id");
             std::string path;
             if (*region) path = org_region_path(c.app.db, **region).value();
             auto list = auth::list_accounts(c.app.db, path);
             if (!list) return list.error();
             auto items = nlohmann::json::array();
             for (const auto& a : *list) items.push_back(auth::to_json(a));
             return Response::json(200, {{"items", items}});
           }});
  api.add({"POST", "/api/v1/accounts", Permission::account_write, body_grant_target,
           [](Call& c) -> Result<Response> {
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             auth::AccountInput a{in.text("login", 64), in.text("display_name", 64), "", read_grant(in), {}};
             const auto* pw = in.raw("password");
             if (!pw || !pw->is_string())
               in.fail(Error::invalid("field.required", "缺少必填字段 password", "password"));
             if (auto e = in.error()) return *e;
             a.password = pw->get<std::string>();
             auto r =
                 run_command(c.app.db, c.actor(), [&](Command& cmd) { return auth::create_account(cmd, a); });
             if (!r) return r.error();
             return Response::json(201, auth::to_json(*r));
           }});
  api.add(
      {"GET", "/api/v1/accounts/{id}", Permission::account_read, nullptr, [](Call& c) -> Result<Response> {
         auto id = c.id("id", "account");
         if (!id) return id.error();
         auto a = auth::get_account(c.app.db, *id);
         if (!a) return a.error();
         return Response::json(200, auth::to_json(*a));
       }});
  api.add({"POST", "/api/v1/accounts/{id}/roles", Permission::account_write, body_grant_target,
           [](Call& c) -> Result<Response> {
             auto id = c.id("id", "account");
             if (!id) return id.error();
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             auth::GrantInput g{in.choice("role", auth::roles()), in.optional_id("region_id"),
                                in.optional_id("department_id")};
             if (auto e = in.error()) return *e;
             auto r = run_command(c.app.db, c.actor(),
                                  [&](Command& cmd) { return auth::grant_role(cmd, *id, g); });
             if (!r) return r.error();
             return Response::json(201, auth::to_json(*r));
           }});
  api.add({"DELETE", "/api/v1/accounts/{id}/roles/{role_id}", Permission::account_write,
           [](Call& c) -> Result<Target> {
             auto id = c.id("id", "account");
             auto role_id = c.id("role_id", "role");
             if (!id) return id.error();
             if (!role_id) return role_id.error();
             auto a = auth::get_account(c.app.db, *id);
             if (!a) return a.error();
             for (const auto& g : a->roles)
               if (g.id == *role_id)
                 return grant_target(c.app.db, auth::GrantInput{g.role, g.region_id, g.department_id});
             return Error::not_found("role.not_found", "该账号没有这个角色");
           },
           [](Call& c) -> Result<Response> {
             auto id = c.id("id", "account");
             auto role_id = c.id("role_id", "role");
             auto r = run_command(c.app.db, c.actor(),
                                  [&](Command& cmd) { return auth::revoke_role(cmd, *id, *role_id); });
             if (!r) return r.error();
             return Response::no_content();
           }});
}

}  // namespace fishbowl::http
