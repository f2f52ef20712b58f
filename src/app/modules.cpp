#include "app/modules.h"

#include "search/fts_columns.h"
#include "search/refeed.h"
#include "storage/migrations.h"

namespace fishbowl {

const std::vector<std::string>& platform_modules() {
  static const std::vector<std::string> modules = [] {
    // Search's migrations re-feed its index through the server's own tokenizer.
    add_migration_functions("search", search::install_migration_functions);
    add_migration_step("search", 5, search::refeed);
    return std::vector<std::string>{"org",      "auth",  "ledger",     "search",
                                    "services", "cases", "disclosure", "hotline"};
  }();
  return modules;
}

}  // namespace fishbowl
