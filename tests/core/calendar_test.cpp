// Working days through the 2025 and 2026 State Council holiday notices (国办发明电〔2024〕12号, 〔2025〕7号).
// Expected dates are read off the notices by hand: holidays, the adjusted weekend workdays, and where a
// deadline lands when counted across them.
#include "core/calendar.h"

#include <gtest/gtest.h>

namespace fishbowl {
namespace {

Date d(const char* text) {
  return parse_date(text).value();
}

std::string deadline(const char* start, int days) {
  return format_date(WorkCalendar::builtin().add_working_days(d(start), days));
}

TEST(Calendar, HolidaysAndAdjustedWeekendsOf2025And2026) {
  const auto& c = WorkCalendar::builtin();
  EXPECT_TRUE(c.has_year(2025));
  EXPECT_TRUE(c.has_year(2026));
  // 春节 2025: Tuesday 28 January to Tuesday 4 February off; Sunday 26 January and Saturday 8 February
  // worked.
  for (const char* off : {"2025-01-28", "2025-01-31", "2025-02-03", "2025-02-04", "2025-10-08", "2026-01-02",
                          "2026-02-16", "2026-02-23", "2026-06-19", "2026-09-25", "2026-10-07"})
    EXPECT_FALSE(c.is_workday(d(off))) << off;
  for (const char* work : {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11", "2026-01-04",
                           "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"})
    EXPECT_TRUE(c.is_workday(d(work))) << work;
  EXPECT_TRUE(c.is_workday(d("2026-10-08")));   // the day after 国庆 2026 is an ordinary Thursday
  EXPECT_FALSE(c.is_workday(d("2026-03-07")));  // an ordinary Saturday
  EXPECT_EQ(c.name_of(d("2026-02-17")), "春节");
  EXPECT_EQ(c.name_of(d("2026-02-28")), "春节调休上班");
  EXPECT_EQ(c.name_of(d("2026-03-03")), "");
}

TEST(Calendar, EachYearHas248WorkingDays) {
  // 261 weekdays, less the holidays that fall on weekdays (18 in 2025, 19 in 2026), plus the adjusted
  // weekend workdays (5 and 6).
  const auto& c = WorkCalendar::builtin();
  EXPECT_EQ(c.working_days_between(d("2024-12-31"), d("2025-12-31")), 248);
  EXPECT_EQ(c.working_days_between(d("2025-12-31"), d("2026-12-31")), 248);
}

TEST(Calendar, TheStartDayIsNotCountedAndDeadlinesLandOnWorkingDays) {
  EXPECT_EQ(deadline("2026-03-02", 1), "2026-03-03");  // Monday + 1 is Tuesday: the filing day does not count
  EXPECT_EQ(deadline("2026-03-06", 1), "2026-03-09");  // Friday + 1 skips the weekend
  // Across 国庆 2025: 1-8 October off, Saturday 11 October worked.
  EXPECT_EQ(deadline("2025-09-30", 5), "2025-10-14");
  // Across 春节 2025 and 2026, where the adjusted Saturday counts.
  EXPECT_EQ(deadline("2025-01-24", 3), "2025-02-05");
  EXPECT_EQ(deadline("2026-02-13", 1), "2026-02-14");
  EXPECT_EQ(deadline("2026-02-14", 1), "2026-02-24");
  // Across 元旦 2026 (1-3 January off, Sunday 4 January worked) and from one year into the next.
  EXPECT_EQ(deadline("2025-12-31", 1), "2026-01-04");
  EXPECT_EQ(deadline("2026-04-30", 1), "2026-05-06");
  // 20 working days (依申请公开, article 33) across 中秋 and 国庆 2026.
  EXPECT_EQ(deadline("2026-09-24", 20), "2026-10-29");
  // A deadline of 0 days on a rest day moves to the next working day.
  EXPECT_EQ(deadline("2026-10-01", 0), "2026-10-08");
  EXPECT_EQ(deadline("2026-03-07", 0), "2026-03-09");
  EXPECT_EQ(deadline("2026-03-04", 0), "2026-03-04");
}

TEST(Calendar, WorkingDaysBetweenCountsTheDaysAfterTheStart) {
  const auto& c = WorkCalendar::builtin();
  EXPECT_EQ(c.working_days_between(d("2025-09-30"), d("2025-10-14")), 5);
  EXPECT_EQ(c.working_days_between(d("2026-03-02"), d("2026-03-02")), 0);
  EXPECT_EQ(c.working_days_between(d("2026-03-09"), d("2026-03-02")), 0);
}

TEST(Calendar, ALaterYearLoadsFromAFileOfTheSameFormat) {
  WorkCalendar c = WorkCalendar::builtin();
  EXPECT_FALSE(c.has_year(2027));
  EXPECT_TRUE(c.is_workday(d("2027-01-01")));  // a Friday, and no notice for 2027 yet: the weekday rule
  ASSERT_TRUE(c.add(R"({"format":"cn-workday-calendar/1","years":{"2027":{
      "off":[{"date":"2027-01-01","name":"元旦"}],"work":[{"date":"2027-01-09","name":"调休上班"}]}}})")
                  .ok());
  EXPECT_TRUE(c.has_year(2027));
  EXPECT_FALSE(c.is_workday(d("2027-01-01")));
  EXPECT_TRUE(c.is_workday(d("2027-01-09")));
  EXPECT_EQ(format_date(c.add_working_days(d("2026-12-31"), 1)), "2027-01-04");
  // The years the file does not list stay as they were; a year listed again is replaced as a whole.
  EXPECT_FALSE(c.is_workday(d("2026-10-07")));
  ASSERT_TRUE(c.add(R"({"format":"cn-workday-calendar/1","years":{"2027":{"off":[],"work":[]}}})").ok());
  EXPECT_TRUE(c.is_workday(d("2027-01-01")));
  EXPECT_FALSE(c.is_workday(d("2027-01-09")));
}

TEST(Calendar, ABadFileIsRefusedWholeAndChangesNothing) {
  WorkCalendar c = WorkCalendar::builtin();
  const char* bad[] = {
      "not json",
      R"({"format":"other/1","years":{"2027":{}}})",
      R"({"format":"cn-workday-calendar/1"})",
      R"({"format":"cn-workday-calendar/1","years":{"20x7":{}}})",
      R"({"format":"cn-workday-calendar/1","years":{"2027":{"off":[{"date":"2027-02-30"}]}}})",
      R"({"format":"cn-workday-calendar/1","years":{"2027":{"off":[{"date":"2028-01-03"}]}}})",
      // a "work" day must be a weekend; 2027-01-04 is a Monday
      R"({"format":"cn-workday-calendar/1","years":{"2027":{"work":[{"date":"2027-01-04"}]}}})",
      R"({"format":"cn-workday-calendar/1","years":{"2027":{"off":[{"date":"2027-01-01"}],
          "work":[{"date":"2027-01-01"}]}}})",
      // a good year beside a bad one: neither is taken
      R"({"format":"cn-workday-calendar/1","years":{"2026":{"off":[]},"2027":{"off":"x"}}})",
  };
  for (const char* text : bad) {
    auto added = c.add(text);
    ASSERT_FALSE(added.ok()) << text;
    EXPECT_EQ(added.error().code, "calendar.invalid");
  }
  EXPECT_FALSE(c.has_year(2027));
  EXPECT_FALSE(c.is_workday(d("2026-10-07")));
}

TEST(Calendar, DatesParseOnlyInTheirOneForm) {
  EXPECT_EQ(format_date(d("2026-02-28")), "2026-02-28");
  for (const char* bad :
       {"2026-2-28", "2026-02-29", "2026/02/28", "20260228", "2026-02-28T00:00", "", "2026-13-01"})
    EXPECT_FALSE(parse_date(bad).has_value()) << bad;
}

}  // namespace
}  // namespace fishbowl
