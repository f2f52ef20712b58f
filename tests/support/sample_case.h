#pragma once
// Cases made directly through the module (not through the API under test), moved to the stage a test needs.
#include <optional>
#include <string>

#include "cases/cases.h"

namespace fishbowl::testing {

enum class Stage {
  at_room,              // submitted, still held where it was received
  at_department,        // submitted and forwarded to the item's department
  awaiting_supplement,  // the one-time notice sent at the department
  accepted,
  in_review,
  decided,  // approved
  completed,
  rated_badly,  // completed and rated 1, so the department owes a follow-up
};

struct CaseSetup {
  long long item_id = 0;
  long long region_id = 0;                        // where it is received (ignored online)
  std::string channel = "window";                 // window, online, proxy
  Actor filer = Actor::system();                  // who files it
  std::optional<long long> applicant_account_id;  // online: the citizen
  std::string phone = "13800001234";
};

// Files the case and moves it on to `stage`; throws when any step fails, so a broken setup cannot pass as a
// denial.
cases::Case make_case(Database& db, const CaseSetup& setup, Stage stage);

}  // namespace fishbowl::testing
