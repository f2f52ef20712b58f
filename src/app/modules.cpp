#include "app/modules.h"

namespace fishbowl {

const std::vector<std::string>& platform_modules() {
  static const std::vector<std::string> modules{"org", "auth", "ledger", "services", "cases"};
  return modules;
}

}  // namespace fishbowl
