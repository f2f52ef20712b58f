#pragma once
// Information requests (依申请公开): anyone may ask an organ for government information it holds, online, by
// letter or in person (staff record those two), and gets a tracking number and a secret access code.
//
//   received ─request supplement→ awaiting_supplement ─supplement→ received   (the clock starts again)
//   received ─consult→ consulting ─close consultation→ received              (the days between do not count)
//   received / awaiting_supplement ─reply→ replied
//
// The clock is article 33 of the Regulations: the reply is due 20 working days after receipt. A supplement
// (补正, article 30) may be asked for once, within 7 working days of receipt, and the clock starts again on
// the day the supplement arrives. Consulting a third party or another organ (article 32) pauses it. One
// extension of at most 20 working days needs the approval of someone other than the handler who asked for
// it, and the applicant is told. The reply's result and reason are the annual report's rows (article 36).
//
// Each change is one command with one event (info_request.filed, .supplement_requested, …). Who asked, and
// what, are personal: they enter the ledger only as salted commitments. The applicant follows the request
// with the tracking number and access code, and sees every step the organ took and its letters.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/error.h"
#include "disclosure/disclosure.h"
#include "ledger/command.h"
#include "storage/database.h"

namespace fishbowl::disclosure {

constexpr int kReplyWithinDays = 20;        // working days from receipt (条例第三十三条)
constexpr int kMaxExtensionDays = 20;       // one extension, at most this long
constexpr int kSupplementWithinDays = 7;    // the one supplement notice (条例第三十条)
constexpr int kSupplementAllowedDays = 15;  // the applicant's time to supply, unless the organ sets another

// The annual report's columns: natural_person, then the kinds of legal person or other organisation
// (commercial, research, public_welfare, legal_service, other_org).
const std::vector<std::string>& applicant_types();
const std::vector<std::string>& request_channels();    // online, letter, in_person
const std::vector<std::string>& request_deliveries();  // post, email, pickup, online
const std::vector<std::string>& request_states();      // received, awaiting_supplement, consulting, replied

// The results of article 36 as the annual report counts them: granted (予以公开), partial (部分公开), and
// four groups whose reply names one reason: denied (不予公开 1–8), unable (无法提供 1–3), not_processed
// (不予处理 1–5) and other (其他处理 1–3). A reason's code is "<result>.<reason>", as the report's rows.
struct ReplyReason {
  std::string code;   // "denied.state_secret"
  std::string label;  // 属于国家秘密
};
struct ReplyResult {
  std::string code;                  // "denied"
  std::string label;                 // 不予公开
  std::vector<ReplyReason> reasons;  // empty for granted and partial
};
const std::vector<ReplyResult>& reply_results();
const ReplyResult* find_result(const std::string& code);

struct Applicant {
  std::string type;          // one of applicant_types()
  std::string name;          // a person's name, or an organisation's
  std::string id_number;     // resident ID for a person, unified social credit code for an organisation
  std::string contact_name;  // who to speak to at an organisation
  std::string phone;
  std::string address;  // for replies by post
  std::string email;    // for replies by email
};

// One step in the request's history, as the applicant and the organ see it.
struct RequestStep {
  std::string kind;  // filed, supplement_requested, supplement_received, consultation_started,
                     // consultation_closed, extension_requested, extension_approved, extension_rejected,
                     // replied
  std::string on;    // the day it happened, or was recorded as having happened
  std::string note;  // the letter or note sent with it
  std::optional<long long> by;  // the account that took it
  std::string by_name;          // its display name, for the organ's desk
  std::string at;               // when it was recorded
};

struct InfoRequest {
  long long id = 0;
  std::string tracking_no;  // "YSQ-<organ code>-<year>-<seq>"
  std::optional<long long> department_id;
  long long region_id = 0;
  std::string region_path;
  std::string organ_name;
  std::string channel;
  std::optional<long long> account_id;   // the citizen who filed it online, signed in
  std::optional<long long> recorded_by;  // the staff member who recorded a letter or a visit
  Applicant applicant;
  std::string description;  // the information asked for
  std::string delivery;     // how the reply is to reach the applicant
  std::string received_on;  // the first receipt: the annual report counts the request from this day
  std::string clock_start;  // received_on, or the day the supplement arrived
  std::string due_on;       // clock_start + 20 working days + the extension + the paused days
  std::string state;
  std::string paused_since;  // while consulting
  int paused_days = 0;
  std::string supplement_by;  // while awaiting a supplement: the applicant's last day
  bool supplement_requested = false;
  int extension_days = 0;            // approved
  int extension_requested_days = 0;  // awaiting approval (0: none pending)
  std::optional<long long> extension_requested_by;
  std::string result, reason;  // once replied
  std::string reply_letter;
  std::vector<AttachmentRef> reply_documents;
  std::string replied_on;
  std::string created_at, updated_at;
  std::vector<RequestStep> steps;
};

// The reason of a request closed because the applicant let the supplement's time pass (article 30).
inline constexpr const char* kNoCorrection = "other.no_correction";

// Replied after due_on. A closure for want of a supplement never is: the clock stood from the notice on.
bool replied_late(const InfoRequest& r);
// Overdue: not replied while the clock runs past due_on; or replied late.
bool is_overdue(const InfoRequest& r, Date today);

// For the applicant: their request, its steps and letters (not the internal ones), and no staff ids.
nlohmann::json to_applicant_json(const InfoRequest& r, Date today);
// For the organ: everything.
nlohmann::json to_json(const InfoRequest& r, Date today);

// Reads. info_request.not_found (404).
Result<InfoRequest> get_info_request(Database& db, long long id);
Result<InfoRequest> get_info_request(soci::session& sql, long long id);
// The request of a tracking number, when the access code is its own; info_request.not_found otherwise, so
// that a wrong code tells nothing.
Result<InfoRequest> track_info_request(Database& db, const std::string& tracking_no,
                                       const std::string& access_code);

struct InfoRequestQuery {
  std::optional<long long> department_id;
  std::optional<std::string> region_path;  // organs in this subtree
  std::optional<long long> account_id;     // filed online by this account
  std::optional<std::string> state;
  bool overdue_only = false;
  int page = 1;
  int page_size = 20;
};
struct InfoRequestPage {
  std::vector<InfoRequest> items;  // without steps
  long long total = 0;
};
// Oldest due first, replied ones last.
Result<InfoRequestPage> list_info_requests(Database& db, const InfoRequestQuery& q, Date today);

// --- changes (requests.cpp, request_steps.cpp) ---

struct InfoRequestInput {
  std::optional<long long> department_id;  // the organ asked: one of the two
  std::optional<long long> region_id;
  std::string channel;
  std::optional<long long> account_id;
  Applicant applicant;
  std::string description;  // 1..2000 characters
  std::string delivery;
  std::string received_on;  // a letter's day of receipt; online and in person: today
};
struct Filed {
  InfoRequest request;
  std::string access_code;  // shown once, to hand to the applicant; only its hash is kept, nor is it sent
};
// Errors: department.not_found / region.not_found (422), info_request.invalid_phone,
// info_request.invalid_id_number, info_request.invalid_email, info_request.address_required (422, a reply
// by post), info_request.invalid_received_on (422: not a date, in the future, or more than 60 days back).
Result<Filed> file_info_request(Command& cmd, const WorkCalendar& cal, const InfoRequestInput& in);

// The one supplement notice, within 7 working days of receipt. supplement_by may be empty (15 working days).
// info_request.wrong_state (409), info_request.supplement_already_requested (409),
// info_request.supplement_too_late (409).
Result<InfoRequest> request_supplement(Command& cmd, const WorkCalendar& cal, long long id,
                                       const std::string& notice, const std::string& supplement_by);
// The supplement arrived on received_on (empty: today); the clock starts again from that day.
// info_request.invalid_date (422).
Result<InfoRequest> receive_supplement(Command& cmd, const WorkCalendar& cal, long long id,
                                       const std::string& text, const std::string& received_on);
// Consulting a third party or another organ (article 32): the letter went out on sent_on, and the clock
// stops from that day until the consultation is closed with the opinion received on received_on.
Result<InfoRequest> start_consultation(Command& cmd, long long id, const std::string& party,
                                       const std::string& sent_on);
Result<InfoRequest> close_consultation(Command& cmd, const WorkCalendar& cal, long long id,
                                       const std::string& opinion, const std::string& received_on);
// The handler asks for an extension of 1..20 working days before the reply is due; someone else approves
// it (the applicant is told, and the due day moves) or rejects it. info_request.already_extended (409),
// info_request.extension_pending (409), info_request.no_extension_pending (409),
// info_request.extension_too_late (409, past the due day), info_request.self_approval (409).
Result<InfoRequest> request_extension(Command& cmd, long long id, int days, const std::string& reason);
Result<InfoRequest> approve_extension(Command& cmd, const WorkCalendar& cal, long long id,
                                      const std::string& notice);
Result<InfoRequest> reject_extension(Command& cmd, long long id, const std::string& note);

struct ReplyInput {
  std::string result;
  std::string reason;  // required for denied, unable, not_processed and other
  std::string letter;  // 答复书, 1..20000 characters
  std::vector<AttachmentRef> documents;
};
// info_request.invalid_result / info_request.invalid_reason (422), info_request.wrong_state (409: replied, or
// consulting), attachment.not_found (422).
Result<InfoRequest> reply_info_request(Command& cmd, long long id, const ReplyInput& in);

// How the reply reached the applicant (送达): posted (with the postal tracking number), collected, e-mailed
// or read online, on a day from the reply to today. May be recorded again (a letter returned and re-sent).
struct DeliveryInput {
  std::string method;       // one of request_deliveries()
  std::string on;           // "" for today
  std::string tracking_no;  // 邮件号, required when posted
  std::string note;
};
// info_request.wrong_state (409) before the reply; info_request.invalid_date (422 delivered_on);
// info_request.tracking_required (422 tracking_no) for a posted one without it.
Result<InfoRequest> record_delivery(Command& cmd, long long id, const DeliveryInput& in);

}  // namespace fishbowl::disclosure
