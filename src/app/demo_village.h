#pragma once
// The demo county's village affairs and accounts: the villages of the first three towns keep them from the
// first of the year (of the year before, in early January), the first village of each town monthly and the
// rest quarterly. Most are on time; the second village of each town has not posted its latest accounts, the
// third was late once, the fourth posted one quarter's items late, and the first has a major item past due,
// so that the village pages and the overview show what is met, late and overdue. The other towns have not
// started.
#include "core/calendar.h"
#include "core/error.h"
#include "storage/database.h"

namespace fishbowl {

// Needs the demo county's regions and town admins; `today` is the China date the history ends on. Returns the
// number of items posted.
Result<int> create_demo_village_affairs(Database& db, Date today);

}  // namespace fishbowl
