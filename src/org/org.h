#pragma once
// The organisation of a county: regions (county → towns → villages and communities), departments on regions,
// service points (county hall, town centers, village rooms, social affairs centers) with windows and opening
// hours. Reads are public. Changes are commands that record org events: region.created, region.updated,
// department.created, department.updated, service_point.created, service_point.updated, window.created.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "ledger/command.h"
#include "storage/database.h"

namespace fishbowl::org {

struct Region {
  long long id = 0;
  std::optional<long long> parent_id;
  std::string level;  // county, town, village
  std::string kind;   // county|district, town|township|subdistrict, village|community
  std::string code;   // 行政区划代码 (statistical division code), unique
  std::string name;
  std::string path;  // "/1/4/17/": ids from the root, for scope checks
};

struct Department {
  long long id = 0;
  long long region_id = 0;
  std::string code;
  std::string name;
  std::string phone;
};

// One opening period on one weekday (1 = Monday … 7 = Sunday), local time "HH:MM".
struct OpeningPeriod {
  int weekday = 1;
  std::string opens;
  std::string closes;
};

struct Window {
  long long id = 0;
  long long service_point_id = 0;
  int number = 0;
  std::string name;
  std::optional<long long> department_id;
};

struct ServicePoint {
  long long id = 0;
  long long region_id = 0;
  std::string kind;  // hall, center, room, social_affairs_center
  std::string name;
  std::string address;
  std::string phone;
  std::vector<OpeningPeriod> hours;
  std::vector<Window> windows;
};

// Reads. Not-found errors: region.not_found, department.not_found, service_point.not_found.
Result<std::vector<Region>> list_regions(Database& db, std::optional<long long> parent_id = std::nullopt);
Result<Region> get_region(Database& db, long long id);
Result<Region> get_region(soci::session& sql, long long id);
Result<std::vector<Region>> region_ancestors(Database& db, const Region& r);  // root first, without r
Result<std::vector<Department>> list_departments(Database& db, std::optional<long long> region_id);
Result<Department> get_department(Database& db, long long id);
Result<Department> get_department(soci::session& sql, long long id);
Result<std::vector<ServicePoint>> list_service_points(Database& db, std::optional<long long> region_id);
Result<ServicePoint> get_service_point(Database& db, long long id);

// Changes. Each validates against stored state and records its event.
struct RegionInput {
  std::optional<long long> parent_id;  // none: a new county (a root)
  std::string kind;
  std::string code;
  std::string name;
};
Result<Region> create_region(Command& cmd, const RegionInput& in);
struct RegionChanges {
  std::optional<std::string> name;
  std::optional<std::string> code;
  std::optional<std::string> kind;
};
Result<Region> update_region(Command& cmd, long long id, const RegionChanges& in);

struct DepartmentInput {
  long long region_id = 0;
  std::string code;
  std::string name;
  std::string phone;
};
Result<Department> create_department(Command& cmd, const DepartmentInput& in);
struct DepartmentChanges {
  std::optional<std::string> name;
  std::optional<std::string> phone;
};
Result<Department> update_department(Command& cmd, long long id, const DepartmentChanges& in);

struct ServicePointInput {
  long long region_id = 0;
  std::string kind;
  std::string name;
  std::string address;
  std::string phone;
  std::vector<OpeningPeriod> hours;
};
Result<ServicePoint> create_service_point(Command& cmd, const ServicePointInput& in);
struct ServicePointChanges {
  std::optional<std::string> name;
  std::optional<std::string> address;
  std::optional<std::string> phone;
  std::optional<std::vector<OpeningPeriod>> hours;
};
Result<ServicePoint> update_service_point(Command& cmd, long long id, const ServicePointChanges& in);

struct WindowInput {
  long long service_point_id = 0;
  int number = 0;
  std::string name;
  std::optional<long long> department_id;
};
Result<Window> create_window(Command& cmd, const WindowInput& in);

// Validation shared with the HTTP layer: reads opening hours from JSON ([{weekday, opens, closes}, ...]).
Result<std::vector<OpeningPeriod>> parse_hours(const nlohmann::json& j, const char* field);

nlohmann::json to_json(const Region& r);
nlohmann::json to_json(const Department& d);
nlohmann::json to_json(const ServicePoint& s);
nlohmann::json to_json(const Window& w);
nlohmann::json to_json(const OpeningPeriod& p);

// The kinds allowed at each level, in the order the UI lists them.
const std::vector<std::string>& region_kinds();
const std::vector<std::string>& service_point_kinds();

}  // namespace fishbowl::org
