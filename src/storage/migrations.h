#pragma once
// Numbered schema migrations. Each module owns its migrations as files embedded in the binary:
//   src/<module>/migrations/<NNNN>_<name>.sql              one text for both backends
//   src/<module>/migrations/<NNNN>_<name>.sqlite.sql       and <NNNN>_<name>.postgresql.sql where they differ
// A migration is applied once, in its own transaction, and recorded in schema_migrations (module, version).
#include <string>
#include <vector>

#include "storage/database.h"

namespace fishbowl {

struct Migration {
  std::string module;
  int version = 0;
  std::string name;
  std::string sql;  // for the backend at hand
};

// SQL functions that a module's SQLite migrations call, set up on the connection before each of them runs: a
// migration that rebuilds an index from stored text needs the module's own tokenizer. Registered before
// migrate() runs (app/modules.cpp does it for the platform's modules).
using MigrationFunctions = void (*)(soci::session& sql);
void add_migration_functions(const std::string& module, MigrationFunctions install);

// C++ that one migration runs after its script, in the same transaction, on either backend: re-tokenizing
// stored text, which PostgreSQL cannot do in SQL. Registered like the functions above.
using MigrationStep = void (*)(soci::session& sql, Backend backend);
void add_migration_step(const std::string& module, int version, MigrationStep step);

// The embedded migrations of one module for a backend, ordered by version.
std::vector<Migration> embedded_migrations(const std::string& module, Backend backend);

// Applies what is missing, module by module in the order given (a module may reference earlier modules'
// tables). Returns the number applied.
Result<int> migrate(Database& db, const std::vector<std::string>& modules);

}  // namespace fishbowl
