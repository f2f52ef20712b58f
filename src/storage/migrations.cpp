#include "storage/migrations.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <utility>

#include "core/clock.h"
#include "core/embedded.h"
#include "storage/dialect.h"

namespace fishbowl {

namespace {

std::map<std::string, MigrationFunctions>& migration_functions() {
  static std::map<std::string, MigrationFunctions> functions;
  return functions;
}

std::map<std::pair<std::string, int>, MigrationStep>& migration_steps() {
  static std::map<std::pair<std::string, int>, MigrationStep> steps;
  return steps;
}

}  // namespace

void add_migration_step(const std::string& module, int version, MigrationStep step) {
  migration_steps()[{module, version}] = step;
}

void add_migration_functions(const std::string& module, MigrationFunctions install) {
  migration_functions()[module] = install;
}

std::vector<Migration> embedded_migrations(const std::string& module, Backend backend) {
  const std::string prefix = "src/" + module + "/migrations/";
  const std::string mine = backend == Backend::sqlite ? ".sqlite.sql" : ".postgresql.sql";
  const std::string other = backend == Backend::sqlite ? ".postgresql.sql" : ".sqlite.sql";
  std::map<int, Migration> by_version;
  for (const auto& f : embedded_files()) {
    std::string name(f.name);
    if (name.rfind(prefix, 0) != 0) continue;
    std::string file = name.substr(prefix.size());
    auto ends_with = [&](const std::string& suffix) {
      return file.size() > suffix.size() &&
             file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (ends_with(other)) continue;
    std::string stem =
        ends_with(mine) ? file.substr(0, file.size() - mine.size()) : file.substr(0, file.size() - 4);
    Migration m{module, std::stoi(stem.substr(0, 4)), stem.substr(5),
                apply_dialect(std::string(f.bytes), backend)};
    by_version[m.version] = std::move(m);
  }
  std::vector<Migration> out;
  for (auto& [v, m] : by_version) out.push_back(std::move(m));
  return out;
}

Result<int> migrate(Database& db, const std::vector<std::string>& modules) {
  auto created = db.write([&](soci::session& sql) -> Status {
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, "
           "name TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (module, version))";
    return ok_status();
  });
  if (!created) return created.error();
  int applied = 0;
  for (const auto& module : modules) {
    for (const auto& m : embedded_migrations(module, db.backend())) {
      auto r = db.write([&](soci::session& sql) -> Result<bool> {
        if (db.backend() == Backend::postgresql) {
          // Several servers may start at once on one PostgreSQL: one migrates, the others wait and then skip.
          int locked = 0;
          sql << "SELECT 1 FROM (SELECT pg_advisory_xact_lock(7411)) AS l", soci::into(locked);
        }
        int count = 0;
        sql << "SELECT COUNT(*) FROM schema_migrations WHERE module = :m AND version = :v", soci::into(count),
            soci::use(m.module), soci::use(m.version);
        if (count > 0) return false;
        // Said before, too: re-feeding a large index takes minutes, during which the server does not serve.
        spdlog::info("migration: applying {} {:04d} {}", m.module, m.version, m.name);
        auto functions = migration_functions().find(m.module);
        if (db.backend() == Backend::sqlite && functions != migration_functions().end())
          functions->second(sql);
        Database::exec_script(sql, db.backend(), m.sql);
        auto step = migration_steps().find({m.module, m.version});
        if (step != migration_steps().end()) step->second(sql, db.backend());
        std::string now = now_utc();
        sql << "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (:m, :v, :n, :t)",
            soci::use(m.module), soci::use(m.version), soci::use(m.name), soci::use(now);
        return true;
      });
      if (!r) return r.error();
      if (*r) {
        spdlog::info("migration applied: {} {:04d} {}", m.module, m.version, m.name);
        ++applied;
      }
    }
  }
  return applied;
}

}  // namespace fishbowl
