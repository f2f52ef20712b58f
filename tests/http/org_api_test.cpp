// The organisation through the API: reading the tree and its nodes, and changing it with events recorded.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

using OrgApi = ApiTest;

TEST_P(OrgApi, TreeAndNodeReads) {
  auto all = json_of(call("GET", "/api/v1/regions"))["items"];
  ASSERT_EQ(all.size(), 6u);
  EXPECT_EQ(all[0]["name"], "测试县");  // codes sort county, then each town followed by its villages
  EXPECT_EQ(all[1]["name"], "一镇");
  EXPECT_EQ(all[2]["name"], "一村");
  auto children = json_of(call("GET", fmt::format("/api/v1/regions?parent_id={}", fx.town1)))["items"];
  ASSERT_EQ(children.size(), 2u);
  auto node = json_of(call("GET", fmt::format("/api/v1/regions/{}", fx.village11)));
  EXPECT_EQ(node["level"], "village");
  ASSERT_EQ(node["ancestors"].size(), 2u);
  EXPECT_EQ(node["ancestors"][0]["name"], "测试县");
  EXPECT_EQ(node["ancestors"][1]["name"], "一镇");
  ASSERT_EQ(node["service_points"].size(), 1u);
  EXPECT_EQ(node["service_points"][0]["kind"], "room");
  auto town = json_of(call("GET", fmt::format("/api/v1/regions/{}", fx.town1)));
  EXPECT_EQ(town["departments"][0]["name"], "一镇财政所");
}

TEST_P(OrgApi, ChangesAreCommandsWithEvents) {
  auto created = call(
      "POST", "/api/v1/regions",
      fmt::format(R"({{"parent_id":{},"kind":"village","code":"999901002002","name":"新村"}})", fx.town2),
      "admin");
  ASSERT_EQ(created.status, 201) << created.body;
  long long id = json_of(created)["id"];
  auto point = call("POST", "/api/v1/service-points",
                    fmt::format(R"({{"region_id":{},"kind":"room","name":"新村便民服务室","phone":"123",)"
                                R"("hours":[{{"weekday":1,"opens":"08:30","closes":"12:00"}}]}})",
                                id),
                    "admin");
  ASSERT_EQ(point.status, 201) << point.body;
  long long point_id = json_of(point)["id"];
  auto window =
      call("POST", fmt::format("/api/v1/service-points/{}/windows", point_id),
           fmt::format(R"({{"number":1,"name":"代办窗口","department_id":{}}})", fx.dept_t2), "admin");
  ASSERT_EQ(window.status, 201) << window.body;
  auto read = json_of(call("GET", fmt::format("/api/v1/service-points/{}", point_id)));
  EXPECT_EQ(read["hours"][0]["opens"], "08:30");
  EXPECT_EQ(read["windows"][0]["name"], "代办窗口");

  auto events = json_of(call("GET", "/api/v1/events?limit=1000", "", "supervisor"))["items"];
  std::vector<std::string> types;
  for (const auto& e : events)
    if (e["actor_role"] == "admin") types.push_back(e["type"]);
  EXPECT_EQ(types, (std::vector<std::string>{"region.created", "service_point.created", "window.created"}));
  EXPECT_EQ(events.back()["actor_id"], fx.accounts["admin"]);
}

TEST_P(OrgApi, MetricsCountRequestsByRoutePattern) {
  call("GET", fmt::format("/api/v1/regions/{}", fx.town1));
  call("GET", "/api/v1/regions/777777");
  auto m = call("GET", "/metrics");
  EXPECT_EQ(m.content_type.rfind("text/plain", 0), 0u);
  EXPECT_NE(m.body.find(
                R"(fishbowl_http_requests_total{method="GET",route="/api/v1/regions/{id}",status="200"} 1)"),
            std::string::npos)
      << m.body;
  EXPECT_NE(m.body.find(R"(route="/api/v1/regions/{id}",status="404"} 1)"), std::string::npos);
  EXPECT_NE(m.body.find("fishbowl_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(m.body.find("fishbowl_db_pool_size 4"), std::string::npos);
  // The fixture's writes ran one after another: each was its own transaction.
  auto counter = [&](const std::string& name) {
    auto at = m.body.find("\n" + name + " ");
    return at == std::string::npos ? -1LL : std::stoll(m.body.substr(at + name.size() + 2));
  };
  EXPECT_GT(counter("fishbowl_db_writes_total"), 0);
  EXPECT_EQ(counter("fishbowl_db_write_transactions_total"), counter("fishbowl_db_writes_total"));
  EXPECT_EQ(counter("fishbowl_db_writes_queued"), 0);
  // The fixture is far too small to fill SQLite's log; PostgreSQL has none.
  EXPECT_EQ(counter("fishbowl_db_wal_checkpoints_total"), 0);
}

TEST_P(OrgApi, CachedPublicReadsSeeWritesAtOnceAndRevalidateWithEtags) {
  std::string path = fmt::format("/api/v1/regions/{}", fx.village11);
  auto first = call("GET", path);
  std::string etag;
  for (const auto& [k, v] : first.headers)
    if (k == "ETag") etag = v;
  ASSERT_FALSE(etag.empty());
  http::Request again;
  again.method = "GET";
  again.path = path;
  again.headers = {{"if-none-match", etag}};
  auto not_modified = raw(again);
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_TRUE(not_modified.body.empty());

  ASSERT_EQ(call("PATCH", path, R"({"name":"改过的村"})", "admin").status, 200);
  auto after = call("GET", path);
  EXPECT_EQ(json_of(after)["name"], "改过的村");
  EXPECT_EQ(raw(again).status, 200);  // the old ETag no longer matches
}

FISHBOWL_BACKEND_SUITE(OrgApi);

}  // namespace
}  // namespace fishbowl::testing
