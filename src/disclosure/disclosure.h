#pragma once
// Government information disclosure (政务公开): publications an organ makes public on its own initiative
// (主动公开), at every level.
//
// A publication belongs to an issuing organ (a department, or the government of a region at any level) and
// to a column of the disclosure catalogue (articles 20 and 21 of the Regulations on Open Government
// Information). It moves through editions:
//
//   draft ─submit→ in_review ─approve→ published ─withdraw→ withdrawn
//     ↑               │ return (with a note)
//     └───────────────┘
//
// Review is the confidentiality check (保密审查): the reviewer is recorded and may not be the edition's
// author. Editing a published publication opens the next edition as a draft while the published one stays up;
// approving it supersedes the old one, and every edition is kept. A withdrawn publication stays visible as
// withdrawn, with its reason, and leaves the search index.
//
// On first publication it gets its index number (索引号) "<organ code>/<year>-<sequence>", counted per organ
// and year without gaps. Information must be published within 20 working days of the day it was formed
// (formed_on): the deadline is kept, and a publication published after it, or still unpublished past it,
// is flagged late.
//
// Every change is one command with one event (publication.created, .edited, .submitted, .returned,
// .published, .withdrawn, .validity_changed); the published edition's text is the event's public payload.
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/error.h"
#include "disclosure/households.h"
#include "ledger/command.h"
#include "services/attachments.h"
#include "storage/database.h"

namespace fishbowl::disclosure {

// --- the catalogue (catalog.cpp) ---

struct Column {
  std::string code;         // "normative"
  std::string label;        // 行政规范性文件
  std::string article;      // 第二十条第（一）项
  bool towns_only = false;  // article 21's items for towns (乡镇) only
};
// In the order of the Regulations: article 20's items, then article 21's.
const std::vector<Column>& columns();
const Column* find_column(const std::string& code);

const std::vector<std::string>& validities();  // valid (有效), repealed (废止), expired (失效)

// Kinds of notice (公示): planning (规划公示), rights (农村产权确权登记结果), village_affairs (村务),
// candidates (中标候选人, for the trading center), general.
const std::vector<std::string>& notice_kinds();

// --- publications ---

constexpr int kPublishWithinDays = 20;             // working days from formed_on (条例第二十六条)
constexpr std::size_t kMaxBodyBytes = 256 * 1024;  // of the body's HTML, as edited

using services::AttachmentRef;

struct Edition {
  int number = 0;
  std::string state;  // draft, in_review, returned, published, superseded
  std::string title;
  std::string body_html;    // sanitized
  std::string body_text;    // the body's plain text, for search
  std::string document_no;  // 文号, may be empty
  std::vector<AttachmentRef> attachments;
  std::vector<Household> households;  // a rights notice's list, in full (households.h)
  std::optional<long long> author_id;
  std::optional<long long> reviewer_id;
  std::string review_note;
  std::string created_at, submitted_at, reviewed_at;
};

struct Publication {
  long long id = 0;
  std::optional<long long> department_id;  // the issuing organ: a department,
  long long region_id = 0;  // or else the government of this region (also a department's region)
  std::string region_path;
  std::string level;       // of the region: county, town, village
  std::string organ_name;  // read with the publication
  std::string organ_code;
  std::string column;
  std::string formed_on;     // "YYYY-MM-DD"
  std::string due_on;        // formed_on + 20 working days
  std::string published_on;  // first publication, "" before
  std::string index_no;      // "" before first publication
  std::string validity;
  std::string state;  // draft, in_review, published, withdrawn
  std::string withdrawn_reason;
  // A notice (公示) is a publication with a public period in which anyone may object; after the period its
  // result is published. kind is "publication" or "notice"; the rest is empty for a plain publication.
  std::string kind = "publication";
  std::string notice_kind;
  std::string starts_on, ends_on;  // the period, both days included
  std::string result_html;         // published after ends_on
  std::string result_published_on;
  int live_edition = 0;    // the edition the public sees, 0 before first publication
  int latest_edition = 0;  // the newest edition (the working one when newer than live_edition)
  std::string created_at, updated_at;
  Edition live;    // when live_edition > 0
  Edition latest;  // always
};

// Late: published after due_on, or not yet published and due_on is past.
bool is_late(const Publication& p, Date today);

// The public view: the live edition, without drafts or who reviewed it; a withdrawn one without its body.
nlohmann::json to_public_json(const Publication& p, Date today);
// For the organ's editors and reviewers: also the newest edition and its review.
nlohmann::json to_json(const Publication& p, Date today);
nlohmann::json to_json(const Edition& e);

// Reads. publication.not_found (404).
Result<Publication> get_publication(Database& db, long long id);
Result<Publication> get_publication(soci::session& sql, long long id);
// The editions, oldest first; published_only leaves out drafts and returned ones.
Result<std::vector<Edition>> list_editions(Database& db, long long id, bool published_only);

struct PublicationQuery {
  std::optional<long long> department_id;
  std::optional<std::string> region_path;  // organs in this subtree
  std::optional<std::string> level;
  std::optional<std::string> column;
  std::optional<std::string> validity;
  std::optional<int> year;    // of first publication
  bool open_notices = false;  // only notices (公示) published and within their period today
  // Cursor paging of public lists: only what was published before this (published_on, id), in list order.
  std::optional<std::pair<std::string, long long>> before;
  // Public lists hold only what was ever published; a desk also sees drafts and reviews in its scope.
  bool desk = false;
  std::optional<std::string> state;
  bool late_only = false;
  int page = 1;
  int page_size = 20;
};
struct PublicationPage {
  std::vector<Publication> items;
  long long total = 0;
};
// Newest first (by publication, then creation).
Result<PublicationPage> list_publications(Database& db, const PublicationQuery& q, Date today);
// What one organ itself (a department, or a region's government without the departments seated with it) has
// in each column, as the public catalogue lists it (ever published, withdrawn included): column code ->
// count.
Result<std::map<std::string, long long>> column_counts(Database& db, std::optional<long long> department_id,
                                                       std::optional<long long> region_id);

// --- changes ---

struct PublicationInput {
  std::optional<long long> department_id;  // one of the two names the organ
  std::optional<long long> region_id;
  std::string column;
  std::string formed_on;
  std::string title;                       // 1..200 characters
  std::string body_html;                   // sanitized on the way in; at most kMaxBodyBytes
  std::string document_no;                 // 0..64 characters
  std::vector<AttachmentRef> attachments;  // stored files only, at most 20
  std::vector<Household> households;       // a rights notice's list: check_households()
  // For a notice: its kind and period. notice.invalid_period (422) when the end is before the start.
  std::optional<std::string> notice_kind;
  std::string starts_on, ends_on;
};
struct EditionInput {
  std::string title, body_html, document_no;
  std::vector<AttachmentRef> attachments;
  std::vector<Household> households;
  std::string starts_on, ends_on;  // a notice's new period, before its first publication; empty: unchanged
};

// Errors: department.not_found / region.not_found (422), publication.invalid_column (422 column: unknown, or
// a towns' column for an organ that is not at a town),
// publication.invalid_formed_on (422: not a date, or in the future), publication.empty_body (422),
// attachment.not_found (422 attachments[i].sha256).
Result<Publication> create_publication(Command& cmd, const WorkCalendar& cal, const PublicationInput& in);
// Edits the working edition, or opens the next one when the newest is published.
// publication.wrong_state (409) while in review or once withdrawn; publication.unchanged (409);
// notice.period_fixed (409) when a published notice's period would move; notice.invalid_period (422).
Result<Publication> edit_publication(Command& cmd, long long id, const EditionInput& in);
Result<Publication> submit_publication(Command& cmd, long long id);
// The confidentiality review. publication.self_review (409) when the reviewer wrote, changed or submitted
// the edition; publication.wrong_state (409) unless an edition is in review and the record is not withdrawn.
// A notice's first publication: notice.period_over (409) after its end, notice.period_started (409) after
// its start.
Result<Publication> approve_publication(Command& cmd, long long id, const std::string& note);
Result<Publication> return_publication(Command& cmd, long long id, const std::string& note);
Result<Publication> withdraw_publication(Command& cmd, long long id, const std::string& reason);
Result<Publication> change_validity(Command& cmd, long long id, const std::string& validity);

// --- notices and objections (notices.cpp) ---

// Whether anyone may object on `today`: a published notice within its period.
bool open_for_objections(const Publication& p, Date today);

struct Objection {
  long long id = 0;
  long long publication_id = 0;
  std::optional<long long> account_id;  // when filed signed in
  std::string name, phone;              // personal: the organ sees them, the public sees the name masked
  std::string text;
  std::string filed_at;
  std::string answer, answered_at;
  std::optional<long long> answered_by;
};
nlohmann::json to_json(const Objection& o);         // for the organ
nlohmann::json to_public_json(const Objection& o);  // name masked, no phone

struct ObjectionInput {
  std::optional<long long> account_id;
  std::string name;   // 1..32 characters
  std::string phone;  // required without an account
  std::string text;   // 1..1000 characters
};
// Errors: publication.not_found, notice.not_a_notice (409), notice.not_open (409: before or after the
// period, or not published), objection.invalid_phone (422 field phone).
Result<Objection> file_objection(Command& cmd, long long notice_id, const ObjectionInput& in);
// The issuer's answer, once. objection.not_found (404), objection.already_answered (409).
Result<Objection> answer_objection(Command& cmd, long long notice_id, long long objection_id,
                                   const std::string& answer);
Result<std::vector<Objection>> list_objections(Database& db, long long notice_id);
// How many objections a notice drew, and how many of them are answered.
Result<std::pair<long long, long long>> count_objections(Database& db, long long notice_id);
// The notice's result, once its period is over (notice.period_not_over, 409) and only once
// (notice.result_already_published, 409); sanitized like a body.
Result<Publication> publish_result(Command& cmd, long long id, const std::string& result_html);

}  // namespace fishbowl::disclosure
