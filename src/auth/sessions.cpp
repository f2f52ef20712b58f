#include <chrono>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "storage/row.h"

namespace fishbowl::auth {

namespace {

std::string token_hash(std::string_view token) {
  return to_hex(sha256(token));
}

// Verified against when a login does not exist, so an unknown login costs the same time as a wrong password.
const std::string& dummy_hash() {
  static const std::string h = hash_password("fishbowl-timing-equaliser");
  return h;
}

int role_rank(const std::string& role) {
  if (role == "admin") return 5;
  if (role == "supervisor") return 4;
  if (role == "staff") return 3;
  if (role == "agent") return 2;
  return 1;
}

}  // namespace

Actor Principal::actor() const {
  std::string best = "citizen";
  for (const auto& g : account.roles)
    if (role_rank(g.role) > role_rank(best)) best = g.role;
  return Actor{account.id, best};
}

Result<NewSession> login(Database& db, const std::string& login_name, const std::string& password,
                         int ttl_hours) {
  auto creds = db.read([&](soci::session& sql) -> Result<std::pair<long long, std::string>> {
    long long id = 0, disabled = 0;
    std::string hash;
    sql << "SELECT id, password_hash, disabled FROM accounts WHERE login = :l", soci::use(login_name),
        soci::into(id), soci::into(hash), soci::into(disabled);
    if (!sql.got_data() || disabled) return std::make_pair(0LL, std::string());
    return std::make_pair(id, hash);
  });
  if (!creds) return creds.error();
  auto [account_id, hash] = creds.value();
  bool match = verify_password(account_id ? hash : dummy_hash(), password);
  if (!account_id || !match) return Error::unauthenticated("auth.invalid_credentials", "登录名或密码不正确");

  NewSession s;
  s.token = base64url(random_bytes(32));
  s.csrf_token = base64url(random_bytes(32));
  s.expires_at = format_utc(std::chrono::system_clock::now() + std::chrono::hours(ttl_hours));
  auto account = get_account(db, account_id);
  if (!account) return account.error();
  s.account = account.value();
  Actor actor{account_id, Principal{s.account, "", ""}.actor().role};
  auto stored = run_command(db, actor, [&](Command& cmd) -> Status {
    std::string hashed = token_hash(s.token);
    cmd.sql() << "DELETE FROM sessions WHERE expires_at < :now", soci::use(cmd.now());
    cmd.sql() << "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, expires_at) "
                 "VALUES (:h, :a, :c, :t, :e)",
        soci::use(hashed), soci::use(account_id), soci::use(s.csrf_token), soci::use(cmd.now()),
        soci::use(s.expires_at);
    cmd.record("session.started", "region:0", "account:" + std::to_string(account_id),
               {{"account_id", account_id}, {"expires_at", s.expires_at}});
    return ok_status();
  });
  if (!stored) return stored.error();
  return s;
}

Status logout(Database& db, const Principal& p) {
  return run_command(db, p.actor(), [&](Command& cmd) -> Status {
    cmd.sql() << "DELETE FROM sessions WHERE token_hash = :h", soci::use(p.token_hash);
    cmd.record("session.ended", "region:0", "account:" + std::to_string(p.account.id),
               {{"account_id", p.account.id}});
    return ok_status();
  });
}

std::optional<Principal> authenticate(Database& db, std::string_view token) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  std::string hashed = token_hash(token);
  std::string now = now_utc();
  auto found = db.read([&](soci::session& sql) -> Result<std::optional<Principal>> {
    long long account_id = 0, disabled = 0;
    std::string csrf;
    sql << "SELECT s.account_id, s.csrf_token, a.disabled FROM sessions s JOIN accounts a ON a.id = "
           "s.account_id "
           "WHERE s.token_hash = :h AND s.expires_at > :now",
        soci::use(hashed), soci::use(now), soci::into(account_id), soci::into(csrf), soci::into(disabled);
    if (!sql.got_data() || disabled) return std::optional<Principal>();
    return std::optional<Principal>(Principal{Account{account_id, "", "", false, {}}, csrf, hashed});
  });
  if (!found || !found.value()) return std::nullopt;
  auto account = get_account(db, found.value()->account.id);
  if (!account) return std::nullopt;
  Principal p = *found.value();
  p.account = std::move(account.value());
  return p;
}

}  // namespace fishbowl::auth
