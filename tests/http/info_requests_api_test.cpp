// Information requests (依申请公开): filing and tracking over HTTP, every move of the organ and who may make
// it, and the article 33 clock across the 2025 and 2026 holidays (the expected days are counted by hand from
// the State Council's notices: see each test).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/crypto.h"
#include "disclosure/requests.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

constexpr const char* kPersonId = "11010519491231002X";
constexpr const char* kCreditCode = "91350100M000100Y43";

class InfoRequests : public ApiTest {
 protected:
  nlohmann::json filing(const std::string& description = "2026年本县农村低保资金发放明细") {
    return {{"department_id", fx.dept_county},
            {"applicant",
             {{"type", "natural_person"},
              {"name", "李四"},
              {"id_number", kPersonId},
              {"phone", "13900002222"},
              {"address", "测试县城关镇幸福路1号"}}},
            {"description", description},
            {"delivery", "post"}};
  }
  // Files online; returns (id as the organ sees it, tracking number, access code).
  std::tuple<long long, std::string, std::string> filed(const std::string& as = "") {
    auto r = call("POST", "/api/v1/info-requests", filing().dump(), as);
    EXPECT_EQ(r.status, 201) << r.body;
    auto j = json_of(r);
    std::string no = j.value("tracking_no", ""), code = j.value("access_code", "");
    auto list = json_of(call(
        "GET",
        fmt::format("/api/v1/info-requests?department_id={}&state=received&page_size=100", fx.dept_county),
        "", "staff"));
    long long id = 0;
    for (const auto& item : list["items"])
      if (item["tracking_no"] == no) id = item["id"];
    EXPECT_GT(id, 0);
    return {id, no, code};
  }
  http::Response move(long long id, const std::string& action, const nlohmann::json& body,
                      const std::string& as = "staff") {
    return call("POST", fmt::format("/api/v1/info-requests/{}/{}", id, action), body.dump(), as);
  }
  nlohmann::json track(const std::string& no, const std::string& code) {
    auto r = call("POST", "/api/v1/info-requests/track",
                  nlohmann::json{{"tracking_no", no}, {"access_code", code}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return json_of(r);
  }

  // The module's commands at a given moment (UTC), for clocks that run over past holidays.
  template <class F>
  disclosure::InfoRequest at(const std::string& utc, F&& body) {
    auto r = run_command_at(db(), Actor{fx.accounts.at("staff"), "staff"}, utc, std::forward<F>(body));
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    if constexpr (std::is_same_v<std::decay_t<decltype(*r)>, disclosure::Filed>)
      return r ? r->request : disclosure::InfoRequest{};
    else
      return r ? *r : disclosure::InfoRequest{};
  }
  // The error code of a command that must fail at that moment.
  template <class F>
  std::string at_error(const std::string& utc, F&& body) {
    auto r = run_command_at(db(), Actor{fx.accounts.at("staff"), "staff"}, utc, std::forward<F>(body));
    EXPECT_FALSE(r);
    return r ? "" : r.error().code;
  }
  disclosure::InfoRequest letter_at(const std::string& utc) {
    disclosure::InfoRequestInput in;
    in.department_id = fx.dept_county;
    in.channel = "letter";
    in.applicant = {"natural_person", "王五", kPersonId, "", "13900003333", "城关镇1号", ""};
    in.description = "某项目环评批复";
    in.delivery = "post";
    return at(utc,
              [&](Command& cmd) { return disclosure::file_info_request(cmd, WorkCalendar::builtin(), in); });
  }
  const WorkCalendar& cal = WorkCalendar::builtin();
};

TEST_P(InfoRequests, FiledOnlineTheApplicantTracksItWithTheCodeAndNobodyElseCan) {
  auto r = call("POST", "/api/v1/info-requests", filing().dump());
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = json_of(r);
  std::string no = j["tracking_no"], code = j["access_code"];
  EXPECT_EQ(no.rfind("YSQ-", 0), 0u) << no;
  EXPECT_EQ(code.size(), 10u);
  EXPECT_EQ(j["state"], "received");
  EXPECT_EQ(j["received_on"], format_date(china_today()));
  EXPECT_EQ(j["due_on"], format_date(cal.add_working_days(china_today(), 20)));
  EXPECT_FALSE(j["applicant"].contains("id_number"));  // the applicant's view carries no identity number

  auto seen = track(no, code);
  EXPECT_EQ(seen["tracking_no"], no);
  EXPECT_EQ(seen["steps"].size(), 1u);
  std::string wrong = code.substr(0, 9) + (code[9] == 'A' ? "B" : "A");
  auto denied = call("POST", "/api/v1/info-requests/track",
                     nlohmann::json{{"tracking_no", no}, {"access_code", wrong}}.dump());
  EXPECT_EQ(denied.status, 404);
  EXPECT_EQ(json_of(denied)["error"]["code"], "info_request.not_found");

  // The applicant's personal data enter the ledger only as commitments; the organ's desk sees them.
  auto events = json_of(call("GET", "/api/v1/events?type=info_request.filed", "", "admin"));
  ASSERT_FALSE(events["items"].empty()) << events;
  EXPECT_EQ(events["items"][0]["payload"].dump().find("李四"), std::string::npos);
  auto desk = json_of(
      call("GET", fmt::format("/api/v1/info-requests?department_id={}", fx.dept_county), "", "staff"));
  EXPECT_EQ(desk["items"][0]["applicant"]["id_number"], kPersonId);
  EXPECT_EQ(count("sms_outbox"), 1);
}

TEST_P(InfoRequests, BadApplicantsAreRefusedWithTheField) {
  auto bad = [&](nlohmann::json body, const char* code, const char* field) {
    auto r = call("POST", "/api/v1/info-requests", body.dump());
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(json_of(r)["error"]["code"], code) << r.body;
    EXPECT_EQ(json_of(r)["error"]["field"], field) << r.body;
  };
  auto b = filing();
  b["applicant"]["id_number"] = "110105194912310021";
  bad(b, "info_request.invalid_id_number", "applicant.id_number");
  b = filing();
  b["applicant"]["type"] = "commercial";  // an organisation gives its credit code
  bad(b, "info_request.invalid_id_number", "applicant.id_number");
  b["applicant"]["id_number"] = kCreditCode;
  EXPECT_EQ(call("POST", "/api/v1/info-requests", b.dump()).status, 201);
  b = filing();
  b["applicant"]["phone"] = "12345";
  bad(b, "info_request.invalid_phone", "applicant.phone");
  b = filing();
  b["applicant"].erase("address");
  bad(b, "info_request.address_required", "applicant.address");
  b = filing();
  b["delivery"] = "email";
  bad(b, "info_request.invalid_email", "applicant.email");
  b = filing();
  b["department_id"] = 999999;
  bad(b, "department.not_found", "department_id");
  b = filing();
  b["received_on"] = "2026-01-01";  // only a desk records a letter's day
  bad(b, "field.unknown", "received_on");
  EXPECT_EQ(count("info_requests"), 1);
}

TEST_P(InfoRequests, StaffRecordALetterWithItsDayOfReceiptAndOnlyTheirOrgansOwn) {
  auto body = filing();
  body["channel"] = "letter";
  body["received_on"] = format_date(Date{std::chrono::sys_days(china_today()) - std::chrono::days(3)});
  EXPECT_EQ(call("POST", "/api/v1/info-requests/recorded", body.dump(), "citizen").status, 403);
  EXPECT_EQ(call("POST", "/api/v1/info-requests/recorded", body.dump(), "townadmin").status, 403);
  auto r = call("POST", "/api/v1/info-requests/recorded", body.dump(), "staff");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json_of(r)["channel"], "letter");
  EXPECT_EQ(json_of(r)["received_on"], body["received_on"]);
  EXPECT_EQ(json_of(r)["recorded_by"], fx.accounts.at("staff"));
  body["received_on"] = format_date(Date{std::chrono::sys_days(china_today()) + std::chrono::days(1)});
  auto future = call("POST", "/api/v1/info-requests/recorded", body.dump(), "staff");
  EXPECT_EQ(future.status, 422);
  EXPECT_EQ(json_of(future)["error"]["code"], "info_request.invalid_received_on");
  // The requests of another organ stay out of this desk's reach.
  long long id = json_of(r)["id"];
  EXPECT_EQ(call("GET", fmt::format("/api/v1/info-requests/{}", id), "", "staff").status, 200);
  EXPECT_EQ(call("GET", fmt::format("/api/v1/info-requests/{}", id), "", "supervisor").status, 200);
  EXPECT_EQ(call("GET", fmt::format("/api/v1/info-requests/{}", id), "", "citizen").status, 403);
  EXPECT_EQ(call("GET", fmt::format("/api/v1/info-requests/{}", id)).status, 401);
}

TEST_P(InfoRequests, ExtensionNeedsASecondPersonAndTheApplicantIsTold) {
  auto [id, no, code] = filed();
  EXPECT_EQ(move(id, "extension/approve", nlohmann::json::object(), "admin").status, 409);  // none asked
  auto too_long = move(id, "extension", {{"days", 21}, {"reason", "涉及多年档案"}});
  EXPECT_EQ(too_long.status, 422);
  EXPECT_EQ(move(id, "extension", {{"days", 10}, {"reason", "涉及多年档案"}}, "citizen").status, 403);
  ASSERT_EQ(move(id, "extension", {{"days", 10}, {"reason", "涉及多年档案"}}).status, 200);
  EXPECT_EQ(json_of(move(id, "extension", {{"days", 5}, {"reason", "再延"}}))["error"]["code"],
            "info_request.extension_pending");
  auto self = move(id, "extension/approve", nlohmann::json::object(), "staff");
  EXPECT_EQ(self.status, 409);
  EXPECT_EQ(json_of(self)["error"]["code"], "info_request.self_approval");
  EXPECT_EQ(move(id, "extension/approve", nlohmann::json::object(), "townadmin").status, 403);
  auto approved = move(id, "extension/approve", nlohmann::json::object(), "admin");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(json_of(approved)["extension_days"], 10);
  EXPECT_EQ(json_of(approved)["due_on"], format_date(cal.add_working_days(china_today(), 30)));
  auto again = move(id, "extension", {{"days", 5}, {"reason", "再延"}});
  EXPECT_EQ(json_of(again)["error"]["code"], "info_request.already_extended");

  // The applicant sees the approved extension and its notice, not the internal request for it.
  auto seen = track(no, code);
  std::vector<std::string> kinds;
  for (const auto& s : seen["steps"]) kinds.push_back(s["kind"]);
  EXPECT_EQ(kinds, (std::vector<std::string>{"filed", "extension_approved"}));
  EXPECT_NE(seen["steps"][1]["note"].get<std::string>().find("10 个工作日"), std::string::npos);
  EXPECT_EQ(count("sms_outbox"), 2);  // filed, extended
}

TEST_P(InfoRequests, ARejectedExtensionLeavesTheDueDayAndStaysInside) {
  auto [id, no, code] = filed();
  std::string due = json_of(call("GET", fmt::format("/api/v1/info-requests/{}", id), "", "staff"))["due_on"];
  auto none = move(id, "extension/reject", {{"note", "无"}}, "admin");
  EXPECT_EQ(none.status, 409);
  EXPECT_EQ(json_of(none)["error"]["code"], "info_request.no_extension_pending");
  ASSERT_EQ(move(id, "extension", {{"days", 10}, {"reason", "涉及多年档案"}}).status, 200);
  EXPECT_EQ(move(id, "extension/reject", {{"note", "理由不足"}}, "citizen").status, 403);
  auto rejected = move(id, "extension/reject", {{"note", "理由不足，请按期答复"}}, "admin");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(json_of(rejected)["due_on"], due);
  EXPECT_EQ(json_of(rejected)["extension_days"], 0);
  EXPECT_EQ(json_of(rejected)["extension_requested_days"], 0);
  // The handler may ask once more; the applicant never sees the internal request or its rejection.
  EXPECT_EQ(move(id, "extension", {{"days", 5}, {"reason", "档案在外单位"}}).status, 200);
  auto seen = track(no, code);
  std::vector<std::string> kinds;
  for (const auto& step : seen["steps"]) kinds.push_back(step["kind"]);
  EXPECT_EQ(kinds, std::vector<std::string>{"filed"});
  EXPECT_EQ(count("sms_outbox"), 1);  // filed only
}

TEST_P(InfoRequests, TheReplysDeliveryIsRecordedAndTheApplicantSeesIt) {
  auto [id, no, code] = filed();
  nlohmann::json posted{{"method", "post"}, {"tracking_no", "1190012345678"}};
  EXPECT_EQ(json_of(move(id, "delivery", posted))["error"]["code"], "info_request.wrong_state");
  ASSERT_EQ(move(id, "reply", {{"result", "granted"}, {"letter", "现提供所申请的信息。"}}).status, 200);
  auto untracked = move(id, "delivery", {{"method", "post"}});
  EXPECT_EQ(json_of(untracked)["error"]["code"], "info_request.tracking_required");
  EXPECT_EQ(json_of(untracked)["error"]["field"], "tracking_no");
  auto early = posted;
  early["delivered_on"] = format_date(Date{std::chrono::sys_days(china_today()) - std::chrono::days(1)});
  EXPECT_EQ(json_of(move(id, "delivery", early))["error"]["field"], "delivered_on");  // before the reply
  EXPECT_EQ(json_of(move(id, "delivery", {{"method", "pigeon"}}))["error"]["field"], "method");
  EXPECT_EQ(move(id, "delivery", posted, "citizen").status, 403);
  auto delivered = move(id, "delivery", posted);
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  auto steps = track(no, code)["steps"];
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[2]["kind"], "delivered");
  EXPECT_EQ(steps[2]["on"], format_date(china_today()));
  EXPECT_EQ(steps[2]["note"], "邮寄，邮件号 1190012345678");
  EXPECT_EQ(count("sms_outbox"), 3);  // filed, replied, posted
  auto events = json_of(call("GET", "/api/v1/events?type=info_request.delivered", "", "supervisor"))["items"];
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["payload"]["method"], "post");
  EXPECT_EQ(events[0].dump().find("1190012345678"), std::string::npos);
}

TEST_P(InfoRequests, TheReplyNamesAResultAndAReasonOfTheAnnualReport) {
  auto [id, no, code] = filed();
  auto bad_reason =
      move(id, "reply", {{"result", "denied"}, {"reason", "unable.not_held"}, {"letter", "答复"}});
  EXPECT_EQ(bad_reason.status, 422);
  EXPECT_EQ(json_of(bad_reason)["error"]["code"], "info_request.invalid_reason");
  EXPECT_EQ(move(id, "reply", {{"result", "denied"}, {"letter", "答复"}}).status, 422);
  EXPECT_EQ(move(id, "reply", {{"result", "granted"}, {"reason", "denied.state_secret"}, {"letter", "答复"}})
                .status,
            422);
  auto missing_doc = move(id, "reply",
                          {{"result", "granted"},
                           {"letter", "答复"},
                           {"documents", {{{"sha256", std::string(64, 'a')}, {"name", "明细.pdf"}}}}});
  EXPECT_EQ(json_of(missing_doc)["error"]["code"], "attachment.not_found");
  EXPECT_EQ(move(id, "reply", {{"result", "granted"}, {"letter", "答复"}}, "citizen").status, 403);
  auto replied = move(id, "reply", {{"result", "partial"}, {"letter", "经审查，现提供可以公开的部分。"}});
  ASSERT_EQ(replied.status, 200) << replied.body;
  EXPECT_EQ(json_of(replied)["state"], "replied");
  EXPECT_FALSE(json_of(replied)["overdue"].get<bool>());
  EXPECT_EQ(json_of(move(id, "reply", {{"result", "granted"}, {"letter", "再答"}}))["error"]["code"],
            "info_request.wrong_state");
  auto seen = track(no, code);
  EXPECT_EQ(seen["reply"]["result_label"], "部分公开");
  EXPECT_EQ(seen["reply"]["letter"], "经审查，现提供可以公开的部分。");
  auto results = json_of(call("GET", "/api/v1/info-requests/results"))["items"];
  ASSERT_EQ(results.size(), 6u);
  EXPECT_EQ(results[2]["reasons"].size(), 8u);  // 不予公开 1–8
  EXPECT_EQ(results[3]["reasons"].size(), 3u);  // 无法提供 1–3
  EXPECT_EQ(results[4]["reasons"].size(), 5u);  // 不予处理 1–5
  EXPECT_EQ(results[5]["reasons"].size(), 3u);  // 其他处理 1–3
}

TEST_P(InfoRequests, ACitizenSeesTheirOwnOnlineRequests) {
  filed("citizen");
  filed();
  auto mine = json_of(call("GET", "/api/v1/info-requests/mine", "", "citizen"));
  EXPECT_EQ(mine["total"], 1);
  EXPECT_FALSE(mine["items"][0]["applicant"].contains("phone"));
  EXPECT_EQ(call("GET", "/api/v1/info-requests/mine").status, 401);
}

// Received Friday 26 September 2025: the 20 working days run over the National Day holiday (1–8 October off,
// Sunday 28 September and Saturday 11 October worked): 28, 29, 30 September; 9, 10, 11 October; then
// 13–17, 20–24 and 27–30 October. Unreplied, it is overdue now; replied now, it was late.
TEST_P(InfoRequests, TheClockRunsTwentyWorkingDaysOverNationalDay2025) {
  auto r = letter_at("2025-09-26T02:00:00.000Z");
  EXPECT_EQ(r.received_on, "2025-09-26");
  EXPECT_EQ(r.due_on, "2025-10-30");
  EXPECT_TRUE(disclosure::is_overdue(r, china_today()));
  auto overdue =
      json_of(call("GET", fmt::format("/api/v1/info-requests?department_id={}&overdue=true", fx.dept_county),
                   "", "staff"));
  EXPECT_EQ(overdue["total"], 1);
  auto replied =
      move(r.id, "reply", {{"result", "unable"}, {"reason", "unable.not_held"}, {"letter", "本机关不掌握"}});
  ASSERT_EQ(replied.status, 200) << replied.body;
  EXPECT_TRUE(json_of(replied)["overdue"].get<bool>());  // replied after its day
  // Too late for the one supplement notice, which must come within 7 working days.
  auto late = letter_at("2025-09-26T02:00:00.000Z");
  auto refused = move(late.id, "supplement-request", {{"notice", "请补充信息名称"}});
  EXPECT_EQ(json_of(refused)["error"]["code"], "info_request.supplement_too_late");
}

// Received Tuesday 10 February 2026, before the Spring Festival (15–23 February off, 14 and 28 February
// worked). The supplement notice may go out up to the 7th working day, 26 February; the supplement arrived on
// Monday 2 March, and the 20 days count again from there: due 30 March.
TEST_P(InfoRequests, ASupplementWithinSevenWorkingDaysRestartsTheClock2026) {
  auto r = letter_at("2026-02-10T02:00:00.000Z");
  EXPECT_EQ(r.due_on, "2026-03-16");
  auto asked = at("2026-02-26T08:00:00.000Z", [&](Command& cmd) {
    return disclosure::request_supplement(cmd, cal, r.id, "请写明所需信息的文号或年份", "");
  });
  EXPECT_EQ(asked.state, "awaiting_supplement");
  EXPECT_EQ(asked.supplement_by, "2026-03-18");                // 15 working days from 26 February
  EXPECT_FALSE(disclosure::is_overdue(asked, china_today()));  // the clock stands while waiting
  auto again = move(r.id, "supplement-request", {{"notice", "再补"}});
  EXPECT_EQ(json_of(again)["error"]["code"], "info_request.wrong_state");
  auto early = move(r.id, "supplement", {{"text", "文号为测发〔2025〕3号"}, {"received_on", "2026-02-20"}});
  EXPECT_EQ(json_of(early)["error"]["code"], "info_request.invalid_date");  // before it was asked for
  auto supplied =
      move(r.id, "supplement", {{"text", "文号为测发〔2025〕3号"}, {"received_on", "2026-03-02"}});
  ASSERT_EQ(supplied.status, 200) << supplied.body;
  EXPECT_EQ(json_of(supplied)["received_on"], "2026-02-10");  // the annual report still counts from here
  EXPECT_EQ(json_of(supplied)["clock_start"], "2026-03-02");
  EXPECT_EQ(json_of(supplied)["due_on"], "2026-03-30");
  EXPECT_EQ(json_of(move(r.id, "supplement-request", {{"notice", "再补"}}))["error"]["code"],
            "info_request.supplement_already_requested");

  auto too_late = letter_at("2026-02-10T02:00:00.000Z");
  auto refused = at_error("2026-02-27T02:00:00.000Z", [&](Command& cmd) {
    return disclosure::request_supplement(cmd, cal, too_late.id, "请补正", "");
  });
  EXPECT_EQ(refused, "info_request.supplement_too_late");
}

// Received Monday 21 September 2026 (due 26 October). A third party was consulted from 28 September to 9
// October: the working days after the letter went out, 29 and 30 September and 8 and 9 October, do not count
// (1–7 October are off), so the reply moves 4 working days, to 30 October.
TEST_P(InfoRequests, ConsultingAThirdPartyPausesTheClock2026) {
  auto r = letter_at("2026-09-21T02:00:00.000Z");
  EXPECT_EQ(r.due_on, "2026-10-26");
  auto sent = move(r.id, "consultation", {{"party", "某建筑公司"}, {"sent_on", "2026-09-28"}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(json_of(sent)["state"], "consulting");
  EXPECT_EQ(json_of(move(r.id, "reply", {{"result", "granted"}, {"letter", "答复"}}))["error"]["code"],
            "info_request.wrong_state");
  auto closed =
      move(r.id, "consultation/close", {{"opinion", "第三方不同意公开"}, {"received_on", "2026-10-09"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(json_of(closed)["paused_days"],
            cal.working_days_between(*parse_date("2026-09-28"), *parse_date("2026-10-09")));
  EXPECT_EQ(json_of(closed)["paused_days"], 4);
  EXPECT_EQ(json_of(closed)["due_on"], "2026-10-30");
}

// Received Friday 13 February 2026, the eve of the Spring Festival: due 19 March; extended by 20 working
// days, due 17 April (the Qingming holiday of 4–6 April falls inside).
TEST_P(InfoRequests, AnExtensionAddsAtMostTwentyWorkingDays2026) {
  auto r = letter_at("2026-02-13T02:00:00.000Z");
  EXPECT_EQ(r.due_on, "2026-03-19");
  at("2026-03-10T02:00:00.000Z",
     [&](Command& cmd) { return disclosure::request_extension(cmd, r.id, 20, "需调取多个村的档案"); });
  auto approved =
      run_command_at(db(), Actor{fx.accounts.at("admin"), "admin"}, "2026-03-11T02:00:00.000Z",
                     [&](Command& cmd) { return disclosure::approve_extension(cmd, cal, r.id, ""); });
  ASSERT_TRUE(approved) << approved.error().message;
  EXPECT_EQ(approved->due_on, "2026-04-17");
  // After the day it was due, it can no longer be extended.
  auto late = letter_at("2026-02-13T02:00:00.000Z");
  EXPECT_EQ(at_error("2026-03-20T02:00:00.000Z",
                     [&](Command& cmd) { return disclosure::request_extension(cmd, late.id, 5, "晚了"); }),
            "info_request.extension_too_late");
}

// The supplement starts a fresh period: a consultation paused under the old one does not carry over.
TEST_P(InfoRequests, ASupplementStartsAFreshPeriod) {
  auto r = letter_at("2026-02-10T02:00:00.000Z");
  at("2026-02-11T02:00:00.000Z",
     [&](Command& cmd) { return disclosure::start_consultation(cmd, r.id, "某公司", ""); });
  auto closed = at("2026-02-13T02:00:00.000Z",
                   [&](Command& cmd) { return disclosure::close_consultation(cmd, cal, r.id, "同意", ""); });
  EXPECT_EQ(closed.paused_days, 2);
  // A second consultation cannot be dated back into the first.
  EXPECT_EQ(at_error("2026-02-13T03:00:00.000Z",
                     [&](Command& cmd) {
                       return disclosure::start_consultation(cmd, r.id, "另一公司", "2026-02-12");
                     }),
            "info_request.invalid_date");
  at("2026-02-13T04:00:00.000Z",
     [&](Command& cmd) { return disclosure::request_supplement(cmd, cal, r.id, "请补正", ""); });
  auto supplied = at("2026-03-02T02:00:00.000Z", [&](Command& cmd) {
    return disclosure::receive_supplement(cmd, cal, r.id, "补正", "");
  });
  EXPECT_EQ(supplied.paused_days, 0);
  EXPECT_EQ(supplied.due_on, "2026-03-30");
}

// Closed because the supplement never came: only after its time, and never late, as the clock stood.
TEST_P(InfoRequests, ARequestClosedForWantOfASupplementIsNotOverdue) {
  auto r = letter_at("2026-03-02T02:00:00.000Z");  // due 30 March
  at("2026-03-11T02:00:00.000Z",
     [&](Command& cmd) { return disclosure::request_supplement(cmd, cal, r.id, "请补正", "2026-03-31"); });
  disclosure::ReplyInput close{"other", disclosure::kNoCorrection, "逾期未补正，不再处理", {}};
  EXPECT_EQ(at_error("2026-03-31T02:00:00.000Z",
                     [&](Command& cmd) { return disclosure::reply_info_request(cmd, r.id, close); }),
            "info_request.supplement_not_overdue");
  auto closed = at("2026-04-02T02:00:00.000Z",
                   [&](Command& cmd) { return disclosure::reply_info_request(cmd, r.id, close); });
  EXPECT_EQ(closed.state, "replied");
  EXPECT_GT(closed.replied_on, closed.due_on);
  auto desk =
      json_of(call("GET", fmt::format("/api/v1/info-requests?department_id={}&state=replied", fx.dept_county),
                   "", "staff"));
  ASSERT_EQ(desk["total"], 1);
  EXPECT_FALSE(desk["items"][0]["overdue"].get<bool>());
  EXPECT_EQ(
      json_of(call("GET", fmt::format("/api/v1/info-requests?department_id={}&overdue=true", fx.dept_county),
                   "", "staff"))["total"],
      0);
  auto events = json_of(call("GET", "/api/v1/events?type=info_request.replied", "", "supervisor"))["items"];
  ASSERT_EQ(events.size(), 1u);
  EXPECT_FALSE(events[0]["payload"]["late"].get<bool>());
}

TEST_P(InfoRequests, ReasonsThatPresupposeASupplementNeedOne) {
  auto [id, no, code] = filed();
  auto r =
      move(id, "reply", {{"result", "other"}, {"reason", "other.no_correction"}, {"letter", "不再处理"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(json_of(r)["error"]["code"], "info_request.no_supplement");
  r = move(id, "reply",
           {{"result", "unable"}, {"reason", "unable.unclear_after_correction"}, {"letter", "不明确"}});
  EXPECT_EQ(json_of(r)["error"]["code"], "info_request.no_supplement");
}

// A file given to one applicant is stored like any other, but the ledger does not say where to fetch it.
TEST_P(InfoRequests, APrivateReplyFileIsNotNamedInTheLedger) {
  nlohmann::json upload{{"department_id", fx.dept_county},
                        {"private", true},
                        {"file_name", "张三的低保档案.pdf"},
                        {"content_base64", base64(std::string("%PDF-1.4 private"))}};
  auto stored = call("POST", "/api/v1/attachments", upload.dump(), "staff");
  ASSERT_EQ(stored.status, 201) << stored.body;
  std::string hash = json_of(stored)["sha256"];
  auto [id, no, code] = filed();
  auto replied = move(id, "reply",
                      {{"result", "granted"},
                       {"letter", "现予提供"},
                       {"documents", {{{"sha256", hash}, {"name", "档案.pdf"}}}}});
  ASSERT_EQ(replied.status, 200) << replied.body;
  EXPECT_EQ(track(no, code)["reply"]["documents"][0]["sha256"], hash);  // the applicant has it
  for (const char* type : {"attachment.uploaded", "info_request.replied"}) {
    auto events = json_of(call("GET", fmt::format("/api/v1/events?type={}", type), "", "admin"))["items"];
    ASSERT_FALSE(events.empty()) << type;
    std::string payload = events[0]["payload"].dump();
    EXPECT_EQ(payload.find(hash), std::string::npos) << payload;
    EXPECT_EQ(payload.find("张三"), std::string::npos) << payload;
  }
}

FISHBOWL_BACKEND_SUITE(InfoRequests);

}  // namespace
}  // namespace fishbowl::testing
