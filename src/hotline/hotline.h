#pragma once
// The non-emergency linkage platform (12345 hotline): tickets (诉求, 工单) and their closed loop as 国办发
// 〔2020〕53号 lays it out.
//
//   received ─accept→ accepted ─dispatch→ dispatched ─claim→ claimed ─reply→ replied ─complete→ completed
//      │ reject          ↑  │answer           │ return (reason)                                │ callback
//      ↓                 │  ↓                 ↓                                                ↓
//   rejected             │ completed       accepted                                         closed
//                        └──────────── reopen (once, after an unsatisfied callback) ─────────────┘
//
// The linkage center (the county's center department) records phone and hall tickets, which start accepted;
// web, kiosk and Open311 tickets start received and wait for the center. The center either answers at once
// (from the knowledge base) or dispatches to a department or a town, with a deadline by kind in working days
// or hours (`ticket_deadlines`) and optional co-handlers. The assignee claims the ticket or returns it with a
// reason, notes its progress, may ask for more time (the center approves), and replies to the citizen; the
// center completes it and calls back (满意, 基本满意, 不满意), or the citizen evaluates it online. An
// unsatisfied ticket can be reopened once. The center or a supervisor escalates (督办) a late or disputed
// ticket with a stricter deadline; escalated tickets are listed for the assignee's superiors.
//
// The citizen's name and phone are personal: they reach the ledger only as commitments; what was asked and
// answered is public.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/error.h"
#include "ledger/command.h"
#include "services/attachments.h"
#include "storage/database.h"

namespace fishbowl::hotline {

const std::vector<std::string>& ticket_kinds();     // consult, complaint, help, suggestion, report
const std::vector<std::string>& ticket_channels();  // hall, phone, web, kiosk, open311
const std::vector<std::string>& ticket_states();
const std::vector<std::string>& satisfactions();  // satisfied, basically_satisfied, unsatisfied

struct Deadline {
  std::string kind;
  int amount = 0;
  std::string unit;  // working_days, hours
};
Result<std::vector<Deadline>> deadlines(Database& db);
// ticket.invalid_deadline (422) for an amount outside 1..60 working days or 1..720 hours.
Result<Deadline> set_deadline(Command& cmd, const Deadline& d);
// The moment a deadline falls, from `from` (UTC text): the end of the last working day (in China) or so many
// hours later.
std::string due_after(const std::string& from, int amount, const std::string& unit, const WorkCalendar& cal);

// The linkage center's department, if one was named.
Result<std::optional<long long>> center_department(Database& db);
// department.not_found (422 department_id).
Result<long long> set_center_department(Command& cmd, long long department_id);

struct Step {
  std::string kind;  // filed, accepted, rejected, answered, dispatched, claimed, returned, noted, ...
  std::string note;
  std::optional<long long> by;
  std::string at;
};

struct Ticket {
  long long id = 0;
  std::string ticket_no;
  std::string kind, channel;
  std::string name, phone;  // personal; phone is the callback number
  std::optional<long long> account_id;
  long long region_id = 0;
  std::string region_path, region_name;
  std::string address;
  std::optional<double> lat, lon;
  std::string title, description;
  std::string category;  // the Open311 service_code, if any
  std::string state;
  std::optional<long long> assignee_department_id, assignee_region_id;
  std::string assignee_path, assignee_name;
  std::vector<long long> co_handlers;  // department ids
  std::string due_at;                  // of the current dispatch, UTC text
  std::string reply, replied_at, completed_at;
  int extension_days = 0;  // asked for and not yet decided
  std::string extension_reason;
  std::optional<long long> extension_by;
  bool escalated = false;
  bool reopened = false;
  std::string satisfaction, callback_note;
  std::string merged_into_no;                        // the ticket this one was merged into, if it was
  std::vector<services::AttachmentRef> attachments;  // photos and documents given when it was filed
  std::string created_at, updated_at;
  std::vector<Step> steps;
};

// Late: not replied by due_at (now is UTC text), or replied after it.
bool is_late(const Ticket& t, const std::string& now);
// For the center and the assignee.
nlohmann::json to_json(const Ticket& t, const std::string& now);
// For the citizen who filed it: no name, no phone, no one's account. Its files are there too; no public list
// shows them, since a photo may show a person or a home.
nlohmann::json to_public_json(const Ticket& t, const std::string& now);

struct TicketInput {
  std::string kind, channel;
  std::string name;  // empty: anonymous
  std::string phone;
  std::optional<long long> account_id;
  long long region_id = 0;
  std::string address;
  std::optional<double> lat, lon;
  std::string title, description;
  std::vector<services::AttachmentRef> attachments;  // stored files, at most kMaxTicketFiles
};

inline constexpr std::size_t kMaxTicketFiles = 5;

// A photo or a document for a ticket about to be filed, by anyone: JPEG, PNG or PDF only
// (attachment.unsupported_type), otherwise as services::upload_attachment takes files. It is stored as a
// private file: the ledger learns its type and size, not its hash.
Result<services::Attachment> upload_ticket_file(Command& cmd, const std::string& file_name,
                                                const std::string& bytes);

// Errors: ticket.invalid_phone (422 phone; an Open311 request may come without one), region.not_found (422
// region_id), ticket.invalid_location (422 lat: both or neither, within range), field.out_of_range and
// attachment.not_found (422 attachments, as services::check_refs).
Result<Ticket> file_ticket(Command& cmd, const TicketInput& in);

// ticket.not_found (404).
Result<Ticket> get_ticket(Database& db, long long id);
// By number and the callback number's last four digits; a wrong pair is ticket.not_found.
Result<Ticket> track_ticket(Database& db, const std::string& ticket_no, const std::string& phone_last4);

struct TicketQuery {
  std::optional<std::string> state;
  std::optional<std::string> kind;
  std::optional<long long> assignee_department_id;
  std::optional<std::string> assignee_path;  // assigned to a town in this subtree
  bool escalated_only = false;
  bool late_only = false;
  int page = 1;
  int page_size = 20;
};
struct TicketPage {
  std::vector<Ticket> items;  // without steps
  long long total = 0;
};
Result<TicketPage> list_tickets(Database& db, const TicketQuery& q, const std::string& now);

// --- the loop (loop.cpp). Each is refused with ticket.wrong_state (409) from any state it does not start
// from.
Result<Ticket> accept_ticket(Command& cmd, long long id);
Result<Ticket> reject_ticket(Command& cmd, long long id, const std::string& reason);
Result<Ticket> answer_ticket(Command& cmd, long long id, const std::string& answer);

struct Dispatch {
  std::optional<long long> department_id;  // one of the two: a department,
  std::optional<long long> region_id;      // or a town
  std::vector<long long> co_handlers;      // other departments
  std::string note;
};
// ticket.invalid_assignee (422): neither or both, an unknown department, a region that is not a town.
Result<Ticket> dispatch_ticket(Command& cmd, const WorkCalendar& cal, long long id, const Dispatch& d);
Result<Ticket> claim_ticket(Command& cmd, long long id);
Result<Ticket> return_ticket(Command& cmd, long long id, const std::string& reason);
Result<Ticket> note_ticket(Command& cmd, long long id, const std::string& note);
Result<Ticket> reply_ticket(Command& cmd, long long id, const std::string& reply);
Result<Ticket> complete_ticket(Command& cmd, long long id);
// By staff after a call, or by the citizen online (evaluate). satisfaction from satisfactions().
Result<Ticket> call_back_ticket(Command& cmd, long long id, const std::string& satisfaction,
                                const std::string& note);
// ticket.already_reopened (409), ticket.not_unsatisfied (409).
Result<Ticket> reopen_ticket(Command& cmd, const WorkCalendar& cal, long long id, const std::string& reason);
// 1..20 working days; ticket.extension_pending (409) while one waits.
Result<Ticket> request_extension(Command& cmd, long long id, int days, const std::string& reason);
// ticket.no_extension (409); ticket.self_approval (409) for the one who asked.
Result<Ticket> decide_extension(Command& cmd, const WorkCalendar& cal, long long id, bool approve,
                                const std::string& note);
// A stricter deadline: `hours` from now, which must fall before the current one (ticket.not_stricter, 422).
Result<Ticket> escalate_ticket(Command& cmd, long long id, int hours, const std::string& note);

// --- repeats (duplicates.cpp) ---

struct Duplicate {
  Ticket ticket;     // without steps
  double score = 0;  // how alike the two read, 0..1
};
// Tickets still open (not yet replied) about the same town, filed in the 30 days before `now`, whose title
// and description read like `text`; best first, at most `limit`, same village before the rest of the town.
Result<std::vector<Duplicate>> likely_duplicates(Database& db, long long region_id, const std::string& text,
                                                 std::optional<long long> except, const std::string& now,
                                                 std::size_t limit);
// The center closes a received or accepted ticket as a repeat of an open one, which carries on for both.
// ticket.invalid_merge (422 into_id): itself, unknown, merged itself, or no longer open.
Result<Ticket> merge_ticket(Command& cmd, long long id, long long into_id, const std::string& note);

}  // namespace fishbowl::hotline
