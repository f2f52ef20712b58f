// Notices (公示) over HTTP: a period in which anyone may object, the issuer's answers, the result after it,
// and what the public sees of the objectors.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "disclosure/disclosure.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

class Notices : public ApiTest {
 protected:
  std::string day(int from_today) {
    return format_date(Date{std::chrono::sys_days(china_today()) + std::chrono::days(from_today)});
  }
  nlohmann::json notice(int starts, int ends) {
    return {{"department_id", fx.dept_county},
            {"column", "social_assistance"},
            {"formed_on", day(0)},
            {"title", "低保对象名单公示"},
            {"body_html", "<p>以下家庭拟纳入低保，公示期内如有异议请提出。</p>"},
            {"notice", {{"kind", "general"}, {"starts_on", day(starts)}, {"ends_on", day(ends)}}}};
  }
  long long submitted(const nlohmann::json& body) {
    auto r = call("POST", "/api/v1/publications", body.dump(), "staff");
    EXPECT_EQ(r.status, 201) << r.body;
    long long id = json_of(r).value("id", 0LL);
    EXPECT_EQ(call("POST", fmt::format("/api/v1/publications/{}/submit", id), "", "staff").status, 200);
    return id;
  }
  http::Response approve(long long id) {
    return call("POST", fmt::format("/api/v1/publications/{}/approve", id), "{}", "admin");
  }
  long long published(const nlohmann::json& body) {
    long long id = submitted(body);
    auto a = approve(id);
    EXPECT_EQ(a.status, 200) << a.body;
    return id;
  }
  http::Response object(long long id, const nlohmann::json& body, const std::string& as = "") {
    return call("POST", fmt::format("/api/v1/publications/{}/objections", id), body.dump(), as);
  }
};

TEST_P(Notices, AnyoneObjectsDuringThePeriodAndTheIssuerAnswersEachOnce) {
  long long id = published(notice(0, 7));
  auto seen = json_of(call("GET", fmt::format("/api/v1/publications/{}", id)));
  EXPECT_EQ(seen["kind"], "notice");
  EXPECT_EQ(seen["notice"]["starts_on"], day(0));
  EXPECT_TRUE(seen["notice"]["open"].get<bool>());
  EXPECT_EQ(seen["notice"]["objections"], 0);

  auto bad_phone = object(id, {{"name", "张三"}, {"phone", "12345"}, {"text", "某户有车"}});
  EXPECT_EQ(bad_phone.status, 422);
  EXPECT_EQ(json_of(bad_phone)["error"]["code"], "objection.invalid_phone");
  EXPECT_EQ(object(id, {{"name", "张三"}, {"text", "某户有车"}}).status, 422);  // no phone, no account
  auto filed = object(id, {{"name", "张三丰"}, {"phone", "13900001111"}, {"text", "名单中第三户家中有轿车"}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  EXPECT_EQ(json_of(filed)["name"], "张**");
  EXPECT_FALSE(json_of(filed).contains("phone"));
  auto by_citizen = object(id, {{"text", "第五户已外出务工多年"}}, "citizen");
  ASSERT_EQ(by_citizen.status, 201) << by_citizen.body;

  auto public_list = json_of(call("GET", fmt::format("/api/v1/publications/{}/objections", id)))["items"];
  ASSERT_EQ(public_list.size(), 2u);
  EXPECT_EQ(public_list[0]["name"], "张**");
  EXPECT_FALSE(public_list[0].contains("phone"));
  auto desk_list =
      json_of(call("GET", fmt::format("/api/v1/publications/{}/objections", id), "", "staff"))["items"];
  EXPECT_EQ(desk_list[0]["phone"], "13900001111");
  EXPECT_EQ(desk_list[0]["name"], "张三丰");

  long long first = public_list[0]["id"];
  std::string answer_path = fmt::format("/api/v1/publications/{}/objections/{}/answer", id, first);
  nlohmann::json answer{{"answer", "经入户核实，该车辆已于去年出售，维持原认定。"}};
  EXPECT_EQ(call("POST", answer_path, answer.dump(), "citizen").status, 403);
  EXPECT_EQ(call("POST", answer_path, answer.dump(), "townadmin").status, 403);
  auto answered = call("POST", answer_path, answer.dump(), "staff");
  ASSERT_EQ(answered.status, 200) << answered.body;
  auto twice = call("POST", answer_path, answer.dump(), "staff");
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(json_of(twice)["error"]["code"], "objection.already_answered");
  EXPECT_EQ(call("POST", fmt::format("/api/v1/publications/{}/objections/999999/answer", id), answer.dump(),
                 "staff")
                .status,
            404);
  seen = json_of(call("GET", fmt::format("/api/v1/publications/{}", id)));
  EXPECT_EQ(seen["notice"]["objections"], 2);
  EXPECT_EQ(seen["notice"]["answered"], 1);
  EXPECT_EQ(json_of(call("GET", fmt::format("/api/v1/publications/{}/objections", id)))["items"][0]["answer"],
            answer["answer"]);

  // The objector's name and phone enter the ledger only as commitments; the objection's text is public.
  auto events = json_of(call("GET", "/api/v1/events?type=objection.filed", "", "supervisor"))["items"];
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["payload"]["text"], "名单中第三户家中有轿车");
  EXPECT_EQ(events[0].dump().find("13900001111"), std::string::npos);
  EXPECT_EQ(events[0].dump().find("张三丰"), std::string::npos);

  // The result waits for the end of the period.
  auto early = call("POST", fmt::format("/api/v1/publications/{}/result", id),
                    R"({"result_html":"<p>无变化</p>"})", "staff");
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(json_of(early)["error"]["code"], "notice.period_not_over");
  EXPECT_EQ(json_of(call("GET", "/api/v1/search?q=%E4%BD%8E%E4%BF%9D&kind=notice"))["total"], 1);  // 低保
}

TEST_P(Notices, TheListOfOpenNoticesHoldsOnlyThoseInTheirPeriodToday) {
  long long open = published(notice(0, 7));
  published(notice(3, 10));  // not yet
  auto plain = notice(0, 7);
  plain.erase("notice");
  published(plain);
  auto listed = json_of(call("GET", "/api/v1/publications?notices=open"));
  EXPECT_EQ(listed["total"], 1);
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["id"], open);
  EXPECT_EQ(json_of(call("GET", "/api/v1/publications"))["total"], 3);
  auto bad = call("GET", "/api/v1/publications?notices=closed");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(json_of(bad)["error"]["field"], "notices");
}

TEST_P(Notices, OutsideThePeriodNobodyObjectsAndAfterItTheResultIsPublishedOnce) {
  long long later = published(notice(3, 10));
  auto early = object(later, {{"name", "李四"}, {"phone", "13900002222"}, {"text", "有异议"}});
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(json_of(early)["error"]["code"], "notice.not_open");

  // A notice whose period has already passed cannot be published: nobody could have objected.
  long long stale = submitted(notice(-10, -3));
  auto refused = approve(stale);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(json_of(refused)["error"]["code"], "notice.period_over");
  EXPECT_EQ(object(stale, {{"name", "李四"}, {"phone", "13900002222"}, {"text", "x"}}).status, 404);
  // Nor one whose period began before it: the days nobody could see would count as days of the period.
  long long begun = submitted(notice(-2, 5));
  auto late = approve(begun);
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(json_of(late)["error"]["code"], "notice.period_started");
  EXPECT_EQ(json_of(call("GET", fmt::format("/api/v1/publications/{}", begun), "", "staff"))["state"],
            "in_review");
  // Until it is first published its period may move, and then it can be published.
  nlohmann::json moved{{"title", "低保对象名单公示"},
                       {"body_html", "<p>以下家庭拟纳入低保，公示期内如有异议请提出。</p>"},
                       {"notice", {{"starts_on", day(0)}, {"ends_on", day(5)}}}};
  auto back = call("POST", fmt::format("/api/v1/publications/{}/return", stale),
                   R"({"note":"公示期已过，请改期"})", "admin");
  ASSERT_EQ(back.status, 200) << back.body;
  auto edited = call("PUT", fmt::format("/api/v1/publications/{}", stale), moved.dump(), "staff");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(json_of(edited)["notice"]["ends_on"], day(5));
  call("POST", fmt::format("/api/v1/publications/{}/submit", stale), "", "staff");
  ASSERT_EQ(approve(stale).status, 200);
  moved["notice"]["ends_on"] = day(9);
  auto fixed = call("PUT", fmt::format("/api/v1/publications/{}", stale), moved.dump(), "staff");
  EXPECT_EQ(fixed.status, 409);
  EXPECT_EQ(json_of(fixed)["error"]["code"], "notice.period_fixed");

  // One published in March for a week of March: its period is over now.
  long long done = 0;
  disclosure::PublicationInput in;
  in.department_id = fx.dept_county;
  in.column = "social_assistance";
  in.formed_on = "2026-03-02";
  in.title = "三月公示";
  in.body_html = "<p>公示内容</p>";
  in.notice_kind = "village_affairs";
  in.starts_on = "2026-03-03";
  in.ends_on = "2026-03-10";
  ASSERT_TRUE(run_command_at(db(), Actor::system(), "2026-03-02T02:00:00Z", [&](Command& cmd) {
                auto p = disclosure::create_publication(cmd, WorkCalendar::builtin(), in);
                if (!p) return p;
                done = p->id;
                if (auto s = disclosure::submit_publication(cmd, done); !s) return s;
                return disclosure::approve_publication(cmd, done, "");
              }).ok());
  EXPECT_FALSE(
      json_of(call("GET", fmt::format("/api/v1/publications/{}", done)))["notice"]["open"].get<bool>());
  auto after = object(done, {{"name", "李四"}, {"phone", "13900002222"}, {"text", "迟到的异议"}});
  EXPECT_EQ(after.status, 409);
  EXPECT_EQ(json_of(after)["error"]["code"], "notice.not_open");
  std::string result_path = fmt::format("/api/v1/publications/{}/result", done);
  EXPECT_EQ(call("POST", result_path, R"({"result_html":"<p><br></p>"})", "staff").status, 422);
  auto result = call("POST", result_path,
                     R"({"result_html":"<p>公示期内无异议，按原方案执行。</p><script>x</script>"})", "staff");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(json_of(result)["notice"]["result_html"], "<p>公示期内无异议，按原方案执行。</p>");
  EXPECT_EQ(json_of(result)["notice"]["result_published_on"], format_date(china_today()));
  auto again = call("POST", result_path, R"({"result_html":"<p>再次</p>"})", "staff");
  EXPECT_EQ(json_of(again)["error"]["code"], "notice.result_already_published");

  auto bad = notice(5, 1);
  auto r = call("POST", "/api/v1/publications", bad.dump(), "staff");
  EXPECT_EQ(json_of(r)["error"]["code"], "notice.invalid_period");
  EXPECT_EQ(json_of(r)["error"]["field"], "notice.ends_on");
  bad = notice(0, 1);
  bad["notice"]["kind"] = "gossip";
  auto bad_kind = json_of(call("POST", "/api/v1/publications", bad.dump(), "staff"));
  EXPECT_EQ(bad_kind["error"]["code"], "field.invalid");  // checked against the list at the door
  EXPECT_EQ(bad_kind["error"]["field"], "notice.kind");
  // A plain publication takes no objections.
  auto plain = notice(0, 1);
  plain.erase("notice");
  long long p = published(plain);
  EXPECT_EQ(json_of(object(p, {{"name", "李四"}, {"phone", "13900002222"}, {"text", "x"}}))["error"]["code"],
            "notice.not_a_notice");
}

// A rights-registration notice lists each contracting household: the public sees the heads' names and
// identity numbers masked, the organ in full; nothing else carries such a list.
TEST_P(Notices, ARightsNoticeListsItsHouseholdsMaskedForThePublic) {
  auto rights = notice(0, 7);
  rights["title"] = "一村土地承包经营权确权登记结果公示";
  rights["notice"]["kind"] = "rights";
  auto missing = call("POST", "/api/v1/publications", rights.dump(), "staff");
  EXPECT_EQ(json_of(missing)["error"]["code"], "notice.households_required");
  nlohmann::json row{{"group", "第一村民小组"},
                     {"head", "王大明"},
                     {"id_number", "11010519491231002X"},
                     {"members", 4},
                     {"parcels", 3},
                     {"area_mu", "5.25"},
                     {"note", ""}};
  struct Bad {
    const char* field;
    nlohmann::json value;
    const char* code;
  };
  for (const auto& b : std::vector<Bad>{{"id_number", "110105194912310021", "notice.invalid_id_number"},
                                        {"area_mu", "5.255", "notice.invalid_area"},
                                        {"area_mu", "0", "notice.invalid_area"},
                                        {"members", 0, "field.out_of_range"},
                                        {"head", "", "field.required"}}) {
    auto bad_row = row;
    bad_row[b.field] = b.value;
    rights["households"] = {bad_row};
    auto r = json_of(call("POST", "/api/v1/publications", rights.dump(), "staff"));
    EXPECT_EQ(r["error"]["code"], b.code) << b.field;
    EXPECT_EQ(r["error"]["field"], std::string("households[0].") + b.field) << b.field;
  }
  rights["households"] = {row, row};
  EXPECT_EQ(json_of(call("POST", "/api/v1/publications", rights.dump(), "staff"))["error"]["code"],
            "notice.duplicate_household");
  auto plain = notice(0, 7);
  plain["households"] = {row};
  EXPECT_EQ(json_of(call("POST", "/api/v1/publications", plain.dump(), "staff"))["error"]["code"],
            "notice.households_not_allowed");
  EXPECT_EQ(count("publications"), 0);

  auto second = row;
  second["head"] = "欧阳娜娜";
  second["id_number"] = "110105199003070033";
  rights["households"] = {row, second};
  long long id = published(rights);
  auto seen = json_of(call("GET", fmt::format("/api/v1/publications/{}", id)));
  ASSERT_EQ(seen["households"].size(), 2u);
  EXPECT_EQ(seen["households"][0]["head"], "王**");
  EXPECT_EQ(seen["households"][0]["id_number"], "110105********002X");
  EXPECT_EQ(seen["households"][1]["head"], "欧***");
  EXPECT_EQ(seen["households"][0]["area_mu"], "5.25");
  EXPECT_EQ(seen["households"][0]["group"], "第一村民小组");
  auto desk = json_of(call("GET", fmt::format("/api/v1/publications/{}", id), "", "staff"));
  EXPECT_EQ(desk["households"][0]["id_number"], "11010519491231002X");
  EXPECT_EQ(desk["households"][0]["head"], "王大明");
  // Nowhere public holds them in full: not the editions, the export, the list, the search or the ledger.
  std::string everything = call("GET", fmt::format("/api/v1/publications/{}/editions", id)).body +
                           call("GET", "/api/v1/publications/export.jsonl").body +
                           call("GET", "/api/v1/publications").body +
                           call("GET", "/api/v1/search?q=%E7%8E%8B%E5%A4%A7").body +  // 王大
                           call("GET", "/api/v1/events", "", "supervisor").body;
  for (const char* secret : {"11010519491231002X", "王大明", "欧阳娜娜", "110105199003070033"})
    EXPECT_EQ(everything.find(secret), std::string::npos) << secret;
  EXPECT_NE(everything.find("110105********002X"), std::string::npos);  // the editions and the export
}

FISHBOWL_BACKEND_SUITE(Notices);

}  // namespace
}  // namespace fishbowl::testing
