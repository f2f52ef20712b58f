#include "app/cli_calendar.h"

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "app/cli.h"

namespace fishbowl {

Result<WorkCalendar> load_calendar(const std::vector<std::string>& files) {
  WorkCalendar calendar = WorkCalendar::builtin();
  for (const auto& file : files) {
    auto text = read_file(file);
    if (!text) return Error::invalid("calendar.unreadable", "无法读取工作日历文件 " + file, "calendar");
    auto added = calendar.add(*text);
    if (!added) {
      Error e = added.error();
      e.message = file + "：" + e.message;
      return e;
    }
  }
  return calendar;
}

void add_calendar_option(CLI::App& command, std::vector<std::string>& files) {
  command
      .add_option("--calendar", files,
                  "working-day calendar file (cn-workday-calendar/1) adding or replacing years; repeatable")
      ->envname("FISHBOWL_CALENDAR")
      ->delimiter(',');
}

namespace {

Result<Date> date_option(const std::string& text, const char* name) {
  auto d = parse_date(text);
  if (!d) return Error::invalid("calendar.invalid_date", "日期应为 YYYY-MM-DD 形式的真实日期", name);
  return *d;
}

}  // namespace

void add_calendar_commands(CLI::App& app, int& exit_code) {
  auto* cal = app.add_subcommand("calendar", "Working days: deadlines and the holiday calendar");
  cal->require_subcommand(1);
  struct Options {
    std::vector<std::string> files;
    std::string from;
    int days = 0;
    int year = 0;
  };
  auto o = std::make_shared<Options>();
  add_calendar_option(*cal, o->files);

  auto* deadline = cal->add_subcommand("deadline", "Print the date N working days after a day (not counted)");
  deadline->add_option("--from", o->from, "the start day, YYYY-MM-DD (not counted)")->required();
  deadline->add_option("--days", o->days, "working days")->required()->check(CLI::Range(0, 3650));
  deadline->callback([&exit_code, o] {
    auto calendar = load_calendar(o->files);
    if (!calendar) return void(exit_code = fail(calendar.error()));
    auto start = date_option(o->from, "from");
    if (!start) return void(exit_code = fail(start.error()));
    std::cout << format_date(calendar->add_working_days(*start, o->days)) << "\n";
  });

  auto* year =
      cal->add_subcommand("year", "List a year's holidays and adjusted workdays, and count its working days");
  year->add_option("year", o->year, "the year")->required()->check(CLI::Range(1950, 2200));
  year->callback([&exit_code, o] {
    int y = o->year;
    auto calendar = load_calendar(o->files);
    if (!calendar) return void(exit_code = fail(calendar.error()));
    Date first{std::chrono::year{y} / 1 / 1}, last{std::chrono::year{y} / 12 / 31};
    std::cout << fmt::format(
        "{} 年：{}，工作日 {} 天\n", y,
        calendar->has_year(y) ? "已载入国务院放假安排" : "未载入放假安排，仅按周一至周五计算",
        calendar->working_days_between(Date{std::chrono::sys_days{first} - std::chrono::days{1}}, last));
    for (auto d = std::chrono::sys_days{first}; d <= std::chrono::sys_days{last}; d += std::chrono::days{1}) {
      std::string name = calendar->name_of(Date{d});
      if (!name.empty())
        std::cout << fmt::format("{}  {}  {}\n", format_date(Date{d}),
                                 calendar->is_workday(Date{d}) ? "上班" : "休息", name);
    }
  });
}

}  // namespace fishbowl
