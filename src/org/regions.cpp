#include <fmt/format.h>

#include "org/org.h"
#include "storage/row.h"

namespace fishbowl::org {

namespace {

// A macro so that queries are joined at compile time.
#define REGION_COLUMNS "SELECT id, parent_id, level, kind, code, name, path FROM regions"

Region region_from(const soci::row& r) {
  return Region{int64_at(r, 0), optional_int64_at(r, 1), text_at(r, 2), text_at(r, 3),
                text_at(r, 4),  text_at(r, 5),           text_at(r, 6)};
}

std::string level_of_kind(const std::string& kind) {
  if (kind == "county" || kind == "district") return "county";
  if (kind == "town" || kind == "township" || kind == "subdistrict") return "town";
  if (kind == "village" || kind == "community") return "village";
  return {};
}

// Statistical division codes: 6 digits for a county, 9 for a town, 12 for a village.
Status check_code(const std::string& code, const std::string& level) {
  std::size_t want = level == "county" ? 6 : level == "town" ? 9 : 12;
  if (code.size() != want || code.find_first_not_of("0123456789") != std::string::npos)
    return Error::invalid("region.invalid_code", fmt::format("区划代码应为 {} 位数字", want), "code");
  return ok_status();
}

Status check_code_free(soci::session& sql, const std::string& code, long long except_id) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM regions WHERE code = :c AND id <> :id", soci::use(code), soci::use(except_id),
      soci::into(n);
  if (n > 0) return Error::conflict("region.duplicate_code", "区划代码已被使用", "code");
  return ok_status();
}

}  // namespace

const std::vector<std::string>& region_kinds() {
  static const std::vector<std::string> kinds{"county",      "district", "town",     "township",
                                              "subdistrict", "village",  "community"};
  return kinds;
}

// Typed rather than through a dynamic row: every command that checks a scope reads a region.
Result<Region> get_region(soci::session& sql, long long id) {
  Region r;
  long long parent = 0;
  soci::indicator parent_ind = soci::i_null;
  sql << REGION_COLUMNS " WHERE id = :id", soci::use(id), soci::into(r.id), soci::into(parent, parent_ind),
      soci::into(r.level), soci::into(r.kind), soci::into(r.code), soci::into(r.name), soci::into(r.path);
  if (!sql.got_data()) return Error::not_found("region.not_found", "找不到该行政区划");
  if (parent_ind == soci::i_ok) r.parent_id = parent;
  return r;
}

Result<Region> get_region(Database& db, long long id) {
  return db.read([&](soci::session& sql) { return get_region(sql, id); });
}

Result<std::vector<Region>> list_regions(Database& db, std::optional<long long> parent_id) {
  return db.read([&](soci::session& sql) -> Result<std::vector<Region>> {
    long long parent = parent_id.value_or(0);
    int filter = parent_id ? 1 : 0;
    soci::rowset<soci::row> rows =
        (sql.prepare << REGION_COLUMNS " WHERE :f = 0 OR parent_id = :p ORDER BY code", soci::use(filter),
         soci::use(parent));
    std::vector<Region> out;
    for (const auto& r : rows) out.push_back(region_from(r));
    return out;
  });
}

Result<std::vector<Region>> region_ancestors(Database& db, const Region& region) {
  return db.read([&](soci::session& sql) -> Result<std::vector<Region>> {
    std::vector<Region> out;
    std::optional<long long> next = region.parent_id;
    while (next) {
      auto r = get_region(sql, *next);
      if (!r) return r.error();
      next = r->parent_id;
      out.insert(out.begin(), std::move(r.value()));
    }
    return out;
  });
}

Result<Region> create_region(Command& cmd, const RegionInput& in) {
  auto& sql = cmd.sql();
  std::string level = level_of_kind(in.kind);
  if (level.empty()) return Error::invalid("region.invalid_kind", "区划类型不正确", "kind");
  std::string parent_path = "/";
  if (in.parent_id) {
    auto parent = get_region(sql, *in.parent_id);
    if (!parent) return Error::invalid("region.parent_not_found", "上级行政区划不存在", "parent_id");
    std::string want = parent->level == "county" ? "town" : parent->level == "town" ? "village" : "";
    if (want.empty()) return Error::invalid("region.too_deep", "村（社区）之下不能再设行政区划", "parent_id");
    if (level != want) return Error::invalid("region.level_mismatch", "区划类型与上级区划的层级不符", "kind");
    parent_path = parent->path;
  } else if (level != "county") {
    return Error::invalid("region.parent_required", "乡镇和村（社区）必须有上级区划", "parent_id");
  }
  if (auto s = check_code(in.code, level); !s) return s.error();
  if (auto s = check_code_free(sql, in.code, 0); !s) return s.error();
  long long parent = in.parent_id.value_or(0);
  soci::indicator parent_ind = in.parent_id ? soci::i_ok : soci::i_null;
  long long id = 0;
  sql << "INSERT INTO regions (parent_id, level, kind, code, name, path, created_at, updated_at) "
         "VALUES (:p, :l, :k, :c, :n, '', :t, :u) RETURNING id",
      soci::use(parent, parent_ind), soci::use(level), soci::use(in.kind), soci::use(in.code),
      soci::use(in.name), soci::use(cmd.now()), soci::use(cmd.now()), soci::into(id);
  std::string path = parent_path + std::to_string(id) + "/";
  sql << "UPDATE regions SET path = :path WHERE id = :id", soci::use(path), soci::use(id);
  Region r{id, in.parent_id, level, in.kind, in.code, in.name, path};
  cmd.record("region.created", "region:" + std::to_string(id), "region:" + std::to_string(id), to_json(r));
  return r;
}

Result<Region> update_region(Command& cmd, long long id, const RegionChanges& in) {
  auto& sql = cmd.sql();
  auto found = get_region(sql, id);
  if (!found) return found.error();
  Region r = found.value();
  nlohmann::json changed = nlohmann::json::object();
  if (in.kind && *in.kind != r.kind) {
    if (level_of_kind(*in.kind) != r.level)
      return Error::invalid("region.level_mismatch", "区划类型不能改变层级", "kind");
    r.kind = *in.kind;
    changed["kind"] = r.kind;
  }
  if (in.code && *in.code != r.code) {
    if (auto s = check_code(*in.code, r.level); !s) return s.error();
    if (auto s = check_code_free(sql, *in.code, id); !s) return s.error();
    r.code = *in.code;
    changed["code"] = r.code;
  }
  if (in.name && *in.name != r.name) {
    r.name = *in.name;
    changed["name"] = r.name;
  }
  if (changed.empty()) return Error::invalid("request.no_change", "没有需要修改的内容", "");
  sql << "UPDATE regions SET kind = :k, code = :c, name = :n, updated_at = :t WHERE id = :id",
      soci::use(r.kind), soci::use(r.code), soci::use(r.name), soci::use(cmd.now()), soci::use(id);
  changed["id"] = id;
  cmd.record("region.updated", "region:" + std::to_string(id), "region:" + std::to_string(id), changed);
  return r;
}

nlohmann::json to_json(const Region& r) {
  return {
      {"id", r.id},       {"parent_id", r.parent_id ? nlohmann::json(*r.parent_id) : nlohmann::json(nullptr)},
      {"level", r.level}, {"kind", r.kind},
      {"code", r.code},   {"name", r.name}};
}

}  // namespace fishbowl::org
