// Notices (公示): objections during the period, the issuer's answers, and the result after it.
#include <fmt/format.h>

#include "core/html_sanitize.h"
#include "core/personal.h"
#include "disclosure/internal.h"
#include "storage/row.h"

namespace fishbowl::disclosure {

namespace {

#define OBJECTION_COLUMNS                                                                                 \
  "SELECT id, publication_id, account_id, name, phone, text, filed_at, answer, answered_at, answered_by " \
  "FROM objections"

Objection objection_from(const soci::row& r) {
  Objection o;
  o.id = int64_at(r, 0);
  o.publication_id = int64_at(r, 1);
  o.account_id = optional_int64_at(r, 2);
  o.name = text_at(r, 3);
  o.phone = text_at(r, 4);
  o.text = text_at(r, 5);
  o.filed_at = text_at(r, 6);
  o.answer = text_at(r, 7);
  o.answered_at = text_at(r, 8);
  o.answered_by = optional_int64_at(r, 9);
  return o;
}

Result<Objection> get_objection(soci::session& sql, long long notice_id, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << OBJECTION_COLUMNS " WHERE id = :id AND publication_id = :p",
                                  soci::use(id), soci::use(notice_id));
  for (const auto& r : rows) return objection_from(r);
  return Error::not_found("objection.not_found", "找不到该异议");
}

Result<Publication> notice_of(soci::session& sql, long long id) {
  auto p = get_publication(sql, id);
  if (!p) return p;
  if (p->kind != "notice" && p->live_edition == 0) return detail::not_found();
  if (p->kind != "notice") return Error::conflict("notice.not_a_notice", "该信息不是公示，不受理异议");
  return p;
}

}  // namespace

bool open_for_objections(const Publication& p, Date today) {
  std::string day = format_date(today);
  return p.kind == "notice" && p.state == "published" && day >= p.starts_on && day <= p.ends_on;
}

nlohmann::json to_public_json(const Objection& o) {
  return {{"id", o.id},         {"name", masked_name(o.name)}, {"text", o.text}, {"filed_at", o.filed_at},
          {"answer", o.answer}, {"answered_at", o.answered_at}};
}

nlohmann::json to_json(const Objection& o) {
  auto j = to_public_json(o);
  j["name"] = o.name;
  j["phone"] = o.phone;
  j["account_id"] = o.account_id ? nlohmann::json(*o.account_id) : nlohmann::json(nullptr);
  return j;
}

Result<Objection> file_objection(Command& cmd, long long notice_id, const ObjectionInput& in) {
  auto& sql = cmd.sql();
  auto p = notice_of(sql, notice_id);
  if (!p) return p.error();
  // What was never published does not exist for the public, whatever its id.
  if (p->live_edition == 0) return detail::not_found();
  if (!open_for_objections(*p, detail::today_of(cmd)))
    return Error::conflict("notice.not_open", fmt::format("公示期为 {} 至 {}，不在公示期内不能提出异议",
                                                          p->starts_on, p->ends_on));
  if (!in.account_id || !in.phone.empty())
    if (!is_phone_number(in.phone))
      return Error::invalid("objection.invalid_phone", "联系电话应为 11 位手机号或带区号的固定电话", "phone");
  soci::indicator account_ind = in.account_id ? soci::i_ok : soci::i_null;
  long long account = in.account_id.value_or(0), id = 0;
  sql << "INSERT INTO objections (publication_id, account_id, name, phone, text, filed_at) VALUES (:p, :a, "
         ":n, "
         ":ph, :t, :f) RETURNING id",
      soci::use(notice_id), soci::use(account, account_ind), soci::use(in.name), soci::use(in.phone),
      soci::use(in.text), soci::use(cmd.now()), soci::into(id);
  auto o = get_objection(sql, notice_id, id);
  if (!o) return o;
  // What was objected to is public, as the answer will be; who objected enters the ledger as a commitment.
  cmd.record("objection.filed", detail::scope_of(*p), detail::subject_of(notice_id),
             {{"publication_id", notice_id}, {"objection_id", id}, {"text", in.text}},
             {{"name", in.name}, {"phone", in.phone}});
  return o;
}

Result<Objection> answer_objection(Command& cmd, long long notice_id, long long objection_id,
                                   const std::string& answer) {
  auto& sql = cmd.sql();
  auto p = notice_of(sql, notice_id);
  if (!p) return p.error();
  auto o = get_objection(sql, notice_id, objection_id);
  if (!o) return o;
  if (!o->answer.empty()) return Error::conflict("objection.already_answered", "该异议已答复");
  if (answer.empty()) return Error::invalid("field.required", "请填写答复", "answer");
  soci::indicator by_ind = cmd.actor().account_id ? soci::i_ok : soci::i_null;
  long long by = cmd.actor().account_id.value_or(0);
  soci::statement st =
      (sql.prepare << "UPDATE objections SET answer = :a, answered_at = :t, answered_by = :b "
                      "WHERE id = :id AND answer = ''",
       soci::use(answer), soci::use(cmd.now()), soci::use(by, by_ind), soci::use(objection_id));
  st.execute(true);
  if (st.get_affected_rows() != 1) return Error::conflict("objection.already_answered", "该异议已答复");
  cmd.record("objection.answered", detail::scope_of(*p), detail::subject_of(notice_id),
             {{"publication_id", notice_id}, {"objection_id", objection_id}, {"answer", answer}});
  return get_objection(sql, notice_id, objection_id);
}

Result<std::vector<Objection>> list_objections(Database& db, long long notice_id) {
  return db.read([&](soci::session& sql) -> Result<std::vector<Objection>> {
    soci::rowset<soci::row> rows =
        (sql.prepare << OBJECTION_COLUMNS " WHERE publication_id = :p ORDER BY id", soci::use(notice_id));
    std::vector<Objection> out;
    for (const auto& r : rows) out.push_back(objection_from(r));
    return out;
  });
}

Result<std::pair<long long, long long>> count_objections(Database& db, long long notice_id) {
  return db.read([&](soci::session& sql) -> Result<std::pair<long long, long long>> {
    long long all = 0, answered = 0;
    sql << "SELECT COUNT(*), COUNT(NULLIF(answer, '')) FROM objections WHERE publication_id = :p",
        soci::use(notice_id), soci::into(all), soci::into(answered);
    return std::make_pair(all, answered);
  });
}

Result<Publication> publish_result(Command& cmd, long long id, const std::string& result_html) {
  auto& sql = cmd.sql();
  auto p = notice_of(sql, id);
  if (!p) return p;
  if (p->state != "published")
    return Error::conflict("publication.wrong_state", "只有已发布的公示才能公布结果");
  std::string day = format_date(detail::today_of(cmd));
  if (day <= p->ends_on)
    return Error::conflict("notice.period_not_over",
                           fmt::format("公示期至 {} 结束，之后才能公布结果", p->ends_on));
  if (!p->result_published_on.empty())
    return Error::conflict("notice.result_already_published", "该公示的结果已公布");
  auto clean = sanitize_html(result_html);
  if (clean.text.find_first_not_of(" \n\t\r") == std::string::npos)
    return Error::invalid("field.required", "请填写公示结果", "result_html");
  sql << "UPDATE publications SET result_html = :r, result_published_on = :d, updated_at = :u WHERE id = :id",
      soci::use(clean.html), soci::use(day), soci::use(cmd.now()), soci::use(id);
  cmd.record("notice.result_published", detail::scope_of(*p), detail::subject_of(id),
             {{"publication_id", id}, {"result_html", clean.html}});
  return get_publication(sql, id);
}

}  // namespace fishbowl::disclosure
