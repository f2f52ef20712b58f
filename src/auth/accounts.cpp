#include <algorithm>

#include "auth/auth.h"
#include "storage/row.h"

namespace fishbowl::auth {

namespace {

std::vector<RoleGrant> grants_of(soci::session& sql, long long account_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT g.id, g.role, g.region_id, g.department_id, "
                      "COALESCE(r.path, dr.path, ''), COALESCE(r.name, d.name, '') "
                      "FROM account_roles g "
                      "LEFT JOIN regions r ON r.id = g.region_id "
                      "LEFT JOIN departments d ON d.id = g.department_id "
                      "LEFT JOIN regions dr ON dr.id = d.region_id "
                      "WHERE g.account_id = :a ORDER BY g.id",
       soci::use(account_id));
  std::vector<RoleGrant> out;
  for (const auto& r : rows)
    out.push_back(RoleGrant{int64_at(r, 0), text_at(r, 1), optional_int64_at(r, 2), optional_int64_at(r, 3),
                            text_at(r, 4), text_at(r, 5)});
  return out;
}

Result<Account> load_account(soci::session& sql, long long id) {
  soci::row r;
  sql << "SELECT id, login, display_name, disabled FROM accounts WHERE id = :id", soci::use(id),
      soci::into(r);
  if (!sql.got_data()) return Error::not_found("account.not_found", "找不到该账号");
  Account a{int64_at(r, 0), text_at(r, 1), text_at(r, 2), int64_at(r, 3) != 0, {}};
  a.roles = grants_of(sql, a.id);
  return a;
}

bool valid_login(const std::string& login) {
  return login.size() >= 3 && login.size() <= 64 &&
         login.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") == std::string::npos;
}

std::string subject_of(long long id) {
  return "account:" + std::to_string(id);
}

std::string scope_of(const RoleGrant& g) {
  if (g.department_id) return "department:" + std::to_string(*g.department_id);
  if (g.region_id) return "region:" + std::to_string(*g.region_id);
  return "region:0";
}

}  // namespace

const std::vector<std::string>& roles() {
  static const std::vector<std::string> r{"admin", "staff", "agent", "supervisor", "citizen"};
  return r;
}

Result<RoleGrant> resolve_grant(soci::session& sql, const GrantInput& in) {
  bool known = false;
  for (const auto& r : roles()) known = known || r == in.role;
  if (!known) return Error::invalid("role.invalid", "角色不存在", "role");
  RoleGrant g{0, in.role, in.region_id, in.department_id, "", ""};
  if (in.role == "citizen") {
    if (in.region_id || in.department_id)
      return Error::invalid("role.invalid_scope", "群众角色不绑定范围",
                            in.region_id ? "region_id" : "department_id");
    return g;
  }
  if (in.region_id.has_value() == in.department_id.has_value())
    return Error::invalid("role.invalid_scope", "角色必须绑定一个行政区划或一个部门", "region_id");
  soci::indicator ind = soci::i_null;
  std::string path, name;
  if (in.region_id) {
    sql << "SELECT path, name FROM regions WHERE id = :id", soci::use(*in.region_id), soci::into(path, ind),
        soci::into(name);
    if (!sql.got_data()) return Error::invalid("region.not_found", "行政区划不存在", "region_id");
  } else {
    sql << "SELECT r.path, d.name FROM departments d JOIN regions r ON r.id = d.region_id WHERE d.id = :id",
        soci::use(*in.department_id), soci::into(path, ind), soci::into(name);
    if (!sql.got_data()) return Error::invalid("department.not_found", "部门不存在", "department_id");
  }
  // Supervisors read everything, so the role exists only at county level: a town-scoped supervisor would be a
  // way for a town admin to hand out county-wide read access.
  if (in.role == "supervisor" && (in.department_id || std::count(path.begin(), path.end(), '/') != 2))
    return Error::invalid("role.invalid_scope", "监督员角色只能绑定县级区划", "region_id");
  g.scope_path = path;
  g.scope_name = name;
  return g;
}

Result<Account> create_account(Command& cmd, const AccountInput& in) {
  auto& sql = cmd.sql();
  if (!valid_login(in.login))
    return Error::invalid("account.invalid_login", "登录名应为 3 到 64 个小写字母、数字或 . _ -", "login");
  if (in.password_hash.empty())
    if (auto s = check_password_rules(in.password); !s) return s.error();
  long long taken = 0;
  sql << "SELECT COUNT(*) FROM accounts WHERE login = :l", soci::use(in.login), soci::into(taken);
  if (taken) return Error::conflict("account.duplicate_login", "登录名已被使用", "login");
  std::string hash = in.password_hash.empty() ? hash_password(in.password) : in.password_hash;
  long long id = 0;
  sql << "INSERT INTO accounts (login, display_name, password_hash, disabled, created_at) "
         "VALUES (:l, :n, :h, 0, :t) RETURNING id",
      soci::use(in.login), soci::use(in.display_name), soci::use(hash), soci::use(cmd.now()), soci::into(id);
  cmd.record("account.created", "region:0", subject_of(id), {{"id", id}, {"login", in.login}});
  if (in.grant) {
    auto g = grant_role(cmd, id, *in.grant);
    if (!g) return g.error();
  }
  return load_account(sql, id);
}

Result<RoleGrant> grant_role(Command& cmd, long long account_id, const GrantInput& in) {
  auto& sql = cmd.sql();
  auto account = load_account(sql, account_id);
  if (!account) return account.error();
  auto g = resolve_grant(sql, in);
  if (!g) return g.error();
  for (const auto& existing : account->roles)
    if (existing.role == g->role && existing.region_id == g->region_id &&
        existing.department_id == g->department_id)
      return Error::conflict("role.duplicate", "该账号已有此角色和范围", "role");
  long long region = g->region_id.value_or(0), dept = g->department_id.value_or(0);
  soci::indicator region_ind = g->region_id ? soci::i_ok : soci::i_null;
  soci::indicator dept_ind = g->department_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO account_roles (account_id, role, region_id, department_id, granted_at) "
         "VALUES (:a, :r, :reg, :d, :t) RETURNING id",
      soci::use(account_id), soci::use(g->role), soci::use(region, region_ind), soci::use(dept, dept_ind),
      soci::use(cmd.now()), soci::into(g->id);
  nlohmann::json payload = to_json(g.value());
  payload["account_id"] = account_id;
  cmd.record("account.granted", scope_of(g.value()), subject_of(account_id), payload);
  return g;
}

Result<RoleGrant> revoke_role(Command& cmd, long long account_id, long long grant_id) {
  auto& sql = cmd.sql();
  auto account = load_account(sql, account_id);
  if (!account) return account.error();
  for (const auto& g : account->roles) {
    if (g.id != grant_id) continue;
    sql << "DELETE FROM account_roles WHERE id = :id", soci::use(grant_id);
    nlohmann::json payload = to_json(g);
    payload["account_id"] = account_id;
    cmd.record("account.revoked", scope_of(g), subject_of(account_id), payload);
    return g;
  }
  return Error::not_found("role.not_found", "该账号没有这个角色");
}

Result<Account> get_account(Database& db, long long id) {
  return db.read([&](soci::session& sql) { return load_account(sql, id); });
}

Result<Account> find_account_by_login(Database& db, const std::string& login) {
  return db.read([&](soci::session& sql) -> Result<Account> {
    long long id = 0;
    sql << "SELECT id FROM accounts WHERE login = :l", soci::use(login), soci::into(id);
    if (!sql.got_data()) return Error::not_found("account.not_found", "找不到该账号");
    return load_account(sql, id);
  });
}

Result<std::vector<Account>> list_accounts(Database& db, const std::string& region_path) {
  return db.read([&](soci::session& sql) -> Result<std::vector<Account>> {
    std::vector<long long> ids;
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT id FROM accounts ORDER BY id");
    for (const auto& r : rows) ids.push_back(int64_at(r, 0));
    std::vector<Account> out;
    for (long long id : ids) {
      auto a = load_account(sql, id);
      if (!a) return a.error();
      bool inside = region_path.empty();
      for (const auto& g : a->roles) inside = inside || g.scope_path.rfind(region_path, 0) == 0;
      if (inside) out.push_back(std::move(a.value()));
    }
    return out;
  });
}

nlohmann::json to_json(const RoleGrant& g) {
  return {{"id", g.id},
          {"role", g.role},
          {"region_id", g.region_id ? nlohmann::json(*g.region_id) : nlohmann::json(nullptr)},
          {"department_id", g.department_id ? nlohmann::json(*g.department_id) : nlohmann::json(nullptr)},
          {"scope_name", g.scope_name}};
}

nlohmann::json to_json(const Account& a) {
  auto roles = nlohmann::json::array();
  for (const auto& g : a.roles) roles.push_back(to_json(g));
  return {{"id", a.id},
          {"login", a.login},
          {"display_name", a.display_name},
          {"disabled", a.disabled},
          {"roles", roles}};
}

}  // namespace fishbowl::auth
