#pragma once
// Village affairs and finance (村务公开, 财务公开), as article 30 of the Organic Law of Villagers' Committees
// requires: a village committee makes its affairs and accounts public, ordinary items at least once a
// quarter, its income and expenditure every month where the collective's transactions are many (else every
// quarter), and major items at once. The village oversight committee (村务监督委员会) checks what is posted
// (article 32): no item is posted without its sign-off recorded.
//
// An item is one of three kinds:
//   ordinary  一般事项, for a quarter ("2026-Q3"), in one of article 30's categories
//   major     重大事项, posted at once: due kMajorWithinDays working days after the day it was decided
//   finance   财务收支, for a month ("2026-10") or a quarter: income and expenditure lines with the totals
//   and
//             balances the village declares, which must agree with the lines (and its opening balance with
//             the previous period's closing balance, when that was posted)
//
//   draft ─sign-off→ signed ─post→ posted          (editing a signed draft voids the sign-off)
//
// A posted item is final and public; its whole content is the public payload of village_affair.posted.
// A period's items are due by kDueDayOfNextMonth of the month after the period ends. Each village's duties
// run from the day set for it (since_on) with its finance cadence; a village without settings has none
// tracked yet.
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

constexpr int kMajorWithinDays = 5;     // working days from the decision (随时公布)
constexpr int kDueDayOfNextMonth = 10;  // a period's items are due by the 10th of the month after it
constexpr std::size_t kMaxFinanceLines = 1000;
constexpr long long kMaxAmountFen = 100'000'000'000LL;  // one billion yuan, per line and per total

const std::vector<std::string>& village_item_kinds();  // ordinary, major, finance
// Article 30's items: decision (村民会议、村民代表会议决定的事项及实施情况), family_planning
// (计划生育政策落实 方案), relief_funds (救灾救助、补贴补助资金物资), assistance (协助政府开展工作), other
// (其他).
const std::vector<std::string>& village_categories();
const std::vector<std::string>& finance_cadences();  // monthly, quarterly

struct FinanceSubject {
  std::string code;       // "subsidy"
  std::string label;      // 补助收入
  std::string direction;  // income, expenditure
};
// The subjects of the rural collective economic organisations' accounting system (农村集体经济组织会计制度).
const std::vector<FinanceSubject>& finance_subjects();

struct FinanceLine {
  std::string direction;  // income, expenditure
  std::string on;         // "YYYY-MM-DD", within the period
  std::string subject;    // a finance_subjects() code of that direction
  std::string summary;    // 摘要
  long long amount_fen = 0;
};

struct SignOff {
  std::vector<std::string> members;  // the oversight committee members who signed
  std::string signed_on;
  std::string opinion;
};

struct VillageAffair {
  long long id = 0;
  long long region_id = 0;  // the village
  std::string region_path, village_name;
  std::string kind, category;
  std::string period;      // "2026-Q3" or "2026-10"; "" for a major item
  std::string decided_on;  // a major item's decision day; "" otherwise
  std::string due_on;
  std::string title;
  std::string body_html, body_text;
  std::vector<AttachmentRef> attachments;
  // finance only
  long long opening_fen = 0, income_fen = 0, expenditure_fen = 0, closing_fen = 0;
  std::vector<FinanceLine> lines;
  std::string state;  // draft, signed, posted
  std::optional<SignOff> sign_off;
  std::string posted_on;
  std::optional<long long> created_by;
  std::string created_at, updated_at;
};

// Posted after due_on, or still unposted past it.
bool is_late(const VillageAffair& a, Date today);
nlohmann::json to_json(const VillageAffair& a, Date today);

struct VillageAffairInput {
  long long region_id = 0;  // ignored on edit
  std::string kind;         // ignored on edit
  std::string category;     // ordinary and major
  std::string period;       // ordinary and finance
  std::string decided_on;   // major
  std::string title;        // 1..200 characters
  std::string body_html;
  std::vector<AttachmentRef> attachments;
  long long opening_fen = 0, income_fen = 0, expenditure_fen = 0, closing_fen = 0;
  std::vector<FinanceLine> lines;
};

// Errors: region.not_found / village_affair.not_a_village (422 region_id), village_affair.invalid_period
// (422: not a quarter for an ordinary item, not a month or quarter for finance, or not yet begun),
// village_affair.invalid_decided_on (422: not a date, or in the future), village_affair.invalid_category,
// village_affair.empty_body (ordinary and major need text or files), village_affair.invalid_line (422
// lines[i].<field>), village_affair.totals_mismatch (422 naming the total that disagrees),
// village_affair.opening_mismatch (422 opening_fen: not the previous period's posted closing balance),
// village_affair.period_taken (409: this period's accounts exist already), attachment.not_found.
Result<VillageAffair> create_village_affair(Command& cmd, const WorkCalendar& cal,
                                            const VillageAffairInput& in);
// village_affair.posted (409) once posted; village_affair.unchanged (409).
Result<VillageAffair> edit_village_affair(Command& cmd, const WorkCalendar& cal, long long id,
                                          const VillageAffairInput& in);
// village_affair.invalid_sign_off (422 naming the field: no members, more than 9, a date in the future or
// before the draft was made); village_affair.posted (409).
Result<VillageAffair> sign_off_village_affair(Command& cmd, long long id, const SignOff& s);
// village_affair.not_signed (409) without a sign-off; village_affair.period_open (409) for accounts of a
// period that has not ended; village_affair.posted (409).
Result<VillageAffair> post_village_affair(Command& cmd, long long id);

// village_affair.not_found (404).
Result<VillageAffair> get_village_affair(Database& db, long long id);

struct VillageAffairQuery {
  std::optional<std::string> region_path;  // villages in this subtree
  std::optional<std::string> kind;
  std::optional<int> year;  // of the period, or of the decision
  bool desk = false;        // drafts too; otherwise posted only
  // Cursor paging: only what comes after this (due_on, id) in list order; the page is then ignored.
  std::optional<std::pair<std::string, long long>> before;
  int page = 1;
  int page_size = 20;
};
struct VillageAffairPage {
  std::vector<VillageAffair> items;  // without body and lines
  long long total = 0;
};
// Newest first: by due day, then id.
Result<VillageAffairPage> list_village_affairs(Database& db, const VillageAffairQuery& q);

// --- duties: what is due and overdue (village_status.cpp) ---

struct VillageSettings {
  long long region_id = 0;
  std::string finance_cadence;  // monthly, quarterly
  std::string since_on;         // duties run from the period holding this day
  std::string updated_at;
};
// village_affair.not_a_village (422 region_id), field.invalid (since_on not a date).
Result<VillageSettings> set_village_settings(Command& cmd, long long region_id, const std::string& cadence,
                                             const std::string& since_on);

// One period's duty of one kind: covered when an item for it was posted.
struct PeriodDuty {
  std::string kind;    // ordinary, finance
  std::string period;  // "2026-Q3", "2026-10"
  std::string due_on;
  std::string status;  // posted, late (posted after due_on), open (due_on not past), overdue
  std::string posted_on;
  std::vector<long long> item_ids;
};
struct VillageDuties {
  long long region_id = 0;
  std::string village_name, region_path;
  std::optional<VillageSettings> settings;
  // Of the year, from since_on to today's period, oldest first; shown the current year, led by the periods
  // of earlier years still overdue (at most kOverdueYearsShown back).
  std::vector<PeriodDuty> periods;
  std::vector<VillageAffair> major;  // the year's major items posted, or past due and not posted (so also
                                     // earlier years' overdue ones, shown the current year)
  int overdue_ordinary = 0, overdue_finance = 0, overdue_major = 0;
  std::string last_posted_on;
};
nlohmann::json to_json(const VillageDuties& d, Date today);

inline constexpr int kOverdueYearsShown = 5;

// The duties of one village in `year` as of `today`. village_affair.not_a_village (422).
Result<VillageDuties> village_duties(Database& db, long long region_id, int year, Date today);
// The duties of every village under region_path, in path order, for the overview.
Result<std::vector<VillageDuties>> village_duties_under(Database& db, const std::string& region_path,
                                                        int year, Date today);

// Period arithmetic, exposed for tests. A period is "YYYY-MM" or "YYYY-Qn".
std::optional<std::pair<Date, Date>> period_days(const std::string& period);  // first and last day
std::string period_due_on(const std::string& period);                         // "" for a malformed one
std::string previous_period(const std::string& period);

}  // namespace fishbowl::disclosure
