// The hotline's figures over a month of tickets moved at known moments (March 2026 in China), every count
// worked out by hand: the month's bounds in UTC+8, what is left out (rejected, merged), the deadlines met
// and missed, the satisfaction of callbacks, the roll-up by kind, department and town, hot topics, and the
// repeated complaints the center sees.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "hotline/hotline.h"
#include "hotline/terms.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

using hotline::Ticket;

class HotlineFigures : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_TRUE(run_command(db(), Actor::system(), [&](Command& cmd) {
      return hotline::set_center_department(cmd, fx.dept_county);
    }));
  }
  template <class F>
  Ticket at(const std::string& utc, F&& body) {
    auto r = run_command_at(db(), Actor{fx.accounts.at("staff"), "staff"}, utc, std::forward<F>(body));
    EXPECT_TRUE(r) << (r ? "" : r.error().code);
    return r ? *r : Ticket{};
  }
  Ticket filed(const std::string& utc, const std::string& kind, const std::string& channel,
               const std::string& phone = "13900001111") {
    hotline::TicketInput in{kind,
                            channel,
                            "张三",
                            phone,
                            std::nullopt,
                            fx.village11,
                            "",
                            std::nullopt,
                            std::nullopt,
                            "村口路灯不亮",
                            "东关村村口的路灯已经坏了两周",
                            {}};
    return at(utc, [&](Command& cmd) { return hotline::file_ticket(cmd, in); });
  }
  void dispatch(const std::string& utc, long long id, std::optional<long long> dept,
                std::optional<long long> town) {
    at(utc, [&](Command& cmd) {
      return hotline::dispatch_ticket(cmd, WorkCalendar::builtin(), id, {dept, town, {}, ""});
    });
  }
  // Claimed, replied at `replied`, completed and called back.
  void handled(long long id, const std::string& replied, const std::string& satisfaction) {
    at(replied, [&](Command& cmd) { return hotline::claim_ticket(cmd, id); });
    at(replied, [&](Command& cmd) { return hotline::reply_ticket(cmd, id, "已处理"); });
    at(replied, [&](Command& cmd) { return hotline::complete_ticket(cmd, id); });
    at(replied, [&](Command& cmd) { return hotline::call_back_ticket(cmd, id, satisfaction, ""); });
  }
  nlohmann::json row(const nlohmann::json& rows, const std::string& key) {
    for (const auto& r : rows)
      if (r["key"] == key) return r;
    ADD_FAILURE() << "no row " << key << " in " << rows.dump();
    return nlohmann::json::object();
  }
};

TEST_P(HotlineFigures, AMonthIsCountedByHand) {
  // T1: a complaint dispatched to the town on Monday 2 March, replied on the 4th, before its 5 working days.
  auto t1 = filed("2026-03-02T01:00:00.000Z", "complaint", "phone");
  dispatch("2026-03-02T02:00:00.000Z", t1.id, std::nullopt, fx.town1);
  handled(t1.id, "2026-03-04T03:00:00.000Z", "satisfied");
  // T2: help for the county department, 3 working days (due Friday the 6th), replied on the 10th: late.
  auto t2 = filed("2026-03-03T01:00:00.000Z", "help", "phone");
  dispatch("2026-03-03T02:00:00.000Z", t2.id, fx.dept_county, std::nullopt);
  handled(t2.id, "2026-03-10T03:00:00.000Z", "unsatisfied");
  // T3: a consultation the center answers at once.
  auto t3 = filed("2026-03-05T01:00:00.000Z", "consult", "phone");
  at("2026-03-05T01:10:00.000Z",
     [&](Command& cmd) { return hotline::answer_ticket(cmd, t3.id, "请到三号窗口"); });
  at("2026-03-05T02:00:00.000Z",
     [&](Command& cmd) { return hotline::call_back_ticket(cmd, t3.id, "basically_satisfied", ""); });
  // T4: rejected; left out of every rate.
  auto t4 = filed("2026-03-06T01:00:00.000Z", "complaint", "web");
  at("2026-03-06T02:00:00.000Z", [&](Command& cmd) { return hotline::reject_ticket(cmd, t4.id, "重复"); });
  // T5: dispatched to the town and never claimed: its deadline (16 March) has passed, unmet.
  auto t5 = filed("2026-03-09T01:00:00.000Z", "complaint", "phone");
  dispatch("2026-03-09T02:00:00.000Z", t5.id, std::nullopt, fx.town1);
  // T6: the same again from the web, merged into T5; left out.
  auto t6 = filed("2026-03-10T01:00:00.000Z", "complaint", "web");
  at("2026-03-10T02:00:00.000Z", [&](Command& cmd) { return hotline::merge_ticket(cmd, t6.id, t5.id, ""); });
  // T7: 1 March 01:00 in China is still February in UTC; it waits at the center.
  (void)filed("2026-02-28T17:00:00.000Z", "suggestion", "kiosk", "13900002222");
  // T8: 1 April 00:30 in China is still March in UTC: April's.
  (void)filed("2026-03-31T16:30:00.000Z", "suggestion", "kiosk", "13900002222");

  auto r = call("GET", "/api/v1/tickets/figures?month=2026-03");
  ASSERT_EQ(r.status, 200) << r.body;
  auto f = json_of(r);
  const auto& total = f["total"];
  EXPECT_EQ(total["filed"], 5);  // T1 T2 T3 T5 T7
  EXPECT_EQ(total["responded"], 3);
  EXPECT_EQ(total["due"], 3);  // T1 T2 replied, T5 past due
  EXPECT_EQ(total["on_time"], 1);
  EXPECT_EQ(total["resolved"], 3);
  EXPECT_EQ(total["response_rate"], 60.0);
  EXPECT_EQ(total["on_time_rate"], 33.3);
  EXPECT_EQ(total["resolution_rate"], 60.0);
  EXPECT_EQ(total["satisfaction_rate"], 66.7);
  EXPECT_EQ(f["rejected"], 1);
  EXPECT_EQ(f["merged"], 1);

  EXPECT_EQ(row(f["by_kind"], "complaint")["filed"], 2);
  EXPECT_EQ(row(f["by_kind"], "suggestion")["filed"], 1);
  auto town = row(f["by_town"], std::to_string(fx.town1));
  EXPECT_EQ(town["filed"], 2);
  EXPECT_EQ(town["on_time_rate"], 50.0);
  EXPECT_EQ(town["satisfaction_rate"], 100.0);
  // The department's own T2, the center's answer T3 and the waiting T7.
  auto dept = row(f["by_department"], std::to_string(fx.dept_county));
  EXPECT_EQ(dept["filed"], 3);
  EXPECT_EQ(dept["resolved"], 2);
  EXPECT_EQ(dept["satisfaction_rate"], 50.0);
  EXPECT_EQ(dept["on_time_rate"], 0.0);

  // Twelve months up to March; nothing before, so no rates there.
  ASSERT_EQ(f["trend"].size(), 12u);
  EXPECT_EQ(f["trend"][11]["month"], "2026-03");
  EXPECT_EQ(f["trend"][11]["filed"], 5);
  EXPECT_EQ(f["trend"][10]["filed"], 0);
  EXPECT_TRUE(f["trend"][10]["response_rate"].is_null());

  // March 2026 starts on a Sunday: six weeks, the first a single day.
  ASSERT_EQ(f["hot"].size(), 6u);
  EXPECT_EQ(f["hot"][0]["from"], "2026-03-01");
  EXPECT_EQ(f["hot"][0]["to"], "2026-03-01");
  EXPECT_EQ(f["hot"][5]["to"], "2026-03-31");
  const auto& week = f["hot"][1];  // T1 T2 T3 (T4 was rejected)
  ASSERT_FALSE(week["terms"].empty());
  // The three titles are alike: their longest runs stand for the pieces.
  std::set<std::string> terms;
  for (const auto& t : week["terms"]) {
    EXPECT_EQ(t["tickets"], 3);
    terms.insert(t["term"].get<std::string>());
  }
  EXPECT_TRUE(terms.count("路灯不亮")) << week.dump();
  EXPECT_FALSE(terms.count("路灯")) << week.dump();
  EXPECT_EQ(row(f["by_kind"], "complaint")["name"], "投诉");
  EXPECT_EQ(week["places"][0]["tickets"], 3);
  EXPECT_EQ(f.dump().find("13900001111"), std::string::npos);
  EXPECT_EQ(f.dump().find("张三"), std::string::npos);

  // April holds only T8.
  EXPECT_EQ(json_of(call("GET", "/api/v1/tickets/figures?month=2026-04"))["total"]["filed"], 1);

  // The center's view: four complaints from one number about one village (T1 T4 T5 T6).
  auto desk = call("GET", "/api/v1/tickets/figures/desk?month=2026-03", "", "staff");
  ASSERT_EQ(desk.status, 200) << desk.body;
  auto d = json_of(desk);
  ASSERT_EQ(d["repeated_complaints"].size(), 1u);
  EXPECT_EQ(d["repeated_complaints"][0]["phone_tail"], "****1111");
  EXPECT_EQ(d["repeated_complaints"][0]["ticket_nos"].size(), 4u);
  EXPECT_EQ(d["queue"]["by_state"]["dispatched"], 1);  // T5
  EXPECT_EQ(d["queue"]["late"], 1);
  EXPECT_EQ(call("GET", "/api/v1/tickets/figures/desk", "", "citizen").status, 403);
  EXPECT_EQ(call("GET", "/api/v1/tickets/figures/desk", "", "supervisor").status, 200);
}

TEST_P(HotlineFigures, AMonthMustBeWellFormedAndNotInTheFuture) {
  for (const char* bad : {"2026-13", "2026-3", "abcd-ef", "1999-12", "2999-01"}) {
    auto r = call("GET", fmt::format("/api/v1/tickets/figures?month={}", bad));
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_EQ(json_of(r)["error"]["code"], "query.invalid_month") << bad;
    EXPECT_EQ(json_of(r)["error"]["field"], "month") << bad;
  }
  auto empty = json_of(call("GET", "/api/v1/tickets/figures"));
  EXPECT_EQ(empty["total"]["filed"], 0);
  EXPECT_TRUE(empty["total"]["satisfaction_rate"].is_null());
}

FISHBOWL_BACKEND_SUITE(HotlineFigures);

TEST(HotTerms, RecurringRunsStandForTheirPiecesUnlessThePiecesRecurMore) {
  hotline::detail::TermCounter c;
  for (const char* title : {"村口路灯不亮", "东街路灯不亮，问题反映多次", "路灯坏了", "噪音扰民", "反映问题"})
    c.add(title);
  auto top = c.top(10);
  std::map<std::string, long long> got(top.begin(), top.end());
  EXPECT_EQ(got["路灯"], 3);      // also alone in the third title
  EXPECT_EQ(got["路灯不亮"], 2);  // for 灯不, 不亮, 路灯不, 灯不亮
  EXPECT_FALSE(got.count("灯不亮"));
  EXPECT_FALSE(got.count("噪音扰民"));  // once only
  EXPECT_FALSE(got.count("问题"));      // said of everything
  EXPECT_FALSE(got.count("反映"));
  EXPECT_EQ(top.front().first, "路灯");
  EXPECT_EQ(c.top(1).size(), 1u);
}

}  // namespace
}  // namespace fishbowl::testing
