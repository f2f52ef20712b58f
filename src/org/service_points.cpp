#include <fmt/format.h>

#include "org/org.h"
#include "storage/row.h"

namespace fishbowl::org {

namespace {

// A macro so that queries are joined at compile time.
#define POINT_COLUMNS "SELECT id, region_id, kind, name, address, phone, hours FROM service_points"

bool is_clock(const std::string& s) {
  return s.size() == 5 && s[2] == ':' && std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::isdigit(static_cast<unsigned char>(s[1])) && std::isdigit(static_cast<unsigned char>(s[3])) &&
         std::isdigit(static_cast<unsigned char>(s[4])) && s.substr(0, 2) <= "23" && s.substr(3, 2) <= "59";
}

nlohmann::json hours_json(const std::vector<OpeningPeriod>& hours) {
  auto a = nlohmann::json::array();
  for (const auto& p : hours) a.push_back(to_json(p));
  return a;
}

std::vector<Window> windows_of(soci::session& sql, long long point_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, service_point_id, number, name, department_id FROM windows "
                      "WHERE service_point_id = :p ORDER BY number",
       soci::use(point_id));
  std::vector<Window> out;
  for (const auto& r : rows)
    out.push_back(Window{int64_at(r, 0), int64_at(r, 1), static_cast<int>(int64_at(r, 2)), text_at(r, 3),
                         optional_int64_at(r, 4)});
  return out;
}

ServicePoint point_from(const soci::row& r) {
  ServicePoint p{
      int64_at(r, 0), int64_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4), text_at(r, 5), {}, {}};
  auto hours = parse_hours(nlohmann::json::parse(text_at(r, 6), nullptr, false), "hours");
  if (hours) p.hours = std::move(hours.value());
  return p;
}

Result<ServicePoint> get_point(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << POINT_COLUMNS " WHERE id = :id", soci::use(id));
  for (const auto& r : rows) {
    auto p = point_from(r);
    p.windows = windows_of(sql, id);
    return p;
  }
  return Error::not_found("service_point.not_found", "找不到该服务场所");
}

// Which service point kinds fit which region level.
bool kind_fits(const std::string& kind, const std::string& level) {
  if (kind == "hall" || kind == "social_affairs_center") return level == "county";
  if (kind == "center") return level == "town";
  if (kind == "room") return level == "village";
  return false;
}

std::string scope_of(const ServicePoint& p) {
  return "region:" + std::to_string(p.region_id);
}
std::string subject_of(long long id) {
  return "service_point:" + std::to_string(id);
}

}  // namespace

const std::vector<std::string>& service_point_kinds() {
  static const std::vector<std::string> kinds{"hall", "center", "room", "social_affairs_center"};
  return kinds;
}

Result<std::vector<OpeningPeriod>> parse_hours(const nlohmann::json& j, const char* field) {
  auto bad = [&](const std::string& why) {
    return Error::invalid("service_point.invalid_hours", why, field);
  };
  if (!j.is_array()) return bad("开放时间应为列表");
  if (j.size() > 28) return bad("开放时间段过多");
  std::vector<OpeningPeriod> out;
  for (const auto& item : j) {
    if (!item.is_object() || !item.contains("weekday") || !item["weekday"].is_number_integer() ||
        !item.contains("opens") || !item["opens"].is_string() || !item.contains("closes") ||
        !item["closes"].is_string() || item.size() != 3)
      return bad("每个开放时间段应为 {weekday, opens, closes}");
    OpeningPeriod p{item["weekday"].get<int>(), item["opens"].get<std::string>(),
                    item["closes"].get<std::string>()};
    if (p.weekday < 1 || p.weekday > 7) return bad("星期应为 1（周一）到 7（周日）");
    if (!is_clock(p.opens) || !is_clock(p.closes)) return bad("时间应写作 HH:MM");
    if (p.opens >= p.closes) return bad("结束时间应晚于开始时间");
    out.push_back(p);
  }
  return out;
}

Result<ServicePoint> get_service_point(Database& db, long long id) {
  return db.read([&](soci::session& sql) { return get_point(sql, id); });
}

Result<std::vector<ServicePoint>> list_service_points(Database& db, std::optional<long long> region_id) {
  return db.read([&](soci::session& sql) -> Result<std::vector<ServicePoint>> {
    long long region = region_id.value_or(0);
    int filter = region_id ? 1 : 0;
    soci::rowset<soci::row> rows =
        (sql.prepare << POINT_COLUMNS " WHERE :f = 0 OR region_id = :r ORDER BY id", soci::use(filter),
         soci::use(region));
    std::vector<ServicePoint> out;
    for (const auto& r : rows) out.push_back(point_from(r));
    for (auto& p : out) p.windows = windows_of(sql, p.id);
    return out;
  });
}

Result<ServicePoint> create_service_point(Command& cmd, const ServicePointInput& in) {
  auto& sql = cmd.sql();
  auto region = get_region(sql, in.region_id);
  if (!region) return Error::invalid("region.not_found", "所属行政区划不存在", "region_id");
  if (!kind_fits(in.kind, region->level))
    return Error::invalid("service_point.kind_mismatch", "服务场所类型与区划层级不符", "kind");
  std::string hours = hours_json(in.hours).dump();
  long long id = 0;
  sql << "INSERT INTO service_points (region_id, kind, name, address, phone, hours, created_at, updated_at) "
         "VALUES (:r, :k, :n, :a, :p, :h, :t, :u) RETURNING id",
      soci::use(in.region_id), soci::use(in.kind), soci::use(in.name), soci::use(in.address),
      soci::use(in.phone), soci::use(hours), soci::use(cmd.now()), soci::use(cmd.now()), soci::into(id);
  ServicePoint p{id, in.region_id, in.kind, in.name, in.address, in.phone, in.hours, {}};
  cmd.record("service_point.created", scope_of(p), subject_of(id), to_json(p));
  return p;
}

Result<ServicePoint> update_service_point(Command& cmd, long long id, const ServicePointChanges& in) {
  auto& sql = cmd.sql();
  auto found = get_point(sql, id);
  if (!found) return found.error();
  ServicePoint p = found.value();
  nlohmann::json changed = nlohmann::json::object();
  auto apply = [&](const std::optional<std::string>& v, std::string& field, const char* name) {
    if (v && *v != field) {
      field = *v;
      changed[name] = field;
    }
  };
  apply(in.name, p.name, "name");
  apply(in.address, p.address, "address");
  apply(in.phone, p.phone, "phone");
  if (in.hours && hours_json(*in.hours) != hours_json(p.hours)) {
    p.hours = *in.hours;
    changed["hours"] = hours_json(p.hours);
  }
  if (changed.empty()) return Error::invalid("request.no_change", "没有需要修改的内容", "");
  std::string hours = hours_json(p.hours).dump();
  sql << "UPDATE service_points SET name = :n, address = :a, phone = :p, hours = :h, updated_at = :t WHERE "
         "id = :id",
      soci::use(p.name), soci::use(p.address), soci::use(p.phone), soci::use(hours), soci::use(cmd.now()),
      soci::use(id);
  changed["id"] = id;
  cmd.record("service_point.updated", scope_of(p), subject_of(id), changed);
  return p;
}

Result<Window> create_window(Command& cmd, const WindowInput& in) {
  auto& sql = cmd.sql();
  auto point = get_point(sql, in.service_point_id);
  if (!point) return point.error();
  if (in.department_id) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM departments WHERE id = :d", soci::use(*in.department_id), soci::into(n);
    if (!n) return Error::invalid("department.not_found", "窗口所属部门不存在", "department_id");
  }
  for (const auto& w : point->windows)
    if (w.number == in.number) return Error::conflict("window.duplicate_number", "该窗口号已存在", "number");
  long long dept = in.department_id.value_or(0);
  soci::indicator dept_ind = in.department_id ? soci::i_ok : soci::i_null;
  long long id = 0;
  sql << "INSERT INTO windows (service_point_id, number, name, department_id, created_at) "
         "VALUES (:s, :n, :name, :d, :t) RETURNING id",
      soci::use(in.service_point_id), soci::use(in.number), soci::use(in.name), soci::use(dept, dept_ind),
      soci::use(cmd.now()), soci::into(id);
  Window w{id, in.service_point_id, in.number, in.name, in.department_id};
  cmd.record("window.created", scope_of(point.value()), "window:" + std::to_string(id), to_json(w));
  return w;
}

nlohmann::json to_json(const OpeningPeriod& p) {
  return {{"weekday", p.weekday}, {"opens", p.opens}, {"closes", p.closes}};
}

nlohmann::json to_json(const Window& w) {
  return {{"id", w.id},
          {"service_point_id", w.service_point_id},
          {"number", w.number},
          {"name", w.name},
          {"department_id", w.department_id ? nlohmann::json(*w.department_id) : nlohmann::json(nullptr)}};
}

nlohmann::json to_json(const ServicePoint& s) {
  auto windows = nlohmann::json::array();
  for (const auto& w : s.windows) windows.push_back(to_json(w));
  return {{"id", s.id},
          {"region_id", s.region_id},
          {"kind", s.kind},
          {"name", s.name},
          {"address", s.address},
          {"phone", s.phone},
          {"hours", hours_json(s.hours)},
          {"windows", windows}};
}

}  // namespace fishbowl::org
