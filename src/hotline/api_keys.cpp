// API keys of Open311 clients: issued and revoked by the county's admins, stored only as SHA-256 hashes.
#include "core/crypto.h"
#include "core/text.h"
#include "hotline/internal.h"
#include "hotline/open311.h"
#include "storage/row.h"

namespace fishbowl::hotline {

namespace {

#define KEY_COLUMNS \
  "SELECT id, name, key_prefix, created_at, revoked_at, created_by, revoked_by FROM open311_keys"

ApiKey key_from(const soci::row& r) {
  return {int64_at(r, 0), text_at(r, 1),           text_at(r, 2),          text_at(r, 3),
          text_at(r, 4),  optional_int64_at(r, 5), optional_int64_at(r, 6)};
}

std::optional<ApiKey> key_by_id(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << KEY_COLUMNS " WHERE id = :id", soci::use(id));
  for (const auto& r : rows) return key_from(r);
  return std::nullopt;
}

std::string hash_of(const std::string& secret) {
  return to_hex(sha256(secret));
}

}  // namespace

Result<IssuedKey> issue_api_key(Command& cmd, const std::string& name) {
  if (name.find_first_not_of(" \t\r\n") == std::string::npos)
    return Error::invalid("field.required", "请填写使用方名称", "name");
  if (utf8_length(name) > 64 || has_control_chars(name))
    return Error::invalid("field.too_long", "使用方名称至多 64 个字符", "name");
  // 192 random bits; the prefix marks what the text is when it turns up in a client's configuration.
  std::string secret = "o311_" + base64url(random_bytes(24));
  std::string hash = hash_of(secret), prefix = secret.substr(0, 10);
  soci::indicator by_ind = cmd.actor().account_id ? soci::i_ok : soci::i_null;
  long long by = cmd.actor().account_id.value_or(0);
  long long id = 0;
  cmd.sql()
      << "INSERT INTO open311_keys (name, key_hash, key_prefix, created_at, created_by) VALUES (:n, :h, "
         ":p, :t, :b) RETURNING id",
      soci::use(name), soci::use(hash), soci::use(prefix), soci::use(cmd.now()), soci::use(by, by_ind),
      soci::into(id);
  cmd.record("open311.key_issued", detail::county_scope(cmd.sql()), "open311_key:" + std::to_string(id),
             {{"name", name}, {"prefix", prefix}});
  auto key = key_by_id(cmd.sql(), id);
  return IssuedKey{*key, secret};
}

Result<ApiKey> revoke_api_key(Command& cmd, long long id) {
  auto key = key_by_id(cmd.sql(), id);
  if (!key) return Error::not_found("open311_key.not_found", "找不到该 API 密钥");
  if (!key->revoked_at.empty()) return Error::conflict("open311_key.revoked", "该 API 密钥已被吊销");
  soci::indicator by_ind = cmd.actor().account_id ? soci::i_ok : soci::i_null;
  long long by = cmd.actor().account_id.value_or(0);
  cmd.sql() << "UPDATE open311_keys SET revoked_at = :t, revoked_by = :b WHERE id = :id",
      soci::use(cmd.now()), soci::use(by, by_ind), soci::use(id);
  cmd.record("open311.key_revoked", detail::county_scope(cmd.sql()), "open311_key:" + std::to_string(id),
             {{"name", key->name}, {"prefix", key->prefix}});
  return *key_by_id(cmd.sql(), id);
}

Result<std::vector<ApiKey>> list_api_keys(Database& db) {
  return db.read([&](soci::session& sql) -> Result<std::vector<ApiKey>> {
    std::vector<ApiKey> out;
    soci::rowset<soci::row> rows = (sql.prepare << KEY_COLUMNS " ORDER BY id DESC");
    for (const auto& r : rows) out.push_back(key_from(r));
    return out;
  });
}

std::optional<long long> find_api_key(Database& db, const std::string& secret) {
  if (secret.empty() || secret.size() > 200) return std::nullopt;
  std::string hash = hash_of(secret);
  auto found = db.read([&](soci::session& sql) -> Result<std::optional<long long>> {
    long long id = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT id FROM open311_keys WHERE key_hash = :h AND revoked_at = ''", soci::use(hash),
        soci::into(id, ind);
    if (ind == soci::i_null) return std::optional<long long>{};
    return std::optional<long long>{id};
  });
  return found ? *found : std::nullopt;
}

}  // namespace fishbowl::hotline
