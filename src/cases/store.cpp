// Reading and writing case rows.
#include <fmt/format.h>

#include "cases/internal.h"
#include "core/personal.h"
#include "storage/bound.h"
#include "storage/prepared.h"

namespace fishbowl::cases {

namespace {

#define CASE_COLUMNS                                                                                       \
  "SELECT c.id, c.case_no, c.item_id, c.item_version, c.item_name, c.promised_days, c.department_id, "     \
  "c.channel, "                                                                                            \
  "c.filed_region_id, c.filed_path, c.holder_region_id, c.holder_department_id, c.state, c.resume_state, " \
  "c.applicant_name, c.applicant_phone, c.applicant_id_number, c.applicant_account_id, c.filed_by, "       \
  "c.first_contact_id, c.decision, c.reason, c.missing, c.stage_due, c.due_date, c.paused_since, "         \
  "c.filed_at, "                                                                                           \
  "c.updated_at, hr.name, hr.level, hd.name, fc.display_name "                                             \
  "FROM cases c JOIN regions hr ON hr.id = c.holder_region_id "                                            \
  "LEFT JOIN departments hd ON hd.id = c.holder_department_id "                                            \
  "LEFT JOIN accounts fc ON fc.id = c.first_contact_id"

// The service point of a region, by the name people know it by.
std::string point_name(const std::string& region_name, const std::string& level) {
  if (level == "village") return region_name + "便民服务室";
  if (level == "town") return region_name + "便民服务中心";
  return region_name + "政务服务大厅";
}

// A row of CASE_COLUMNS read into typed fields. A dynamic soci::row would describe its 32 columns again on
// every read, and a case is read by every change made to it.
class CaseReader {
 public:
  explicit CaseReader(soci::statement& st) {
    st.exchange(soci::into(c_.id));
    st.exchange(soci::into(c_.case_no));
    st.exchange(soci::into(c_.item_id));
    st.exchange(soci::into(c_.item_version));
    st.exchange(soci::into(c_.item_name));
    st.exchange(soci::into(c_.promised_days));
    st.exchange(soci::into(c_.department_id));
    st.exchange(soci::into(c_.channel));
    st.exchange(soci::into(c_.filed_region_id));
    st.exchange(soci::into(c_.filed_path));
    st.exchange(soci::into(c_.holder_region_id));
    st.exchange(soci::into(holder_department_, null_[0]));
    st.exchange(soci::into(c_.state));
    st.exchange(soci::into(c_.resume_state));
    st.exchange(soci::into(c_.applicant.name));
    st.exchange(soci::into(c_.applicant.phone));
    st.exchange(soci::into(c_.applicant.id_number));
    st.exchange(soci::into(applicant_account_, null_[1]));
    st.exchange(soci::into(filed_by_, null_[2]));
    st.exchange(soci::into(first_contact_, null_[3]));
    st.exchange(soci::into(c_.decision));
    st.exchange(soci::into(c_.reason));
    st.exchange(soci::into(missing_));
    st.exchange(soci::into(c_.stage_due));
    st.exchange(soci::into(c_.due_date));
    st.exchange(soci::into(c_.paused_since));
    st.exchange(soci::into(c_.filed_at));
    st.exchange(soci::into(c_.updated_at));
    st.exchange(soci::into(region_name_));
    st.exchange(soci::into(c_.holder_level));
    st.exchange(soci::into(department_name_, null_[4]));
    st.exchange(soci::into(contact_name_, null_[5]));
  }

  // The case of the row last fetched.
  Case get() const {
    Case c = c_;
    auto optional = [&](long long v, int i) {
      return null_[i] == soci::i_ok ? std::optional(v) : std::nullopt;
    };
    c.holder_department_id = optional(holder_department_, 0);
    c.applicant_account_id = optional(applicant_account_, 1);
    c.filed_by = optional(filed_by_, 2);
    c.first_contact_id = optional(first_contact_, 3);
    c.missing = nlohmann::json::parse(missing_).get<std::vector<std::string>>();
    c.holder_name = c.holder_department_id ? department_name_ : point_name(region_name_, c.holder_level);
    c.first_contact_name = null_[5] == soci::i_ok ? contact_name_ : std::string();
    return c;
  }

 private:
  Case c_;
  long long holder_department_ = 0, applicant_account_ = 0, filed_by_ = 0, first_contact_ = 0;
  std::string missing_, region_name_, department_name_, contact_name_;
  soci::indicator null_[6] = {};
};

template <class... Uses>
void bind_all(soci::statement& st, Uses&&... uses) {
  (st.exchange(uses), ...);
}

}  // namespace

namespace detail {

Error not_found() {
  return Error::not_found("case.not_found", "找不到该办件");
}

Result<org::Region> department_region(soci::session& sql, long long department_id) {
  long long region = 0;
  sql << "SELECT region_id FROM departments WHERE id = :d", soci::use(department_id), soci::into(region);
  if (!sql.got_data()) return Error::invalid("department.not_found", "部门不存在", "department_id");
  return org::get_region(sql, region);
}

nlohmann::json optional_id(const std::optional<long long>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

Status save(Command& cmd, Case& c, const Case& before) {
  std::string missing = nlohmann::json(c.missing).dump();
  auto changed = execute(cmd.sql(), cmd.backend(),
                         "UPDATE cases SET holder_region_id = :hr, holder_department_id = :hd, state = :s, "
                         "resume_state = :rs, first_contact_id = :fc, decision = :d, reason = :r, "
                         "missing = :m, stage_due = :sd, due_date = :dd, paused_since = :ps, updated_at = :u "
                         "WHERE id = :id AND state = :from",
                         c.holder_region_id, c.holder_department_id, c.state, c.resume_state,
                         c.first_contact_id, c.decision, c.reason, missing, c.stage_due, c.due_date,
                         c.paused_since, cmd.now(), c.id, before.state);
  if (changed != 1) return Error::conflict("case.wrong_state", "该办件刚被他人处理，请刷新后再试", "state");
  c.updated_at = cmd.now();
  // The row now holds what `c` holds; only the names read with it depend on where it went.
  if (c.holder_region_id == before.holder_region_id &&
      c.holder_department_id == before.holder_department_id && c.first_contact_id == before.first_contact_id)
    return ok_status();
  return read_names(cmd.sql(), c);
}

Status read_names(soci::session& sql, Case& c) {
  soci::indicator dept_ind = c.holder_department_id ? soci::i_ok : soci::i_null;
  soci::indicator contact_ind = c.first_contact_id ? soci::i_ok : soci::i_null;
  long long dept = c.holder_department_id.value_or(0), contact = c.first_contact_id.value_or(0);
  std::string region, level, department, contact_name;
  soci::indicator department_ind = soci::i_null, contact_name_ind = soci::i_null;
  sql << "SELECT hr.name, hr.level, hd.name, fc.display_name FROM regions hr "
         "LEFT JOIN departments hd ON hd.id = :hd LEFT JOIN accounts fc ON fc.id = :fc WHERE hr.id = :hr",
      soci::use(dept, dept_ind), soci::use(contact, contact_ind), soci::use(c.holder_region_id),
      soci::into(region), soci::into(level), soci::into(department, department_ind),
      soci::into(contact_name, contact_name_ind);
  if (!sql.got_data()) return Error::internal("internal", "服务器内部错误");  // the foreign key forbids it
  c.holder_level = level;
  c.holder_name = c.holder_department_id ? department : point_name(region, level);
  c.first_contact_name = contact_name_ind == soci::i_ok ? contact_name : std::string();
  return ok_status();
}

}  // namespace detail

const std::vector<std::string>& case_states() {
  static const std::vector<std::string> v{"submitted", "awaiting_supplement", "accepted", "in_review",
                                          "decided",   "completed",           "refused",  "withdrawn"};
  return v;
}

const std::vector<std::string>& case_channels() {
  static const std::vector<std::string> v{"window", "online", "proxy"};
  return v;
}

const std::vector<std::string>& deliveries() {
  static const std::vector<std::string> v{"窗口领取", "邮政寄递", "电子证照", "代办员送达"};
  return v;
}

std::string state_label(const std::string& state) {
  static const std::vector<std::string> labels{"已提交", "待补正", "已受理",   "审查中",
                                               "已决定", "已办结", "不予受理", "已撤回"};
  const auto& states = case_states();
  for (std::size_t i = 0; i < states.size(); ++i)
    if (states[i] == state) return labels[i];
  return state;
}

bool is_open(const std::string& state) {
  return state == "submitted" || state == "awaiting_supplement" || state == "accepted" ||
         state == "in_review";
}

bool is_overdue(const Case& c, Date today) {
  if (!is_open(c.state) || c.state == "awaiting_supplement") return false;
  std::string day = format_date(today);
  return c.stage_due < day || (!c.due_date.empty() && c.due_date < day);
}

nlohmann::json to_json(const Case& c, Date today) {
  nlohmann::json j = to_public_json(c, today);
  j["id"] = c.id;
  j["item_id"] = c.item_id;
  j["department_id"] = c.department_id;
  j["filed_region_id"] = c.filed_region_id;
  j["holder_region_id"] = c.holder_region_id;
  j["holder_department_id"] = detail::optional_id(c.holder_department_id);
  j["holder_level"] = c.holder_level;
  j["applicant"] = {
      {"name", c.applicant.name}, {"phone", c.applicant.phone}, {"id_number", c.applicant.id_number}};
  j["applicant_account_id"] = detail::optional_id(c.applicant_account_id);
  j["filed_by"] = detail::optional_id(c.filed_by);
  j["first_contact_id"] = detail::optional_id(c.first_contact_id);
  j["updated_at"] = c.updated_at;
  return j;
}

nlohmann::json to_public_json(const Case& c, Date today) {
  return {{"case_no", c.case_no},
          {"item_name", c.item_name},
          {"item_version", c.item_version},
          {"channel", c.channel},
          {"state", c.state},
          {"decision", c.decision},
          {"reason", c.reason},
          {"missing", c.missing},
          {"holder_name", c.holder_name},
          {"first_contact_name", c.first_contact_name},
          {"applicant_name", masked_name(c.applicant.name)},
          {"stage_due", c.stage_due},
          {"due_date", c.due_date},
          {"paused_since", c.paused_since},
          {"overdue", is_overdue(c, today)},
          {"filed_at", c.filed_at}};
}

Result<Case> get_case(soci::session& sql, long long id) {
  soci::statement st(sql);
  CaseReader row(st);
  st.exchange(soci::use(id));
  prepare_and_run(st, CASE_COLUMNS " WHERE c.id = :id", true);
  if (!st.got_data()) return detail::not_found();
  return row.get();
}

Result<Case> get_case(Database& db, long long id) {
  return db.read([&](soci::session& sql) { return get_case(sql, id); });
}

Result<Case> track_case(Database& db, const std::string& case_no, const std::string& phone_last4) {
  return db.read([&](soci::session& sql) -> Result<Case> {
    soci::statement st(sql);
    CaseReader row(st);
    st.exchange(soci::use(case_no));
    st.exchange(soci::use(phone_last4));
    prepare_and_run(st, CASE_COLUMNS " WHERE c.case_no = :n AND c.phone_last4 = :p", true);
    if (!st.got_data()) return detail::not_found();
    return row.get();
  });
}

Result<CasePage> list_cases(Database& db, const CaseQuery& q, Date today) {
  return db.snapshot([&](soci::session& sql) -> Result<CasePage> {
    // Every filter is bound and switched off by its flag when absent, so the SQL text is one constant.
    int has_path = q.filed_under ? 1 : 0, has_dept = q.department_id ? 1 : 0,
        has_applicant = q.applicant_account_id ? 1 : 0, has_state = q.state ? 1 : 0,
        has_held_region = q.held_by_region ? 1 : 0, has_held_dept = q.held_by_department ? 1 : 0,
        overdue = q.overdue_only ? 1 : 0;
    std::string path = q.filed_under.value_or("") + "%", state = q.state.value_or(""),
                day = format_date(today);
    long long dept = q.department_id.value_or(0), applicant = q.applicant_account_id.value_or(0),
              held_region = q.held_by_region.value_or(0), held_dept = q.held_by_department.value_or(0);
    long long limit = q.page_size, offset = static_cast<long long>(q.page - 1) * q.page_size;
// A place's queue: what it holds and still has to act on (a decided case waits for its completion).
#define HELD_STATES "c.state IN ('submitted', 'awaiting_supplement', 'accepted', 'in_review', 'decided')"
#define CASE_FILTER                                                                              \
  " WHERE (:hp = 0 OR c.filed_path LIKE :p) AND (:hd = 0 OR c.department_id = :d) "              \
  "AND (:ha = 0 OR c.applicant_account_id = :a) AND (:hs = 0 OR c.state = :s) "                  \
  "AND (:hr = 0 OR (c.holder_region_id = :r AND c.holder_department_id IS NULL AND " HELD_STATES \
  ")) "                                                                                          \
  "AND (:hhd = 0 OR (c.holder_department_id = :hdd AND " HELD_STATES                             \
  ")) "                                                                                          \
  "AND (:od = 0 OR (c.state IN ('submitted', 'accepted', 'in_review') "                          \
  "     AND (c.stage_due < :t OR (c.due_date <> '' AND c.due_date < :t2))))"
#define CASE_BINDINGS                                                                                   \
  soci::use(has_path), soci::use(path), soci::use(has_dept), soci::use(dept), soci::use(has_applicant), \
      soci::use(applicant), soci::use(has_state), soci::use(state), soci::use(has_held_region),         \
      soci::use(held_region), soci::use(has_held_dept), soci::use(held_dept), soci::use(overdue),       \
      soci::use(day), soci::use(day)
    CasePage page;
    sql << "SELECT COUNT(*) FROM cases c" CASE_FILTER, CASE_BINDINGS, soci::into(page.total);
    soci::statement st(sql);
    CaseReader row(st);
    bind_all(st, CASE_BINDINGS, soci::use(limit), soci::use(offset));
    for (bool got = prepare_and_run(
             st, CASE_COLUMNS CASE_FILTER " ORDER BY c.stage_due, c.id LIMIT :lim OFFSET :off", true);
         got; got = st.fetch())
      page.items.push_back(row.get());
#undef CASE_BINDINGS
#undef CASE_FILTER
#undef HELD_STATES
    return page;
  });
}

}  // namespace fishbowl::cases
