// 好差评 through the API: rating by tracking number or as the citizen who applied, the follow-up a bad rating
// opens, the satisfaction figures, and the SMS outbox that carries every message to the applicant.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cases/outbox.h"
#include "services/services.h"
#include "support/sample_case.h"
#include "support/sample_guide.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

class Ratings : public ApiTest {
 protected:
  long long county_item = 0, t2_item = 0;

  void SetUp() override {
    ApiTest::SetUp();
    auto item = [&](const char* code, long long dept, long long region, const char* level) {
      services::ItemInput in{code, dept, region, level, sample_guide()};
      return run_command(db(), Actor::system(), [&](Command& cmd) { return services::create_item(cmd, in); })
          ->id;
    };
    county_item = item("C1", fx.dept_county, fx.county, "county");
    t2_item = item("T2", fx.dept_t2, fx.town2, "town");
  }

  cases::Case completed(long long item, long long village, Stage stage = Stage::completed) {
    CaseSetup setup;
    setup.item_id = item;
    setup.region_id = village;
    return make_case(db(), setup, stage);
  }
  http::Response rate(const cases::Case& c, int score, const std::string& last4 = "1234") {
    return call("POST", "/api/v1/case-tracking/rating",
                fmt::format(R"({{"case_no":"{}","phone_last4":"{}","score":{},"comment":"窗口人员态度差"}})",
                            c.case_no, last4, score));
  }
  std::string code(const http::Response& r) { return json_of(r)["error"]["code"]; }
};

TEST_P(Ratings, ABadRatingOpensAFollowUpThatTheDepartmentAnswersOnce) {
  auto early = completed(county_item, fx.village11, Stage::decided);
  auto early_res = rate(early, 1);
  EXPECT_EQ(early_res.status, 409);
  EXPECT_EQ(code(early_res), "case.wrong_state");

  auto c = completed(county_item, fx.village11);
  EXPECT_EQ(code(rate(c, 2, "0000")), "case.not_found");
  EXPECT_EQ(rate(c, 6).status, 422);
  auto res = rate(c, 2);
  ASSERT_EQ(res.status, 201) << res.body;
  auto r = json_of(res);
  EXPECT_EQ(r["label"], "不满意");
  EXPECT_NE(r["follow_up_due"], "");
  auto again = rate(c, 5);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(code(again), "case.already_rated");

  // The comment stays out of the public ledger; the score goes in.
  auto payload = db().read([&](soci::session& sql) -> Result<std::string> {
                       std::string p;
                       sql << "SELECT payload FROM events WHERE type = 'case.rated'", soci::into(p);
                       return p;
                     })
                     .value();
  EXPECT_EQ(payload.find("态度差"), std::string::npos) << payload;
  EXPECT_NE(payload.find("\"score\":2"), std::string::npos) << payload;

  auto seen = json_of(call("GET", fmt::format("/api/v1/cases/{}", c.id), "", "staff"));
  EXPECT_EQ(seen["rating"]["score"], 2);
  EXPECT_EQ(seen["rating"]["comment"], "窗口人员态度差");
  EXPECT_EQ(seen["rating"]["follow_up_overdue"], false);

  auto path = fmt::format("/api/v1/cases/{}/follow-up", c.id);
  EXPECT_EQ(call("POST", path, R"({"answer":"已整改"})", "agent").status, 403);
  EXPECT_EQ(call("POST", path, "{}", "staff").status, 422);
  auto answered = call("POST", path, R"({"answer":"已约谈窗口负责人并整改"})", "staff");
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(json_of(answered)["rating"]["follow_up_answer"], "已约谈窗口负责人并整改");
  EXPECT_EQ(code(call("POST", path, R"({"answer":"再次回复"})", "staff")), "case.follow_up_answered");

  // The applicant hears of both, by SMS.
  auto messages = db().read([&](soci::session& sql) -> Result<std::vector<std::string>> {
                        std::vector<std::string> out;
                        soci::rowset<std::string> rows =
                            (sql.prepare << "SELECT message FROM sms_outbox WHERE case_id = :c ORDER BY id",
                             soci::use(c.id));
                        for (const auto& m : rows) out.push_back(m);
                        return out;
                      })
                      .value();
  ASSERT_GE(messages.size(), 2u);
  EXPECT_NE(messages.back().find("已约谈窗口负责人并整改"), std::string::npos) << messages.back();
  EXPECT_NE(messages[messages.size() - 2].find("评价已收到"), std::string::npos);

  // A good rating asks for no follow-up.
  auto good = completed(county_item, fx.village11);
  ASSERT_EQ(rate(good, 5).status, 201);
  EXPECT_EQ(
      code(call("POST", fmt::format("/api/v1/cases/{}/follow-up", good.id), R"({"answer":"谢谢"})", "staff")),
      "case.no_follow_up");
}

TEST_P(Ratings, CitizensRateOnlyTheirOwnOnlineCases) {
  CaseSetup setup;
  setup.item_id = county_item;
  setup.channel = "online";
  setup.applicant_account_id = fx.accounts["citizen"];
  auto mine = make_case(db(), setup, Stage::completed);
  auto someone_elses = completed(county_item, fx.village11);
  auto other =
      call("POST", fmt::format("/api/v1/my/cases/{}/rating", someone_elses.id), R"({"score":1})", "citizen");
  EXPECT_EQ(other.status, 404);
  auto res = call("POST", fmt::format("/api/v1/my/cases/{}/rating", mine.id), R"({"score":4})", "citizen");
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(json_of(res)["follow_up_due"], "");
}

TEST_P(Ratings, SatisfactionFiguresPerDepartmentTownAndCounty) {
  for (int score : {5, 4, 1}) ASSERT_EQ(rate(completed(county_item, fx.village11), score).status, 201);
  ASSERT_EQ(rate(completed(t2_item, fx.village21), 3).status, 201);
  completed(county_item, fx.village11);  // not rated: not counted

  auto res = call("GET", "/api/v1/case-figures");
  ASSERT_EQ(res.status, 200);
  auto f = json_of(res);
  EXPECT_EQ(f["county"]["rated"], 4);
  EXPECT_EQ(f["county"]["by_score"], nlohmann::json({1, 0, 1, 1, 1}));
  EXPECT_DOUBLE_EQ(f["county"]["satisfied_rate"].get<double>(), 0.75);
  EXPECT_EQ(f["county"]["follow_ups_open"], 1);
  auto find = [&](const char* list, long long id) {
    for (const auto& x : f[list])
      if (x["id"] == id) return x;
    return nlohmann::json();
  };
  auto dept = find("departments", fx.dept_county);
  EXPECT_EQ(dept["name"], "县民政局");
  EXPECT_EQ(dept["rated"], 3);
  EXPECT_NEAR(dept["satisfied_rate"].get<double>(), 2.0 / 3.0, 1e-9);
  EXPECT_EQ(find("towns", fx.town1)["rated"], 3);
  EXPECT_EQ(find("towns", fx.town2)["rated"], 1);
  EXPECT_EQ(find("towns", fx.town2)["satisfied_rate"], 1.0);
  // Nothing personal: no names, phones or comments.
  EXPECT_EQ(res.body.find("张三"), std::string::npos);
  EXPECT_EQ(res.body.find("态度差"), std::string::npos);
}

// A sender that records, and fails on demand.
struct RecordingSender : cases::SmsSender {
  std::vector<std::string> sent;
  bool fail = false;
  Status send(const std::string& phone, const std::string& message) override {
    if (fail) return Error::internal("sms.gateway_down", "短信网关不可用");
    sent.push_back(phone + " " + message);
    return ok_status();
  }
};

TEST_P(Ratings, TheOutboxIsSentOnceInOrderAndKeptWhenTheGatewayFails) {
  auto c =
      completed(county_item, fx.village11);  // filed, forwarded, accepted, decided, completed: 5 messages
  RecordingSender sender;
  sender.fail = true;
  EXPECT_EQ(cases::drain_outbox(db(), sender, "2026-11-29T00:00:00.000Z").value(), 0);
  sender.fail = false;
  EXPECT_EQ(cases::drain_outbox(db(), sender, "2026-11-29T00:00:01.000Z", 3).value(), 3);
  EXPECT_EQ(cases::drain_outbox(db(), sender, "2026-11-29T00:00:02.000Z").value(), 2);
  EXPECT_EQ(cases::drain_outbox(db(), sender, "2026-11-29T00:00:03.000Z").value(), 0);
  ASSERT_EQ(sender.sent.size(), 5u);
  EXPECT_NE(sender.sent.front().find("13800001234 【政务服务】您的办件（编号 " + c.case_no + "）已由"),
            std::string::npos)
      << sender.sent.front();
  EXPECT_NE(sender.sent.back().find("已办结"), std::string::npos) << sender.sent.back();
  EXPECT_EQ(cases::masked_phone("13800001234"), "138****1234");
}

FISHBOWL_BACKEND_SUITE(Ratings);

}  // namespace
}  // namespace fishbowl::testing
