// Village affairs and finance (村务公开, 财务公开): drafting, the oversight committee's sign-off and posting
// over HTTP with who may do each; the accounts' checks; and each village's duties under article 30 on fixed
// days (due the 10th of the month after a period; major items 5 working days after the decision).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "disclosure/village.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

using disclosure::VillageAffair;

class VillageAffairs : public ApiTest {
 protected:
  nlohmann::json ordinary(long long village, const std::string& period) {
    return {{"region_id", village},
            {"kind", "ordinary"},
            {"category", "decision"},
            {"period", period},
            {"title", "关于村道硬化工程的村民代表会议决议"},
            {"body_html", "<p>经村民代表会议表决通过，村道硬化工程由村集体组织实施。</p>"}};
  }
  // A month's accounts: 1,200.00 in, 350.50 out, from an opening balance.
  nlohmann::json accounts(long long village, const std::string& month, long long opening) {
    std::string day = month + "-05";
    return {{"region_id", village},
            {"kind", "finance"},
            {"period", month},
            {"title", month + " 财务收支"},
            {"opening_fen", opening},
            {"income_fen", 120000},
            {"expenditure_fen", 35050},
            {"closing_fen", opening + 120000 - 35050},
            {"lines",
             {{{"direction", "income"},
               {"on", day},
               {"subject", "contracting"},
               {"summary", "鱼塘承包费"},
               {"amount_fen", 100000}},
              {{"direction", "income"},
               {"on", day},
               {"subject", "subsidy"},
               {"summary", "村级运转补助"},
               {"amount_fen", 20000}},
              {{"direction", "expenditure"},
               {"on", day},
               {"subject", "management"},
               {"summary", "办公用品"},
               {"amount_fen", 35050}}}}};
  }
  nlohmann::json sign_off(const std::string& on) {
    return {{"members", {"王监督", "刘委员"}}, {"signed_on", on}, {"opinion", "经核对，同意公开"}};
  }
  http::Response act(long long id, const std::string& action, const nlohmann::json& body,
                     const std::string& as = "townadmin") {
    return call("POST", fmt::format("/api/v1/village-affairs/{}/{}", id, action), body.dump(), as);
  }
  long long created(const nlohmann::json& body, const std::string& as = "townadmin") {
    auto r = call("POST", "/api/v1/village-affairs", body.dump(), as);
    EXPECT_EQ(r.status, 201) << r.body;
    return json_of(r).value("id", 0LL);
  }
  std::string error_of(const http::Response& r) { return json_of(r)["error"]["code"]; }
  std::string field_of(const http::Response& r) { return json_of(r)["error"].value("field", ""); }

  // The module's commands at a given moment (UTC), for duties on fixed days.
  template <class F>
  VillageAffair at(const std::string& utc, F&& body) {
    auto r = run_command_at(db(), Actor{fx.accounts.at("townadmin"), "admin"}, utc, std::forward<F>(body));
    EXPECT_TRUE(r) << (r ? "" : r.error().code + " " + r.error().message);
    return r ? *r : VillageAffair{};
  }
  // Creates, signs and posts an item: made and signed on `made` (UTC), posted on `posted`.
  VillageAffair posted(disclosure::VillageAffairInput in, const std::string& made,
                       const std::string& posted) {
    auto a = at(made, [&](Command& cmd) { return disclosure::create_village_affair(cmd, cal, in); });
    (void)at(made, [&](Command& cmd) {
      return disclosure::sign_off_village_affair(cmd, a.id, {{"王监督"}, made.substr(0, 10), ""});
    });
    return at(posted, [&](Command& cmd) { return disclosure::post_village_affair(cmd, a.id); });
  }
  disclosure::VillageAffairInput item(long long village, const std::string& kind, const std::string& period) {
    disclosure::VillageAffairInput in;
    in.region_id = village;
    in.kind = kind;
    in.period = period;
    in.category = kind == "finance" ? "" : "relief_funds";
    in.title = "公开 " + period;
    in.body_html = "<p>明细见附表</p>";
    return in;
  }
  const WorkCalendar& cal = WorkCalendar::builtin();
};

TEST_P(VillageAffairs, AnItemIsPostedOnlyAfterTheOversightSignOffAndThenIsFinalAndPublic) {
  long long id = created(ordinary(fx.village11, "2026-Q1"));
  // A draft is the town's: the public neither finds nor lists it.
  EXPECT_EQ(call("GET", fmt::format("/api/v1/village-affairs/{}", id)).status, 404);
  EXPECT_EQ(call("GET", fmt::format("/api/v1/village-affairs/{}", id), "", "staff").status, 404);
  EXPECT_EQ(json_of(call("GET", "/api/v1/village-affairs"))["total"], 0);

  auto unsigned_post = act(id, "post", nlohmann::json::object());
  EXPECT_EQ(unsigned_post.status, 409);
  EXPECT_EQ(error_of(unsigned_post), "village_affair.not_signed");
  auto nobody =
      act(id, "sign-off", {{"members", nlohmann::json::array()}, {"signed_on", format_date(china_today())}});
  EXPECT_EQ(nobody.status, 422);
  EXPECT_EQ(field_of(nobody), "members");
  auto tomorrow = format_date(std::chrono::sys_days{china_today()} + std::chrono::days{1});
  auto future = act(id, "sign-off", sign_off(tomorrow));
  EXPECT_EQ(future.status, 422);
  EXPECT_EQ(field_of(future), "signed_on");
  EXPECT_EQ(error_of(future), "village_affair.invalid_sign_off");
  EXPECT_EQ(error_of(nobody), "village_affair.invalid_sign_off");

  auto signed_ = act(id, "sign-off", sign_off(format_date(china_today())));
  ASSERT_EQ(signed_.status, 200) << signed_.body;
  EXPECT_EQ(json_of(signed_)["state"], "signed");
  EXPECT_EQ(json_of(signed_)["sign_off"]["members"][1], "刘委员");

  // Editing what was signed voids the sign-off: the committee must see the new text.
  auto body = ordinary(fx.village11, "2026-Q1");
  body.erase("region_id");
  body.erase("kind");
  body["title"] = "关于村道硬化工程的决议及实施情况";
  auto edited = call("PUT", fmt::format("/api/v1/village-affairs/{}", id), body.dump(), "townadmin");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(json_of(edited)["state"], "draft");
  EXPECT_TRUE(json_of(edited)["sign_off"].is_null());
  auto same = call("PUT", fmt::format("/api/v1/village-affairs/{}", id), body.dump(), "townadmin");
  EXPECT_EQ(error_of(same), "village_affair.unchanged");

  ASSERT_EQ(act(id, "sign-off", sign_off(format_date(china_today()))).status, 200);
  auto posted = act(id, "post", nlohmann::json::object());
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(json_of(posted)["posted_on"], format_date(china_today()));

  auto seen = json_of(call("GET", fmt::format("/api/v1/village-affairs/{}", id)));
  EXPECT_EQ(seen["title"], "关于村道硬化工程的决议及实施情况");
  EXPECT_EQ(seen["sign_off"]["opinion"], "经核对，同意公开");
  auto listed =
      json_of(call("GET", fmt::format("/api/v1/village-affairs?region_id={}&kind=ordinary", fx.town1)));
  ASSERT_EQ(listed["total"], 1);
  EXPECT_FALSE(listed["items"][0].contains("body_html"));
  EXPECT_EQ(json_of(call("GET", fmt::format("/api/v1/village-affairs?region_id={}", fx.town2)))["total"], 0);

  auto again = call("PUT", fmt::format("/api/v1/village-affairs/{}", id), body.dump(), "townadmin");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(error_of(again), "village_affair.posted");

  // The draft entered the ledger as a commitment; what was posted, in full.
  auto created_events = json_of(call("GET", "/api/v1/events?type=village_affair.created", "", "admin"));
  ASSERT_EQ(created_events["items"].size(), 1u);
  EXPECT_EQ(created_events["items"][0]["payload"].dump().find("村集体组织实施"), std::string::npos);
  EXPECT_TRUE(created_events["items"][0]["payload"].contains("content_sha256"));
  auto posted_events = json_of(call("GET", "/api/v1/events?type=village_affair.posted", "", "admin"));
  ASSERT_EQ(posted_events["items"].size(), 1u);
  EXPECT_NE(posted_events["items"][0]["payload"].dump().find("村集体组织实施"), std::string::npos);
}

TEST_P(VillageAffairs, OnlyTheTownOverTheVillageAndTheCountyKeepItsAffairs) {
  auto body = ordinary(fx.village11, "2026-Q1");
  EXPECT_EQ(call("POST", "/api/v1/village-affairs", body.dump()).status, 401);
  for (const char* who : {"staff", "agent", "citizen", "supervisor"})
    EXPECT_EQ(call("POST", "/api/v1/village-affairs", body.dump(), who).status, 403) << who;
  EXPECT_EQ(
      call("POST", "/api/v1/village-affairs", ordinary(fx.village21, "2026-Q1").dump(), "townadmin").status,
      403);
  long long id = created(body, "admin");

  EXPECT_EQ(act(id, "sign-off", sign_off(format_date(china_today())), "staff").status, 403);
  EXPECT_EQ(act(id, "sign-off", sign_off(format_date(china_today())), "").status, 401);
  EXPECT_EQ(
      call("GET", fmt::format("/api/v1/village-affairs/desk?region_id={}", fx.town2), "", "townadmin").status,
      403);
  auto desk = json_of(
      call("GET", fmt::format("/api/v1/village-affairs/desk?region_id={}", fx.town1), "", "townadmin"));
  EXPECT_EQ(desk["total"], 1);
  EXPECT_EQ(call("GET", fmt::format("/api/v1/village-affairs/{}", id), "", "townadmin").status, 200);

  auto settings = nlohmann::json{{"finance_cadence", "monthly"}, {"since_on", "2026-01-01"}};
  EXPECT_EQ(call("PUT", fmt::format("/api/v1/villages/{}/duties", fx.village21), settings.dump(), "townadmin")
                .status,
            403);
  EXPECT_EQ(
      call("PUT", fmt::format("/api/v1/villages/{}/duties", fx.village11), settings.dump(), "agent").status,
      403);
  auto set =
      call("PUT", fmt::format("/api/v1/villages/{}/duties", fx.village11), settings.dump(), "townadmin");
  EXPECT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(json_of(set)["settings"]["finance_cadence"], "monthly");
}

TEST_P(VillageAffairs, BadItemsAreRefusedWithTheFieldAndNothingIsStored) {
  auto refused = [&](nlohmann::json body, const char* code, const char* field) {
    auto r = call("POST", "/api/v1/village-affairs", body.dump(), "townadmin");
    EXPECT_EQ(error_of(r), code) << body.dump() << " " << r.body;
    EXPECT_EQ(field_of(r), field) << body.dump();
  };
  auto town = ordinary(fx.village11, "2026-Q1");
  town["region_id"] = fx.town1;
  refused(town, "village_affair.not_a_village", "region_id");
  refused(ordinary(fx.village11, "2026-03"), "village_affair.invalid_period", "period");
  refused(ordinary(fx.village11, "2026-Q5"), "village_affair.invalid_period", "period");
  refused(ordinary(fx.village11, "2099-Q1"), "village_affair.invalid_period", "period");
  auto category = ordinary(fx.village11, "2026-Q1");
  category["category"] = "gossip";
  refused(category, "village_affair.invalid_category", "category");
  auto empty = ordinary(fx.village11, "2026-Q1");
  empty["body_html"] = "<script>x</script>";
  refused(empty, "village_affair.empty_body", "body_html");
  auto major = ordinary(fx.village11, "");
  major.erase("period");
  major["kind"] = "major";
  major["decided_on"] = "2099-01-01";
  refused(major, "village_affair.invalid_decided_on", "decided_on");

  auto income = accounts(fx.village11, "2026-01", 0);
  income["income_fen"] = 120001;
  refused(income, "village_affair.totals_mismatch", "income_fen");
  auto spent = accounts(fx.village11, "2026-01", 0);
  spent["expenditure_fen"] = 1;
  refused(spent, "village_affair.totals_mismatch", "expenditure_fen");
  auto closing = accounts(fx.village11, "2026-01", 500);
  closing["closing_fen"] = 84950;
  refused(closing, "village_affair.totals_mismatch", "closing_fen");
  auto day = accounts(fx.village11, "2026-01", 0);
  day["lines"][1]["on"] = "2026-02-01";
  refused(day, "village_affair.invalid_line", "lines[1].on");
  auto subject = accounts(fx.village11, "2026-01", 0);
  subject["lines"][2]["subject"] = "subsidy";  // an income subject on an expenditure line
  refused(subject, "village_affair.invalid_line", "lines[2].subject");
  auto zero = accounts(fx.village11, "2026-01", 0);
  zero["lines"][0]["amount_fen"] = 0;
  refused(zero, "field.out_of_range", "lines[0].amount_fen");
  auto typo = accounts(fx.village11, "2026-01", 0);
  typo["lines"][0]["amount"] = 5;
  refused(typo, "field.unknown", "lines[0].amount");
  EXPECT_EQ(count("village_affairs"), 0);
  EXPECT_EQ(count("village_finance_lines"), 0);

  created(accounts(fx.village11, "2026-01", 0));
  EXPECT_EQ(count("village_finance_lines"), 3);
  auto twice =
      call("POST", "/api/v1/village-affairs", accounts(fx.village11, "2026-01", 0).dump(), "townadmin");
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(error_of(twice), "village_affair.period_taken");
  auto quarter = accounts(fx.village11, "2026-Q1", 0);
  quarter["lines"] = accounts(fx.village11, "2026-02", 0)["lines"];
  auto overlapping = call("POST", "/api/v1/village-affairs", quarter.dump(), "townadmin");
  EXPECT_EQ(error_of(overlapping), "village_affair.period_taken");
}

TEST_P(VillageAffairs, AccountsArePostedAfterTheirPeriodAndChainFromTheLastPostedBalance) {
  // This month has not ended: its accounts can be drafted and signed, not posted.
  Date today = china_today();
  std::string month =
      fmt::format("{:04}-{:02}", static_cast<int>(today.year()), static_cast<unsigned>(today.month()));
  auto current = accounts(fx.village11, month, 0);
  for (auto& l : current["lines"]) l["on"] = month + "-01";
  long long open_id = created(current);
  ASSERT_EQ(act(open_id, "sign-off", sign_off(format_date(today))).status, 200);
  auto early = act(open_id, "post", nlohmann::json::object());
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(error_of(early), "village_affair.period_open");

  // September closes at 5,000.00; October must open with it, before and at posting.
  auto september = item(fx.village12, "finance", "2025-09");
  september.opening_fen = september.closing_fen = 500000;
  (void)posted(september, "2025-10-02T02:00:00Z", "2025-10-09T02:00:00Z");
  auto october = accounts(fx.village12, "2025-10", 400000);
  auto wrong = call("POST", "/api/v1/village-affairs", october.dump(), "townadmin");
  EXPECT_EQ(error_of(wrong), "village_affair.opening_mismatch");
  EXPECT_EQ(field_of(wrong), "opening_fen");
  long long oct = created(accounts(fx.village12, "2025-10", 500000));
  auto ok = act(oct, "sign-off", sign_off(format_date(today)));
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto out = act(oct, "post", nlohmann::json::object());
  ASSERT_EQ(out.status, 200) << out.body;
  auto seen = json_of(call("GET", fmt::format("/api/v1/village-affairs/{}", oct)));
  EXPECT_EQ(seen["closing_fen"], 500000 + 120000 - 35050);
  ASSERT_EQ(seen["lines"].size(), 3u);
  EXPECT_EQ(seen["lines"][0]["summary"], "鱼塘承包费");
}

TEST_P(VillageAffairs, DutiesFollowArticle30OnFixedDays) {
  ASSERT_TRUE(run_command_at(db(), Actor::system(), "2025-07-01T01:00:00Z", [&](Command& cmd) {
    return disclosure::set_village_settings(cmd, fx.village11, "monthly", "2025-07-01");
  }));
  ASSERT_TRUE(run_command_at(db(), Actor::system(), "2025-07-01T01:00:00Z", [&](Command& cmd) {
    return disclosure::set_village_settings(cmd, fx.village12, "quarterly", "2025-07-15");
  }));
  // village11: Q3's ordinary items on time (due 10-10); July's accounts on time, August's late (due 09-10),
  // none for September or October.
  (void)posted(item(fx.village11, "ordinary", "2025-Q3"), "2025-10-08T02:00:00Z", "2025-10-09T02:00:00Z");
  (void)posted(item(fx.village11, "finance", "2025-07"), "2025-08-04T02:00:00Z", "2025-08-05T02:00:00Z");
  (void)posted(item(fx.village11, "finance", "2025-08"), "2025-09-12T02:00:00Z", "2025-09-15T02:00:00Z");
  // A major item decided on Monday 2025-11-03 is due 5 working days later, Monday 11-10; it was not posted.
  auto major = item(fx.village11, "major", "");
  major.decided_on = "2025-11-03";
  auto m = at("2025-11-04T02:00:00Z",
              [&](Command& cmd) { return disclosure::create_village_affair(cmd, cal, major); });
  EXPECT_EQ(m.due_on, "2025-11-10");
  // One decided on 11-18 is not due yet: still the town's draft, not shown.
  major.decided_on = "2025-11-18";
  (void)at("2025-11-19T02:00:00Z",
           [&](Command& cmd) { return disclosure::create_village_affair(cmd, cal, major); });
  // village12 keeps quarterly accounts but posted Q3 month by month: the quarter is covered by the three.
  for (const char* month : {"2025-07", "2025-08", "2025-09"})
    (void)posted(item(fx.village12, "finance", month), "2025-10-01T02:00:00Z", "2025-10-06T02:00:00Z");

  auto d = disclosure::village_duties(db(), fx.village11, 2025, Date{std::chrono::year{2025} / 11 / 20});
  ASSERT_TRUE(d) << d.error().message;
  std::vector<std::string> seen;
  for (const auto& p : d->periods) seen.push_back(p.kind + " " + p.period + " " + p.due_on + " " + p.status);
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "ordinary 2025-Q3 2025-10-10 posted", "ordinary 2025-Q4 2026-01-10 open",
                      "finance 2025-07 2025-08-10 posted", "finance 2025-08 2025-09-10 late",
                      "finance 2025-09 2025-10-10 overdue", "finance 2025-10 2025-11-10 overdue",
                      "finance 2025-11 2025-12-10 open"}));
  EXPECT_EQ(d->overdue_finance, 2);
  EXPECT_EQ(d->overdue_ordinary, 0);
  EXPECT_EQ(d->overdue_major, 1);
  ASSERT_EQ(d->major.size(), 1u);
  EXPECT_EQ(d->major[0].decided_on, "2025-11-03");
  EXPECT_EQ(d->last_posted_on, "2025-10-09");

  auto q = disclosure::village_duties(db(), fx.village12, 2025, Date{std::chrono::year{2025} / 11 / 20});
  ASSERT_TRUE(q);
  ASSERT_EQ(q->periods.size(), 4u);  // ordinary Q3, Q4; finance Q3, Q4
  EXPECT_EQ(q->periods[2].period, "2025-Q3");
  EXPECT_EQ(q->periods[2].status, "posted");
  EXPECT_EQ(q->periods[2].item_ids.size(), 3u);
  EXPECT_EQ(q->periods[0].status, "overdue");  // no ordinary items for Q3

  // The public overview of the town: every village, settings or not; a town has no duties page.
  auto overview =
      json_of(call("GET", fmt::format("/api/v1/village-affairs/overview?region_id={}&year=2025", fx.town1)));
  ASSERT_EQ(overview["items"].size(), 2u);
  EXPECT_EQ(overview["items"][0]["region_id"], fx.village11);
  EXPECT_EQ(call("GET", fmt::format("/api/v1/villages/{}/duties", fx.town1)).status, 404);
  // The posted items page on by cursor to the same list, newest due first.
  std::string list = fmt::format("/api/v1/village-affairs?region_id={}&year=2025", fx.town1);
  auto whole = json_of(call("GET", list + "&page_size=100"));
  ASSERT_EQ(whole["total"], 6);
  EXPECT_TRUE(whole["next_cursor"].is_null());
  std::vector<long long> all, paged;
  for (const auto& a : whole["items"]) all.push_back(a["id"]);
  std::string cursor;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = json_of(call("GET", list + "&page_size=4" + (cursor.empty() ? "" : "&cursor=" + cursor)));
    for (const auto& a : page["items"]) paged.push_back(a["id"]);
    if (page["next_cursor"].is_null()) break;
    cursor = page["next_cursor"];
  }
  EXPECT_EQ(paged, all);
  EXPECT_EQ(error_of(call("GET", list + "&cursor=2025-13-01_1")), "query.invalid_cursor");
  auto none = json_of(call("GET", fmt::format("/api/v1/villages/{}/duties?year=2025", fx.village21)));
  EXPECT_TRUE(none["settings"].is_null());
  EXPECT_TRUE(none["periods"].empty());

  // In the new year the current year's page still shows what 2025 left overdue (the fourth quarter was due on
  // 10 January), before the new year's periods; a past year's page shows only that year.
  Date jan20{std::chrono::year{2026} / 1 / 20};
  auto n = disclosure::village_duties(db(), fx.village11, 2026, jan20);
  ASSERT_TRUE(n) << n.error().message;
  seen.clear();
  for (const auto& p : n->periods) seen.push_back(p.kind + " " + p.period + " " + p.status);
  EXPECT_EQ(seen, (std::vector<std::string>{"ordinary 2025-Q4 overdue", "finance 2025-09 overdue",
                                            "finance 2025-10 overdue", "finance 2025-11 overdue",
                                            "finance 2025-12 overdue", "ordinary 2026-Q1 open",
                                            "finance 2026-01 open"}));
  EXPECT_EQ(n->overdue_ordinary, 1);
  EXPECT_EQ(n->overdue_finance, 4);
  EXPECT_EQ(n->overdue_major, 2);  // the one decided on 11-18 is past due by now too
  EXPECT_EQ(n->major.size(), 2u);
  auto past = disclosure::village_duties(db(), fx.village11, 2025, jan20);
  ASSERT_TRUE(past);
  EXPECT_EQ(past->periods.size(), 8u);  // Q3, Q4; July to December
  EXPECT_EQ(past->overdue_finance, 4);
}

TEST(VillagePeriods, ArithmeticOfMonthsAndQuarters) {
  using disclosure::period_due_on;
  using disclosure::previous_period;
  EXPECT_EQ(period_due_on("2026-12"), "2027-01-10");
  EXPECT_EQ(period_due_on("2026-Q4"), "2027-01-10");
  EXPECT_EQ(period_due_on("2026-Q1"), "2026-04-10");
  EXPECT_EQ(previous_period("2026-Q1"), "2025-Q4");
  EXPECT_EQ(previous_period("2026-03"), "2026-02");
  for (const char* bad :
       {"2026-13", "2026-00", "2026-Q0", "2026-Q5", "2026-1", "26-01", "2026-Qx", "1999-01"})
    EXPECT_FALSE(disclosure::period_days(bad)) << bad;
  auto feb = disclosure::period_days("2028-02");
  ASSERT_TRUE(feb);
  EXPECT_EQ(format_date(feb->second), "2028-02-29");
}

FISHBOWL_BACKEND_SUITE(VillageAffairs);

}  // namespace
}  // namespace fishbowl::testing
