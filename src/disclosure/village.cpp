// Village affairs and finance items: drafting, the oversight committee's sign-off, posting, and reads.
#include "disclosure/village.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "core/crypto.h"
#include "disclosure/internal.h"
#include "disclosure/village_internal.h"
#include "storage/row.h"

namespace fishbowl::disclosure {

namespace {

constexpr std::size_t kMaxSignOffMembers = 9;

#define AFFAIR_COLUMNS                                                                                      \
  "SELECT a.id, a.region_id, a.region_path, r.name, a.kind, a.category, a.period, a.decided_on, a.due_on, " \
  "a.title, a.opening_fen, a.income_fen, a.expenditure_fen, a.closing_fen, a.state, a.sign_off, "           \
  "a.posted_on, "                                                                                           \
  "a.created_by, a.created_at, a.updated_at, a.body_html, a.body_text, a.attachments "                      \
  "FROM village_affairs a JOIN regions r ON r.id = a.region_id"

VillageAffair affair_from(const soci::row& r) {
  VillageAffair a;
  a.id = int64_at(r, 0);
  a.region_id = int64_at(r, 1);
  a.region_path = text_at(r, 2);
  a.village_name = text_at(r, 3);
  a.kind = text_at(r, 4);
  a.category = text_at(r, 5);
  a.period = text_at(r, 6);
  a.decided_on = text_at(r, 7);
  a.due_on = text_at(r, 8);
  a.title = text_at(r, 9);
  a.opening_fen = int64_at(r, 10);
  a.income_fen = int64_at(r, 11);
  a.expenditure_fen = int64_at(r, 12);
  a.closing_fen = int64_at(r, 13);
  a.state = text_at(r, 14);
  if (auto s = text_at(r, 15); !s.empty()) {
    auto j = nlohmann::json::parse(s);
    a.sign_off = SignOff{j.at("members").get<std::vector<std::string>>(),
                         j.at("signed_on").get<std::string>(), j.at("opinion").get<std::string>()};
  }
  a.posted_on = text_at(r, 16);
  a.created_by = optional_int64_at(r, 17);
  a.created_at = text_at(r, 18);
  a.updated_at = text_at(r, 19);
  a.body_html = text_at(r, 20);
  a.body_text = text_at(r, 21);
  a.attachments = services::refs_from(text_at(r, 22));
  return a;
}

Error not_found() {
  return Error::not_found("village_affair.not_found", "找不到该村务公开事项");
}

std::string subject_of(long long id) {
  return "village_affair:" + std::to_string(id);
}

std::string scope_of(long long region_id) {
  return "region:" + std::to_string(region_id);
}

bool listed(const std::vector<std::string>& values, const std::string& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

nlohmann::json sign_off_json(const SignOff& s) {
  return {{"members", s.members}, {"signed_on", s.signed_on}, {"opinion", s.opinion}};
}

nlohmann::json lines_json(const std::vector<FinanceLine>& lines) {
  auto out = nlohmann::json::array();
  for (const auto& l : lines)
    out.push_back({{"direction", l.direction},
                   {"on", l.on},
                   {"subject", l.subject},
                   {"summary", l.summary},
                   {"amount_fen", l.amount_fen}});
  return out;
}

std::vector<FinanceLine> read_lines(soci::session& sql, long long id) {
  std::vector<FinanceLine> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT direction, on_date, subject, summary, amount_fen FROM village_finance_lines "
                      "WHERE affair_id = :a ORDER BY seq",
       soci::use(id));
  for (const auto& r : rows)
    out.push_back({text_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), int64_at(r, 4)});
  return out;
}

Result<VillageAffair> get(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << AFFAIR_COLUMNS " WHERE a.id = :id", soci::use(id));
  for (const auto& r : rows) {
    auto a = affair_from(r);
    if (a.kind == "finance") a.lines = read_lines(sql, id);
    return a;
  }
  return not_found();
}

// The content the sign-off vouches for: what changes it voids the sign-off.
nlohmann::json content_json(const VillageAffair& a) {
  return {{"kind", a.kind},
          {"category", a.category},
          {"period", a.period},
          {"decided_on", a.decided_on},
          {"title", a.title},
          {"body_html", a.body_html},
          {"attachments", services::refs_json(a.attachments)},
          {"opening_fen", a.opening_fen},
          {"income_fen", a.income_fen},
          {"expenditure_fen", a.expenditure_fen},
          {"closing_fen", a.closing_fen},
          {"lines", lines_json(a.lines)}};
}

// Drafts are not public yet: the ledger gets a commitment to their content.
nlohmann::json draft_payload(const VillageAffair& a) {
  return {{"village_affair_id", a.id},
          {"region_id", a.region_id},
          {"kind", a.kind},
          {"period", a.period},
          {"decided_on", a.decided_on},
          {"title", a.title},
          {"state", a.state},
          {"content_sha256", to_hex(sha256(content_json(a).dump()))}};
}

Status check_period(const VillageAffairInput& in, Date today) {
  auto days = period_days(in.period);
  bool quarter = in.period.size() == 7 && in.period[5] == 'Q';
  if (!days || (in.kind == "ordinary" && !quarter))
    return Error::invalid("village_affair.invalid_period",
                          in.kind == "ordinary" ? "一般事项的公开期应为季度，如 2026-Q3"
                                                : "财务公开期应为月份（如 2026-10）或季度（如 2026-Q3）",
                          "period");
  if (std::chrono::sys_days{days->first} > std::chrono::sys_days{today})
    return Error::invalid("village_affair.invalid_period", "公开期尚未开始", "period");
  return ok_status();
}

Status check_lines(const VillageAffairInput& in) {
  auto days = period_days(in.period);
  if (in.lines.size() > kMaxFinanceLines)
    return Error::invalid("field.out_of_range", fmt::format("收支明细最多 {} 笔", kMaxFinanceLines), "lines");
  long long income = 0, expenditure = 0;
  for (std::size_t i = 0; i < in.lines.size(); ++i) {
    const auto& l = in.lines[i];
    auto field = [i](const char* f) { return fmt::format("lines[{}].{}", i, f); };
    auto on = parse_date(l.on);
    if (!on || std::chrono::sys_days{*on} < std::chrono::sys_days{days->first} ||
        std::chrono::sys_days{*on} > std::chrono::sys_days{days->second})
      return Error::invalid("village_affair.invalid_line", "收支日期应在公开期内", field("on"));
    const auto& subjects = finance_subjects();
    auto s = std::find_if(subjects.begin(), subjects.end(), [&](const FinanceSubject& x) {
      return x.code == l.subject && x.direction == l.direction;
    });
    if (s == subjects.end())
      return Error::invalid("village_affair.invalid_line",
                            l.direction == "income" ? "收入科目不正确" : "支出科目不正确", field("subject"));
    if (l.amount_fen < 1 || l.amount_fen > kMaxAmountFen)
      return Error::invalid("village_affair.invalid_line", "金额应大于零且不超过十亿元", field("amount_fen"));
    (l.direction == "income" ? income : expenditure) += l.amount_fen;
  }
  auto yuan = [](long long fen) {
    return fmt::format("{}{}.{:02}", fen < 0 ? "-" : "", std::llabs(fen) / 100, std::llabs(fen) % 100);
  };
  if (income != in.income_fen)
    return Error::invalid(
        "village_affair.totals_mismatch",
        fmt::format("收入合计 {} 元与明细之和 {} 元不符", yuan(in.income_fen), yuan(income)), "income_fen");
  if (expenditure != in.expenditure_fen)
    return Error::invalid(
        "village_affair.totals_mismatch",
        fmt::format("支出合计 {} 元与明细之和 {} 元不符", yuan(in.expenditure_fen), yuan(expenditure)),
        "expenditure_fen");
  if (in.opening_fen + income - expenditure != in.closing_fen)
    return Error::invalid(
        "village_affair.totals_mismatch",
        fmt::format("期末余额应为期初余额加收入减支出：{} 元", yuan(in.opening_fen + income - expenditure)),
        "closing_fen");
  return ok_status();
}

// The village's accounts must chain: this period opens with what the posted period before it closed with,
// and closes with what a posted period after it opened with.
Status check_chain(soci::session& sql, const VillageAffair& a) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT period, opening_fen, closing_fen FROM village_affairs WHERE region_id = :r AND "
                      "kind = 'finance' AND state = 'posted' AND id <> :id",
       soci::use(a.region_id), soci::use(a.id));
  auto mine = period_days(a.period);
  for (const auto& r : rows) {
    auto theirs = period_days(text_at(r, 0));
    if (!theirs) continue;
    if (std::chrono::sys_days{theirs->second} + std::chrono::days{1} == std::chrono::sys_days{mine->first} &&
        int64_at(r, 2) != a.opening_fen)
      return Error::invalid("village_affair.opening_mismatch",
                            fmt::format("期初余额应等于上期（{}）已公开的期末余额", text_at(r, 0)),
                            "opening_fen");
    if (std::chrono::sys_days{mine->second} + std::chrono::days{1} == std::chrono::sys_days{theirs->first} &&
        int64_at(r, 1) != a.closing_fen)
      return Error::invalid("village_affair.opening_mismatch",
                            fmt::format("期末余额应等于下期（{}）已公开的期初余额", text_at(r, 0)),
                            "closing_fen");
  }
  return ok_status();
}

Status check_period_free(soci::session& sql, const VillageAffair& a) {
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT period FROM village_affairs WHERE region_id = :r AND kind = 'finance' AND id <> :id",
       soci::use(a.region_id), soci::use(a.id));
  auto mine = period_days(a.period);
  for (const auto& r : rows) {
    auto theirs = period_days(text_at(r, 0));
    if (theirs && std::chrono::sys_days{theirs->first} <= std::chrono::sys_days{mine->second} &&
        std::chrono::sys_days{mine->first} <= std::chrono::sys_days{theirs->second})
      return Error::conflict("village_affair.period_taken",
                             text_at(r, 0) == a.period
                                 ? fmt::format("{} 的财务公开已有一份，不能重复", a.period)
                                 : fmt::format("{} 与已有的 {} 财务公开重叠", a.period, text_at(r, 0)),
                             "period");
  }
  return ok_status();
}

// Checks the input against the item's kind and fills `a` with it; the kind and village are already set.
Status apply_input(soci::session& sql, const WorkCalendar& cal, Date today, const VillageAffairInput& in,
                   VillageAffair& a) {
  VillageAffairInput checked = in;
  checked.kind = a.kind;
  if (a.kind == "major") {
    auto decided = parse_date(in.decided_on);
    if (!decided || std::chrono::sys_days{*decided} > std::chrono::sys_days{today})
      return Error::invalid("village_affair.invalid_decided_on", "决定日期应为不晚于今天的日期",
                            "decided_on");
    a.decided_on = in.decided_on;
    a.period.clear();
    a.due_on = format_date(cal.add_working_days(*decided, kMajorWithinDays));
  } else {
    if (auto s = check_period(checked, today); !s) return s;
    a.period = in.period;
    a.decided_on.clear();
    a.due_on = period_due_on(in.period);
  }
  if (a.kind == "finance") {
    if (!in.category.empty())
      return Error::invalid("village_affair.invalid_category", "财务公开不分事项类别", "category");
    if (auto s = check_lines(checked); !s) return s;
    a.category.clear();
  } else if (!listed(village_categories(), in.category)) {
    return Error::invalid("village_affair.invalid_category", "事项类别不正确", "category");
  } else {
    a.category = in.category;
  }
  auto body = detail::check_body(sql, in.body_html, in.attachments,
                                 a.kind == "finance" ? "" : "village_affair.empty_body");
  if (!body) return body.error();
  a.title = in.title;
  a.body_html = std::move(body->html);
  a.body_text = std::move(body->text);
  a.attachments = in.attachments;
  bool finance = a.kind == "finance";
  a.opening_fen = finance ? in.opening_fen : 0;
  a.income_fen = finance ? in.income_fen : 0;
  a.expenditure_fen = finance ? in.expenditure_fen : 0;
  a.closing_fen = finance ? in.closing_fen : 0;
  a.lines = finance ? in.lines : std::vector<FinanceLine>{};
  if (finance) {
    if (auto s = check_period_free(sql, a); !s) return s;
    if (auto s = check_chain(sql, a); !s) return s;
  }
  return ok_status();
}

void save_lines(soci::session& sql, const VillageAffair& a) {
  sql << "DELETE FROM village_finance_lines WHERE affair_id = :a", soci::use(a.id);
  if (a.lines.empty()) return;
  int seq = 0;
  FinanceLine row;
  soci::statement insert =
      (sql.prepare
           << "INSERT INTO village_finance_lines (affair_id, seq, direction, on_date, subject, summary, "
              "amount_fen) VALUES (:a, :s, :d, :o, :j, :m, :f)",
       soci::use(a.id), soci::use(seq), soci::use(row.direction), soci::use(row.on), soci::use(row.subject),
       soci::use(row.summary), soci::use(row.amount_fen));
  for (const auto& l : a.lines) {
    ++seq;
    row = l;
    insert.execute(true);
  }
}

// Saves the item's row as it now stands, if nobody changed it since it was read.
Status save(Command& cmd, VillageAffair& a) {
  std::string sign_off = a.sign_off ? sign_off_json(*a.sign_off).dump() : "";
  std::string attachments = services::refs_json(a.attachments).dump();
  std::string read_at = a.updated_at;
  a.updated_at = cmd.now();
  soci::statement st =
      (cmd.sql().prepare
           << "UPDATE village_affairs SET category = :c, period = :p, decided_on = :d, due_on = :u, "
              "title = :t, body_html = :h, body_text = :x, attachments = :at, opening_fen = :o, "
              "income_fen = :i, expenditure_fen = :e, closing_fen = :cl, state = :s, sign_off = :so, "
              "posted_on = :po, updated_at = :now WHERE id = :id AND updated_at = :was",
       soci::use(a.category), soci::use(a.period), soci::use(a.decided_on), soci::use(a.due_on),
       soci::use(a.title), soci::use(a.body_html), soci::use(a.body_text), soci::use(attachments),
       soci::use(a.opening_fen), soci::use(a.income_fen), soci::use(a.expenditure_fen),
       soci::use(a.closing_fen), soci::use(a.state), soci::use(sign_off), soci::use(a.posted_on),
       soci::use(a.updated_at), soci::use(a.id), soci::use(read_at));
  st.execute(true);
  if (st.get_affected_rows() != 1)
    return Error::conflict("village_affair.changed", "该事项刚被他人修改，请刷新后重试");
  return ok_status();
}

Result<VillageAffair> editable(soci::session& sql, long long id) {
  auto a = get(sql, id);
  if (!a) return a;
  if (a->state == "posted") return Error::conflict("village_affair.posted", "该事项已公开，不能再修改");
  return a;
}

}  // namespace

namespace detail {

Result<org::Region> village_of(soci::session& sql, long long region_id) {
  auto r = org::get_region(sql, region_id);
  if (!r) return Error::invalid("region.not_found", "行政区划不存在", "region_id");
  if (r->level != "village")
    return Error::invalid("village_affair.not_a_village", "村务公开只属于村（社区）", "region_id");
  return r;
}

std::vector<VillageAffair> affairs_of_year(soci::session& sql, const std::string& path_like, int year) {
  std::string year_like = std::to_string(year) + "-%";
  std::vector<VillageAffair> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << AFFAIR_COLUMNS
           " WHERE a.region_path LIKE :p AND (a.period LIKE :y OR a.decided_on LIKE :y2) "
           "ORDER BY a.id",
       soci::use(path_like), soci::use(year_like), soci::use(year_like));
  for (const auto& r : rows) {
    auto a = affair_from(r);
    a.body_html.clear();
    a.body_text.clear();
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace detail

const std::vector<std::string>& village_item_kinds() {
  static const std::vector<std::string> v{"ordinary", "major", "finance"};
  return v;
}

const std::vector<std::string>& village_categories() {
  static const std::vector<std::string> v{"decision", "family_planning", "relief_funds", "assistance",
                                          "other"};
  return v;
}

const std::vector<std::string>& finance_cadences() {
  static const std::vector<std::string> v{"monthly", "quarterly"};
  return v;
}

const std::vector<FinanceSubject>& finance_subjects() {
  static const std::vector<FinanceSubject> v{
      {"operating_income", "经营收入", "income"},    {"contracting", "发包及上交收入", "income"},
      {"investment", "投资收益", "income"},          {"subsidy", "补助收入", "income"},
      {"other_income", "其他收入", "income"},        {"operating_cost", "经营支出", "expenditure"},
      {"taxes", "税金及附加", "expenditure"},        {"management", "管理费用", "expenditure"},
      {"public_welfare", "公益支出", "expenditure"}, {"other_cost", "其他支出", "expenditure"},
  };
  return v;
}

bool is_late(const VillageAffair& a, Date today) {
  if (!a.posted_on.empty()) return a.posted_on > a.due_on;
  return format_date(today) > a.due_on;
}

nlohmann::json to_json(const VillageAffair& a, Date today) {
  nlohmann::json j{{"id", a.id},
                   {"region_id", a.region_id},
                   {"village_name", a.village_name},
                   {"kind", a.kind},
                   {"category", a.category},
                   {"period", a.period},
                   {"decided_on", a.decided_on},
                   {"due_on", a.due_on},
                   {"title", a.title},
                   {"body_html", a.body_html},
                   {"attachments", services::refs_json(a.attachments)},
                   {"state", a.state},
                   {"sign_off", a.sign_off ? sign_off_json(*a.sign_off) : nlohmann::json(nullptr)},
                   {"posted_on", a.posted_on},
                   {"late", is_late(a, today)},
                   {"created_at", a.created_at},
                   {"updated_at", a.updated_at}};
  if (a.kind == "finance") {
    j["opening_fen"] = a.opening_fen;
    j["income_fen"] = a.income_fen;
    j["expenditure_fen"] = a.expenditure_fen;
    j["closing_fen"] = a.closing_fen;
    j["lines"] = lines_json(a.lines);
  }
  return j;
}

Result<VillageAffair> create_village_affair(Command& cmd, const WorkCalendar& cal,
                                            const VillageAffairInput& in) {
  auto& sql = cmd.sql();
  auto village = detail::village_of(sql, in.region_id);
  if (!village) return village.error();
  if (!listed(village_item_kinds(), in.kind))
    return Error::invalid("field.invalid", "事项种类应为 ordinary、major 或 finance", "kind");
  VillageAffair a;
  a.region_id = village->id;
  a.region_path = village->path;
  a.kind = in.kind;
  if (auto s = apply_input(sql, cal, detail::today_of(cmd), in, a); !s) return s.error();
  soci::indicator by_ind = cmd.actor().account_id ? soci::i_ok : soci::i_null;
  long long by = cmd.actor().account_id.value_or(0);
  std::string attachments = services::refs_json(a.attachments).dump();
  sql << "INSERT INTO village_affairs (region_id, region_path, kind, category, period, decided_on, due_on, "
         "title, "
         "body_html, body_text, attachments, opening_fen, income_fen, expenditure_fen, closing_fen, state, "
         "created_by, created_at, updated_at) VALUES (:r, :rp, :k, :c, :p, :d, :u, :t, :h, :x, :at, :o, :i, "
         ":e, "
         ":cl, 'draft', :by, :now, :now2) RETURNING id",
      soci::use(a.region_id), soci::use(a.region_path), soci::use(a.kind), soci::use(a.category),
      soci::use(a.period), soci::use(a.decided_on), soci::use(a.due_on), soci::use(a.title),
      soci::use(a.body_html), soci::use(a.body_text), soci::use(attachments), soci::use(a.opening_fen),
      soci::use(a.income_fen), soci::use(a.expenditure_fen), soci::use(a.closing_fen), soci::use(by, by_ind),
      soci::use(cmd.now()), soci::use(cmd.now()), soci::into(a.id);
  save_lines(sql, a);
  auto created = get(sql, a.id);
  if (!created) return created;
  cmd.record("village_affair.created", scope_of(a.region_id), subject_of(a.id), draft_payload(*created));
  return created;
}

Result<VillageAffair> edit_village_affair(Command& cmd, const WorkCalendar& cal, long long id,
                                          const VillageAffairInput& in) {
  auto& sql = cmd.sql();
  auto a = editable(sql, id);
  if (!a) return a;
  auto before = content_json(*a);
  if (auto s = apply_input(sql, cal, detail::today_of(cmd), in, *a); !s) return s.error();
  if (content_json(*a) == before) return Error::conflict("village_affair.unchanged", "内容没有变化");
  // What the committee signed is no longer what would be posted.
  a->sign_off.reset();
  a->state = "draft";
  if (auto s = save(cmd, *a); !s) return s.error();
  save_lines(sql, *a);
  cmd.record("village_affair.edited", scope_of(a->region_id), subject_of(id), draft_payload(*a));
  return get(sql, id);
}

Result<VillageAffair> sign_off_village_affair(Command& cmd, long long id, const SignOff& s) {
  auto& sql = cmd.sql();
  auto a = editable(sql, id);
  if (!a) return a;
  if (s.members.empty() || s.members.size() > kMaxSignOffMembers)
    return Error::invalid("village_affair.invalid_sign_off",
                          fmt::format("签字的监督委员会成员应为 1 至 {} 人", kMaxSignOffMembers), "members");
  auto on = parse_date(s.signed_on);
  auto made = china_date(a->created_at);
  if (!on || std::chrono::sys_days{*on} > std::chrono::sys_days{detail::today_of(cmd)} ||
      (made && std::chrono::sys_days{*on} < std::chrono::sys_days{*made}))
    return Error::invalid("village_affair.invalid_sign_off", "签字日期应在草稿形成之后、不晚于今天",
                          "signed_on");
  a->sign_off = s;
  a->state = "signed";
  if (auto saved = save(cmd, *a); !saved) return saved.error();
  auto payload = draft_payload(*a);
  payload["sign_off"] = sign_off_json(s);
  cmd.record("village_affair.signed_off", scope_of(a->region_id), subject_of(id), payload);
  return get(sql, id);
}

Result<VillageAffair> post_village_affair(Command& cmd, long long id) {
  auto& sql = cmd.sql();
  auto a = editable(sql, id);
  if (!a) return a;
  if (a->state != "signed")
    return Error::conflict("village_affair.not_signed", "须先记录村务监督委员会的审核签字，才能公开");
  Date today = detail::today_of(cmd);
  if (a->kind == "finance") {
    auto days = period_days(a->period);
    if (std::chrono::sys_days{days->second} >= std::chrono::sys_days{today})
      return Error::conflict("village_affair.period_open",
                             fmt::format("{} 尚未结束，其财务收支不能公开", a->period));
    if (auto s = check_chain(sql, *a); !s) return s.error();
  }
  a->state = "posted";
  a->posted_on = format_date(today);
  if (auto s = save(cmd, *a); !s) return s.error();
  auto payload = to_json(*a, today);
  payload.erase("late");
  cmd.record("village_affair.posted", scope_of(a->region_id), subject_of(id), payload);
  return get(sql, id);
}

Result<VillageAffair> get_village_affair(Database& db, long long id) {
  return db.read([&](soci::session& sql) { return get(sql, id); });
}

Result<VillageAffairPage> list_village_affairs(Database& db, const VillageAffairQuery& q) {
  return db.read([&](soci::session& sql) -> Result<VillageAffairPage> {
    std::string where = " WHERE a.region_path LIKE :p";
    std::string path = q.region_path.value_or("") + "%";
    std::string kind = q.kind.value_or("");
    std::string year_like = q.year ? std::to_string(*q.year) + "-%" : "%";
    if (!q.desk) where += " AND a.state = 'posted'";
    where += " AND (:k = '' OR a.kind = :k2) AND (a.period LIKE :y OR a.decided_on LIKE :y2)";
    int hb = q.before ? 1 : 0;
    std::string before_day = q.before ? q.before->first : "";
    long long before_id = q.before ? q.before->second : 0;
    std::string after_cursor = " AND (:hb = 0 OR a.due_on < :bd OR (a.due_on = :bd2 AND a.id < :bi))";
    VillageAffairPage page;
    sql << "SELECT COUNT(*) FROM village_affairs a" + where, soci::use(path), soci::use(kind),
        soci::use(kind), soci::use(year_like), soci::use(year_like), soci::into(page.total);
    int limit = q.page_size, offset = q.before ? 0 : (q.page - 1) * q.page_size;
    soci::rowset<soci::row> rows =
        (sql.prepare << AFFAIR_COLUMNS + where + after_cursor +
                            " ORDER BY a.due_on DESC, a.id DESC "
                            "LIMIT :l OFFSET :o",
         soci::use(path), soci::use(kind), soci::use(kind), soci::use(year_like), soci::use(year_like),
         soci::use(hb), soci::use(before_day), soci::use(before_day), soci::use(before_id), soci::use(limit),
         soci::use(offset));
    for (const auto& r : rows) {
      auto a = affair_from(r);
      a.body_html.clear();
      a.body_text.clear();
      page.items.push_back(std::move(a));
    }
    return page;
  });
}

}  // namespace fishbowl::disclosure
