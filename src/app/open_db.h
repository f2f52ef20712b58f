#pragma once
// Opening the database for a command: parse the URL, open the pool, apply missing migrations.
#include <memory>
#include <string>

#include "storage/database.h"

namespace fishbowl {

// The default when neither --db nor FISHBOWL_DB is given: zero configuration.
inline constexpr const char* kDefaultDb = "sqlite://./data/fishbowl.db";

Result<std::unique_ptr<Database>> open_migrated(const std::string& url, std::size_t pool_size = 4);

}  // namespace fishbowl
