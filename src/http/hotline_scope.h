#pragma once
// Where the linkage center acts, for the scope check of the hotline's routes in more than one file.
#include "http/api.h"

namespace fishbowl::http {

// The whole county the center serves: its department's staff, the county's admins (and, for reads,
// supervisors).
Result<auth::Target> hotline_center_scope(Call& c);

}  // namespace fishbowl::http
