#include "app/open_db.h"

#include "app/modules.h"
#include "storage/migrations.h"

namespace fishbowl {

Result<std::unique_ptr<Database>> open_migrated(const std::string& url, std::size_t pool_size) {
  auto db = Database::open(url, pool_size);
  if (!db) return db.error();
  auto applied = migrate(**db, platform_modules());
  if (!applied) return applied.error();
  return db;
}

}  // namespace fishbowl
