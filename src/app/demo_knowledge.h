#pragma once
// The demo county's hotline knowledge base: answers to the questions callers ask most, kept by the
// departments that own them, one of them expired, so that intake suggestions and the public search have
// something to find.
#include "core/calendar.h"
#include "core/error.h"
#include "storage/database.h"

namespace fishbowl {

// Needs the demo county's departments. Returns the number of entries.
Result<int> create_demo_knowledge(Database& db, Date today);

}  // namespace fishbowl
