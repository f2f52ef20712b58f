#pragma once
// The service catalogue (政务服务事项目录): service items and their guides (办事指南). An item has a stable
// public item_code, an owning department, a level (county, town, village) and the region whose catalogue
// lists it. Its guide is versioned: every edit makes a new version, old versions stay readable, and a case
// keeps the version it was filed under. Reads are public. Changes are commands that record
// service_item.created and service_item.revised, each with the whole guide, so the ledger holds every
// edition.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "ledger/command.h"
#include "search/search.h"
#include "services/attachments.h"
#include "storage/database.h"

namespace fishbowl::services {

// 事项类型, in the order of the national catalogue's list.
const std::vector<std::string>& item_kinds();
const std::vector<std::string>& item_levels();     // county, town, village
const std::vector<std::string>& material_forms();  // 原件, 复印件, 原件和复印件, 电子件
// The events of a resident's life and of a business under which the portal groups items (按主题查找).
const std::vector<std::string>& life_events();

struct Material {
  std::string name;
  bool required = true;
  std::string form = "原件";
  int copies = 1;
  std::string source;  // where the applicant gets it: 申请人自备, 公安机关核发, …
  std::string note;
  std::optional<AttachmentRef> blank_form;  // 空白表格
  std::optional<AttachmentRef> sample;      // 示例样表
  bool operator==(const Material&) const = default;
};

struct Fee {
  std::string name;
  std::string amount;  // yuan, as a decimal text with at most two places: "20", "12.50"
  std::string basis;   // the charging basis (收费依据)
  bool operator==(const Fee&) const = default;
};

// The public elements of an item (办事指南). Equal guides are the same edition.
struct Guide {
  std::string name;
  std::string kind;
  std::string legal_basis;
  std::string conditions;
  std::vector<Material> materials;
  std::vector<std::string> steps;
  int legal_days = 0;     // 法定时限, working days
  int promised_days = 0;  // 承诺时限, working days, at most legal_days
  std::vector<Fee> fees;  // empty: free of charge
  std::string place;
  std::string window;
  std::string hours;
  std::string phone;            // for questions (咨询电话)
  std::string complaint_phone;  // for complaints (监督投诉电话)
  int visits = 0;               // times the applicant must come in person (0: none, 最多跑一次: 1)
  bool online = false;          // can be done online (全程网办)
  bool by_agent = false;        // village agents may file it on a resident's behalf (代办)
  std::vector<std::string> life_events;  // from life_events(), each at most once
  bool operator==(const Guide&) const = default;
};

// Reads a guide from JSON. 422 naming the field ("materials[2].copies") at the first problem.
Result<Guide> parse_guide(const nlohmann::json& j);
nlohmann::json to_json(const Guide& g);

struct ServiceItem {
  long long id = 0;
  std::string item_code;
  long long department_id = 0;
  long long region_id = 0;
  std::string level;
  int version = 0;  // the current version
  Guide guide;      // of `version`
  std::string updated_at;
};
nlohmann::json to_json(const ServiceItem& item);
// The item as the search index holds it: its name, and the guide's basis, conditions, materials and steps.
Result<search::Document> search_document(soci::session& sql, const ServiceItem& item);

struct Version {
  int version = 0;
  std::string created_at;
  std::optional<long long> created_by;
  Guide guide;
};

// Reads. service_item.not_found (404) for an unknown id or version.
Result<ServiceItem> get_item(Database& db, long long id);
Result<ServiceItem> get_item(soci::session& sql, long long id);
Result<Version> get_version(Database& db, long long id, int version);
Result<std::vector<Version>> list_versions(Database& db, long long id);

struct ItemQuery {
  std::optional<long long> department_id;
  std::optional<long long> region_id;
  std::optional<std::string> level;
  std::optional<std::string> kind;
  std::optional<std::string> life_event;
  std::optional<std::string> text;  // part of the name or the item code
  // Cursor paging: only the items whose code comes after this one; the page is then ignored.
  std::optional<std::string> after_code;
  int page = 1;
  int page_size = 50;
};
struct ItemPage {
  std::vector<ServiceItem> items;
  long long total = 0;
};
Result<ItemPage> list_items(Database& db, const ItemQuery& q);
// Every life event in the order of life_events() with the number of items listed under it.
Result<std::vector<std::pair<std::string, long long>>> count_life_events(Database& db);

// Changes.
struct ItemInput {
  std::string item_code;
  long long department_id = 0;
  long long region_id = 0;
  std::string level;
  Guide guide;
};
// Both check that every attachment the guide names is stored (attachment.not_found, 422).
// Errors: service_item.duplicate_code (409); department.not_found / region.not_found (422);
// service_item.wrong_region (422) when the region is not at the item's level or not under the department.
Result<ServiceItem> create_item(Command& cmd, const ItemInput& in);
// A new version of the guide. expected_version must be the current one (service_item.version_conflict, 409,
// when someone else revised it first); an unchanged guide is service_item.unchanged (409).
Result<ServiceItem> revise_item(Command& cmd, long long id, int expected_version, const Guide& guide);

}  // namespace fishbowl::services
