// The case clocks across the 2025 and 2026 holidays: each stage's deadline, the promised deadline from
// acceptance, and the pause while the applicant supplements. Expected dates are counted by hand on the
// State Council holiday notices (国办发明电〔2024〕12号 and 〔2025〕7号).
#include <gtest/gtest.h>

#include "cases/cases.h"
#include "cases/ratings.h"
#include "services/services.h"
#include "support/sample_guide.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

class CaseDeadlines : public ApiTest {
 protected:
  const WorkCalendar& cal = WorkCalendar::builtin();
  long long item = 0;  // the county department's, promised in 15 working days

  void SetUp() override {
    ApiTest::SetUp();
    services::ItemInput in{"DL1", fx.dept_county, fx.county, "county", sample_guide()};
    item =
        run_command(db(), Actor::system(), [&](Command& cmd) { return services::create_item(cmd, in); })->id;
  }

  // Runs one case change at 10:00 in China on `day`.
  template <class F>
  cases::Case on(const std::string& day, F&& change) {
    auto r = run_command_at(db(), Actor{fx.accounts["staff"], "staff"}, day + "T02:00:00.000Z",
                            std::forward<F>(change));
    if (!r) ADD_FAILURE() << day << ": " << r.error().code << " " << r.error().message;
    return r ? *r : cases::Case{};
  }
  cases::Case file_at(long long region, const std::string& day) {
    cases::FilingInput in;
    in.item_id = item;
    in.region_id = region;
    in.channel = "window";
    in.applicant = {"王五", "13700001111", ""};
    return on(day, [&](Command& cmd) { return cases::file_case(cmd, cal, in); });
  }
  cases::Case forward(long long id, const char* to, const std::string& day) {
    return on(day, [&](Command& cmd) { return cases::forward_case(cmd, cal, id, to, ""); });
  }
};

TEST_P(CaseDeadlines, EachHopHasItsOwnDeadlineAcrossNationalDay2026) {
  // Wednesday 30 September: a room has one working day, and 1–7 October are off.
  auto c = file_at(fx.village11, "2026-09-30");
  EXPECT_EQ(c.case_no.substr(0, 8), "20260930");
  EXPECT_EQ(c.stage_due, "2026-10-08");
  // A center has two: Friday 9 and the adjusted Saturday 10 October.
  c = forward(c.id, "town", "2026-10-08");
  EXPECT_EQ(c.holder_name, "一镇便民服务中心");
  EXPECT_EQ(c.stage_due, "2026-10-10");
  // The department has five to accept: 10, 12, 13, 14, 15 October.
  c = forward(c.id, "department", "2026-10-09");
  EXPECT_EQ(c.holder_name, "县民政局");
  EXPECT_EQ(c.stage_due, "2026-10-15");
  // Fifteen promised days from Friday 9 October: 10, 12–16, 19–23, 26–29.
  c = on("2026-10-09", [&](Command& cmd) { return cases::accept_case(cmd, cal, c.id); });
  EXPECT_EQ(c.due_date, "2026-10-29");
  EXPECT_EQ(c.stage_due, c.due_date);
}

TEST_P(CaseDeadlines, WaitingForASupplementDoesNotCount) {
  auto c = file_at(fx.county, "2026-10-09");
  c = on("2026-10-09", [&](Command& cmd) { return cases::accept_case(cmd, cal, c.id); });
  ASSERT_EQ(c.due_date, "2026-10-29");
  c = on("2026-10-12", [&](Command& cmd) { return cases::notify_missing(cmd, c.id, {"户口簿"}); });
  EXPECT_EQ(c.state, "awaiting_supplement");
  EXPECT_EQ(c.paused_since, "2026-10-12");
  // Paused while waiting, even long past the deadline.
  EXPECT_FALSE(cases::is_overdue(c, parse_date("2026-11-30").value()));
  // Supplemented on Friday 16 October: the 13th to the 16th (four working days) are added back.
  c = on("2026-10-16", [&](Command& cmd) { return cases::supplement_case(cmd, cal, c.id); });
  EXPECT_EQ(c.state, "accepted");
  EXPECT_EQ(c.paused_since, "");
  EXPECT_EQ(c.due_date, "2026-11-04");
  EXPECT_FALSE(cases::is_overdue(c, parse_date("2026-11-04").value()));
  EXPECT_TRUE(cases::is_overdue(c, parse_date("2026-11-05").value()));
}

TEST_P(CaseDeadlines, SpringFestival2026AndItsAdjustedSaturday) {
  // Friday 13 February: the next working day is the adjusted Saturday 14 February.
  auto c = file_at(fx.village11, "2026-02-13");
  EXPECT_EQ(c.stage_due, "2026-02-14");
  // From that Saturday a center's two days skip 15–23 February: 24 and 25 February.
  c = forward(c.id, "town", "2026-02-14");
  EXPECT_EQ(c.stage_due, "2026-02-25");
}

TEST_P(CaseDeadlines, NationalDay2025AtTheDepartmentItself) {
  // Filed at the county hall where the department sits: it holds the case at once, with five days to accept
  // across 1–8 October 2025 (the adjusted Saturday 11 October counts).
  auto c = file_at(fx.county, "2025-09-30");
  EXPECT_EQ(c.holder_name, "县民政局");
  EXPECT_EQ(c.stage_due, "2025-10-14");
  // A room's one day from Sunday 28 September 2025, itself an adjusted workday: Monday 29 September.
  auto room = file_at(fx.village11, "2025-09-28");
  EXPECT_EQ(room.stage_due, "2025-09-29");
}

TEST_P(CaseDeadlines, OverdueIsFlaggedToTheDepartmentAndInTheList) {
  auto late = file_at(fx.village11, "2026-01-05");  // the room's day ended on 6 January
  auto fresh = file_at(fx.village11, "2026-09-30");
  EXPECT_TRUE(cases::is_overdue(late, parse_date("2026-01-07").value()));
  EXPECT_FALSE(cases::is_overdue(late, parse_date("2026-01-06").value()));
  cases::CaseQuery q;
  q.department_id = fx.dept_county;
  q.overdue_only = true;
  auto page = cases::list_cases(db(), q, parse_date("2026-10-09").value());
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 2);  // the room missed both days
  page = cases::list_cases(db(), q, parse_date("2026-10-08").value());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items.at(0).id, late.id);
  EXPECT_NE(page->items.at(0).id, fresh.id);
  EXPECT_TRUE(cases::to_json(late, parse_date("2026-10-09").value())["overdue"]);
  // Once refused the case is closed, and no longer counts as overdue.
  auto closed = on("2026-01-07", [&](Command& cmd) {
    auto at_department = cases::forward_case(cmd, cal, late.id, "department", "");
    if (!at_department) return at_department;
    return cases::refuse_case(cmd, late.id, "不属于本部门职权");
  });
  EXPECT_EQ(closed.state, "refused");
  EXPECT_FALSE(cases::is_overdue(closed, parse_date("2026-10-09").value()));
}

TEST_P(CaseDeadlines, ABadRatingIsAnsweredWithinTheConfiguredWorkingDays) {
  auto c = file_at(fx.county, "2026-09-28");
  for (auto move :
       {+[](Command&cmd, const WorkCalendar&cal, long long id) { return cases::accept_case(cmd, cal, id); },
        +[](Command&cmd, const WorkCalendar&, long long id) {
          return cases::decide_case(cmd, id, "approved", "");
        },
        +[](Command&cmd, const WorkCalendar&, long long id) {
          return cases::complete_case(cmd, id, "窗口领取");
        }})
    c = on("2026-09-29", [&](Command& cmd) { return move(cmd, cal, c.id); });
  ASSERT_EQ(c.state, "completed");
  // Rated on Wednesday 30 September with five days to answer: 8, 9, 10 (the adjusted Saturday), 12, 13
  // October.
  auto rated = run_command_at(db(), Actor{std::nullopt, "anonymous"}, "2026-09-30T02:00:00.000Z",
                              [&](Command& cmd) { return cases::rate_case(cmd, cal, c.id, 1, "", 5); });
  ASSERT_TRUE(rated.ok());
  EXPECT_EQ(rated->follow_up_due, "2026-10-13");
  auto figures = cases::satisfaction_figures(db(), parse_date("2026-10-14").value());
  ASSERT_TRUE(figures.ok());
  EXPECT_EQ((*figures)["county"]["follow_ups_overdue"], 1);
  EXPECT_EQ((*figures)["county"]["satisfied_rate"], 0.0);
  figures = cases::satisfaction_figures(db(), parse_date("2026-10-13").value());
  EXPECT_EQ((*figures)["county"]["follow_ups_overdue"], 0);
}

FISHBOWL_BACKEND_SUITE(CaseDeadlines);

}  // namespace
}  // namespace fishbowl::testing
