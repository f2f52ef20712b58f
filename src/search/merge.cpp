#include "search/merge.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include "storage/sqlite_backend.h"

namespace fishbowl::search {

namespace {

// Pages of merged index written per step: a few tens of milliseconds of the writer's time.
constexpr int kPagesPerStep = 500;

}  // namespace

Result<int> merge_index(Database& db, const std::function<bool()>& stop) {
  if (db.backend() != Backend::sqlite) return 0;
  int steps = 0;
  while (!stop()) {
    auto merged = db.write([](soci::session& sql) -> Result<bool> {
      auto* conn = sqlite_connection(sql);
      int before = sqlite_api::sqlite3_total_changes(conn);
      // A negative page count merges every segment, whatever its level, down to one; FTS5 counts two changes
      // or more when the step found something to merge.
      sql << "INSERT INTO search_fts (search_fts, rank) VALUES ('merge', " + std::to_string(-kPagesPerStep) +
                 ")";
      return sqlite_api::sqlite3_total_changes(conn) - before >= 2;
    });
    if (!merged) return merged.error();
    if (!*merged) break;
    ++steps;
  }
  return steps;
}

}  // namespace fishbowl::search
