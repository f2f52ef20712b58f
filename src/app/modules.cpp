#include "app/modules.h"

namespace fishbowl {

const std::vector<std::string>& platform_modules() {
  static const std::vector<std::string> modules{"org",      "auth",  "ledger",     "search",
                                                "services", "cases", "disclosure", "hotline"};
  return modules;
}

}  // namespace fishbowl
