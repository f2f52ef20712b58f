// Tickets: filing, reading, tracking, the deadlines by kind, and the row's load and save.
#include <fmt/format.h>

#include <algorithm>

#include "core/personal.h"
#include "hotline/internal.h"
#include "org/org.h"
#include "storage/prepared.h"
#include "storage/row.h"

namespace fishbowl::hotline {

namespace {

#define TICKET_COLUMNS                                                                                       \
  "SELECT t.id, t.ticket_no, t.kind, t.channel, t.name, t.phone, t.account_id, t.region_id, t.region_path, " \
  "r.name, t.address, t.lat, t.lon, t.title, t.description, t.state, t.assignee_department_id, "             \
  "t.assignee_region_id, t.assignee_path, COALESCE(d.name, ar.name, ''), t.co_handlers, t.due_at, t.reply, " \
  "t.replied_at, t.completed_at, t.extension_days, t.extension_reason, t.extension_by, t.escalated, "        \
  "t.reopened, t.satisfaction, t.callback_note, t.created_at, t.updated_at, t.category, t.attachments "      \
  "FROM tickets t JOIN regions r ON r.id = t.region_id LEFT JOIN departments d ON d.id = "                   \
  "t.assignee_department_id LEFT JOIN regions ar ON ar.id = t.assignee_region_id"

std::optional<double> optional_double_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return double_at(r, i);
}

// Co-handlers are stored as ",3,12,", so that a department finds its tickets with LIKE '%,3,%'.
std::vector<long long> co_handlers_from(const std::string& stored) {
  std::vector<long long> out;
  for (std::size_t at = 1; at < stored.size();) {
    std::size_t end = stored.find(',', at);
    if (end == std::string::npos) break;
    out.push_back(std::stoll(stored.substr(at, end - at)));
    at = end + 1;
  }
  return out;
}

std::string co_handlers_text(const std::vector<long long>& ids) {
  std::string out;
  for (long long id : ids) out += "," + std::to_string(id);
  return out.empty() ? "" : out + ",";
}

Ticket ticket_from(const soci::row& r) {
  Ticket t;
  t.id = int64_at(r, 0);
  t.ticket_no = text_at(r, 1);
  t.kind = text_at(r, 2);
  t.channel = text_at(r, 3);
  t.name = text_at(r, 4);
  t.phone = text_at(r, 5);
  t.account_id = optional_int64_at(r, 6);
  t.region_id = int64_at(r, 7);
  t.region_path = text_at(r, 8);
  t.region_name = text_at(r, 9);
  t.address = text_at(r, 10);
  t.lat = optional_double_at(r, 11);
  t.lon = optional_double_at(r, 12);
  t.title = text_at(r, 13);
  t.description = text_at(r, 14);
  t.state = text_at(r, 15);
  t.assignee_department_id = optional_int64_at(r, 16);
  t.assignee_region_id = optional_int64_at(r, 17);
  t.assignee_path = text_at(r, 18);
  t.assignee_name = text_at(r, 19);
  t.co_handlers = co_handlers_from(text_at(r, 20));
  t.due_at = text_at(r, 21);
  t.reply = text_at(r, 22);
  t.replied_at = text_at(r, 23);
  t.completed_at = text_at(r, 24);
  t.extension_days = static_cast<int>(int64_at(r, 25));
  t.extension_reason = text_at(r, 26);
  t.extension_by = optional_int64_at(r, 27);
  t.escalated = int64_at(r, 28) != 0;
  t.reopened = int64_at(r, 29) != 0;
  t.satisfaction = text_at(r, 30);
  t.callback_note = text_at(r, 31);
  t.created_at = text_at(r, 32);
  t.updated_at = text_at(r, 33);
  t.category = text_at(r, 34);
  t.attachments = services::refs_from(text_at(r, 35));
  return t;
}

std::vector<Step> steps_of(soci::session& sql, long long id) {
  std::vector<Step> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT kind, note, by_account, at FROM ticket_steps WHERE ticket_id = :t ORDER BY id",
       soci::use(id));
  for (const auto& r : rows)
    out.push_back({text_at(r, 0), text_at(r, 1), optional_int64_at(r, 2), text_at(r, 3)});
  return out;
}

Error not_found() {
  return Error::not_found("ticket.not_found", "找不到该诉求");
}

// "12345-20261204-0007": the day it was filed (in China) and its place that day.
std::string next_ticket_no(soci::session& sql, const std::string& now) {
  std::string day = format_date(*china_date(now));
  day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
  int last = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT last FROM ticket_sequences WHERE day = :d", soci::use(day), soci::into(last, ind);
  if (ind == soci::i_null) {
    last = 1;
    sql << "INSERT INTO ticket_sequences (day, last) VALUES (:d, 1)", soci::use(day);
  } else {
    ++last;
    sql << "UPDATE ticket_sequences SET last = :l WHERE day = :d", soci::use(last), soci::use(day);
  }
  return fmt::format("12345-{}-{:04}", day, last);
}

nlohmann::json optional_json(const std::optional<long long>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

const std::vector<std::string>& ticket_kinds() {
  static const std::vector<std::string> v{"consult", "complaint", "help", "suggestion", "report"};
  return v;
}

const std::vector<std::string>& ticket_channels() {
  static const std::vector<std::string> v{"hall", "phone", "web", "kiosk", "open311"};
  return v;
}

const std::vector<std::string>& ticket_states() {
  static const std::vector<std::string> v{"received", "accepted", "rejected",  "dispatched",
                                          "claimed",  "replied",  "completed", "closed"};
  return v;
}

const std::vector<std::string>& satisfactions() {
  static const std::vector<std::string> v{"satisfied", "basically_satisfied", "unsatisfied"};
  return v;
}

std::string due_after(const std::string& from, int amount, const std::string& unit, const WorkCalendar& cal) {
  auto start = parse_utc(from);
  if (unit == "hours") return format_utc(*start + std::chrono::hours(amount));
  // The end of the last working day in China (UTC+8): 23:59:59 there is 15:59:59 UTC.
  Date last = cal.add_working_days(*china_date(from), amount);
  return format_date(last) + "T15:59:59.000Z";
}

Result<std::vector<Deadline>> deadlines(Database& db) {
  return db.read([&](soci::session& sql) -> Result<std::vector<Deadline>> {
    std::vector<Deadline> out;
    for (const auto& kind : ticket_kinds()) {
      auto d = detail::deadline_of(sql, kind);
      if (!d) return d.error();
      out.push_back(*d);
    }
    return out;
  });
}

Result<Deadline> set_deadline(Command& cmd, const Deadline& d) {
  if (std::find(ticket_kinds().begin(), ticket_kinds().end(), d.kind) == ticket_kinds().end())
    return Error::invalid("field.invalid", "诉求类别不正确", "kind");
  int max = d.unit == "hours" ? 720 : 60;
  if (d.amount < 1 || d.amount > max)
    return Error::invalid("ticket.invalid_deadline",
                          d.unit == "hours" ? "时限应为 1 至 720 小时" : "时限应为 1 至 60 个工作日",
                          "amount");
  cmd.sql() << "UPDATE ticket_deadlines SET amount = :a, unit = :u WHERE kind = :k", soci::use(d.amount),
      soci::use(d.unit), soci::use(d.kind);
  cmd.record("ticket.deadline_set", detail::county_scope(cmd.sql()), "ticket_deadline:" + d.kind,
             {{"kind", d.kind}, {"amount", d.amount}, {"unit", d.unit}});
  return d;
}

Result<std::optional<long long>> center_department(Database& db) {
  return db.read([&](soci::session& sql) -> Result<std::optional<long long>> {
    long long id = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT department_id FROM hotline_center WHERE id = 1", soci::into(id, ind);
    if (ind == soci::i_null) return std::optional<long long>{};
    return std::optional<long long>{id};
  });
}

Result<long long> set_center_department(Command& cmd, long long department_id) {
  auto dept = org::get_department(cmd.sql(), department_id);
  if (!dept) return Error::invalid("department.not_found", "部门不存在", "department_id");
  cmd.sql() << "DELETE FROM hotline_center";
  cmd.sql() << "INSERT INTO hotline_center (id, department_id) VALUES (1, :d)", soci::use(department_id);
  cmd.record("ticket.center_set", "department:" + std::to_string(department_id),
             "department:" + std::to_string(department_id),
             {{"department_id", department_id}, {"name", dept->name}});
  return department_id;
}

bool is_late(const Ticket& t, const std::string& now) {
  if (t.due_at.empty()) return false;
  if (!t.replied_at.empty()) return t.replied_at > t.due_at;
  bool waiting = t.state == "dispatched" || t.state == "claimed";
  return waiting && now > t.due_at;
}

nlohmann::json to_public_json(const Ticket& t, const std::string& now) {
  return {{"ticket_no", t.ticket_no},
          {"kind", t.kind},
          {"channel", t.channel},
          {"region_id", t.region_id},
          {"region_name", t.region_name},
          {"title", t.title},
          {"description", t.description},
          {"state", t.state},
          {"assignee_name", t.assignee_name},
          {"due_at", t.due_at},
          {"reply", t.reply},
          {"replied_at", t.replied_at},
          {"completed_at", t.completed_at},
          {"satisfaction", t.satisfaction},
          {"merged_into", t.merged_into_no},
          {"category", t.category},
          {"attachments", services::refs_json(t.attachments)},
          {"late", is_late(t, now)},
          {"created_at", t.created_at}};
}

nlohmann::json to_json(const Ticket& t, const std::string& now) {
  auto j = to_public_json(t, now);
  auto steps = nlohmann::json::array();
  for (const auto& s : t.steps)
    steps.push_back({{"kind", s.kind}, {"note", s.note}, {"by", optional_json(s.by)}, {"at", s.at}});
  j.update({{"id", t.id},
            {"name", t.name},
            {"phone", t.phone},
            {"account_id", optional_json(t.account_id)},
            {"address", t.address},
            {"lat", t.lat ? nlohmann::json(*t.lat) : nlohmann::json(nullptr)},
            {"lon", t.lon ? nlohmann::json(*t.lon) : nlohmann::json(nullptr)},
            {"assignee_department_id", optional_json(t.assignee_department_id)},
            {"assignee_region_id", optional_json(t.assignee_region_id)},
            {"co_handlers", t.co_handlers},
            {"extension", t.extension_days ? nlohmann::json{{"days", t.extension_days},
                                                            {"reason", t.extension_reason},
                                                            {"by", optional_json(t.extension_by)}}
                                           : nlohmann::json(nullptr)},
            {"escalated", t.escalated},
            {"reopened", t.reopened},
            {"callback_note", t.callback_note},
            {"updated_at", t.updated_at},
            {"steps", steps}});
  return j;
}

namespace detail {

Result<Ticket> get(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << TICKET_COLUMNS " WHERE t.id = :id", soci::use(id));
  for (const auto& r : rows) {
    auto t = ticket_from(r);
    t.steps = steps_of(sql, id);
    soci::indicator ind = soci::i_null;
    sql << "SELECT i.ticket_no FROM ticket_merges m JOIN tickets i ON i.id = m.into_id WHERE m.ticket_id = "
           ":id",
        soci::use(id), soci::into(t.merged_into_no, ind);
    return t;
  }
  return not_found();
}

void record_step(Command& cmd, const Ticket& t, const std::string& kind, const std::string& note,
                 nlohmann::json payload, const nlohmann::json& personal) {
  soci::indicator by_ind = cmd.actor().account_id ? soci::i_ok : soci::i_null;
  long long by = cmd.actor().account_id.value_or(0);
  cmd.sql() << "INSERT INTO ticket_steps (ticket_id, kind, note, by_account, at) VALUES (:t, :k, :n, :b, :a)",
      soci::use(t.id), soci::use(kind), soci::use(note), soci::use(by, by_ind), soci::use(cmd.now());
  payload["ticket_no"] = t.ticket_no;
  payload["state"] = t.state;
  if (!note.empty()) payload["note"] = note;
  std::string scope = t.assignee_department_id ? "department:" + std::to_string(*t.assignee_department_id)
                                               : "region:" + std::to_string(t.region_id);
  cmd.record("ticket." + kind, scope, "ticket:" + std::to_string(t.id), payload, personal);
}

Status save(Command& cmd, Ticket& t) {
  std::string co = co_handlers_text(t.co_handlers);
  soci::indicator dept_ind = t.assignee_department_id ? soci::i_ok : soci::i_null;
  soci::indicator region_ind = t.assignee_region_id ? soci::i_ok : soci::i_null;
  soci::indicator ext_ind = t.extension_by ? soci::i_ok : soci::i_null;
  long long dept = t.assignee_department_id.value_or(0), region = t.assignee_region_id.value_or(0);
  long long ext_by = t.extension_by.value_or(0);
  int escalated = t.escalated ? 1 : 0, reopened = t.reopened ? 1 : 0;
  std::string was = t.updated_at;
  t.updated_at = cmd.now();
  soci::statement st =
      (cmd.sql().prepare
           << "UPDATE tickets SET state = :s, assignee_department_id = :d, assignee_region_id = :r, "
              "assignee_path = :p, co_handlers = :c, due_at = :due, reply = :rep, replied_at = :ra, "
              "completed_at = :ca, extension_days = :ed, extension_reason = :er, extension_by = :eb, "
              "escalated = :es, reopened = :ro, satisfaction = :sa, callback_note = :cn, "
              "updated_at = :now WHERE id = :id AND updated_at = :was",
       soci::use(t.state), soci::use(dept, dept_ind), soci::use(region, region_ind),
       soci::use(t.assignee_path), soci::use(co), soci::use(t.due_at), soci::use(t.reply),
       soci::use(t.replied_at), soci::use(t.completed_at), soci::use(t.extension_days),
       soci::use(t.extension_reason), soci::use(ext_by, ext_ind), soci::use(escalated), soci::use(reopened),
       soci::use(t.satisfaction), soci::use(t.callback_note), soci::use(t.updated_at), soci::use(t.id),
       soci::use(was));
  st.execute(true);
  if (st.get_affected_rows() != 1)
    return Error::conflict("ticket.changed", "该诉求刚被他人处理，请刷新后重试");
  return ok_status();
}

std::string county_scope(soci::session& sql) {
  long long county = 0;
  sql << "SELECT COALESCE(MIN(id), 0) FROM regions WHERE parent_id IS NULL", soci::into(county);
  return "region:" + std::to_string(county);
}

bool in_china(double lat, double lon) {
  return lat >= 3.8 && lat <= 53.6 && lon >= 73.5 && lon <= 135.1;  // false for NaN too
}

Result<Deadline> deadline_of(soci::session& sql, const std::string& kind) {
  Deadline d{kind, 0, ""};
  soci::indicator ind = soci::i_null;
  sql << "SELECT amount, unit FROM ticket_deadlines WHERE kind = :k", soci::use(kind),
      soci::into(d.amount, ind), soci::into(d.unit);
  if (ind == soci::i_null) return Error::internal("internal.deadline", "服务器内部错误：缺少诉求时限");
  return d;
}

}  // namespace detail

Result<Ticket> file_ticket(Command& cmd, const TicketInput& in) {
  auto& sql = cmd.sql();
  // Open311 clients need not pass a callback number; such a ticket cannot be tracked by one.
  if (!(in.channel == "open311" && in.phone.empty()) && !is_phone_number(in.phone))
    return Error::invalid("ticket.invalid_phone", "回访电话应为 11 位手机号或带区号的固定电话", "phone");
  auto region = org::get_region(sql, in.region_id);
  if (!region) return Error::invalid("region.not_found", "行政区划不存在", "region_id");
  if (in.lat.has_value() != in.lon.has_value() || (in.lat && !detail::in_china(*in.lat, *in.lon)))
    return Error::invalid("ticket.invalid_location",
                          "经纬度应成对给出，且在中国境内（纬度 3.8 至 53.6，经度 73.5 至 135.1）", "lat");
  if (auto stored = services::check_refs(sql, in.attachments, kMaxTicketFiles, "attachments"); !stored)
    return stored.error();
  // The center takes phone and hall tickets as it records them; the others wait for it.
  std::string state = in.channel == "phone" || in.channel == "hall" ? "accepted" : "received";
  std::string no = next_ticket_no(sql, cmd.now());
  std::string last4 = in.phone.size() >= 4 ? in.phone.substr(in.phone.size() - 4) : "";
  soci::indicator acc_ind = in.account_id ? soci::i_ok : soci::i_null;
  soci::indicator lat_ind = in.lat ? soci::i_ok : soci::i_null;
  long long account = in.account_id.value_or(0);
  double lat = in.lat.value_or(0), lon = in.lon.value_or(0);
  std::string files = services::refs_json(in.attachments).dump();
  long long id = 0;
  sql << "INSERT INTO tickets (ticket_no, kind, channel, name, phone, phone_last4, account_id, region_id, "
         "region_path, address, lat, lon, title, description, state, created_at, updated_at, attachments) "
         "VALUES (:no, :k, :c, :n, :p, :l4, :a, :r, :rp, :ad, :lat, :lon, :t, :d, :s, :now, :now2, :f) "
         "RETURNING id",
      soci::use(no), soci::use(in.kind), soci::use(in.channel), soci::use(in.name), soci::use(in.phone),
      soci::use(last4), soci::use(account, acc_ind), soci::use(region->id), soci::use(region->path),
      soci::use(in.address), soci::use(lat, lat_ind), soci::use(lon, lat_ind), soci::use(in.title),
      soci::use(in.description), soci::use(state), soci::use(cmd.now()), soci::use(cmd.now()),
      soci::use(files), soci::into(id);
  auto t = detail::get(sql, id);
  if (!t) return t;
  // What was asked is public; who asked, and the files (a photo may show a person), enter the ledger as
  // commitments only.
  nlohmann::json personal{{"name", in.name}, {"phone", in.phone}, {"address", in.address}};
  if (!in.attachments.empty()) personal["attachments"] = files;
  detail::record_step(cmd, *t, "filed", "",
                      {{"kind", t->kind},
                       {"channel", t->channel},
                       {"region_id", t->region_id},
                       {"title", t->title},
                       {"description", t->description},
                       {"attachments", in.attachments.size()}},
                      personal);
  return detail::get(sql, id);
}

Result<Ticket> get_ticket(Database& db, long long id) {
  return db.read([&](soci::session& sql) { return detail::get(sql, id); });
}

Result<Ticket> track_ticket(Database& db, const std::string& ticket_no, const std::string& phone_last4) {
  // Tickets without a callback number have no last four digits to match.
  if (phone_last4.size() != 4) return not_found();
  return db.read([&](soci::session& sql) -> Result<Ticket> {
    long long id = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT id FROM tickets WHERE ticket_no = :n AND phone_last4 = :p", soci::use(ticket_no),
        soci::use(phone_last4), soci::into(id, ind);
    if (ind == soci::i_null) return not_found();
    return detail::get(sql, id);
  });
}

Result<TicketPage> list_tickets(Database& db, const TicketQuery& q, const std::string& now) {
  return db.read([&](soci::session& sql) -> Result<TicketPage> {
    std::string state = q.state.value_or(""), kind = q.kind.value_or("");
    long long dept = q.assignee_department_id.value_or(0);
    std::string path = q.assignee_path ? *q.assignee_path + "%" : "";
    int escalated = q.escalated_only ? 1 : 0, late = q.late_only ? 1 : 0;
    std::string where =
        " WHERE (:s = '' OR t.state = :s2) AND (:k = '' OR t.kind = :k2) AND (:d = 0 OR "
        "t.assignee_department_id = :d2 "
        "OR t.co_handlers LIKE :dl) AND (:p = '' OR t.assignee_path LIKE :p2) AND (:e = 0 OR t.escalated = "
        "1) AND "
        "(:l = 0 OR (t.due_at <> '' AND ((t.replied_at = '' AND t.state IN ('dispatched', 'claimed') AND "
        "t.due_at < "
        ":now) OR t.replied_at > t.due_at)))";
    std::string dl = fmt::format("%,{},%", dept);
    TicketPage page;
    auto bind = [&](soci::statement& st) {
      st.exchange(soci::use(state));
      st.exchange(soci::use(state));
      st.exchange(soci::use(kind));
      st.exchange(soci::use(kind));
      st.exchange(soci::use(dept));
      st.exchange(soci::use(dept));
      st.exchange(soci::use(dl));
      st.exchange(soci::use(path));
      st.exchange(soci::use(path));
      st.exchange(soci::use(escalated));
      st.exchange(soci::use(late));
      st.exchange(soci::use(now));
    };
    {
      soci::statement count(sql);
      count.exchange(soci::into(page.total));
      bind(count);
      prepare_and_run(count, "SELECT COUNT(*) FROM tickets t" + where, true);
    }
    int limit = q.page_size, offset = (q.page - 1) * q.page_size;
    soci::row row;
    soci::statement st(sql);
    st.exchange(soci::into(row));
    bind(st);
    st.exchange(soci::use(limit));
    st.exchange(soci::use(offset));
    prepare_and_run(st, TICKET_COLUMNS + where + " ORDER BY t.id DESC LIMIT :lim OFFSET :off", false);
    while (st.fetch()) page.items.push_back(ticket_from(row));
    return page;
  });
}

}  // namespace fishbowl::hotline
