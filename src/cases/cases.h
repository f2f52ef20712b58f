#pragma once
// Cases (办件): one application for one service item, from filing to completion, across the three levels.
//
// A case is filed at a window by staff, online by a citizen, or by a village agent for a resident (代办, free
// of charge). It keeps the guide version it was filed under, gets a public case_no, and can be tracked with
// that number and the last four digits of the applicant's phone. It is held at one place at a time: a village
// room, a town center, or the department that owns the item; rooms and centers forward it up, each hop with
// its own stage deadline, and only the owning department decides.
//
//   submitted ─accept→ accepted ─review→ in_review ─decide→ decided ─complete→ completed
//       │  └─refuse→ refused              (decide also straight from accepted)
//       └─notice_of_missing→ awaiting_supplement ─supplement→ (back where it was; the clock was paused)
//   withdrawn: by the applicant from any state before decided.
//
// The one-time notice (一次性告知) lists every missing material at once, so a case gets at most one. The
// promised deadline counts promised_days working days from acceptance through the WorkCalendar; time spent
// waiting for a supplement does not count. First-contact responsibility: the account that first received the
// case (the filer at a window or room, or for an online case the first official who acted) is recorded and
// shown to the applicant.
//
// Every change is a command with one event (case.filed, case.forwarded, …) whose payload is public; the
// applicant's name, phone and ID number enter the ledger only as salted commitments. Each change that
// concerns the applicant also writes an SMS to the outbox (see outbox.h), with no more personal data than the
// case_no.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/error.h"
#include "ledger/command.h"
#include "storage/database.h"

namespace fishbowl::cases {

const std::vector<std::string>& case_states();      // in the order above, then refused, withdrawn
const std::vector<std::string>& case_channels();    // window, online, proxy
const std::vector<std::string>& deliveries();       // how the result reached the applicant
bool is_open(const std::string& state);             // not yet decided, refused or withdrawn
std::string state_label(const std::string& state);  // 已提交, 待补正, …

struct Applicant {
  std::string name;
  std::string phone;      // 11-digit mobile or a landline; the last four digits check tracking
  std::string id_number;  // 18-character resident ID, may be empty
};

struct Case {
  long long id = 0;
  std::string case_no;
  long long item_id = 0;
  int item_version = 0;
  std::string item_name;
  int promised_days = 0;        // of the version filed under
  long long department_id = 0;  // the item's owner, who decides
  std::string channel;
  long long filed_region_id = 0;
  std::string filed_path;
  long long holder_region_id = 0;
  std::optional<long long> holder_department_id;  // none: the service point of holder_region_id holds it
  std::string holder_level;                       // the holder region's level: village, town or county
  std::string state;
  std::string resume_state;  // while awaiting a supplement: the state a supplement returns to
  Applicant applicant;
  std::optional<long long> applicant_account_id;
  std::optional<long long> filed_by;
  std::optional<long long> first_contact_id;
  std::string decision;              // approved or rejected, once decided
  std::string reason;                // of a refusal, rejection or withdrawal
  std::vector<std::string> missing;  // the one-time notice's list
  std::string stage_due;             // "YYYY-MM-DD": the current holder's deadline
  std::string due_date;              // the promised deadline, from acceptance
  std::string paused_since;          // the day the clock stopped, while awaiting a supplement
  std::string filed_at, updated_at;
  // For display, read with the case: who holds it now ("一村便民服务室", "县民政局") and the first contact.
  std::string holder_name;
  std::string first_contact_name;
};

// Overdue on `today`: an open case, not paused, past its stage deadline or its promised deadline.
bool is_overdue(const Case& c, Date today);

// For officials: everything, with the overdue flag for today.
nlohmann::json to_json(const Case& c, Date today);
// For the applicant by tracking number: state, place, deadlines and history, the name masked (张*).
nlohmann::json to_public_json(const Case& c, Date today);

// Reads. case.not_found (404).
Result<Case> get_case(Database& db, long long id);
Result<Case> get_case(soci::session& sql, long long id);
// By tracking number and the last four digits of the phone; any mismatch is case.not_found, so that a
// wrong guess tells nothing.
Result<Case> track_case(Database& db, const std::string& case_no, const std::string& phone_last4);

struct CaseQuery {
  std::optional<std::string> filed_under;         // region path prefix
  std::optional<long long> department_id;         // the item's owner
  std::optional<long long> applicant_account_id;  // a citizen's own
  // Only the cases this region's service point, or this department, holds now and has still to act on.
  std::optional<long long> held_by_region;
  std::optional<long long> held_by_department;
  std::optional<std::string> state;
  bool overdue_only = false;
  int page = 1;
  int page_size = 50;
};
struct CasePage {
  std::vector<Case> items;
  long long total = 0;
};
// Ordered by the current stage deadline, earliest first.
Result<CasePage> list_cases(Database& db, const CaseQuery& q, Date today);

// The case's history: its events in order (public payloads, who acted and when).
Result<nlohmann::json> case_history(Database& db, long long id);

// --- Changes. Each takes the calendar that counts its deadlines. ---

struct FilingInput {
  long long item_id = 0;
  long long region_id = 0;  // where it was received; ignored online (the owning department receives it)
  std::string channel;      // window, online, proxy
  Applicant applicant;
  std::optional<long long> applicant_account_id;  // online: the citizen filing
};
// Errors: service_item.not_found (422 field item_id), region.not_found, case.not_by_agent (422: the guide
// does not allow 代办), case.not_online (422), case.wrong_place (422: the item's department is not reachable
// from the region), and the applicant fields' errors (case.invalid_phone, case.invalid_id_number).
Result<Case> file_case(Command& cmd, const WorkCalendar& cal, const FilingInput& in);

// to: "town" (a village room passes the case to its town center) or "department" (to the item's owner).
// Errors: case.not_found, case.wrong_state (409), case.cannot_forward (409: already at the department, or
// no town above).
Result<Case> forward_case(Command& cmd, const WorkCalendar& cal, long long id, const std::string& to,
                          const std::string& reason);

// The department's decisions. case.not_at_department (409) while a room or center still holds the case.
Result<Case> accept_case(Command& cmd, const WorkCalendar& cal, long long id);
Result<Case> refuse_case(Command& cmd, long long id, const std::string& reason);
// One notice per case (case.notice_already_given, 409), listing every missing material (1..30 lines).
Result<Case> notify_missing(Command& cmd, long long id, const std::vector<std::string>& missing);
Result<Case> supplement_case(Command& cmd, const WorkCalendar& cal, long long id);
Result<Case> start_review(Command& cmd, long long id);
// decision: approved or rejected (a rejection needs a reason).
Result<Case> decide_case(Command& cmd, long long id, const std::string& decision, const std::string& reason);
Result<Case> complete_case(Command& cmd, long long id, const std::string& delivery);
// By the applicant, before a decision. by_account: a citizen withdrawing their own online case (others'
// cases are case.not_found); none when an official records the applicant's request.
Result<Case> withdraw_case(Command& cmd, long long id, const std::string& reason,
                           std::optional<long long> by_account);

}  // namespace fishbowl::cases
