#include "app/cli_user.h"

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "app/cli.h"
#include "app/open_db.h"
#include "auth/auth.h"
#include "org/org.h"

namespace fishbowl {

namespace {

struct ScopeArgs {
  std::string role;
  std::string region;      // id or division code
  std::string department;  // id or department code
};

void add_scope_options(CLI::App* cmd, ScopeArgs& s) {
  cmd->add_option("--role", s.role, "admin, staff, agent, supervisor or citizen")->required();
  cmd->add_option("--region", s.region, "scope: region id or division code");
  cmd->add_option("--department", s.department, "scope: department id or code");
}

// Turns --region/--department (an id or a code) into ids.
Result<auth::GrantInput> grant_of(Database& db, const ScopeArgs& s) {
  auth::GrantInput g{s.role, std::nullopt, std::nullopt};
  if (!s.region.empty()) {
    auto id = id_by_code(db, "regions", s.region);
    if (!id) return id.error();
    g.region_id = *id;
  }
  if (!s.department.empty()) {
    auto id = id_by_code(db, "departments", s.department);
    if (!id) return id.error();
    g.department_id = *id;
  }
  return g;
}

std::string describe(const auth::Account& a) {
  std::string roles;
  for (const auto& g : a.roles)
    roles += fmt::format("{}{}#{}@{}", roles.empty() ? "" : ", ", g.role, g.id,
                         g.scope_name.empty() ? "-" : g.scope_name);
  return fmt::format("{:>5}  {:<24} {}  [{}]{}", a.id, a.login, a.display_name, roles,
                     a.disabled ? " (停用)" : "");
}

}  // namespace

// What the user subcommands read from the command line; owned by the callbacks that use it.
struct UserArgs {
  std::string login, name, password;
  ScopeArgs scope;
};

void add_user_commands(CLI::App& app, const std::string& db_url, int& exit_code) {
  auto* user = app.add_subcommand("user", "Manage accounts and their roles");
  user->require_subcommand(1);
  auto args = std::make_shared<UserArgs>();

  auto* add =
      user->add_subcommand("add", "Create an account (password from --password or FISHBOWL_PASSWORD)");
  add->add_option("--login", args->login, "login name")->required();
  add->add_option("--name", args->name, "display name")->required();
  add->add_option("--password", args->password, "password")->envname("FISHBOWL_PASSWORD")->required();
  add->add_option("--role", args->scope.role, "first role");
  add->add_option("--region", args->scope.region, "scope: region id or division code");
  add->add_option("--department", args->scope.department, "scope: department id or code");
  add->callback([&, args] {
    auto db = open_migrated(db_url);
    if (!db) return void(exit_code = fail(db.error()));
    auth::AccountInput in{args->login, args->name, args->password, std::nullopt, {}};
    if (!args->scope.role.empty()) {
      auto g = grant_of(**db, args->scope);
      if (!g) return void(exit_code = fail(g.error()));
      in.grant = *g;
    }
    auto r = run_command(**db, Actor::system(), [&](Command& cmd) { return auth::create_account(cmd, in); });
    if (!r) return void(exit_code = fail(r.error()));
    std::cout << describe(*r) << "\n";
  });

  auto* list = user->add_subcommand("list", "List accounts and their roles");
  list->callback([&, args] {
    auto db = open_migrated(db_url);
    if (!db) return void(exit_code = fail(db.error()));
    auto accounts = auth::list_accounts(**db, "");
    if (!accounts) return void(exit_code = fail(accounts.error()));
    for (const auto& a : *accounts) std::cout << describe(a) << "\n";
  });

  auto* grant = user->add_subcommand("grant", "Give an account a role at a scope");
  grant->add_option("--login", args->login, "login name")->required();
  add_scope_options(grant, args->scope);
  grant->callback([&, args] {
    auto db = open_migrated(db_url);
    if (!db) return void(exit_code = fail(db.error()));
    auto a = auth::find_account_by_login(**db, args->login);
    if (!a) return void(exit_code = fail(a.error()));
    auto g = grant_of(**db, args->scope);
    if (!g) return void(exit_code = fail(g.error()));
    auto r =
        run_command(**db, Actor::system(), [&](Command& cmd) { return auth::grant_role(cmd, a->id, *g); });
    if (!r) return void(exit_code = fail(r.error()));
    std::cout << describe(auth::get_account(**db, a->id).value()) << "\n";
  });

  auto* revoke = user->add_subcommand("revoke", "Take a role at a scope away from an account");
  revoke->add_option("--login", args->login, "login name")->required();
  add_scope_options(revoke, args->scope);
  revoke->callback([&, args] {
    auto db = open_migrated(db_url);
    if (!db) return void(exit_code = fail(db.error()));
    auto a = auth::find_account_by_login(**db, args->login);
    if (!a) return void(exit_code = fail(a.error()));
    auto g = grant_of(**db, args->scope);
    if (!g) return void(exit_code = fail(g.error()));
    for (const auto& held : a->roles) {
      if (held.role != g->role || held.region_id != g->region_id || held.department_id != g->department_id)
        continue;
      auto r = run_command(**db, Actor::system(),
                           [&](Command& cmd) { return auth::revoke_role(cmd, a->id, held.id); });
      if (!r) return void(exit_code = fail(r.error()));
      std::cout << describe(auth::get_account(**db, a->id).value()) << "\n";
      return;
    }
    exit_code = fail(Error::not_found("role.not_found", "该账号没有这个角色和范围"));
  });
}

}  // namespace fishbowl
