#pragma once
// The demo county's cases: a few weeks of work in the villages of its first towns, so that every queue, the
// tracking page and the satisfaction figures have something to show. Each change is its own command, dated
// when it would have happened and run in time order, so the ledger reads as a real history.
#include <string>

#include "core/calendar.h"
#include "core/error.h"
#include "storage/database.h"

namespace fishbowl {

struct DemoCases {
  int cases = 0;
  std::string sample_case_no;  // a completed case to track and see rated
  std::string sample_last4;
};

// Needs the demo county's accounts and catalogue; `today` is the China date the history ends on.
Result<DemoCases> create_demo_cases(Database& db, Date today);

}  // namespace fishbowl
