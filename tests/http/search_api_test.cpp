// The public search over HTTP: the catalogue is found as it is revised, and bad queries are named.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/sample_guide.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

using SearchApi = ApiTest;

// 低保 and 临时救助, percent-encoded as a browser sends them.
const std::string kDibao = "%E4%BD%8E%E4%BF%9D";
const std::string kLinshi = "%E4%B8%B4%E6%97%B6%E6%95%91%E5%8A%A9";

TEST_P(SearchApi, AnyoneFindsAServiceItemByItsGuideAndOnlyByItsLatestVersion) {
  auto created = call("POST", "/api/v1/service-items",
                      nlohmann::json{{"item_code", "S001"},
                                     {"department_id", fx.dept_county},
                                     {"region_id", fx.county},
                                     {"level", "county"},
                                     {"guide", sample_guide_json("最低生活保障（低保）审批")}}
                          .dump(),
                      "staff");
  ASSERT_EQ(created.status, 201) << created.body;
  auto item = json_of(created);
  long long id = item["id"];

  auto found = call("GET", "/api/v1/search?q=" + kDibao);
  ASSERT_EQ(found.status, 200) << found.body;
  auto hits = json_of(found);
  ASSERT_EQ(hits["total"], 1);
  EXPECT_EQ(hits["items"][0]["kind"], "service_item");
  EXPECT_EQ(hits["items"][0]["ref_id"], id);
  EXPECT_EQ(hits["items"][0]["url"], fmt::format("/services/{}", id));
  EXPECT_EQ(hits["items"][0]["title_html"], "最低生活保障（<mark>低保</mark>）审批");
  EXPECT_EQ(hits["items"][0]["level"], "county");
  // Words of the guide's body are found too: its materials.
  EXPECT_EQ(json_of(call("GET", "/api/v1/search?q=%E6%94%B6%E5%85%A5%E8%AF%81%E6%98%8E"))["total"],
            1);  // 收入证明
  EXPECT_EQ(json_of(call("GET", "/api/v1/search?q=" + kLinshi))["total"], 0);

  auto guide = item["guide"];
  guide["name"] = "临时救助审批";
  auto revised = call("PUT", fmt::format("/api/v1/service-items/{}", id),
                      nlohmann::json{{"version", 1}, {"guide", guide}}.dump(), "staff");
  ASSERT_EQ(revised.status, 200) << revised.body;
  EXPECT_EQ(json_of(call("GET", "/api/v1/search?q=" + kLinshi))["total"], 1);
  EXPECT_EQ(json_of(call("GET", "/api/v1/search?q=" + kDibao))["total"], 0);
  EXPECT_EQ(json_of(call("GET", "/api/v1/search?q=" + kLinshi + "&level=town"))["total"], 0);
  EXPECT_EQ(json_of(call("GET", fmt::format("/api/v1/search?q={}&region_id={}", kLinshi, fx.town1)))["total"],
            0);
}

TEST_P(SearchApi, BadQueriesAreNamed) {
  struct Bad {
    std::string query, code, field;
  };
  for (const auto& b : std::vector<Bad>{
           {"", "field.required", "q"},
           {"q=%EF%BC%8C%E3%80%82", "search.empty_query", "q"},  // ，。
           {"q=" + kDibao + "&level=province", "query.invalid_choice", "level"},
           {"q=" + kDibao + "&kind=case", "query.invalid_choice", "kind"},
           {"q=" + kDibao + "&region_id=999999", "region.not_found", "region_id"},
           {"q=" + kDibao + "&from=2026-02-30", "query.invalid_date", "from"},
           {"q=" + kDibao + "&page_size=51", "query.out_of_range", "page_size"},
           {"q=" + std::string(51, 'a'), "query.invalid_text", "q"},
       }) {
    auto r = call("GET", "/api/v1/search?" + b.query);
    EXPECT_EQ(r.status, 422) << b.query << " " << r.body;
    EXPECT_EQ(json_of(r)["error"]["code"], b.code) << b.query;
    EXPECT_EQ(json_of(r)["error"]["field"], b.field) << b.query;
  }
}

FISHBOWL_BACKEND_SUITE(SearchApi);

}  // namespace
}  // namespace fishbowl::testing
