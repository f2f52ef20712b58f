// The 12345 hotline's tickets over HTTP: filing and tracking, every move of the closed loop and who may make
// it, and the deadlines across the 2026 National Day holiday (counted by hand from the State Council's
// notice: 10-01..10-07 off, Saturday 10-10 a working day).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/crypto.h"
#include "hotline/hotline.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

using hotline::Ticket;

class Hotline : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    // The county department's staff are the linkage center here.
    ASSERT_TRUE(run_command(db(), Actor::system(), [&](Command& cmd) {
      return hotline::set_center_department(cmd, fx.dept_county);
    }));
  }
  nlohmann::json phone_ticket(const std::string& kind = "complaint") {
    return {{"channel", "phone"},
            {"kind", kind},
            {"name", "张三"},
            {"phone", "13900001111"},
            {"region_id", fx.village11},
            {"address", "东关村三组"},
            {"title", "村口路灯不亮"},
            {"description", "东关村村口的路灯已经坏了两周，夜里出行不便。"}};
  }
  long long recorded(const std::string& kind = "complaint") {
    auto r = call("POST", "/api/v1/tickets/recorded", phone_ticket(kind).dump(), "staff");
    EXPECT_EQ(r.status, 201) << r.body;
    return json_of(r).value("id", 0LL);
  }
  http::Response move(long long id, const std::string& action, const nlohmann::json& body,
                      const std::string& as) {
    return call("POST", fmt::format("/api/v1/tickets/{}/{}", id, action), body.dump(), as);
  }
  nlohmann::json moved(long long id, const std::string& action, const nlohmann::json& body,
                       const std::string& as) {
    auto r = move(id, action, body, as);
    EXPECT_EQ(r.status, 200) << action << " as " << as << ": " << r.body;
    return json_of(r);
  }
  std::string error_of(const http::Response& r) { return json_of(r)["error"]["code"]; }

  // The module's commands at a given moment (UTC), for deadlines over past holidays.
  template <class F>
  Ticket at(const std::string& utc, F&& body, const std::string& as = "staff") {
    auto r = run_command_at(db(), Actor{fx.accounts.at(as), "staff"}, utc, std::forward<F>(body));
    EXPECT_TRUE(r) << (r ? "" : r.error().code);
    return r ? *r : Ticket{};
  }
  Ticket filed_at(const std::string& utc, const std::string& kind) {
    hotline::TicketInput in{kind, "phone",      "",           "13900002222", std::nullopt,   fx.village11,
                            "",   std::nullopt, std::nullopt, "噪音扰民",    "夜间施工噪音", {}};
    return at(utc, [&](Command& cmd) { return hotline::file_ticket(cmd, in); });
  }
  Ticket dispatched_at(const std::string& utc, long long id, std::optional<long long> department,
                       std::optional<long long> town) {
    return at(utc, [&](Command& cmd) {
      return hotline::dispatch_ticket(cmd, WorkCalendar::builtin(), id, {department, town, {}, ""});
    });
  }
};

TEST_P(Hotline, ACitizenFilesOnTheWebAndTracksItWithTheLastFourDigits) {
  auto body = phone_ticket();
  body["channel"] = "web";
  body.erase("name");  // anonymous, with a callback number
  auto r = call("POST", "/api/v1/tickets", body.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = json_of(r);
  EXPECT_EQ(j["state"], "received");
  EXPECT_FALSE(j.contains("phone"));
  std::string no = j["ticket_no"];
  EXPECT_EQ(no.rfind("12345-", 0), 0u) << no;

  auto seen = call("POST", "/api/v1/tickets/track",
                   nlohmann::json{{"ticket_no", no}, {"phone_last4", "1111"}}.dump());
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(json_of(seen)["title"], "村口路灯不亮");
  auto wrong = call("POST", "/api/v1/tickets/track",
                    nlohmann::json{{"ticket_no", no}, {"phone_last4", "1112"}}.dump());
  EXPECT_EQ(wrong.status, 404);
  EXPECT_EQ(error_of(wrong), "ticket.not_found");

  // The center sees the number; the ledger has only a commitment to it.
  auto desk = json_of(call("GET", "/api/v1/tickets/center/desk?state=received", "", "staff"));
  ASSERT_EQ(desk["total"], 1);
  EXPECT_EQ(desk["items"][0]["phone"], "13900001111");
  auto events = json_of(call("GET", "/api/v1/events?type=ticket.filed", "", "admin"));
  ASSERT_EQ(events["items"].size(), 1u);
  EXPECT_EQ(events["items"][0]["payload"].dump().find("13900001111"), std::string::npos);
  EXPECT_NE(events["items"][0]["payload"].dump().find("村口路灯不亮"), std::string::npos);

  auto bad = phone_ticket();
  bad["channel"] = "web";
  bad["phone"] = "12345";
  EXPECT_EQ(error_of(call("POST", "/api/v1/tickets", bad.dump())), "ticket.invalid_phone");
  bad = phone_ticket();
  bad["channel"] = "phone";  // only the center records phone tickets
  EXPECT_EQ(call("POST", "/api/v1/tickets", bad.dump()).status, 422);
  bad = phone_ticket();
  bad["channel"] = "web";
  bad["lat"] = 91.0;
  bad["lon"] = 100.0;
  EXPECT_EQ(error_of(call("POST", "/api/v1/tickets", bad.dump())), "ticket.invalid_location");
  bad["lat"] = 0.0;  // outside China
  bad["lon"] = 0.0;
  EXPECT_EQ(error_of(call("POST", "/api/v1/tickets", bad.dump())), "ticket.invalid_location");
  bad["lat"] = 34.26;
  bad["lon"] = 108.94;
  EXPECT_EQ(call("POST", "/api/v1/tickets", bad.dump()).status, 201);
}

TEST_P(Hotline, APhotoGoesWithTheTicketToTheCitizenAndTheCenterOnly) {
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + "IHDR路灯";
  auto upload = [&](const std::string& name, const std::string& bytes) {
    return call("POST", "/api/v1/tickets/attachments",
                nlohmann::json{{"file_name", name}, {"content_base64", base64(bytes)}}.dump());
  };
  auto stored = upload("路灯.PNG", png);  // anyone may upload, before filing
  ASSERT_EQ(stored.status, 201) << stored.body;
  std::string sha = json_of(stored)["sha256"];
  EXPECT_EQ(json_of(stored)["media_type"], "image/png");
  EXPECT_EQ(error_of(upload("情况说明.docx", "PK\x03\x04 word")), "attachment.unsupported_type");
  EXPECT_EQ(error_of(upload("照片.jpg", png)), "attachment.type_mismatch");
  EXPECT_EQ(error_of(upload("照片.png", "")), "field.required");
  // The ledger learns that a file came, not where to fetch it.
  auto uploaded = json_of(call("GET", "/api/v1/events?type=attachment.uploaded", "", "admin"));
  ASSERT_EQ(uploaded["items"].size(), 1u);
  EXPECT_EQ(uploaded["items"][0]["payload"].dump().find(sha), std::string::npos);

  auto body = phone_ticket();
  body["channel"] = "web";
  body["attachments"] = {{{"sha256", sha}, {"name", "村口路灯.png"}}};
  auto filed = call("POST", "/api/v1/tickets", body.dump());
  ASSERT_EQ(filed.status, 201) << filed.body;
  auto files = json_of(filed)["attachments"];
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0]["sha256"], sha);
  EXPECT_EQ(files[0]["name"], "村口路灯.png");
  std::string no = json_of(filed)["ticket_no"];

  auto tracked = json_of(call("POST", "/api/v1/tickets/track",
                              nlohmann::json{{"ticket_no", no}, {"phone_last4", "1111"}}.dump()));
  EXPECT_EQ(tracked["attachments"], files);
  auto desk = json_of(call("GET", "/api/v1/tickets/center/desk?state=received", "", "staff"));
  ASSERT_EQ(desk["items"].size(), 1u);
  EXPECT_EQ(desk["items"][0]["attachments"], files);
  auto photo = call("GET", "/api/v1/attachments/" + sha);
  EXPECT_EQ(photo.body, png);
  auto events = json_of(call("GET", "/api/v1/events?type=ticket.filed", "", "admin"));
  ASSERT_EQ(events["items"].size(), 1u);
  EXPECT_EQ(events["items"][0]["payload"].dump().find(sha), std::string::npos);
  EXPECT_EQ(events["items"][0]["payload"]["attachments"], 1);

  // Only stored files, at most five; nothing is filed when they are wrong.
  body["attachments"] = {{{"sha256", std::string(64, 'a')}, {"name", "x.png"}}};
  auto unknown = call("POST", "/api/v1/tickets", body.dump());
  EXPECT_EQ(error_of(unknown), "attachment.not_found");
  EXPECT_EQ(json_of(unknown)["error"]["field"], "attachments[0].sha256");
  body["attachments"] = nlohmann::json::array();
  for (int i = 0; i < 6; ++i)
    body["attachments"].push_back({{"sha256", sha}, {"name", fmt::format("{}.png", i)}});
  EXPECT_EQ(error_of(call("POST", "/api/v1/tickets", body.dump())), "field.out_of_range");
  body["attachments"] = "photo.png";
  EXPECT_EQ(error_of(call("POST", "/api/v1/tickets", body.dump())), "field.wrong_type");
  EXPECT_EQ(count("tickets"), 1);

  // The center attaches what a caller sends in along with a phone ticket.
  auto phone = phone_ticket();
  phone["attachments"] = {{{"sha256", sha}, {"name", "来电人发来的照片.png"}}};
  auto recorded = call("POST", "/api/v1/tickets/recorded", phone.dump(), "staff");
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_EQ(json_of(recorded)["attachments"][0]["name"], "来电人发来的照片.png");
}

TEST_P(Hotline, TheLoopFromThePhoneToASatisfiedCallbackWithOneReopening) {
  long long id = recorded();
  auto d = moved(id, "dispatch", {{"region_id", fx.town1}, {"note", "请城关镇核实处理"}}, "staff");
  EXPECT_EQ(d["state"], "dispatched");
  EXPECT_FALSE(d["due_at"].get<std::string>().empty());

  // The town's inbox holds it; the town claims, notes, replies; the center completes and calls back.
  auto inbox = json_of(call("GET", fmt::format("/api/v1/tickets?region_id={}", fx.town1), "", "townadmin"));
  ASSERT_EQ(inbox["total"], 1);
  moved(id, "claim", nlohmann::json::object(), "townadmin");
  moved(id, "note", {{"note", "已联系电工"}}, "townadmin");
  auto replied = moved(id, "reply", {{"reply", "路灯已于今日修复。"}}, "townadmin");
  EXPECT_EQ(replied["state"], "replied");
  moved(id, "complete", nlohmann::json::object(), "staff");
  auto unhappy = moved(id, "callback", {{"satisfaction", "unsatisfied"}, {"note", "只修了一盏"}}, "staff");
  EXPECT_EQ(unhappy["state"], "closed");

  auto again = moved(id, "reopen", {{"reason", "回访不满意：另一盏仍不亮"}}, "staff");
  EXPECT_EQ(again["state"], "dispatched");
  EXPECT_TRUE(again["reopened"]);
  EXPECT_EQ(again["satisfaction"], "");
  moved(id, "claim", nlohmann::json::object(), "townadmin");
  moved(id, "reply", {{"reply", "两盏路灯均已修复。"}}, "townadmin");
  moved(id, "complete", nlohmann::json::object(), "staff");
  moved(id, "callback", {{"satisfaction", "unsatisfied"}}, "staff");
  auto twice = move(id, "reopen", {{"reason", "仍不满意"}}, "staff");
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(error_of(twice), "ticket.already_reopened");

  auto full = json_of(call("GET", fmt::format("/api/v1/tickets/{}", id), "", "townadmin"));
  std::vector<std::string> kinds;
  for (const auto& s : full["steps"]) kinds.push_back(s["kind"]);
  EXPECT_EQ(kinds, (std::vector<std::string>{"filed", "dispatched", "claimed", "noted", "replied",
                                             "completed", "called_back", "reopened", "claimed", "replied",
                                             "completed", "called_back"}));
  EXPECT_EQ(move(id, "claim", nlohmann::json::object(), "townadmin").status, 409);
}

TEST_P(Hotline, EachMoveBelongsToTheCenterOrTheAssigneeOnly) {
  long long id = recorded();
  EXPECT_EQ(call("POST", "/api/v1/tickets/recorded", phone_ticket().dump()).status, 401);
  for (const char* who : {"townadmin", "agent", "citizen"})
    EXPECT_EQ(call("POST", "/api/v1/tickets/recorded", phone_ticket().dump(), who).status, 403) << who;
  EXPECT_EQ(move(id, "dispatch", {{"region_id", fx.town1}}, "townadmin").status, 403);
  EXPECT_EQ(call("GET", fmt::format("/api/v1/tickets/{}", id), "", "townadmin").status, 403);
  moved(id, "dispatch", {{"region_id", fx.town2}}, "staff");
  // Dispatched to town2: town1's admin neither reads nor claims it; the center does not claim for the town.
  EXPECT_EQ(call("GET", fmt::format("/api/v1/tickets/{}", id), "", "townadmin").status, 403);
  EXPECT_EQ(move(id, "claim", nlohmann::json::object(), "townadmin").status, 403);
  EXPECT_EQ(move(id, "claim", nlohmann::json::object(), "staff").status, 403);
  EXPECT_EQ(call("GET", fmt::format("/api/v1/tickets?region_id={}", fx.town2), "", "townadmin").status, 403);
  EXPECT_EQ(call("GET", "/api/v1/tickets/center/desk", "", "townadmin").status, 403);
  // The county admin covers both; supervisors read everything and escalate.
  EXPECT_EQ(move(id, "claim", nlohmann::json::object(), "admin").status, 200);
  EXPECT_EQ(call("GET", fmt::format("/api/v1/tickets/{}", id), "", "supervisor").status, 200);
  auto escalated = move(id, "escalate", {{"hours", 24}, {"note", "群众反映强烈，限期办结"}}, "supervisor");
  ASSERT_EQ(escalated.status, 200) << escalated.body;
  EXPECT_TRUE(json_of(escalated)["escalated"]);
  EXPECT_EQ(move(id, "escalate", {{"hours", 24}, {"note", "x"}}, "townadmin").status, 403);
  auto flagged =
      json_of(call("GET", fmt::format("/api/v1/tickets?region_id={}&escalated=true", fx.town2), "", "admin"));
  EXPECT_EQ(flagged["total"], 1);
}

TEST_P(Hotline, TheCenterAnswersAtOnceRejectsAndTakesBackAReturnedTicket) {
  auto web = phone_ticket("consult");
  web["channel"] = "web";
  auto filed = json_of(call("POST", "/api/v1/tickets", web.dump()));
  auto desk = json_of(call("GET", "/api/v1/tickets/center/desk?state=received", "", "staff"));
  long long consult = desk["items"][0]["id"];
  EXPECT_EQ(move(consult, "dispatch", {{"region_id", fx.town1}}, "staff").status, 409);  // accept first
  auto answered = moved(consult, "answer", {{"answer", "社保卡补办请到县政务服务中心 3 号窗口。"}}, "staff");
  EXPECT_EQ(answered["state"], "completed");
  auto evaluated =
      call("POST", "/api/v1/tickets/track/evaluate",
           nlohmann::json{
               {"ticket_no", filed["ticket_no"]}, {"phone_last4", "1111"}, {"satisfaction", "satisfied"}}
               .dump());
  ASSERT_EQ(evaluated.status, 200) << evaluated.body;
  EXPECT_EQ(json_of(evaluated)["state"], "closed");

  auto spam = json_of(call("POST", "/api/v1/tickets", web.dump()));
  long long spam_id =
      json_of(call("GET", "/api/v1/tickets/center/desk?state=received", "", "staff"))["items"][0]["id"];
  EXPECT_EQ(error_of(move(spam_id, "reject", {{"reason", " "}}, "staff")), "field.required");
  EXPECT_EQ(moved(spam_id, "reject", {{"reason", "重复诉求"}}, "staff")["state"], "rejected");

  long long id = recorded();
  moved(id, "dispatch", {{"department_id", fx.dept_t1}, {"co_handlers", {fx.dept_county}}}, "staff");
  EXPECT_EQ(error_of(move(id, "return", {{"reason", ""}}, "admin")), "field.required");
  auto back = moved(id, "return", {{"reason", "不属于本部门职责"}}, "admin");
  EXPECT_EQ(back["state"], "accepted");
  EXPECT_TRUE(back["assignee_department_id"].is_null());
  auto bad = move(id, "dispatch", {{"region_id", fx.village11}}, "staff");
  EXPECT_EQ(error_of(bad), "ticket.invalid_assignee");
  EXPECT_EQ(error_of(move(id, "dispatch", {{"region_id", fx.town1}, {"department_id", fx.dept_t1}}, "staff")),
            "ticket.invalid_assignee");
}

TEST_P(Hotline, DeadlinesCountWorkingDaysOverNationalDayAndHoursForConsultations) {
  // A complaint dispatched on Tuesday 2026-09-29: 5 working days are 09-30, 10-08, 10-09, Saturday 10-10 and
  // Monday 10-12; due at the end of 10-12 in China.
  auto t = filed_at("2026-09-29T01:00:00Z", "complaint");
  t = dispatched_at("2026-09-29T02:00:00Z", t.id, fx.dept_county, std::nullopt);
  EXPECT_EQ(t.due_at, "2026-10-12T15:59:59.000Z");
  // The assignee (here the county department) asks for 2 more days; the one who asked may not approve.
  t = at("2026-10-09T02:00:00Z", [&](Command& cmd) { return hotline::claim_ticket(cmd, t.id); });
  t = at("2026-10-09T03:00:00Z",
         [&](Command& cmd) { return hotline::request_extension(cmd, t.id, 2, "需现场勘验"); });
  auto self = run_command_at(
      db(), Actor{fx.accounts.at("staff"), "staff"}, "2026-10-09T04:00:00Z",
      [&](Command& cmd) { return hotline::decide_extension(cmd, WorkCalendar::builtin(), t.id, true, ""); });
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().code, "ticket.self_approval");
  t = at(
      "2026-10-09T04:00:00Z",
      [&](Command& cmd) {
        return hotline::decide_extension(cmd, WorkCalendar::builtin(), t.id, true, "同意");
      },
      "admin");
  EXPECT_EQ(t.due_at, "2026-10-14T15:59:59.000Z");
  // Escalated on 10-09 with 24 hours: earlier than the deadline, so it holds; 10 days would not be stricter.
  auto loose = run_command_at(db(), Actor{fx.accounts.at("supervisor"), "supervisor"}, "2026-10-09T05:00:00Z",
                              [&](Command& cmd) { return hotline::escalate_ticket(cmd, t.id, 240, "督办"); });
  ASSERT_FALSE(loose);
  EXPECT_EQ(loose.error().code, "ticket.not_stricter");
  t = at(
      "2026-10-09T05:00:00Z", [&](Command& cmd) { return hotline::escalate_ticket(cmd, t.id, 24, "督办"); },
      "supervisor");
  EXPECT_EQ(t.due_at, "2026-10-10T05:00:00.000Z");
  EXPECT_TRUE(hotline::is_late(t, "2026-10-10T06:00:00.000Z"));
  EXPECT_FALSE(hotline::is_late(t, "2026-10-10T04:00:00.000Z"));

  // A consultation has 24 hours, whatever the day.
  auto c = filed_at("2026-10-01T01:00:00Z", "consult");
  c = dispatched_at("2026-10-01T02:00:00Z", c.id, std::nullopt, fx.town1);
  EXPECT_EQ(c.due_at, "2026-10-02T02:00:00.000Z");

  // The center changes a kind's deadline; bad ones are refused.
  auto set = call("PUT", "/api/v1/tickets/deadlines/help", R"({"amount":2,"unit":"working_days"})", "staff");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(
      call("PUT", "/api/v1/tickets/deadlines/help", R"({"amount":61,"unit":"working_days"})", "staff").status,
      422);
  EXPECT_EQ(
      call("PUT", "/api/v1/tickets/deadlines/help", R"({"amount":2,"unit":"working_days"})", "townadmin")
          .status,
      403);
  auto all = json_of(call("GET", "/api/v1/tickets/deadlines"));
  EXPECT_EQ(all["items"][2]["kind"], "help");
  EXPECT_EQ(all["items"][2]["amount"], 2);
}

FISHBOWL_BACKEND_SUITE(Hotline);

}  // namespace
}  // namespace fishbowl::testing
