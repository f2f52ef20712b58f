#include "core/calendar.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>

#include "core/clock.h"
#include "core/embedded.h"

namespace fishbowl {

using std::chrono::sys_days;

namespace {

bool weekend(sys_days d) {
  std::chrono::weekday w{d};
  return w == std::chrono::Saturday || w == std::chrono::Sunday;
}

Error bad(const std::string& what) {
  return Error::invalid("calendar.invalid", "工作日历文件有误：" + what, "calendar");
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  Date d{std::chrono::year{num(0, 4)}, std::chrono::month{static_cast<unsigned>(num(5, 2))},
         std::chrono::day{static_cast<unsigned>(num(8, 2))}};
  if (!d.ok()) return std::nullopt;
  return d;
}

std::optional<Date> china_date(std::string_view utc_text) {
  auto t = parse_utc(utc_text);
  if (!t) return std::nullopt;
  return Date{std::chrono::floor<std::chrono::days>(*t + std::chrono::hours(8))};
}

Date china_today() {
  return china_date(now_utc()).value();
}

std::string format_date(Date d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

const WorkCalendar& WorkCalendar::builtin() {
  static const WorkCalendar calendar = [] {
    WorkCalendar c;
    auto added = c.add(embedded_file("src/core/calendar/holidays_cn.json"));
    if (!added) throw std::logic_error("the built-in calendar is invalid: " + added.error().message);
    return c;
  }();
  return calendar;
}

Status WorkCalendar::add(std::string_view json_text) {
  auto doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return bad("不是 JSON 对象");
  if (doc.value("format", "") != "cn-workday-calendar/1") return bad("format 应为 cn-workday-calendar/1");
  if (!doc.contains("years") || !doc["years"].is_object() || doc["years"].empty()) return bad("缺少 years");

  std::set<int> years;
  std::map<sys_days, std::pair<bool, std::string>> listed;
  for (const auto& [key, year] : doc["years"].items()) {
    auto first = parse_date(key + "-01-01");
    if (!first || !year.is_object()) return bad(fmt::format("年份 {} 无效", key));
    int y = static_cast<int>(first->year());
    years.insert(y);
    for (const char* kind : {"off", "work"}) {
      if (!year.contains(kind)) continue;
      if (!year[kind].is_array()) return bad(fmt::format("{} 年的 {} 应为数组", y, kind));
      for (const auto& entry : year[kind]) {
        auto date = entry.is_object() && entry.contains("date") && entry["date"].is_string()
                        ? parse_date(entry["date"].get<std::string>())
                        : std::nullopt;
        if (!date || static_cast<int>(date->year()) != y)
          return bad(fmt::format("{} 年的 {} 中有无效日期 {}", y, kind, entry.dump()));
        std::string name =
            entry.contains("name") && entry["name"].is_string() ? entry["name"].get<std::string>() : "";
        bool work = std::string_view(kind) == "work";
        sys_days day{*date};
        // 调休 only ever moves work onto a weekend; a listed weekday "work" would be a typo in the file.
        if (work && !weekend(day))
          return bad(fmt::format("{} 不是周末，不能列为调休上班日", format_date(*date)));
        if (!listed.emplace(day, std::pair{work, name}).second)
          return bad(fmt::format("{} 重复出现", format_date(*date)));
      }
    }
  }
  for (int y : years) {
    auto from = sys_days{std::chrono::year{y} / 1 / 1}, to = sys_days{std::chrono::year{y + 1} / 1 / 1};
    listed_.erase(listed_.lower_bound(from), listed_.lower_bound(to));
    years_.insert(y);
  }
  listed_.merge(listed);
  return ok_status();
}

bool WorkCalendar::has_year(int year) const {
  return years_.count(year) > 0;
}

bool WorkCalendar::is_workday(Date d) const {
  auto it = listed_.find(sys_days{d});
  return it != listed_.end() ? it->second.first : !weekend(sys_days{d});
}

std::string WorkCalendar::name_of(Date d) const {
  auto it = listed_.find(sys_days{d});
  return it != listed_.end() ? it->second.second : std::string();
}

Date WorkCalendar::add_working_days(Date start, int days) const {
  sys_days d{start};
  if (days <= 0) {
    while (!is_workday(Date{d})) d += std::chrono::days{1};
    return Date{d};
  }
  while (days > 0) {
    d += std::chrono::days{1};
    if (is_workday(Date{d})) --days;
  }
  return Date{d};
}

int WorkCalendar::working_days_between(Date from, Date to) const {
  int n = 0;
  for (sys_days d = sys_days{from} + std::chrono::days{1}; d <= sys_days{to}; d += std::chrono::days{1})
    if (is_workday(Date{d})) ++n;
  return n;
}

}  // namespace fishbowl
