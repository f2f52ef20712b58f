// The case clocks: a deadline for each stage, and the promised deadline that the waiting for a supplement
// does not count against.
#include "cases/internal.h"

namespace fishbowl::cases::detail {

namespace {

// Working days each holder has before the case must move on. A village room passes a case up the next working
// day and a town center within two; the owning department must accept, refuse or send the one-time notice
// within five (行政许可法第三十二条: otherwise the application counts as accepted).
constexpr int kRoomDays = 1;
constexpr int kCenterDays = 2;
constexpr int kIntakeDays = 5;

}  // namespace

Date today_of(const Command& cmd) {
  auto d = china_date(cmd.now());
  if (!d) throw std::runtime_error("cases: command time is malformed: " + cmd.now());
  return *d;
}

std::string stage_deadline(const WorkCalendar& cal, const Case& c, Date today) {
  int days = kIntakeDays;
  // A room sits on a village, a center on a town; the county hall's general desk counts as a center.
  if (!c.holder_department_id) days = c.holder_level == "village" ? kRoomDays : kCenterDays;
  return format_date(cal.add_working_days(today, days));
}

void resume_clock(const WorkCalendar& cal, Case& c, Date today) {
  auto since = parse_date(c.paused_since);
  int paused = since ? cal.working_days_between(*since, today) : 0;
  auto shift = [&](std::string& due) {
    if (auto d = parse_date(due)) due = format_date(cal.add_working_days(*d, paused));
  };
  shift(c.stage_due);
  shift(c.due_date);
  c.paused_since.clear();
}

}  // namespace fishbowl::cases::detail
