#include "org/org.h"
#include "storage/row.h"

namespace fishbowl::org {

namespace {

// A macro so that queries are joined at compile time.
#define DEPARTMENT_COLUMNS "SELECT id, region_id, code, name, phone FROM departments"

Department department_from(const soci::row& r) {
  return Department{int64_at(r, 0), int64_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4)};
}

std::string scope_of(long long id) {
  return "department:" + std::to_string(id);
}

}  // namespace

Result<Department> get_department(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << DEPARTMENT_COLUMNS " WHERE id = :id", soci::use(id));
  for (const auto& r : rows) return department_from(r);
  return Error::not_found("department.not_found", "找不到该部门");
}

Result<Department> get_department(Database& db, long long id) {
  return db.read([&](soci::session& sql) { return get_department(sql, id); });
}

Result<std::vector<Department>> list_departments(Database& db, std::optional<long long> region_id) {
  return db.read([&](soci::session& sql) -> Result<std::vector<Department>> {
    long long region = region_id.value_or(0);
    int filter = region_id ? 1 : 0;
    soci::rowset<soci::row> rows =
        (sql.prepare << DEPARTMENT_COLUMNS " WHERE :f = 0 OR region_id = :r ORDER BY code", soci::use(filter),
         soci::use(region));
    std::vector<Department> out;
    for (const auto& r : rows) out.push_back(department_from(r));
    return out;
  });
}

Result<Department> create_department(Command& cmd, const DepartmentInput& in) {
  auto& sql = cmd.sql();
  if (!get_region(sql, in.region_id))
    return Error::invalid("region.not_found", "所属行政区划不存在", "region_id");
  long long taken = 0;
  sql << "SELECT COUNT(*) FROM departments WHERE code = :c", soci::use(in.code), soci::into(taken);
  if (taken) return Error::conflict("department.duplicate_code", "部门编码已被使用", "code");
  sql << "SELECT COUNT(*) FROM departments WHERE region_id = :r AND name = :n", soci::use(in.region_id),
      soci::use(in.name), soci::into(taken);
  if (taken) return Error::conflict("department.duplicate_name", "该区划已有同名部门", "name");
  long long id = 0;
  sql << "INSERT INTO departments (region_id, code, name, phone, created_at, updated_at) "
         "VALUES (:r, :c, :n, :p, :t, :u) RETURNING id",
      soci::use(in.region_id), soci::use(in.code), soci::use(in.name), soci::use(in.phone),
      soci::use(cmd.now()), soci::use(cmd.now()), soci::into(id);
  Department d{id, in.region_id, in.code, in.name, in.phone};
  cmd.record("department.created", scope_of(id), scope_of(id), to_json(d));
  return d;
}

Result<Department> update_department(Command& cmd, long long id, const DepartmentChanges& in) {
  auto& sql = cmd.sql();
  auto found = get_department(sql, id);
  if (!found) return found.error();
  Department d = found.value();
  nlohmann::json changed = nlohmann::json::object();
  if (in.name && *in.name != d.name) {
    long long taken = 0;
    sql << "SELECT COUNT(*) FROM departments WHERE region_id = :r AND name = :n AND id <> :id",
        soci::use(d.region_id), soci::use(*in.name), soci::use(id), soci::into(taken);
    if (taken) return Error::conflict("department.duplicate_name", "该区划已有同名部门", "name");
    d.name = *in.name;
    changed["name"] = d.name;
  }
  if (in.phone && *in.phone != d.phone) {
    d.phone = *in.phone;
    changed["phone"] = d.phone;
  }
  if (changed.empty()) return Error::invalid("request.no_change", "没有需要修改的内容", "");
  sql << "UPDATE departments SET name = :n, phone = :p, updated_at = :t WHERE id = :id", soci::use(d.name),
      soci::use(d.phone), soci::use(cmd.now()), soci::use(id);
  changed["id"] = id;
  cmd.record("department.updated", scope_of(id), scope_of(id), changed);
  return d;
}

nlohmann::json to_json(const Department& d) {
  return {{"id", d.id}, {"region_id", d.region_id}, {"code", d.code}, {"name", d.name}, {"phone", d.phone}};
}

}  // namespace fishbowl::org
