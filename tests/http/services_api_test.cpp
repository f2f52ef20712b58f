// The service catalogue through the API: items with versioned guides, filters, and every refusal.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/sample_guide.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

using ServicesApi = ApiTest;

nlohmann::json item_body(const std::string& code, long long department, long long region,
                         const std::string& level, const std::string& name = "最低生活保障审批") {
  return {{"item_code", code},
          {"department_id", department},
          {"region_id", region},
          {"level", level},
          {"guide", sample_guide_json(name)}};
}

TEST_P(ServicesApi, StaffCreateAnItemAndEveryoneReadsIt) {
  auto created = call("POST", "/api/v1/service-items",
                      item_body("S001", fx.dept_county, fx.county, "county").dump(), "staff");
  ASSERT_EQ(created.status, 201) << created.body;
  auto item = json_of(created);
  EXPECT_EQ(item["version"], 1);
  EXPECT_EQ(item["guide"]["materials"][0]["name"], "居民身份证");
  auto read = json_of(call("GET", fmt::format("/api/v1/service-items/{}", item["id"].get<long long>())));
  EXPECT_EQ(read, item);
  auto events = json_of(call("GET", "/api/v1/events?type=service_item.created", "", "supervisor"))["items"];
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["payload"]["guide"]["name"], "最低生活保障审批");
  EXPECT_EQ(events[0]["scope"], fmt::format("department:{}", fx.dept_county));
}

TEST_P(ServicesApi, AnEditMakesANewVersionAndTheOldOneStays) {
  auto item = json_of(call("POST", "/api/v1/service-items",
                           item_body("S002", fx.dept_county, fx.town1, "town").dump(), "admin"));
  std::string path = fmt::format("/api/v1/service-items/{}", item["id"].get<long long>());
  auto guide = item["guide"];
  guide["promised_days"] = 5;
  auto revised = call("PUT", path, nlohmann::json{{"version", 1}, {"guide", guide}}.dump(), "staff");
  ASSERT_EQ(revised.status, 200) << revised.body;
  EXPECT_EQ(json_of(revised)["version"], 2);
  EXPECT_EQ(json_of(call("GET", path))["guide"]["promised_days"], 5);
  EXPECT_EQ(json_of(call("GET", path + "/versions/1"))["guide"]["promised_days"], 15);
  auto versions = json_of(call("GET", path + "/versions"))["items"];
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0]["version"], 2);
  // Each edition names the event that made it and that event's ledger leaf, whose bytes hold the guide.
  for (const auto& v : versions) {
    auto entry = json_of(
        call("GET", fmt::format("/api/v1/ledger/entries?start={}&end={}", v["ledger_index"].get<long long>(),
                                v["ledger_index"].get<long long>() + 1)))["entries"][0];
    EXPECT_EQ(entry["event_id"], v["event_id"]);
    auto leaf = nlohmann::json::parse(entry["data"].get<std::string>());
    EXPECT_EQ(leaf["payload"]["version"], v["version"]) << entry.dump();
    EXPECT_EQ(leaf["payload"]["guide"], v["guide"]) << entry.dump();
  }

  // Someone editing from version 1 now loses rather than overwrites; an unchanged guide is no new version.
  guide["promised_days"] = 3;
  auto stale = call("PUT", path, nlohmann::json{{"version", 1}, {"guide", guide}}.dump(), "admin");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(json_of(stale)["error"]["code"], "service_item.version_conflict");
  auto same =
      call("PUT", path, nlohmann::json{{"version", 2}, {"guide", json_of(revised)["guide"]}}.dump(), "admin");
  EXPECT_EQ(same.status, 409);
  EXPECT_EQ(json_of(same)["error"]["code"], "service_item.unchanged");
  EXPECT_EQ(json_of(call("GET", path + "/versions"))["items"].size(), 2u);
  EXPECT_EQ(call("GET", path + "/versions/3").status, 404);
  EXPECT_EQ(call("GET", "/api/v1/service-items/999999").status, 404);
}

TEST_P(ServicesApi, ListsFilterAndPage) {
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(call("POST", "/api/v1/service-items",
                   item_body(fmt::format("C{:03}", i), fx.dept_county, fx.county, "county",
                             fmt::format("县级事项{}", i))
                       .dump(),
                   "admin")
                  .status,
              201);
  ASSERT_EQ(call("POST", "/api/v1/service-items",
                 item_body("T001", fx.dept_t1, fx.town1, "town", "一镇事项").dump(), "admin")
                .status,
            201);
  auto page = json_of(call("GET", "/api/v1/service-items?level=county&page=2&page_size=2"));
  EXPECT_EQ(page["total"], 5);
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0]["item_code"], "C002");
  // By cursor: the next page starts after the last code seen, whatever was added before it meanwhile.
  auto first = json_of(call("GET", "/api/v1/service-items?level=county&page_size=2"));
  ASSERT_EQ(first["next_cursor"], "C001");
  ASSERT_EQ(call("POST", "/api/v1/service-items",
                 item_body("A000", fx.dept_county, fx.county, "county", "新增事项").dump(), "admin")
                .status,
            201);
  std::vector<std::string> seen;
  for (auto cursor = first["next_cursor"]; cursor.is_string();) {
    auto next = json_of(
        call("GET", "/api/v1/service-items?level=county&page_size=2&cursor=" + cursor.get<std::string>()));
    for (const auto& item : next["items"]) seen.push_back(item["item_code"]);
    cursor = next["next_cursor"];
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"C002", "C003", "C004"}));
  EXPECT_EQ(json_of(call("GET", fmt::format("/api/v1/service-items?region_id={}", fx.town1)))["total"], 1);
  EXPECT_EQ(
      json_of(call("GET", fmt::format("/api/v1/service-items?department_id={}", fx.dept_county)))["total"],
      6);                                                                                     // with A000
  EXPECT_EQ(json_of(call("GET", "/api/v1/service-items?q=%E4%B8%80%E9%95%87"))["total"], 1);  // 一镇
  EXPECT_EQ(json_of(call("GET", "/api/v1/service-items?q=C00"))["total"], 5);
  EXPECT_EQ(json_of(call("GET", "/api/v1/service-items?q=%25"))["total"], 0);  // % is matched literally
  EXPECT_EQ(json_of(call("GET", "/api/v1/service-items?kind=%E8%A1%8C%E6%94%BF%E7%BB%99%E4%BB%98"))["total"],
            7);

  EXPECT_EQ(json_of(call("GET", "/api/v1/service-items?cursor=" + std::string(65, 'C')))["error"]["code"],
            "query.invalid_cursor");
  for (const char* bad : {"level=city", "page_size=201", "page=0", "kind=x", "department_id=-1"}) {
    auto r = call("GET", std::string("/api/v1/service-items?") + bad);
    EXPECT_EQ(r.status, 422) << bad << " " << r.body;
  }
}

TEST_P(ServicesApi, ItemsAreFoundByLifeEventAndAnEditMovesThem) {
  auto body = item_body("E001", fx.dept_county, fx.county, "county", "出生医学证明办理");
  body["guide"]["life_events"] = {"出生", "就医"};
  auto item = json_of(call("POST", "/api/v1/service-items", body.dump(), "admin"));
  ASSERT_EQ(call("POST", "/api/v1/service-items",
                 item_body("E002", fx.dept_county, fx.county, "county", "其他事项").dump(), "admin")
                .status,
            201);
  auto births = json_of(call("GET", "/api/v1/service-items?life_event=%E5%87%BA%E7%94%9F"));  // 出生
  ASSERT_EQ(births["total"], 1);
  EXPECT_EQ(births["items"][0]["guide"]["life_events"], nlohmann::json({"出生", "就医"}));
  auto counts = json_of(call("GET", "/api/v1/life-events"))["items"];
  EXPECT_EQ(counts[0], nlohmann::json({{"name", "出生"}, {"items", 1}}));
  EXPECT_EQ(counts.size(), 17u);

  // A revision that drops the event takes the item out of it.
  auto guide = item["guide"];
  guide["life_events"] = {"就医"};
  auto path = fmt::format("/api/v1/service-items/{}", item["id"].get<long long>());
  ASSERT_EQ(call("PUT", path, nlohmann::json{{"version", 1}, {"guide", guide}}.dump(), "admin").status, 200);
  EXPECT_EQ(json_of(call("GET", "/api/v1/service-items?life_event=%E5%87%BA%E7%94%9F"))["total"], 0);
  EXPECT_EQ(json_of(call("GET", "/api/v1/service-items?life_event=%E5%B0%B1%E5%8C%BB"))["total"], 1);  // 就医

  EXPECT_EQ(call("GET", "/api/v1/service-items?life_event=x").status, 422);
  guide["life_events"] = {"登月"};
  auto bad = call("PUT", path, nlohmann::json{{"version", 2}, {"guide", guide}}.dump(), "admin");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(json_of(bad)["error"]["field"], "guide.life_events");
}

TEST_P(ServicesApi, BadItemsAreRefusedAndLeaveNothing) {
  ASSERT_EQ(call("POST", "/api/v1/service-items",
                 item_body("D001", fx.dept_county, fx.county, "county").dump(), "admin")
                .status,
            201);
  long long items = count("service_items"), events = count("events");
  struct Case {
    nlohmann::json body;
    int status;
    std::string code;
    std::string field;
  };
  auto body = [&] { return item_body("D002", fx.dept_county, fx.county, "county"); };
  std::vector<Case> cases;
  cases.push_back({item_body("D001", fx.dept_county, fx.county, "county"), 409, "service_item.duplicate_code",
                   "item_code"});
  cases.push_back(
      {item_body("D002", fx.dept_county, fx.town1, "county"), 422, "service_item.wrong_region", "region_id"});
  cases.push_back(
      {item_body("D002", fx.dept_t2, fx.town1, "town"), 422, "service_item.wrong_region", "region_id"});
  cases.push_back(
      {item_body("D002", 999999, fx.county, "county"), 422, "department.not_found", "department_id"});
  cases.push_back(
      {item_body("D002", fx.dept_county, 999999, "county"), 422, "region.not_found", "region_id"});
  auto b = body();
  b["guide"]["materials"][1]["copies"] = -1;
  cases.push_back({b, 422, "field.out_of_range", "guide.materials[1].copies"});
  b = body();
  b["guide"]["promised_days"] = 40;
  cases.push_back({b, 422, "service_item.promise_exceeds_law", "guide.promised_days"});
  b = body();
  b.erase("guide");
  cases.push_back({b, 422, "field.required", "guide"});
  b = body();
  b["level"] = "province";
  cases.push_back({b, 422, "field.invalid", "level"});
  b = body();
  b["extra"] = 1;
  cases.push_back({b, 422, "field.unknown", "extra"});
  for (const auto& c : cases) {
    auto r = call("POST", "/api/v1/service-items", c.body.dump(), "admin");
    EXPECT_EQ(r.status, c.status) << r.body;
    EXPECT_EQ(json_of(r)["error"]["code"], c.code) << r.body;
    EXPECT_EQ(json_of(r)["error"]["field"], c.field) << r.body;
  }
  EXPECT_EQ(count("service_items"), items);
  EXPECT_EQ(count("events"), events);
}

TEST_P(ServicesApi, AVillageItemIsListedByTheAreaWhoseRoomsOfferIt) {
  auto r = call("POST", "/api/v1/service-items",
                item_body("V001", fx.dept_county, fx.town1, "village").dump(), "admin");
  EXPECT_EQ(r.status, 201) << r.body;
}

FISHBOWL_BACKEND_SUITE(ServicesApi);

}  // namespace
}  // namespace fishbowl::testing
