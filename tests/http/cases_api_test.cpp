// Cases through the API: the whole three-level journey, what each place may see and do, the refusals of
// moves that the state or the place does not allow, tracking, and the applicant's messages.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "auth/auth.h"
#include "services/services.h"
#include "support/sample_case.h"
#include "support/sample_guide.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

class CasesApi : public ApiTest {
 protected:
  long long county_item = 0;  // the county department's: online and by agent
  long long t1_item = 0;      // town1's own department's
  long long t2_item = 0;      // town2's own department's

  void SetUp() override {
    ApiTest::SetUp();
    auto ok_run = [&](auto&& body) {
      auto r = run_command(db(), Actor::system(), body);
      if (!r) throw std::runtime_error(r.error().code);
      return r->id;
    };
    auto account = [&](const std::string& login, auth::GrantInput grant) {
      fx.accounts[login] = ok_run([&](Command& cmd) {
        return auth::create_account(
            cmd, {login, login, "", grant, "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA"});
      });
    };
    account("townstaff", {"staff", fx.town1, std::nullopt});
    account("agent2", {"agent", fx.village21, std::nullopt});
    account("t2staff", {"staff", std::nullopt, fx.dept_t2});
    account("citizen2", {"citizen", std::nullopt, std::nullopt});
    auto item = [&](const char* code, long long dept, long long region, const char* level, bool online,
                    bool by_agent) {
      auto guide = sample_guide_json(std::string("事项") + code);
      guide["online"] = online;
      guide["by_agent"] = by_agent;
      services::ItemInput in{code, dept, region, level, services::parse_guide(guide).value()};
      return ok_run([&](Command& cmd) { return services::create_item(cmd, in); });
    };
    county_item = item("C1", fx.dept_county, fx.county, "county", true, true);
    t1_item = item("T1", fx.dept_t1, fx.town1, "town", false, false);
    t2_item = item("T2", fx.dept_t2, fx.town2, "town", true, true);
  }

  nlohmann::json file(const std::string& as, long long item, long long region, int expect = 201,
                      const std::string& applicant = R"({"name":"张三","phone":"13800001234"})") {
    auto res =
        call("POST", "/api/v1/cases",
             fmt::format(R"({{"item_id":{},"region_id":{},"applicant":{}}})", item, region, applicant), as);
    EXPECT_EQ(res.status, expect) << res.body;
    return json_of(res);
  }
  nlohmann::json act(const std::string& as, long long id, const std::string& action,
                     const std::string& body = "", int expect = 200) {
    auto res = call("POST", fmt::format("/api/v1/cases/{}/{}", id, action), body, as);
    EXPECT_EQ(res.status, expect) << action << " as " << as << ": " << res.body;
    return json_of(res);
  }
  std::vector<long long> listed(const std::string& as, const std::string& query, int expect = 200) {
    auto res = call("GET", "/api/v1/cases" + query, "", as);
    EXPECT_EQ(res.status, expect) << query << " as " << as << ": " << res.body;
    std::vector<long long> ids;
    auto page = res.status == 200 ? json_of(res) : nlohmann::json::object();
    for (const auto& c : page["items"]) ids.push_back(c["id"]);
    std::sort(ids.begin(), ids.end());
    return ids;
  }
  std::vector<std::string> outbox(long long case_id) {
    return db()
        .read([&](soci::session& sql) -> Result<std::vector<std::string>> {
          std::vector<std::string> out;
          soci::rowset<std::string> rows =
              (sql.prepare << "SELECT message FROM sms_outbox WHERE case_id = :c ORDER BY id",
               soci::use(case_id));
          for (const auto& m : rows) out.push_back(m);
          return out;
        })
        .value();
  }
};

TEST_P(CasesApi, FromAVillageRoomThroughTheTownToTheCountyDepartmentAndBack) {
  auto c = file("agent", county_item, fx.village11);
  long long id = c["id"];
  std::string case_no = c["case_no"];
  EXPECT_EQ(c["channel"], "proxy");
  EXPECT_EQ(c["state"], "submitted");
  EXPECT_EQ(c["holder_name"], "一村便民服务室");
  EXPECT_EQ(c["holder_level"], "village");
  EXPECT_EQ(c["first_contact_id"], fx.accounts["agent"]);
  EXPECT_EQ(c["first_contact_name"], "agent");
  EXPECT_EQ(case_no.size(), 14u);

  c = act("agent", id, "forward", R"({"to":"town","reason":"需镇里初审"})");
  EXPECT_EQ(c["holder_name"], "一镇便民服务中心");
  // Once the town holds it the village agent can no longer move it, nor can the department yet accept it.
  act("agent", id, "forward", R"({"to":"department"})", 403);
  act("townstaff", id, "accept", "", 409);
  EXPECT_EQ(act("townstaff", id, "forward", R"({"to":"town"})", 409)["error"]["code"], "case.cannot_forward");
  c = act("townstaff", id, "forward", R"({"to":"department"})");
  EXPECT_EQ(c["holder_name"], "县民政局");
  EXPECT_EQ(act("staff", id, "forward", R"({"to":"department"})", 409)["error"]["code"],
            "case.cannot_forward");

  c = act("staff", id, "accept");
  EXPECT_EQ(c["state"], "accepted");
  EXPECT_NE(c["due_date"], "");
  c = act("staff", id, "notice-of-missing", R"({"missing":["户口簿","收入证明"]})");
  EXPECT_EQ(c["state"], "awaiting_supplement");
  EXPECT_EQ(c["missing"], nlohmann::json({"户口簿", "收入证明"}));
  act("staff", id, "review", "", 409);
  c = act("staff", id, "supplement");
  EXPECT_EQ(c["state"], "accepted");
  // 一次性告知: one notice per case.
  EXPECT_EQ(act("staff", id, "notice-of-missing", R"({"missing":["结婚证"]})", 409)["error"]["code"],
            "case.notice_already_given");
  EXPECT_EQ(act("staff", id, "review")["state"], "in_review");
  auto rejected = act("staff", id, "decide", R"({"decision":"rejected"})", 422);
  EXPECT_EQ(rejected["error"]["field"], "reason");
  c = act("staff", id, "decide", R"({"decision":"approved"})");
  EXPECT_EQ(c["decision"], "approved");
  act("staff", id, "withdraw", "", 409);
  act("staff", id, "complete", R"({"delivery":"快递"})", 422);
  c = act("staff", id, "complete", R"({"delivery":"代办员送达"})");
  EXPECT_EQ(c["state"], "completed");
  // Done, it leaves the department's queue but stays in its list.
  EXPECT_EQ(listed("staff", fmt::format("?department_id={}&held=true", fx.dept_county)),
            std::vector<long long>{});
  EXPECT_EQ(listed("staff", fmt::format("?department_id={}", fx.dept_county)), std::vector<long long>{id});
  // The first contact stays the agent who received it.
  EXPECT_EQ(c["first_contact_id"], fx.accounts["agent"]);

  std::vector<std::string> types;
  for (const auto& h : c["history"]) types.push_back(h["type"]);
  EXPECT_EQ(types,
            (std::vector<std::string>{"case.filed", "case.forwarded", "case.forwarded", "case.accepted",
                                      "case.notice_of_missing_sent", "case.supplemented",
                                      "case.review_started", "case.decided", "case.completed"}));
  EXPECT_EQ(c["history"][1]["note"], "需镇里初审");

  // Every change that concerns the applicant left a message naming the case, and nothing personal.
  auto sms = outbox(id);
  EXPECT_EQ(sms.size(), 8u);
  for (const auto& m : sms) {
    EXPECT_NE(m.find(case_no), std::string::npos) << m;
    EXPECT_EQ(m.find("张三"), std::string::npos) << m;
  }
  EXPECT_NE(sms.at(4).find("户口簿、收入证明"), std::string::npos) << sms.at(4);

  // The public ledger carries no personal data about the applicant.
  std::string subject = "case:" + std::to_string(id);
  long long leaks =
      db().read([&](soci::session& sql) -> Result<long long> {
            long long n = 0;
            sql << "SELECT COUNT(*) FROM events WHERE subject = :s AND (payload LIKE '%张三%' OR "
                   "payload LIKE '%13800001234%')",
                soci::use(subject), soci::into(n);
            return n;
          })
          .value();
  EXPECT_EQ(leaks, 0);
}

TEST_P(CasesApi, TrackingByNumberAndTheLastFourDigits) {
  auto c = file("agent", county_item, fx.village11);
  std::string no = c["case_no"];
  auto res = call("GET", fmt::format("/api/v1/case-tracking?case_no={}&phone_last4=1234", no));
  ASSERT_EQ(res.status, 200) << res.body;
  auto j = json_of(res);
  EXPECT_EQ(j["applicant_name"], "张*");
  EXPECT_EQ(j["holder_name"], "一村便民服务室");
  EXPECT_FALSE(j.contains("applicant"));
  EXPECT_FALSE(j.contains("id"));
  EXPECT_EQ(res.body.find("13800001234"), std::string::npos);
  ASSERT_EQ(j["history"].size(), 1u);
  EXPECT_FALSE(j["history"][0].contains("event_id"));
  // A wrong guess tells nothing, whichever half is wrong.
  for (auto query :
       {fmt::format("case_no={}&phone_last4=4321", no), std::string("case_no=1&phone_last4=1234")}) {
    auto miss = call("GET", "/api/v1/case-tracking?" + query);
    EXPECT_EQ(miss.status, 404);
    EXPECT_EQ(json_of(miss)["error"]["code"], "case.not_found");
  }
  auto short_digits = call("GET", fmt::format("/api/v1/case-tracking?case_no={}&phone_last4=12", no));
  EXPECT_EQ(short_digits.status, 422);
  EXPECT_EQ(json_of(short_digits)["error"]["field"], "phone_last4");
}

TEST_P(CasesApi, EachPlaceSeesItsOwnCasesAndSupervisorsSeeAll) {
  long long a = file("agent", county_item, fx.village11)["id"];   // village11, county department
  long long b = file("agent2", county_item, fx.village21)["id"];  // village21, county department
  long long c = file("agent2", t2_item, fx.village21)["id"];      // village21, town2's department
  auto both = [](long long x, long long y) { return std::vector<long long>{std::min(x, y), std::max(x, y)}; };

  // An agent: the cases filed in their village only.
  EXPECT_EQ(listed("agent", fmt::format("?region_id={}", fx.village11)), std::vector<long long>{a});
  listed("agent", fmt::format("?region_id={}", fx.village21), 403);
  listed("agent", "", 403);
  EXPECT_EQ(call("GET", fmt::format("/api/v1/cases/{}", b), "", "agent").status, 403);
  // A town: its town.
  EXPECT_EQ(listed("townstaff", fmt::format("?region_id={}", fx.town1)), std::vector<long long>{a});
  EXPECT_EQ(call("GET", fmt::format("/api/v1/cases/{}", c), "", "townstaff").status, 403);
  // A department: its items, wherever they were filed.
  EXPECT_EQ(listed("staff", fmt::format("?department_id={}", fx.dept_county)), both(a, b));
  listed("staff", fmt::format("?department_id={}", fx.dept_t2), 403);
  EXPECT_EQ(call("GET", fmt::format("/api/v1/cases/{}", c), "", "staff").status, 403);
  EXPECT_EQ(listed("t2staff", fmt::format("?department_id={}", fx.dept_t2)), std::vector<long long>{c});
  // Supervisors and county admins: everything.
  EXPECT_EQ(listed("supervisor", "").size(), 3u);
  EXPECT_EQ(listed("admin", "").size(), 3u);
  EXPECT_EQ(call("GET", fmt::format("/api/v1/cases/{}", c), "", "supervisor").status, 200);
  // Nobody outside the place that holds a case moves it.
  act("agent", b, "forward", R"({"to":"town"})", 403);
  act("staff", c, "accept", "", 403);
  act("supervisor", a, "forward", R"({"to":"town"})", 403);
  // The queue of what a place holds now.
  act("agent2", b, "forward", R"({"to":"department"})");
  EXPECT_EQ(listed("staff", fmt::format("?department_id={}&held=true", fx.dept_county)),
            std::vector<long long>{b});
  EXPECT_EQ(listed("agent2", fmt::format("?region_id={}&held=true", fx.village21)),
            std::vector<long long>{c});
}

TEST_P(CasesApi, CitizensApplyOnlineAndSeeOnlyTheirOwn) {
  auto mine = call(
      "POST", "/api/v1/my/cases",
      fmt::format(R"({{"item_id":{},"applicant":{{"name":"赵六","phone":"13600002222"}}}})", county_item),
      "citizen");
  ASSERT_EQ(mine.status, 201) << mine.body;
  auto j = json_of(mine);
  EXPECT_EQ(j["channel"], "online");
  EXPECT_EQ(j["holder_name"], "县民政局");
  EXPECT_TRUE(j["first_contact_id"].is_null());
  long long id = j["id"];
  auto theirs = make_case(db(),
                          CaseSetup{county_item, 0, "online", Actor{fx.accounts["citizen2"], "citizen"},
                                    fx.accounts["citizen2"], "13500003333"},
                          Stage::at_department);

  auto list = json_of(call("GET", "/api/v1/my/cases", "", "citizen"));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["id"], id);
  EXPECT_EQ(call("GET", fmt::format("/api/v1/cases/{}", id), "", "citizen").status, 403);
  auto other = call("POST", fmt::format("/api/v1/my/cases/{}/withdraw", theirs.id), "", "citizen");
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(json_of(other)["error"]["code"], "case.not_found");
  auto own = json_of(call("GET", fmt::format("/api/v1/my/cases/{}", id), "", "citizen"));
  EXPECT_EQ(own["applicant"]["phone"], "13600002222");  // their own data, unmasked
  EXPECT_EQ(own["history"][0]["type"], "case.filed");
  EXPECT_TRUE(own["rating"].is_null());
  auto peek = call("GET", fmt::format("/api/v1/my/cases/{}", theirs.id), "", "citizen");
  EXPECT_EQ(peek.status, 404);
  EXPECT_EQ(json_of(peek)["error"]["code"], "case.not_found");

  // The first official to act becomes the first contact.
  auto accepted = act("staff", id, "accept");
  EXPECT_EQ(accepted["first_contact_id"], fx.accounts["staff"]);
  EXPECT_EQ(accepted["first_contact_name"], "staff");
  auto withdrawn = call("POST", fmt::format("/api/v1/my/cases/{}/withdraw", id), "", "citizen");
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(json_of(withdrawn)["state"], "withdrawn");
  EXPECT_EQ(call("POST", fmt::format("/api/v1/my/cases/{}/withdraw", id), "", "citizen").status, 409);

  auto offline =
      call("POST", "/api/v1/my/cases",
           fmt::format(R"({{"item_id":{},"applicant":{{"name":"赵六","phone":"13600002222"}}}})", t1_item),
           "citizen");
  EXPECT_EQ(offline.status, 422);
  EXPECT_EQ(json_of(offline)["error"]["code"], "case.not_online");
}

TEST_P(CasesApi, FilingRefusesWhatCannotBeFiledThere) {
  long long events = count("events");
  auto code = [](const nlohmann::json& j) { return j["error"]["code"].get<std::string>(); };
  // An agent files in their own village only, and only items that allow 代办.
  EXPECT_EQ(code(file("agent", county_item, fx.village21, 403)), "auth.forbidden");
  EXPECT_EQ(code(file("agent", t1_item, fx.village11, 422)), "case.not_by_agent");
  // town2's department cannot receive its item in town1's village: it would never reach it.
  EXPECT_EQ(code(file("t2staff", t2_item, fx.village11, 422)), "case.wrong_place");
  EXPECT_EQ(code(file("staff", county_item, fx.village11, 422, R"({"name":"张三","phone":"12345"})")),
            "case.invalid_phone");
  EXPECT_EQ(code(file("staff", county_item, fx.village11, 422,
                      R"({"name":"张三","phone":"13800001234","id_number":"110105194912310021"})")),
            "case.invalid_id_number");
  auto unknown =
      file("staff", county_item, fx.village11, 422, R"({"name":"张三","phone":"13800001234","age":3})");
  EXPECT_EQ(unknown["error"]["field"], "applicant.age");
  EXPECT_EQ(code(file("staff", 999999, fx.village11, 403)), "auth.forbidden");
  EXPECT_EQ(count("events"), events);
  EXPECT_EQ(count("cases"), 0);
  // The standard's own example number, and a landline, are accepted.
  auto ok = file("staff", county_item, fx.village11, 201,
                 R"({"name":"张三","phone":"0999-1234567","id_number":"11010519491231002X"})");
  EXPECT_EQ(ok["channel"], "window");
  EXPECT_EQ(ok["applicant"]["id_number"], "11010519491231002X");
}

TEST_P(CasesApi, RefusalsAndWithdrawalsNeedTheRightState) {
  long long id = file("agent", county_item, fx.village11)["id"];
  act("agent", id, "forward", R"({"to":"department"})");
  EXPECT_EQ(act("staff", id, "refuse", "", 422)["error"]["field"], "reason");
  EXPECT_EQ(act("staff", id, "refuse", R"({"reason":"材料不属实"})")["state"], "refused");
  EXPECT_EQ(act("staff", id, "accept", "", 409)["error"]["code"], "case.wrong_state");
  act("staff", id, "withdraw", "", 409);
  EXPECT_EQ(act("staff", 999999, "accept", "", 404)["error"]["code"], "case.not_found");
  // An agent records a resident's withdrawal of a case still in the village.
  long long other = file("agent", county_item, fx.village11)["id"];
  EXPECT_EQ(act("agent", other, "withdraw", R"({"reason":"申请人已在外地办理"})")["state"], "withdrawn");
  EXPECT_NE(outbox(other).back().find("撤回"), std::string::npos);
}

FISHBOWL_BACKEND_SUITE(CasesApi);

}  // namespace
}  // namespace fishbowl::testing
