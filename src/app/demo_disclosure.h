#pragma once
// The demo county's publications: a year of what its departments and first towns published on their own
// initiative, across the catalogue's columns, so that the disclosure pages, the search and the annual report
// have something to show. Each is drafted, reviewed and published by the demo's own people on the days it
// would have happened; one arrived late, one was withdrawn and one has since been repealed.
#include "core/calendar.h"
#include "core/error.h"
#include "storage/database.h"

namespace fishbowl {

// Needs the demo county's departments and accounts; `today` is the China date the history ends on. Returns
// the number of publications.
Result<int> create_demo_publications(Database& db, Date today);

}  // namespace fishbowl
