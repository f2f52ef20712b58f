#pragma once
// The demo county's 12345 tickets: two months of calls and web messages from the first three towns,
// dispatched to those towns and to county departments, most answered in time and called back satisfied, some
// late, one escalated, one reopened after an unsatisfied callback, and a few still open, so that the center's
// console, the inboxes and the figures have something to show.
#include "core/calendar.h"
#include "core/error.h"
#include "storage/database.h"

namespace fishbowl {

// Needs the demo county's regions, departments and accounts, with the linkage center named; `today` is the
// China date the history ends on. Returns the number of tickets.
Result<int> create_demo_tickets(Database& db, Date today);

}  // namespace fishbowl
