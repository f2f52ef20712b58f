#include <fmt/format.h>

#include "org/org.h"
#include "services/attachments.h"
#include "services/services.h"
#include "storage/row.h"

namespace fishbowl::services {

namespace {

// Macros so that queries are joined at compile time.
#define ITEM_COLUMNS                                                                                   \
  "SELECT i.id, i.item_code, i.department_id, i.region_id, i.level, i.version, i.updated_at, v.guide " \
  "FROM service_items i JOIN service_item_versions v ON v.item_id = i.id AND v.version = i.version"

Guide stored_guide(const std::string& text) {
  auto g = parse_guide(nlohmann::json::parse(text));
  if (!g) throw std::runtime_error("services: stored guide is invalid: " + g.error().message);
  return std::move(g).value();
}

ServiceItem item_from(const soci::row& r) {
  return ServiceItem{int64_at(r, 0),
                     text_at(r, 1),
                     int64_at(r, 2),
                     int64_at(r, 3),
                     text_at(r, 4),
                     static_cast<int>(int64_at(r, 5)),
                     stored_guide(text_at(r, 7)),
                     text_at(r, 6)};
}

Error not_found() {
  return Error::not_found("service_item.not_found", "找不到该服务事项");
}

std::string subject_of(long long id) {
  return "service_item:" + std::to_string(id);
}

// The region must be at the item's level (a village item is listed by the county, a town or a village whose
// agents offer it), and the owning department must sit at or above it.
Status check_place(soci::session& sql, const ItemInput& in) {
  auto region = org::get_region(sql, in.region_id);
  if (!region) return Error::invalid("region.not_found", "所属行政区划不存在", "region_id");
  long long dept_region = 0;
  sql << "SELECT region_id FROM departments WHERE id = :d", soci::use(in.department_id),
      soci::into(dept_region);
  if (!sql.got_data()) return Error::invalid("department.not_found", "所属部门不存在", "department_id");
  auto owner = org::get_region(sql, dept_region);
  if (!owner) return owner.error();
  bool level_fits = in.level == "village" || region->level == in.level;
  if (!level_fits)
    return Error::invalid("service_item.wrong_region", "事项层级与所属行政区划的层级不一致", "region_id");
  if (region->path.rfind(owner->path, 0) != 0)
    return Error::invalid("service_item.wrong_region", "实施区划不在主管部门的辖区内", "region_id");
  return ok_status();
}

Status check_attachments(soci::session& sql, const Guide& g) {
  for (std::size_t i = 0; i < g.materials.size(); ++i)
    for (const auto& [ref, field] :
         {std::pair{&g.materials[i].blank_form, "blank_form"}, std::pair{&g.materials[i].sample, "sample"}})
      if (*ref && !attachment_exists(sql, (*ref)->sha256))
        return Error::invalid("attachment.not_found", "指南引用的附件不存在，请先上传",
                              fmt::format("guide.materials[{}].{}", i, field));
  return ok_status();
}

void insert_version(Command& cmd, long long id, int version, const Guide& guide) {
  std::string text = to_json(guide).dump();
  soci::indicator by_ind = cmd.actor().account_id ? soci::i_ok : soci::i_null;
  long long by = cmd.actor().account_id.value_or(0);
  cmd.sql() << "INSERT INTO service_item_versions (item_id, version, guide, created_at, created_by) "
               "VALUES (:i, :v, :g, :t, :b)",
      soci::use(id), soci::use(version), soci::use(text), soci::use(cmd.now()), soci::use(by, by_ind);
}

// As the life_events column holds them: "|出生|上学|", empty for none.
std::string life_events_column(const Guide& g) {
  std::string out;
  for (const auto& e : g.life_events) out += "|" + e;
  return out.empty() ? out : out + "|";
}

std::string scope_of(const ServiceItem& item) {
  return "department:" + std::to_string(item.department_id);
}

// The search index follows every version, in the same transaction.
Status index_item(Command& cmd, const ServiceItem& item) {
  auto doc = search_document(cmd.sql(), item);
  if (!doc) return doc.error();
  search::put(cmd, *doc);
  return ok_status();
}

}  // namespace

nlohmann::json to_json(const ServiceItem& item) {
  return {{"id", item.id},
          {"item_code", item.item_code},
          {"department_id", item.department_id},
          {"region_id", item.region_id},
          {"level", item.level},
          {"version", item.version},
          {"updated_at", item.updated_at},
          {"guide", to_json(item.guide)}};
}

Result<ServiceItem> get_item(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << ITEM_COLUMNS " WHERE i.id = :id", soci::use(id));
  for (const auto& r : rows) return item_from(r);
  return not_found();
}

Result<ServiceItem> get_item(Database& db, long long id) {
  return db.read([&](soci::session& sql) { return get_item(sql, id); });
}

Result<Version> get_version(Database& db, long long id, int version) {
  return db.read([&](soci::session& sql) -> Result<Version> {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT version, created_at, created_by, guide FROM service_item_versions "
                        "WHERE item_id = :i AND version = :v",
         soci::use(id), soci::use(version));
    for (const auto& r : rows)
      return Version{static_cast<int>(int64_at(r, 0)), text_at(r, 1), optional_int64_at(r, 2),
                     stored_guide(text_at(r, 3))};
    return Error::not_found("service_item.not_found", "找不到该服务事项的这一版本");
  });
}

Result<std::vector<Version>> list_versions(Database& db, long long id) {
  return db.snapshot([&](soci::session& sql) -> Result<std::vector<Version>> {
    auto item = get_item(sql, id);
    if (!item) return item.error();
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT version, created_at, created_by, guide FROM service_item_versions "
                        "WHERE item_id = :i ORDER BY version DESC",
         soci::use(id));
    std::vector<Version> out;
    for (const auto& r : rows)
      out.push_back(Version{static_cast<int>(int64_at(r, 0)), text_at(r, 1), optional_int64_at(r, 2),
                            stored_guide(text_at(r, 3))});
    return out;
  });
}

Result<ItemPage> list_items(Database& db, const ItemQuery& q) {
  return db.snapshot([&](soci::session& sql) -> Result<ItemPage> {
    // Every filter is bound; an absent one is switched off by its flag, so the SQL text is one constant.
    int has_dept = q.department_id ? 1 : 0, has_region = q.region_id ? 1 : 0, has_level = q.level ? 1 : 0,
        has_kind = q.kind ? 1 : 0, has_event = q.life_event ? 1 : 0, has_text = q.text ? 1 : 0,
        has_after = q.after_code ? 1 : 0;
    std::string after = q.after_code.value_or("");
    long long dept = q.department_id.value_or(0), region = q.region_id.value_or(0);
    std::string level = q.level.value_or(""), kind = q.kind.value_or("");
    // Events are names from a fixed list without LIKE wildcards.
    std::string event = "%|" + q.life_event.value_or("") + "|%";
    // LIKE wildcards in the user's text are matched literally.
    std::string pattern;
    for (char c : q.text.value_or("")) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern = "%" + pattern + "%";
    long long limit = q.page_size,
              offset = q.after_code ? 0 : static_cast<long long>(q.page - 1) * q.page_size;
#define ITEM_FILTER                                                             \
  " WHERE (:hd = 0 OR i.department_id = :d) AND (:hr = 0 OR i.region_id = :r) " \
  "AND (:hl = 0 OR i.level = :l) AND (:hk = 0 OR i.kind = :k) "                 \
  "AND (:he = 0 OR i.life_events LIKE :e) "                                     \
  "AND (:ht = 0 OR i.name LIKE :p ESCAPE '\\' OR i.item_code LIKE :p2 ESCAPE '\\')"
    ItemPage page;
    sql << "SELECT COUNT(*) FROM service_items i" ITEM_FILTER, soci::use(has_dept), soci::use(dept),
        soci::use(has_region), soci::use(region), soci::use(has_level), soci::use(level), soci::use(has_kind),
        soci::use(kind), soci::use(has_event), soci::use(event), soci::use(has_text), soci::use(pattern),
        soci::use(pattern), soci::into(page.total);
    soci::rowset<soci::row> rows =
        (sql.prepare << ITEM_COLUMNS ITEM_FILTER
             " AND (:ha = 0 OR i.item_code > :a) ORDER BY i.item_code LIMIT :lim OFFSET :off",
         soci::use(has_dept), soci::use(dept), soci::use(has_region), soci::use(region), soci::use(has_level),
         soci::use(level), soci::use(has_kind), soci::use(kind), soci::use(has_event), soci::use(event),
         soci::use(has_text), soci::use(pattern), soci::use(pattern), soci::use(has_after), soci::use(after),
         soci::use(limit), soci::use(offset));
#undef ITEM_FILTER
    for (const auto& r : rows) page.items.push_back(item_from(r));
    return page;
  });
}

Result<std::vector<std::pair<std::string, long long>>> count_life_events(Database& db) {
  return db.read([&](soci::session& sql) -> Result<std::vector<std::pair<std::string, long long>>> {
    std::vector<std::pair<std::string, long long>> out;
    for (const auto& e : life_events()) out.emplace_back(e, 0);
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT life_events FROM service_items WHERE life_events <> ''");
    for (const auto& column : rows)
      for (auto& [event, count] : out)
        if (column.find("|" + event + "|") != std::string::npos) ++count;
    return out;
  });
}

Result<ServiceItem> create_item(Command& cmd, const ItemInput& in) {
  auto& sql = cmd.sql();
  if (auto placed = check_place(sql, in); !placed) return placed.error();
  if (auto attached = check_attachments(sql, in.guide); !attached) return attached.error();
  long long taken = 0;
  sql << "SELECT COUNT(*) FROM service_items WHERE item_code = :c", soci::use(in.item_code),
      soci::into(taken);
  if (taken) return Error::conflict("service_item.duplicate_code", "事项编码已被使用", "item_code");
  long long id = 0;
  std::string events = life_events_column(in.guide);
  sql << "INSERT INTO service_items (item_code, department_id, region_id, level, version, name, kind, "
         "life_events, created_at, updated_at) VALUES (:c, :d, :r, :l, 1, :n, :k, :e, :t, :u) RETURNING id",
      soci::use(in.item_code), soci::use(in.department_id), soci::use(in.region_id), soci::use(in.level),
      soci::use(in.guide.name), soci::use(in.guide.kind), soci::use(events), soci::use(cmd.now()),
      soci::use(cmd.now()), soci::into(id);
  insert_version(cmd, id, 1, in.guide);
  ServiceItem item{id, in.item_code, in.department_id, in.region_id, in.level, 1, in.guide, cmd.now()};
  if (auto indexed = index_item(cmd, item); !indexed) return indexed.error();
  cmd.record("service_item.created", scope_of(item), subject_of(id), to_json(item));
  return item;
}

Result<ServiceItem> revise_item(Command& cmd, long long id, int expected_version, const Guide& guide) {
  auto& sql = cmd.sql();
  auto item = get_item(sql, id);
  if (!item) return item.error();
  if (item->version != expected_version)
    return Error::conflict("service_item.version_conflict",
                           fmt::format("该事项已被他人修改为第 {} 版，请刷新后再改", item->version),
                           "version");
  if (item->guide == guide) return Error::conflict("service_item.unchanged", "办事指南没有变化", "guide");
  if (auto attached = check_attachments(sql, guide); !attached) return attached.error();
  int version = item->version + 1;
  // The condition on the version makes a concurrent revision (PostgreSQL, several servers) fail rather than
  // overwrite: only one transaction moves the item from expected_version.
  std::string events = life_events_column(guide);
  soci::statement update =
      (sql.prepare << "UPDATE service_items SET version = :v, name = :n, kind = :k, "
                      "life_events = :le, updated_at = :t WHERE id = :i AND version = :e",
       soci::use(version), soci::use(guide.name), soci::use(guide.kind), soci::use(events),
       soci::use(cmd.now()), soci::use(id), soci::use(expected_version));
  update.execute(true);
  if (update.get_affected_rows() != 1)
    return Error::conflict("service_item.version_conflict", "该事项刚被他人修改，请刷新后再改", "version");
  insert_version(cmd, id, version, guide);
  item->version = version;
  item->guide = guide;
  item->updated_at = cmd.now();
  if (auto indexed = index_item(cmd, *item); !indexed) return indexed.error();
  cmd.record("service_item.revised", scope_of(*item), subject_of(id), to_json(*item));
  return item;
}

}  // namespace fishbowl::services
