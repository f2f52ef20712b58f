// The hotline's ticket categories over HTTP: the public list, the center's editing and who may do it, and
// that Open311's service list follows what the center keeps.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "hotline/hotline.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

class TicketCategories : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_TRUE(run_command(db(), Actor::system(), [&](Command& cmd) {
      return hotline::set_center_department(cmd, fx.dept_county);
    }));
  }
  nlohmann::json dogs() {
    return {{"name", "流浪犬只"},
            {"description", "流浪犬只伤人、聚集或扰民。"},
            {"group", "城市管理"},
            {"keywords", "流浪狗,犬只"},
            {"kind", "help"},
            {"department_id", fx.dept_county},
            {"service_notice", "一般在 5 个工作日内处理。"},
            {"order", 9},
            {"attributes",
             {{{"code", "count"}, {"datatype", "number"}, {"description", "大约几只"}},
              {{"code", "bitten"},
               {"datatype", "singlevaluelist"},
               {"required", true},
               {"description", "是否有人被咬伤"},
               {"values", {{{"key", "yes"}, {"name", "有"}}, {{"key", "no"}, {"name", "没有"}}}}}}}};
  }
  http::Response put(const std::string& code, const nlohmann::json& body, const std::string& as = "staff") {
    return call("PUT", "/api/v1/tickets/categories/" + code, body.dump(), as);
  }
  std::vector<std::string> codes(const std::string& target, const std::string& as = "") {
    std::vector<std::string> out;
    auto r = call("GET", target, "", as);
    EXPECT_EQ(r.status, 200) << target << " " << r.body;
    auto j = json_of(r);
    for (const auto& c : j["items"]) out.push_back(c["code"]);
    return out;
  }
  std::string error_of(const http::Response& r) { return json_of(r)["error"]["code"]; }
  std::string field_of(const http::Response& r) { return json_of(r)["error"]["field"]; }
};

TEST_P(TicketCategories, TheCenterAddsChangesAndRetiresACategory) {
  auto seeded = codes("/api/v1/tickets/categories");
  ASSERT_EQ(seeded.size(), 8u);
  EXPECT_EQ(seeded.front(), "road_damage");

  auto created = put("stray_dogs", dogs());
  ASSERT_EQ(created.status, 201) << created.body;
  auto j = json_of(created);
  EXPECT_EQ(j["code"], "stray_dogs");
  ASSERT_EQ(j["attributes"].size(), 2u);
  EXPECT_EQ(j["attributes"][1]["values"][0]["name"], "有");
  EXPECT_EQ(codes("/api/v1/tickets/categories").back(), "stray_dogs");
  // Open311 clients see it at once, with its question.
  auto definition = call("GET", "/open311/v2/services/stray_dogs.json");
  ASSERT_EQ(definition.status, 200) << definition.body;
  EXPECT_EQ(json_of(definition)["attributes"][1]["code"], "bitten");
  auto events = json_of(call("GET", "/api/v1/events?type=ticket.category_saved", "", "admin"));
  ASSERT_EQ(events["items"].size(), 1u);
  EXPECT_EQ(events["items"][0]["payload"]["name"], "流浪犬只");

  // Replaced as a whole: the questions are what the body says now.
  auto changed = dogs();
  changed["attributes"].erase(0);
  changed["order"] = 0;
  auto updated = put("stray_dogs", changed, "admin");
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(json_of(updated)["attributes"].size(), 1u);
  EXPECT_EQ(codes("/api/v1/tickets/categories").front(), "stray_dogs");

  changed["active"] = false;
  ASSERT_EQ(put("stray_dogs", changed).status, 200);
  auto listed = codes("/api/v1/tickets/categories");
  EXPECT_EQ(std::count(listed.begin(), listed.end(), "stray_dogs"), 0);
  EXPECT_EQ(call("GET", "/open311/v2/services/stray_dogs.json").status, 404);
  auto all = codes("/api/v1/tickets/categories/all", "staff");
  EXPECT_EQ(all.size(), 9u);
  EXPECT_EQ(std::count(all.begin(), all.end(), "stray_dogs"), 1);
}

TEST_P(TicketCategories, OnlyTheCenterEditsAndBadCategoriesAreRefusedWhole) {
  EXPECT_EQ(call("GET", "/api/v1/tickets/categories/all").status, 401);
  for (const char* who : {"citizen", "agent", "townadmin"}) {
    EXPECT_EQ(call("GET", "/api/v1/tickets/categories/all", "", who).status, 403) << who;
    EXPECT_EQ(put("stray_dogs", dogs(), who).status, 403) << who;
  }
  EXPECT_EQ(put("stray_dogs", dogs(), "").status, 401);

  struct Bad {
    std::string code;
    std::function<void(nlohmann::json&)> change;
    std::string error, field;
  };
  std::vector<Bad> bad{
      {"Stray-Dogs", [](auto&) {}, "field.invalid", "code"},
      {"stray_dogs", [](auto& b) { b["kind"] = "rumour"; }, "field.invalid", "kind"},
      {"stray_dogs", [](auto& b) { b.erase("name"); }, "field.required", "name"},
      {"stray_dogs", [](auto& b) { b["department_id"] = 999999; }, "department.not_found", "department_id"},
      {"stray_dogs", [](auto& b) { b["attributes"][1].erase("values"); }, "category.invalid_attribute",
       "attributes[1].values"},
      {"stray_dogs",
       [](auto& b) {
         b["attributes"][0]["values"] = {{{"key", "a"}, {"name", "甲"}}};
       },
       "category.invalid_attribute", "attributes[0].values"},
      {"stray_dogs", [](auto& b) { b["attributes"][1]["code"] = "count"; }, "category.invalid_attribute",
       "attributes[1].code"},
      {"stray_dogs", [](auto& b) { b["attributes"][0]["code"] = "How many"; }, "category.invalid_attribute",
       "attributes[0].code"},
      {"stray_dogs", [](auto& b) { b["attributes"][0]["datatype"] = "image"; }, "field.invalid",
       "attributes[0].datatype"},
      {"stray_dogs", [](auto& b) { b["attributes"][1]["values"][1]["key"] = "yes"; },
       "category.invalid_attribute", "attributes[1].values[1].key"},
      {"stray_dogs", [](auto& b) { b["attributes"][1]["values"][0]["colour"] = "red"; }, "field.unknown",
       "attributes[1].values[0].colour"},
      {"stray_dogs", [](auto& b) { b["attributes"] = "count"; }, "field.wrong_type", "attributes"},
  };
  for (const auto& b : bad) {
    auto body = dogs();
    b.change(body);
    auto r = put(b.code, body);
    EXPECT_EQ(r.status, 422) << b.error << " " << r.body;
    EXPECT_EQ(error_of(r), b.error) << r.body;
    EXPECT_EQ(field_of(r), b.field) << r.body;
  }
  EXPECT_EQ(codes("/api/v1/tickets/categories/all", "admin").size(), 8u);
  EXPECT_EQ(count("ticket_category_attributes"), 13);
}

}  // namespace

FISHBOWL_BACKEND_SUITE(TicketCategories);

}  // namespace fishbowl::testing
