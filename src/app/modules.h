#pragma once
// The system at a glance: the modules this binary is made of, in the order their migrations apply.
#include <string>
#include <vector>

namespace fishbowl {

// Modules whose tables every deployment has (org before auth: roles reference regions and departments). The
// first call also registers the SQL functions their migrations call (add_migration_functions).
const std::vector<std::string>& platform_modules();

}  // namespace fishbowl
