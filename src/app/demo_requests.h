#pragma once
// The demo county's information requests: a year of what residents and firms asked 县民政局 and others for,
// filed online, by letter and in person, with replies of several kinds, one extended, one waiting for a
// supplement, one consulting a third party and one overdue, so that the desk, the tracking page and the
// annual report have something to show. One tracking number and its code are given for trying the tracking.
#include <string>

#include "core/calendar.h"
#include "core/error.h"
#include "storage/database.h"

namespace fishbowl {

struct DemoRequests {
  int requests = 0;
  std::string sample_tracking_no, sample_access_code;
};

// Needs the demo county's departments and accounts; `today` is the China date the history ends on.
Result<DemoRequests> create_demo_requests(Database& db, Date today);

}  // namespace fishbowl
