// The knowledge base: entries, their validity, their place in the site search, and suggestions at intake.
#include "hotline/knowledge.h"

#include <fmt/format.h>

#include <algorithm>

#include "hotline/similar.h"
#include "org/org.h"
#include "search/search.h"
#include "storage/row.h"

namespace fishbowl::hotline {

namespace {

#define KNOWLEDGE_COLUMNS                                                                                \
  "SELECT k.id, k.department_id, d.name, k.question, k.answer, k.valid_from, k.valid_to, k.created_at, " \
  "k.updated_at FROM knowledge_entries k JOIN departments d ON d.id = k.department_id"

KnowledgeEntry entry_from(const soci::row& r) {
  return {int64_at(r, 0), int64_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4),
          text_at(r, 5),  text_at(r, 6),  text_at(r, 7), text_at(r, 8)};
}

Error not_found() {
  return Error::not_found("knowledge.not_found", "找不到该知识条目");
}

Result<KnowledgeEntry> get(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << KNOWLEDGE_COLUMNS " WHERE k.id = :id", soci::use(id));
  for (const auto& r : rows) return entry_from(r);
  return not_found();
}

Status check(const KnowledgeInput& in) {
  if (!in.valid_to.empty() && in.valid_to < in.valid_from)
    return Error::invalid("knowledge.invalid_span", "有效期止日不能早于起日", "valid_to");
  return ok_status();
}

// The entry as the site search shows it, under its department.
void index(Command& cmd, const KnowledgeEntry& e) {
  auto dept = org::get_department(cmd.sql(), e.department_id);
  auto region = dept ? org::get_region(cmd.sql(), dept->region_id) : Result<org::Region>(dept.error());
  search::Document d;
  d.kind = "knowledge";
  d.ref_id = e.id;
  d.title = e.question;
  d.text = e.answer;
  d.level = region ? region->level : "county";
  d.region_path = region ? region->path : "/";
  d.department_id = e.department_id;
  d.organ_name = e.department_name;
  d.date = e.valid_from;
  d.url = "/hotline/knowledge/" + std::to_string(e.id);
  search::put(cmd, d);
}

nlohmann::json event_of(const KnowledgeEntry& e) {
  return {{"department_id", e.department_id},
          {"question", e.question},
          {"answer", e.answer},
          {"valid_from", e.valid_from},
          {"valid_to", e.valid_to}};
}

}  // namespace

bool is_valid_on(const KnowledgeEntry& e, Date day) {
  std::string d = format_date(day);
  return e.valid_from <= d && (e.valid_to.empty() || d <= e.valid_to);
}

nlohmann::json to_json(const KnowledgeEntry& e, Date today) {
  return {{"id", e.id},
          {"department_id", e.department_id},
          {"department_name", e.department_name},
          {"question", e.question},
          {"answer", e.answer},
          {"valid_from", e.valid_from},
          {"valid_to", e.valid_to},
          {"valid", is_valid_on(e, today)},
          {"created_at", e.created_at},
          {"updated_at", e.updated_at}};
}

Result<KnowledgeEntry> create_knowledge(Command& cmd, const KnowledgeInput& in) {
  auto& sql = cmd.sql();
  if (auto s = check(in); !s) return s.error();
  if (!org::get_department(sql, in.department_id))
    return Error::invalid("department.not_found", "部门不存在", "department_id");
  long long id = 0;
  sql << "INSERT INTO knowledge_entries (department_id, question, answer, valid_from, valid_to, created_at, "
         "updated_at) VALUES (:d, :q, :a, :f, :t, :now, :now2) RETURNING id",
      soci::use(in.department_id), soci::use(in.question), soci::use(in.answer), soci::use(in.valid_from),
      soci::use(in.valid_to), soci::use(cmd.now()), soci::use(cmd.now()), soci::into(id);
  auto e = get(sql, id);
  if (!e) return e;
  index(cmd, *e);
  cmd.record("knowledge.created", "department:" + std::to_string(e->department_id),
             "knowledge:" + std::to_string(id), event_of(*e));
  return e;
}

Result<KnowledgeEntry> update_knowledge(Command& cmd, long long id, const KnowledgeInput& in) {
  auto& sql = cmd.sql();
  auto was = get(sql, id);
  if (!was) return was;
  if (in.department_id != was->department_id)
    return Error::invalid("knowledge.department_fixed", "知识条目的所属部门不能更改", "department_id");
  if (auto s = check(in); !s) return s.error();
  sql << "UPDATE knowledge_entries SET question = :q, answer = :a, valid_from = :f, valid_to = :t, "
         "updated_at = :now WHERE id = :id",
      soci::use(in.question), soci::use(in.answer), soci::use(in.valid_from), soci::use(in.valid_to),
      soci::use(cmd.now()), soci::use(id);
  auto e = get(sql, id);
  if (!e) return e;
  index(cmd, *e);
  cmd.record("knowledge.updated", "department:" + std::to_string(e->department_id),
             "knowledge:" + std::to_string(id), event_of(*e));
  return e;
}

Result<KnowledgeEntry> get_knowledge(Database& db, long long id) {
  return db.read([&](soci::session& sql) { return get(sql, id); });
}

Result<KnowledgePage> list_knowledge(Database& db, std::optional<long long> department_id, bool valid_only,
                                     Date today, int page, int page_size) {
  return db.read([&](soci::session& sql) -> Result<KnowledgePage> {
    long long dept = department_id.value_or(0);
    int valid = valid_only ? 1 : 0;
    std::string day = format_date(today);
    const std::string where =
        " WHERE (:d = 0 OR k.department_id = :d2) AND (:v = 0 OR (k.valid_from <= :day AND (k.valid_to = '' "
        "OR k.valid_to >= :day2)))";
    KnowledgePage out;
    sql << "SELECT COUNT(*) FROM knowledge_entries k" + where, soci::use(dept), soci::use(dept),
        soci::use(valid), soci::use(day), soci::use(day), soci::into(out.total);
    int offset = (page - 1) * page_size;
    soci::rowset<soci::row> rows =
        (sql.prepare << KNOWLEDGE_COLUMNS + where + " ORDER BY k.id DESC LIMIT :lim OFFSET :off",
         soci::use(dept), soci::use(dept), soci::use(valid), soci::use(day), soci::use(day),
         soci::use(page_size), soci::use(offset));
    for (const auto& r : rows) out.items.push_back(entry_from(r));
    return out;
  });
}

Result<std::vector<Suggestion>> suggest_answers(Database& db, const std::string& text, Date today,
                                                std::size_t limit) {
  constexpr double kMinScore = 0.3;
  auto said = detail::pairs_of(text);
  auto all = list_knowledge(db, std::nullopt, true, today, 1, 100000);
  if (!all) return all.error();
  std::vector<Suggestion> out;
  for (auto& e : all->items) {
    double score = detail::covered(detail::pairs_of(e.question), said);
    if (score >= kMinScore) out.push_back({std::move(e), score});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace fishbowl::hotline
