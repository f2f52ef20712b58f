#pragma once
// Working days, for every deadline the law counts in them (承诺时限, 法定时限, the disclosure and hotline
// clocks). The rule of the State Council's yearly notices: Monday to Friday are working days and weekends are
// rest days, except the listed public holidays ("off") and the adjusted weekend workdays ("work", 调休上班).
// The listed years come from files in the "cn-workday-calendar/1" format (src/core/calendar/holidays_cn.json
// is built in); a new year is a new file given at run time, not a rebuild. A year no file lists follows the
// weekday rule alone, as that format says; has_year() tells whether a year's notice has been loaded.
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/error.h"

namespace fishbowl {

using Date = std::chrono::year_month_day;

// "2026-10-08" -> Date; nullopt unless it is a real calendar date in exactly that form.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date d);
// The calendar date in China (Asia/Shanghai: UTC+8, no daylight saving) of a stored UTC time such as
// Command::now(): deadlines are counted in the days the people concerned live in. nullopt when malformed.
std::optional<Date> china_date(std::string_view utc_text);
// Today in China, by the system clock.
Date china_today();

class WorkCalendar {
 public:
  // The built-in calendar (the years compiled into the binary).
  static const WorkCalendar& builtin();
  // Adds the years of one calendar file; a year already known is replaced by the file's. Fails with
  // calendar.invalid naming the first bad entry, and then adds nothing.
  Status add(std::string_view json_text);

  bool has_year(int year) const;
  bool is_workday(Date d) const;
  // The holiday or adjusted-workday name of a listed date ("春节", "春节调休上班"), or "".
  std::string name_of(Date d) const;
  // The deadline `days` working days after `start`: the start day itself is not counted, so the result is
  // always a working day; with days = 0 it is start when start is a working day, else the next working day.
  Date add_working_days(Date start, int days) const;
  // Working days in (from, to]: how many of a deadline's days have passed by `to`. 0 when to <= from.
  int working_days_between(Date from, Date to) const;

 private:
  std::set<int> years_;
  std::map<std::chrono::sys_days, std::pair<bool, std::string>> listed_;  // date -> (is a workday, name)
};

}  // namespace fishbowl
