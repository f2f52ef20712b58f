// Reading publications and their editions, and how they are shown to the public and to their editors.
#include "disclosure/internal.h"
#include "storage/row.h"

namespace fishbowl::disclosure {

using detail::optional_id;

namespace {

#define PUBLICATION_COLUMNS                                                                               \
  "SELECT p.id, p.department_id, p.region_id, p.region_path, p.level, p.organ_code, p.column_code, "      \
  "p.formed_on, p.due_on, p.published_on, p.index_no, p.validity, p.state, p.withdrawn_reason, "          \
  "p.live_edition, p.latest_edition, p.created_at, p.updated_at, d.name, r.name, p.kind, p.notice_kind, " \
  "p.starts_on, p.ends_on, p.result_html, p.result_published_on, r.kind FROM publications p JOIN "        \
  "regions r ON r.id = p.region_id LEFT JOIN departments d ON d.id = p.department_id"

#define EDITION_COLUMNS                                                                                    \
  "SELECT edition, state, title, body_html, body_text, document_no, attachments, author_id, reviewer_id, " \
  "review_note, created_at, submitted_at, reviewed_at, households FROM publication_editions"

Publication publication_from(const soci::row& r) {
  Publication p;
  p.id = int64_at(r, 0);
  p.department_id = optional_int64_at(r, 1);
  p.region_id = int64_at(r, 2);
  p.region_path = text_at(r, 3);
  p.level = text_at(r, 4);
  p.organ_code = text_at(r, 5);
  p.column = text_at(r, 6);
  p.formed_on = text_at(r, 7);
  p.due_on = text_at(r, 8);
  p.published_on = text_at(r, 9);
  p.index_no = text_at(r, 10);
  p.validity = text_at(r, 11);
  p.state = text_at(r, 12);
  p.withdrawn_reason = text_at(r, 13);
  p.live_edition = static_cast<int>(int64_at(r, 14));
  p.latest_edition = static_cast<int>(int64_at(r, 15));
  p.created_at = text_at(r, 16);
  p.updated_at = text_at(r, 17);
  p.organ_name = p.department_id ? text_at(r, 18) : detail::government_of(text_at(r, 19), text_at(r, 26));
  p.kind = text_at(r, 20);
  p.notice_kind = text_at(r, 21);
  p.starts_on = text_at(r, 22);
  p.ends_on = text_at(r, 23);
  p.result_html = text_at(r, 24);
  p.result_published_on = text_at(r, 25);
  return p;
}

Edition edition_from(const soci::row& r) {
  Edition e;
  e.number = static_cast<int>(int64_at(r, 0));
  e.state = text_at(r, 1);
  e.title = text_at(r, 2);
  e.body_html = text_at(r, 3);
  e.body_text = text_at(r, 4);
  e.document_no = text_at(r, 5);
  e.attachments = services::refs_from(text_at(r, 6));
  e.author_id = optional_int64_at(r, 7);
  e.reviewer_id = optional_int64_at(r, 8);
  e.review_note = text_at(r, 9);
  e.created_at = text_at(r, 10);
  e.submitted_at = text_at(r, 11);
  e.reviewed_at = text_at(r, 12);
  e.households = households_from(text_at(r, 13));
  return e;
}

Status load_editions(soci::session& sql, Publication& p) {
  auto latest = detail::get_edition(sql, p.id, p.latest_edition);
  if (!latest) return latest.error();
  p.latest = std::move(latest).value();
  if (p.live_edition == p.latest_edition) {
    p.live = p.latest;
  } else if (p.live_edition > 0) {
    auto live = detail::get_edition(sql, p.id, p.live_edition);
    if (!live) return live.error();
    p.live = std::move(live).value();
  }
  return ok_status();
}

}  // namespace

namespace detail {

std::string government_of(const std::string& region_name, const std::string& region_kind) {
  if (region_kind == "village") return region_name + "村民委员会";
  if (region_kind == "community") return region_name + "居民委员会";
  if (region_kind == "subdistrict") return region_name + "办事处";
  return region_name + "人民政府";
}

Result<Organ> organ_of(soci::session& sql, std::optional<long long> department_id,
                       std::optional<long long> region_id) {
  Organ o;
  if (department_id) {
    auto d = org::get_department(sql, *department_id);
    if (!d) return Error::invalid("department.not_found", "机关（部门）不存在", "department_id");
    auto r = org::get_region(sql, d->region_id);
    if (!r) return r.error();
    o.department_id = d->id;
    o.region = *r;
    o.code = d->code;
    return o;
  }
  auto r = org::get_region(sql, region_id.value_or(0));
  if (!r) return Error::invalid("region.not_found", "机关（行政区划）不存在", "region_id");
  o.region = *r;
  o.code = r->code;
  return o;
}

Error not_found() {
  return Error::not_found("publication.not_found", "找不到该公开信息");
}

Result<Edition> get_edition(soci::session& sql, long long id, int number) {
  soci::rowset<soci::row> rows =
      (sql.prepare << EDITION_COLUMNS " WHERE publication_id = :p AND edition = :e", soci::use(id),
       soci::use(number));
  for (const auto& r : rows) return edition_from(r);
  return not_found();
}

nlohmann::json optional_id(const std::optional<long long>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace detail

bool is_late(const Publication& p, Date today) {
  if (!p.published_on.empty()) return p.published_on > p.due_on;
  return p.state != "withdrawn" && format_date(today) > p.due_on;
}

nlohmann::json to_json(const Edition& e) {
  return {{"edition", e.number},
          {"state", e.state},
          {"title", e.title},
          {"body_html", e.body_html},
          {"document_no", e.document_no},
          {"attachments", services::refs_json(e.attachments)},
          {"households", households_json(e.households)},
          {"author_id", optional_id(e.author_id)},
          {"reviewer_id", optional_id(e.reviewer_id)},
          {"review_note", e.review_note},
          {"created_at", e.created_at},
          {"submitted_at", e.submitted_at},
          {"reviewed_at", e.reviewed_at}};
}

nlohmann::json to_public_json(const Publication& p, Date today) {
  const auto* column = find_column(p.column);
  nlohmann::json j{{"id", p.id},
                   {"index_no", p.index_no},
                   {"organ",
                    {{"department_id", optional_id(p.department_id)},
                     {"region_id", p.region_id},
                     {"name", p.organ_name},
                     {"level", p.level}}},
                   {"column", p.column},
                   {"column_label", column ? column->label : ""},
                   {"formed_on", p.formed_on},
                   {"published_on", p.published_on},
                   {"validity", p.validity},
                   {"state", p.state},
                   {"withdrawn_reason", p.withdrawn_reason},
                   {"edition", p.live_edition},
                   {"late", is_late(p, today)},
                   {"kind", p.kind}};
  if (p.kind == "notice") {
    j["notice"] = {{"kind", p.notice_kind},        {"starts_on", p.starts_on},
                   {"ends_on", p.ends_on},         {"open", open_for_objections(p, today)},
                   {"result_html", p.result_html}, {"result_published_on", p.result_published_on}};
  }
  const Edition& shown = p.live_edition > 0 ? p.live : p.latest;
  j["title"] = shown.title;
  j["document_no"] = shown.document_no;
  j["updated_on"] = shown.reviewed_at.substr(0, 10);
  // A withdrawn record keeps its place and its reason; its text is no longer given out.
  bool withdrawn = p.state == "withdrawn";
  j["body_html"] = withdrawn ? "" : shown.body_html;
  j["attachments"] = withdrawn ? nlohmann::json::array() : services::refs_json(shown.attachments);
  j["households"] = withdrawn ? nlohmann::json::array() : public_households_json(shown.households);
  return j;
}

nlohmann::json to_json(const Publication& p, Date today) {
  auto j = to_public_json(p, today);
  j["due_on"] = p.due_on;
  j["live_edition"] = p.live_edition;
  j["latest"] = to_json(p.latest);
  j["created_at"] = p.created_at;
  j["updated_at"] = p.updated_at;
  if (p.state == "withdrawn") j["body_html"] = p.live.body_html;
  j["households"] = households_json((p.live_edition > 0 ? p.live : p.latest).households);
  return j;
}

Result<Publication> get_publication(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << PUBLICATION_COLUMNS " WHERE p.id = :id", soci::use(id));
  for (const auto& r : rows) {
    auto p = publication_from(r);
    if (auto loaded = load_editions(sql, p); !loaded) return loaded.error();
    return p;
  }
  return detail::not_found();
}

Result<Publication> get_publication(Database& db, long long id) {
  return db.snapshot([&](soci::session& sql) { return get_publication(sql, id); });
}

Result<std::vector<Edition>> list_editions(Database& db, long long id, bool published_only) {
  return db.snapshot([&](soci::session& sql) -> Result<std::vector<Edition>> {
    int only = published_only ? 1 : 0;
    soci::rowset<soci::row> rows = (sql.prepare << EDITION_COLUMNS
                                        " WHERE publication_id = :p AND (:o = 0 OR state IN ('published', "
                                        "'superseded')) ORDER BY edition",
                                    soci::use(id), soci::use(only));
    std::vector<Edition> out;
    for (const auto& r : rows) out.push_back(edition_from(r));
    return out;
  });
}

Result<PublicationPage> list_publications(Database& db, const PublicationQuery& q, Date today) {
  return db.snapshot([&](soci::session& sql) -> Result<PublicationPage> {
    // Every filter is bound; an absent one is switched off by its flag, so the SQL text is one constant.
    int public_only = q.desk ? 0 : 1, hd = q.department_id ? 1 : 0, hp = q.region_path ? 1 : 0,
        hl = q.level ? 1 : 0, hc = q.column ? 1 : 0, hv = q.validity ? 1 : 0, hy = q.year ? 1 : 0,
        hs = q.state ? 1 : 0, late = q.late_only ? 1 : 0, hb = q.before ? 1 : 0,
        open = q.open_notices ? 1 : 0;
    std::string before_day = q.before ? q.before->first : "";
    long long before_id = q.before ? q.before->second : 0;
    long long dept = q.department_id.value_or(0);
    std::string path = q.region_path.value_or("") + "%", level = q.level.value_or(""),
                column = q.column.value_or(""), validity = q.validity.value_or(""),
                year = q.year ? std::to_string(*q.year) : "", state = q.state.value_or(""),
                day = format_date(today);
    long long limit = q.page_size, offset = static_cast<long long>(q.page - 1) * q.page_size;
#define PUBLICATION_FILTER                                                                                  \
  " WHERE (:pub = 0 OR p.live_edition > 0) AND (:hd = 0 OR p.department_id = :d) "                          \
  "AND (:hp = 0 OR p.region_path LIKE :p) AND (:hl = 0 OR p.level = :l) AND (:hc = 0 OR p.column_code = "   \
  ":c) "                                                                                                    \
  "AND (:hv = 0 OR p.validity = :v) AND (:hy = 0 OR substr(p.published_on, 1, 4) = :y) "                    \
  "AND (:hs = 0 OR p.state = :s) AND (:late = 0 OR p.published_on > p.due_on OR (p.published_on = '' AND "  \
  "p.state <> 'withdrawn' AND p.due_on < :today)) AND (:hb = 0 OR p.published_on < :bd OR "                 \
  "(p.published_on = :bd2 AND p.id < :bi)) AND (:open = 0 OR (p.kind = 'notice' AND p.state = 'published' " \
  "AND p.starts_on <= :od AND p.ends_on >= :od2))"
    PublicationPage page;
    sql << "SELECT COUNT(*) FROM publications p" PUBLICATION_FILTER, soci::use(public_only), soci::use(hd),
        soci::use(dept), soci::use(hp), soci::use(path), soci::use(hl), soci::use(level), soci::use(hc),
        soci::use(column), soci::use(hv), soci::use(validity), soci::use(hy), soci::use(year), soci::use(hs),
        soci::use(state), soci::use(late), soci::use(day), soci::use(hb), soci::use(before_day),
        soci::use(before_day), soci::use(before_id), soci::use(open), soci::use(day), soci::use(day),
        soci::into(page.total);
    std::string order =
        q.desk ? " ORDER BY p.updated_at DESC, p.id DESC" : " ORDER BY p.published_on DESC, p.id DESC";
    soci::rowset<soci::row> rows =
        (sql.prepare << PUBLICATION_COLUMNS PUBLICATION_FILTER + order + " LIMIT :lim OFFSET :off",
         soci::use(public_only), soci::use(hd), soci::use(dept), soci::use(hp), soci::use(path),
         soci::use(hl), soci::use(level), soci::use(hc), soci::use(column), soci::use(hv),
         soci::use(validity), soci::use(hy), soci::use(year), soci::use(hs), soci::use(state),
         soci::use(late), soci::use(day), soci::use(hb), soci::use(before_day), soci::use(before_day),
         soci::use(before_id), soci::use(open), soci::use(day), soci::use(day), soci::use(limit),
         soci::use(offset));
#undef PUBLICATION_FILTER
    for (const auto& r : rows) page.items.push_back(publication_from(r));
    for (auto& p : page.items)
      if (auto loaded = load_editions(sql, p); !loaded) return loaded.error();
    return page;
  });
}

Result<std::map<std::string, long long>> column_counts(Database& db, std::optional<long long> department_id,
                                                       std::optional<long long> region_id) {
  return db.snapshot([&](soci::session& sql) -> Result<std::map<std::string, long long>> {
    int by_department = department_id ? 1 : 0;
    long long dept = department_id.value_or(0), region = region_id.value_or(0);
    std::map<std::string, long long> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT column_code, COUNT(*) FROM publications WHERE live_edition > 0 AND "
                        "((:bd = 1 AND department_id = :d) OR (:bd2 = 0 AND department_id IS NULL AND "
                        "region_id = :r)) GROUP BY column_code",
         soci::use(by_department), soci::use(dept), soci::use(by_department), soci::use(region));
    for (const auto& r : rows) out[text_at(r, 0)] = int64_at(r, 1);
    return out;
  });
}

}  // namespace fishbowl::disclosure
