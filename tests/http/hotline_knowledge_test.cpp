// The hotline's knowledge base and the help at intake: who keeps which department's answers, validity,
// search, suggested answers, likely repeats and merging one ticket into another.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "hotline/hotline.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

class HotlineKnowledge : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_TRUE(run_command(db(), Actor::system(), [&](Command& cmd) {
      return hotline::set_center_department(cmd, fx.dept_county);
    }));
  }
  nlohmann::json entry(const std::string& question, const std::string& from = "2026-01-01",
                       const std::string& to = "") {
    nlohmann::json j{{"department_id", fx.dept_county},
                     {"question", question},
                     {"answer", "携带身份证到县政务服务中心社保窗口办理，当场补发。"},
                     {"valid_from", from}};
    if (!to.empty()) j["valid_to"] = to;
    return j;
  }
  long long created(const nlohmann::json& body) {
    auto r = call("POST", "/api/v1/knowledge", body.dump(), "staff");
    EXPECT_EQ(r.status, 201) << r.body;
    return json_of(r).value("id", 0LL);
  }
  std::string error_of(const http::Response& r) { return json_of(r)["error"]["code"]; }
  long long recorded(long long region, const std::string& title, const std::string& description) {
    nlohmann::json t{{"channel", "phone"},  {"kind", "complaint"}, {"phone", "13900001111"},
                     {"region_id", region}, {"title", title},      {"description", description}};
    auto r = call("POST", "/api/v1/tickets/recorded", t.dump(), "staff");
    EXPECT_EQ(r.status, 201) << r.body;
    return json_of(r).value("id", 0LL);
  }
  std::string web_ticket(long long region, const std::string& title) {
    nlohmann::json t{{"channel", "web"},    {"kind", "complaint"}, {"phone", "13900003333"},
                     {"region_id", region}, {"title", title},      {"description", title}};
    auto r = call("POST", "/api/v1/tickets", t.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return json_of(r).value("ticket_no", "");
  }
  long long id_of(const std::string& ticket_no) {
    auto desk = json_of(call("GET", "/api/v1/tickets/center/desk?state=received", "", "staff"));
    for (const auto& t : desk["items"])
      if (t["ticket_no"] == ticket_no) return t["id"];
    return 0;
  }
};

TEST_P(HotlineKnowledge, ADepartmentKeepsItsAnswersAndEveryoneFindsThem) {
  long long id = created(entry("社保卡丢失如何补办"));
  (void)created(entry("社保卡丢失如何补办（旧）", "2025-01-01", "2025-12-31"));

  auto found = json_of(call("GET", "/api/v1/knowledge?q=社保卡"));
  ASSERT_EQ(found["total"], 2);
  EXPECT_NE(found["items"][0]["question_html"].get<std::string>().find("<mark>"), std::string::npos);
  // Without a query only what is valid today; all=true shows the expired one, marked so.
  auto valid = json_of(call("GET", "/api/v1/knowledge"));
  ASSERT_EQ(valid["total"], 1);
  EXPECT_EQ(valid["items"][0]["id"], id);
  auto all = json_of(call("GET", "/api/v1/knowledge?all=true"));
  ASSERT_EQ(all["total"], 2);
  EXPECT_FALSE(all["items"][0]["valid"]);
  // In the site search too.
  auto site = json_of(call("GET", "/api/v1/search?q=补办&kind=knowledge"));
  EXPECT_EQ(site["total"], 2);

  auto edited = entry("社保卡丢失或损坏如何补办");
  auto r = call("PUT", fmt::format("/api/v1/knowledge/{}", id), edited.dump(), "staff");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json_of(call("GET", fmt::format("/api/v1/knowledge/{}", id)))["question"],
            "社保卡丢失或损坏如何补办");
  EXPECT_EQ(json_of(call("GET", "/api/v1/search?q=损坏&kind=knowledge"))["total"], 1);
  auto events = json_of(call("GET", "/api/v1/events?type=knowledge.updated", "", "admin"));
  EXPECT_EQ(events["items"].size(), 1u);

  // Another department's staff, a town's admin and citizens may not write it.
  auto other = entry("营业执照怎么办");
  other["department_id"] = fx.dept_t1;
  EXPECT_EQ(call("POST", "/api/v1/knowledge", other.dump(), "staff").status, 403);
  EXPECT_EQ(call("POST", "/api/v1/knowledge", entry("x").dump(), "citizen").status, 403);
  EXPECT_EQ(call("POST", "/api/v1/knowledge", entry("x").dump(), "townadmin").status, 403);
  EXPECT_EQ(call("POST", "/api/v1/knowledge", entry("x").dump()).status, 401);
  EXPECT_EQ(call("POST", "/api/v1/knowledge", other.dump(), "admin").status, 201);
}

TEST_P(HotlineKnowledge, BadEntriesAreRefusedByField) {
  auto span = entry("社保卡", "2026-05-01", "2026-04-30");
  auto r = call("POST", "/api/v1/knowledge", span.dump(), "staff");
  EXPECT_EQ(error_of(r), "knowledge.invalid_span");
  EXPECT_EQ(json_of(r)["error"]["field"], "valid_to");
  auto date = entry("社保卡", "2026-02-30");
  r = call("POST", "/api/v1/knowledge", date.dump(), "staff");
  EXPECT_EQ(error_of(r), "field.invalid_date");
  EXPECT_EQ(json_of(r)["error"]["field"], "valid_from");
  auto unknown = entry("社保卡");
  unknown["department_id"] = 99999;
  r = call("POST", "/api/v1/knowledge", unknown.dump(), "admin");
  EXPECT_EQ(error_of(r), "department.not_found");
  auto empty = entry("");
  EXPECT_EQ(call("POST", "/api/v1/knowledge", empty.dump(), "staff").status, 422);
  long long id = created(entry("社保卡丢失如何补办"));
  auto moved = entry("社保卡丢失如何补办");
  moved["department_id"] = fx.dept_t1;
  r = call("PUT", fmt::format("/api/v1/knowledge/{}", id), moved.dump(), "admin");
  EXPECT_EQ(error_of(r), "knowledge.department_fixed");
  EXPECT_EQ(call("GET", "/api/v1/knowledge/99999").status, 404);
  EXPECT_EQ(count("knowledge_entries"), 1);
}

TEST_P(HotlineKnowledge, IntakeSuggestsValidAnswersAndOpenRepeatsOfTheSameTown) {
  long long valid = created(entry("社保卡丢失如何补办"));
  (void)created(entry("社保卡丢失如何补办", "2025-01-01", "2025-12-31"));
  long long lamp = recorded(fx.village11, "村口路灯不亮", "东关村村口的路灯坏了两周");
  (void)recorded(fx.village21, "村口路灯不亮", "村口的路灯坏了两周");  // another town
  long long answered = recorded(fx.village12, "村口路灯不亮", "路灯坏了两周");
  ASSERT_EQ(
      call("POST", fmt::format("/api/v1/tickets/{}/answer", answered), R"({"answer":"已修复"})", "staff")
          .status,
      200);

  auto r = call("POST", "/api/v1/tickets/suggestions",
                nlohmann::json{{"region_id", fx.village11}, {"title", "社保卡丢了怎么补办"}}.dump(), "staff");
  ASSERT_EQ(r.status, 200) << r.body;
  auto s = json_of(r);
  ASSERT_EQ(s["answers"].size(), 1u);
  EXPECT_EQ(s["answers"][0]["id"], valid);
  EXPECT_TRUE(s["duplicates"].empty());

  s = json_of(
      call("POST", "/api/v1/tickets/suggestions",
           nlohmann::json{
               {"region_id", fx.village12}, {"title", "村口的路灯坏了"}, {"description", "路灯坏了好几天"}}
               .dump(),
           "staff"));
  ASSERT_EQ(s["duplicates"].size(), 1u) << s.dump();
  EXPECT_EQ(s["duplicates"][0]["id"], lamp);
  EXPECT_TRUE(s["answers"].empty());
  // The ticket itself is not its own repeat.
  s = json_of(
      call("POST", "/api/v1/tickets/suggestions",
           nlohmann::json{{"region_id", fx.village11}, {"title", "村口路灯不亮"}, {"ticket_id", lamp}}.dump(),
           "staff"));
  EXPECT_TRUE(s["duplicates"].empty()) << s.dump();

  EXPECT_EQ(call("POST", "/api/v1/tickets/suggestions",
                 nlohmann::json{{"region_id", fx.village11}, {"title", "x"}}.dump(), "citizen")
                .status,
            403);
  EXPECT_EQ(error_of(call("POST", "/api/v1/tickets/suggestions",
                          nlohmann::json{{"region_id", 99999}, {"title", "x"}}.dump(), "staff")),
            "region.not_found");
}

TEST_P(HotlineKnowledge, ARepeatIsMergedIntoAnOpenTicketAndTheCitizenSeesWhere) {
  long long lamp = recorded(fx.village11, "村口路灯不亮", "东关村村口的路灯坏了两周");
  std::string lamp_no =
      json_of(call("GET", fmt::format("/api/v1/tickets/{}", lamp), "", "staff"))["ticket_no"];
  std::string no = web_ticket(fx.village11, "村口的路灯坏了");
  long long repeat = id_of(no);
  ASSERT_GT(repeat, 0);

  auto path = fmt::format("/api/v1/tickets/{}/merge", repeat);
  EXPECT_EQ(error_of(call("POST", path, nlohmann::json{{"into_id", repeat}}.dump(), "staff")),
            "ticket.invalid_merge");
  EXPECT_EQ(error_of(call("POST", path, nlohmann::json{{"into_id", 99999}}.dump(), "staff")),
            "ticket.invalid_merge");
  EXPECT_EQ(call("POST", path, nlohmann::json{{"into_id", lamp}}.dump(), "citizen").status, 403);
  auto r = call("POST", path, nlohmann::json{{"into_id", lamp}}.dump(), "staff");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json_of(r)["state"], "closed");
  EXPECT_EQ(json_of(r)["merged_into"], lamp_no);

  auto seen = json_of(call("POST", "/api/v1/tickets/track",
                           nlohmann::json{{"ticket_no", no}, {"phone_last4", "3333"}}.dump()));
  EXPECT_EQ(seen["merged_into"], lamp_no);
  EXPECT_NE(seen["reply"].get<std::string>().find(lamp_no), std::string::npos);
  auto main = json_of(call("GET", fmt::format("/api/v1/tickets/{}", lamp), "", "staff"));
  EXPECT_EQ(main["steps"].back()["kind"], "merged_in");
  EXPECT_EQ(main["steps"].back()["note"], no);

  // Once merged, it moves no more; nothing merges into a merged or closed ticket.
  EXPECT_EQ(call("POST", path, nlohmann::json{{"into_id", lamp}}.dump(), "staff").status, 409);
  std::string other = web_ticket(fx.village11, "路灯又坏了");
  EXPECT_EQ(error_of(call("POST", fmt::format("/api/v1/tickets/{}/merge", id_of(other)),
                          nlohmann::json{{"into_id", repeat}}.dump(), "staff")),
            "ticket.invalid_merge");
}

FISHBOWL_BACKEND_SUITE(HotlineKnowledge);

}  // namespace
}  // namespace fishbowl::testing
