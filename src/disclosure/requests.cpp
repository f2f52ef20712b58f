// Information requests: the catalogues of the annual report, reading and showing a request, and filing one.
#include "disclosure/requests.h"

#include <fmt/format.h>

#include <algorithm>

#include "cases/outbox.h"
#include "core/crypto.h"
#include "core/personal.h"
#include "disclosure/internal.h"
#include "disclosure/request_internal.h"
#include "storage/row.h"

namespace fishbowl::disclosure {

using detail::optional_id;

namespace {

constexpr int kLetterBackDays = 60;  // how far back a letter's day of receipt may be recorded

#define REQUEST_COLUMNS                                                                                   \
  "SELECT q.id, q.tracking_no, q.department_id, q.region_id, q.region_path, q.channel, q.account_id, "    \
  "q.recorded_by, q.applicant_type, q.applicant_name, q.id_number, q.contact_name, q.phone, q.address, "  \
  "q.email, q.description, q.delivery, q.received_on, q.clock_start, q.due_on, q.state, q.paused_since, " \
  "q.paused_days, q.supplement_requested, q.supplement_by, q.extension_days, "                            \
  "q.extension_requested_days, q.extension_requested_by, q.result, q.reason, q.reply_letter, "            \
  "q.reply_documents, q.replied_on, q.created_at, q.updated_at, d.name, r.name, r.kind "                  \
  "FROM info_requests q JOIN regions r ON r.id = q.region_id LEFT JOIN departments d ON d.id = "          \
  "q.department_id"

InfoRequest request_from(const soci::row& r) {
  InfoRequest q;
  q.id = int64_at(r, 0);
  q.tracking_no = text_at(r, 1);
  q.department_id = optional_int64_at(r, 2);
  q.region_id = int64_at(r, 3);
  q.region_path = text_at(r, 4);
  q.channel = text_at(r, 5);
  q.account_id = optional_int64_at(r, 6);
  q.recorded_by = optional_int64_at(r, 7);
  q.applicant = {text_at(r, 8),  text_at(r, 9),  text_at(r, 10), text_at(r, 11),
                 text_at(r, 12), text_at(r, 13), text_at(r, 14)};
  q.description = text_at(r, 15);
  q.delivery = text_at(r, 16);
  q.received_on = text_at(r, 17);
  q.clock_start = text_at(r, 18);
  q.due_on = text_at(r, 19);
  q.state = text_at(r, 20);
  q.paused_since = text_at(r, 21);
  q.paused_days = static_cast<int>(int64_at(r, 22));
  q.supplement_requested = int64_at(r, 23) != 0;
  q.supplement_by = text_at(r, 24);
  q.extension_days = static_cast<int>(int64_at(r, 25));
  q.extension_requested_days = static_cast<int>(int64_at(r, 26));
  q.extension_requested_by = optional_int64_at(r, 27);
  q.result = text_at(r, 28);
  q.reason = text_at(r, 29);
  q.reply_letter = text_at(r, 30);
  q.reply_documents = services::refs_from(text_at(r, 31));
  q.replied_on = text_at(r, 32);
  q.created_at = text_at(r, 33);
  q.updated_at = text_at(r, 34);
  q.organ_name = q.department_id ? text_at(r, 35) : detail::government_of(text_at(r, 36), text_at(r, 37));
  return q;
}

Status load_steps(soci::session& sql, InfoRequest& q) {
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT s.kind, s.on_date, s.note, s.by_account, s.at, a.display_name FROM "
              "info_request_steps s LEFT JOIN accounts a ON a.id = s.by_account WHERE s.request_id = :id "
              "ORDER BY s.id",
       soci::use(q.id));
  q.steps.clear();
  for (const auto& r : rows)
    q.steps.push_back(
        {text_at(r, 0), text_at(r, 1), text_at(r, 2), optional_int64_at(r, 3), text_at(r, 5), text_at(r, 4)});
  return ok_status();
}

Error not_found() {
  return Error::not_found("info_request.not_found", "找不到该政府信息公开申请");
}

// Steps the applicant is not shown: the organ's own request for an extension and its refusal.
bool internal_step(const std::string& kind) {
  return kind == "extension_requested" || kind == "extension_rejected";
}

// Steps the applicant sees without their note: whom the organ consulted, and what they said.
bool private_note(const std::string& kind) {
  return kind == "consultation_started" || kind == "consultation_closed";
}

bool is_email(const std::string& e) {
  auto at = e.find('@');
  return e.size() <= 100 && at != std::string::npos && at > 0 && e.find('@', at + 1) == std::string::npos &&
         e.find('.', at) != std::string::npos && e.back() != '.' &&
         std::none_of(e.begin(), e.end(), [](char ch) { return ch == ' ' || ch < 0x21 || ch == 0x7f; });
}

Status check_applicant(const Applicant& a, const std::string& delivery) {
  if (!is_phone_number(a.phone))
    return Error::invalid("info_request.invalid_phone", "联系电话应为 11 位手机号或带区号的固定电话",
                          "applicant.phone");
  bool person = a.type == "natural_person";
  if (person ? !is_resident_id_number(a.id_number) : !is_credit_code(a.id_number))
    return Error::invalid(
        "info_request.invalid_id_number",
        person ? "身份证号码不正确（18 位，含校验位）" : "统一社会信用代码不正确（18 位，含校验位）",
        "applicant.id_number");
  if (!a.email.empty() && !is_email(a.email))
    return Error::invalid("info_request.invalid_email", "电子邮箱格式不正确", "applicant.email");
  if (delivery == "post" && a.address.empty())
    return Error::invalid("info_request.address_required", "邮寄答复须填写通讯地址", "applicant.address");
  if (delivery == "email" && a.email.empty())
    return Error::invalid("info_request.invalid_email", "以电子邮件答复须填写电子邮箱", "applicant.email");
  return ok_status();
}

// Ten characters without the look-alikes 0/O and 1/I: about 50 bits, read out at a counter or over the phone.
std::string new_access_code() {
  static const std::string_view alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  std::string bytes = random_bytes(10), code;
  for (unsigned char b : bytes) code += alphabet[b % alphabet.size()];
  return code;
}

std::string access_hash(const std::string& code) {
  return to_hex(sha256("info_request:" + code));
}

std::string next_tracking_no(soci::session& sql, const std::string& organ_code, int year) {
  sql << "INSERT INTO request_sequences (organ_code, year, last) VALUES (:o, :y, 0) ON CONFLICT DO NOTHING",
      soci::use(organ_code), soci::use(year);
  long long last = 0;
  sql << "UPDATE request_sequences SET last = last + 1 WHERE organ_code = :o AND year = :y RETURNING last",
      soci::use(organ_code), soci::use(year), soci::into(last);
  return fmt::format("YSQ-{}-{}-{:04d}", organ_code, year, last);
}

}  // namespace

const std::vector<std::string>& applicant_types() {
  static const std::vector<std::string> v{"natural_person", "commercial",    "research",
                                          "public_welfare", "legal_service", "other_org"};
  return v;
}
const std::vector<std::string>& request_channels() {
  static const std::vector<std::string> v{"online", "letter", "in_person"};
  return v;
}
const std::vector<std::string>& request_deliveries() {
  static const std::vector<std::string> v{"post", "email", "pickup", "online"};
  return v;
}
const std::vector<std::string>& request_states() {
  static const std::vector<std::string> v{"received", "awaiting_supplement", "consulting", "replied"};
  return v;
}

const std::vector<ReplyResult>& reply_results() {
  static const std::vector<ReplyResult> v{
      {"granted", "予以公开", {}},
      {"partial", "部分公开", {}},
      {"denied",
       "不予公开",
       {{"denied.state_secret", "属于国家秘密"},
        {"denied.law_forbidden", "其他法律行政法规禁止公开"},
        {"denied.three_safety_one_stability", "危及“三安全一稳定”"},
        {"denied.third_party", "保护第三方合法权益"},
        {"denied.internal_affairs", "属于三类内部事务信息"},
        {"denied.process_info", "属于四类过程性信息"},
        {"denied.enforcement_file", "属于行政执法案卷"},
        {"denied.admin_query", "属于行政查询事项"}}},
      {"unable",
       "无法提供",
       {{"unable.not_held", "本机关不掌握相关政府信息"},
        {"unable.needs_creation", "没有现成信息需要另行制作"},
        {"unable.unclear_after_correction", "补正后申请内容仍不明确"}}},
      {"not_processed",
       "不予处理",
       {{"not_processed.petition_complaint", "信访举报投诉类申请"},
        {"not_processed.repeat", "重复申请"},
        {"not_processed.publication", "要求提供公开出版物"},
        {"not_processed.mass_repeat", "无正当理由大量反复申请"},
        {"not_processed.confirm_or_reissue", "要求行政机关确认或重新出具已获取信息"}}},
      {"other",
       "其他处理",
       {{kNoCorrection, "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
        {"other.fee_unpaid", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
        {"other.other", "其他"}}},
  };
  return v;
}

const ReplyResult* find_result(const std::string& code) {
  for (const auto& r : reply_results())
    if (r.code == code) return &r;
  return nullptr;
}

bool replied_late(const InfoRequest& r) {
  return r.replied_on > r.due_on && r.reason != kNoCorrection;
}

bool is_overdue(const InfoRequest& r, Date today) {
  if (r.state == "replied") return replied_late(r);
  return r.state == "received" && format_date(today) > r.due_on;
}

nlohmann::json to_applicant_json(const InfoRequest& r, Date today) {
  auto steps = nlohmann::json::array();
  for (const auto& s : r.steps)
    if (!internal_step(s.kind))
      steps.push_back({{"kind", s.kind}, {"on", s.on}, {"note", private_note(s.kind) ? "" : s.note}});
  const auto* result = find_result(r.result);
  std::string reason_label;
  if (result)
    for (const auto& reason : result->reasons)
      if (reason.code == r.reason) reason_label = reason.label;
  return {
      {"tracking_no", r.tracking_no},
      {"organ", r.organ_name},
      {"channel", r.channel},
      {"applicant", {{"type", r.applicant.type}, {"name", r.applicant.name}}},
      {"description", r.description},
      {"delivery", r.delivery},
      {"received_on", r.received_on},
      {"due_on", r.due_on},
      {"state", r.state},
      {"overdue", is_overdue(r, today)},
      {"supplement_by", r.supplement_by},
      {"paused_since", r.paused_since},
      {"extension_days", r.extension_days},
      {"reply", r.state == "replied" ? nlohmann::json{{"result", r.result},
                                                      {"result_label", result ? result->label : ""},
                                                      {"reason", r.reason},
                                                      {"reason_label", reason_label},
                                                      {"letter", r.reply_letter},
                                                      {"documents", services::refs_json(r.reply_documents)},
                                                      {"replied_on", r.replied_on}}
                                     : nlohmann::json(nullptr)},
      {"steps", steps}};
}

nlohmann::json to_json(const InfoRequest& r, Date today) {
  auto j = to_applicant_json(r, today);
  j["id"] = r.id;
  j["department_id"] = optional_id(r.department_id);
  j["region_id"] = r.region_id;
  j["account_id"] = optional_id(r.account_id);
  j["recorded_by"] = optional_id(r.recorded_by);
  j["applicant"] = {{"type", r.applicant.type},           {"name", r.applicant.name},
                    {"id_number", r.applicant.id_number}, {"contact_name", r.applicant.contact_name},
                    {"phone", r.applicant.phone},         {"address", r.applicant.address},
                    {"email", r.applicant.email}};
  j["clock_start"] = r.clock_start;
  j["paused_days"] = r.paused_days;
  j["supplement_requested"] = r.supplement_requested;
  j["supplement_overdue"] = r.state == "awaiting_supplement" && format_date(today) > r.supplement_by;
  j["extension_requested_days"] = r.extension_requested_days;
  j["extension_requested_by"] = optional_id(r.extension_requested_by);
  auto steps = nlohmann::json::array();
  for (const auto& s : r.steps)
    steps.push_back({{"kind", s.kind},
                     {"on", s.on},
                     {"note", s.note},
                     {"by", optional_id(s.by)},
                     {"by_name", s.by_name},
                     {"at", s.at}});
  j["steps"] = steps;
  j["created_at"] = r.created_at;
  j["updated_at"] = r.updated_at;
  return j;
}

Result<InfoRequest> get_info_request(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << REQUEST_COLUMNS " WHERE q.id = :id", soci::use(id));
  for (const auto& r : rows) {
    auto q = request_from(r);
    if (auto ok = load_steps(sql, q); !ok) return ok.error();
    return q;
  }
  return not_found();
}

Result<InfoRequest> get_info_request(Database& db, long long id) {
  return db.read([&](soci::session& sql) { return get_info_request(sql, id); });
}

Result<InfoRequest> track_info_request(Database& db, const std::string& tracking_no,
                                       const std::string& access_code) {
  return db.read([&](soci::session& sql) -> Result<InfoRequest> {
    long long id = 0;
    std::string hash;
    soci::indicator ind = soci::i_null;
    sql << "SELECT id, access_hash FROM info_requests WHERE tracking_no = :t", soci::use(tracking_no),
        soci::into(id), soci::into(hash, ind);
    // The same work and the same answer whether the number or the code is wrong.
    std::string given = access_hash(access_code);
    if (ind != soci::i_ok || hash.size() != given.size() || !equal_secret(hash, given)) return not_found();
    return get_info_request(sql, id);
  });
}

Result<InfoRequestPage> list_info_requests(Database& db, const InfoRequestQuery& q, Date today) {
  return db.snapshot([&](soci::session& sql) -> Result<InfoRequestPage> {
    int hd = q.department_id ? 1 : 0, hp = q.region_path ? 1 : 0, ha = q.account_id ? 1 : 0,
        hs = q.state ? 1 : 0, overdue = q.overdue_only ? 1 : 0;
    long long dept = q.department_id.value_or(0), account = q.account_id.value_or(0);
    std::string path = q.region_path.value_or("") + "%", state = q.state.value_or(""),
                day = format_date(today);
    long long limit = q.page_size, offset = static_cast<long long>(q.page - 1) * q.page_size;
#define REQUEST_FILTER                                                                                     \
  " WHERE (:hd = 0 OR q.department_id = :d) AND (:hp = 0 OR q.region_path LIKE :p) AND (:ha = 0 OR "       \
  "q.account_id = :a) AND (:hs = 0 OR q.state = :s) AND (:od = 0 OR (q.state = 'received' AND q.due_on < " \
  ":today) OR (q.state = 'replied' AND q.replied_on > q.due_on AND "                                       \
  "q.reason <> 'other.no_correction'))"
    InfoRequestPage page;
    sql << "SELECT COUNT(*) FROM info_requests q" REQUEST_FILTER, soci::use(hd), soci::use(dept),
        soci::use(hp), soci::use(path), soci::use(ha), soci::use(account), soci::use(hs), soci::use(state),
        soci::use(overdue), soci::use(day), soci::into(page.total);
    soci::rowset<soci::row> rows = (sql.prepare << REQUEST_COLUMNS REQUEST_FILTER
                                        " ORDER BY CASE WHEN q.state = 'replied' THEN 1 ELSE 0 END, "
                                        "q.due_on, q.id LIMIT :lim OFFSET :off",
                                    soci::use(hd), soci::use(dept), soci::use(hp), soci::use(path),
                                    soci::use(ha), soci::use(account), soci::use(hs), soci::use(state),
                                    soci::use(overdue), soci::use(day), soci::use(limit), soci::use(offset));
#undef REQUEST_FILTER
    for (const auto& r : rows) page.items.push_back(request_from(r));
    return page;
  });
}

namespace detail {

std::string request_subject(const InfoRequest& r) {
  return "info_request:" + std::to_string(r.id);
}

void refresh_due(const WorkCalendar& cal, InfoRequest& r) {
  auto start = parse_date(r.clock_start);
  if (!start) throw std::runtime_error("disclosure: malformed clock start " + r.clock_start);
  r.due_on = format_date(cal.add_working_days(*start, kReplyWithinDays + r.extension_days + r.paused_days));
}

void add_step(Command& cmd, const InfoRequest& r, const std::string& kind, const std::string& on,
              const std::string& note) {
  soci::indicator by_ind = cmd.actor().account_id ? soci::i_ok : soci::i_null;
  long long by = cmd.actor().account_id.value_or(0);
  cmd.sql() << "INSERT INTO info_request_steps (request_id, kind, on_date, note, by_account, at) VALUES (:r, "
               ":k, :o, :n, :b, :t)",
      soci::use(r.id), soci::use(kind), soci::use(on), soci::use(note), soci::use(by, by_ind),
      soci::use(cmd.now());
}

void record_request(Command& cmd, const char* type, const InfoRequest& r, nlohmann::json extra,
                    nlohmann::json personal) {
  nlohmann::json payload{{"tracking_no", r.tracking_no},
                         {"organ", r.organ_name},
                         {"state", r.state},
                         {"received_on", r.received_on},
                         {"due_on", r.due_on}};
  payload.update(extra);
  std::string scope = r.department_id ? "department:" + std::to_string(*r.department_id)
                                      : "region:" + std::to_string(r.region_id);
  cmd.record(type, scope, request_subject(r), payload, personal);
}

void tell_applicant(Command& cmd, const InfoRequest& r, const std::string& message) {
  cases::queue_sms(cmd, std::nullopt, r.applicant.phone,
                   fmt::format("【政务公开】您的政府信息公开申请（{}）{}", r.tracking_no, message));
}

}  // namespace detail

Result<Filed> file_info_request(Command& cmd, const WorkCalendar& cal, const InfoRequestInput& in) {
  auto& sql = cmd.sql();
  auto organ = detail::organ_of(sql, in.department_id, in.region_id);
  if (!organ) return organ.error();
  if (auto ok = check_applicant(in.applicant, in.delivery); !ok) return ok.error();
  Date today = detail::today_of(cmd);
  std::string received = format_date(today);
  if (in.channel == "letter" && !in.received_on.empty()) {
    auto d = parse_date(in.received_on);
    auto earliest = Date{std::chrono::sys_days(today) - std::chrono::days(kLetterBackDays)};
    if (!d || *d > today || *d < earliest)
      return Error::invalid("info_request.invalid_received_on",
                            fmt::format("收到信件的日期应为今天或之前 {} 天内的日期", kLetterBackDays),
                            "received_on");
    received = in.received_on;
  }
  std::string code = new_access_code(), hash = access_hash(code);
  std::string tracking = next_tracking_no(sql, organ->code, std::stoi(received.substr(0, 4)));
  soci::indicator dept_ind = organ->department_id ? soci::i_ok : soci::i_null;
  soci::indicator account_ind = in.account_id ? soci::i_ok : soci::i_null;
  bool recorded = in.channel != "online" && cmd.actor().account_id;
  soci::indicator recorder_ind = recorded ? soci::i_ok : soci::i_null;
  long long dept = organ->department_id.value_or(0), account = in.account_id.value_or(0),
            recorder = cmd.actor().account_id.value_or(0), id = 0;
  InfoRequest r;
  r.clock_start = received;
  detail::refresh_due(cal, r);
  const auto& a = in.applicant;
  sql << "INSERT INTO info_requests (tracking_no, access_hash, department_id, region_id, region_path, "
         "channel, "
         "account_id, recorded_by, applicant_type, applicant_name, id_number, contact_name, phone, address, "
         "email, description, delivery, received_on, clock_start, due_on, state, created_at, updated_at) "
         "VALUES (:tn, :ah, :d, :r, :p, :c, :a, :rb, :at, :an, :idn, :cn, :ph, :ad, :em, :de, :dl, :ro, :cs, "
         ":du, 'received', :ca, :ua) RETURNING id",
      soci::use(tracking), soci::use(hash), soci::use(dept, dept_ind), soci::use(organ->region.id),
      soci::use(organ->region.path), soci::use(in.channel), soci::use(account, account_ind),
      soci::use(recorder, recorder_ind), soci::use(a.type), soci::use(a.name), soci::use(a.id_number),
      soci::use(a.contact_name), soci::use(a.phone), soci::use(a.address), soci::use(a.email),
      soci::use(in.description), soci::use(in.delivery), soci::use(received), soci::use(received),
      soci::use(r.due_on), soci::use(cmd.now()), soci::use(cmd.now()), soci::into(id);
  auto filed = get_info_request(sql, id);
  if (!filed) return filed.error();
  detail::add_step(cmd, *filed, "filed", received, "");
  detail::record_request(cmd, "info_request.filed", *filed,
                         {{"channel", in.channel}, {"applicant_type", a.type}, {"delivery", in.delivery}},
                         {{"name", a.name},
                          {"id_number", a.id_number},
                          {"phone", a.phone},
                          {"address", a.address},
                          {"email", a.email},
                          {"description", in.description}});
  detail::tell_applicant(cmd, *filed,
                         fmt::format("已于 {} 收到，答复期限至 {}。请凭申请编号和受理时告知的查询码查询。",
                                     received, filed->due_on));
  auto with_steps = get_info_request(sql, id);
  if (!with_steps) return with_steps.error();
  return Filed{std::move(with_steps).value(), code};
}

}  // namespace fishbowl::disclosure
