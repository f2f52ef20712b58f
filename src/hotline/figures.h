#pragma once
// Figures of the linkage platform, over the tickets filed in one month (in China):
//
//   filed       tickets neither rejected nor merged into another
//   responded   of those, claimed by an assignee or answered at once by the center      → response rate
//   due         with a deadline that has passed, or already replied                     ┐
//   on_time     replied by the deadline                                                 ┘ on-time rate
//   resolved    completed (办结) or closed after the callback                            → resolution rate
//   satisfied, basically_satisfied, unsatisfied: the last callback or evaluation        → satisfaction rate
//                                                   (满意 and 基本满意 over all evaluated)
//
// by kind, by the department that handles them (tickets answered by the center, or not yet dispatched,
// count for the center's department) and by the town they were dispatched to. All of it is counted by the
// database in one grouped pass over the month and rolled up here, so a month of a million tickets costs
// about what one aggregate query costs. Nothing here names a citizen, except repeated_complaints, which is
// for the center and supervisors and still shows only the callback number's last four digits.
#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "storage/database.h"

namespace fishbowl::hotline {

struct Tally {
  long long filed = 0, responded = 0, due = 0, on_time = 0, resolved = 0;
  long long satisfied = 0, basically_satisfied = 0, unsatisfied = 0;
  Tally& operator+=(const Tally& o);
};
// Counts and rates in per cent with one decimal; a rate with nothing to divide by is null.
nlohmann::json to_json(const Tally& t);

// "2026-11" -> the month; nullopt when malformed.
std::optional<std::chrono::year_month> parse_month(const std::string& text);
std::string format_month(std::chrono::year_month m);
// The month's first and next month's first moment in China, as stored UTC text.
std::pair<std::string, std::string> month_bounds(std::chrono::year_month m);

struct Breakdown {
  std::string key;  // kind, or the department's or town's id
  std::string name;
  Tally tally;
};

struct MonthFigures {
  std::string month;
  Tally total;
  long long rejected = 0, merged = 0;
  std::vector<Breakdown> by_kind, by_department, by_town;
};
// `now` (UTC text) decides which unreplied deadlines have passed.
Result<MonthFigures> month_figures(Database& db, std::chrono::year_month month, const std::string& now);
nlohmann::json to_json(const MonthFigures& f);

// Only the totals, for a trend line.
Result<Tally> month_total(Database& db, std::chrono::year_month month, const std::string& now);

// What waits at this moment: open tickets by state, and those late, escalated or waiting for an extension.
struct Queue {
  std::vector<std::pair<std::string, long long>> by_state;
  long long late = 0, escalated = 0, extension_pending = 0;
};
Result<Queue> queue_now(Database& db, const std::string& now);

struct HotWeek {
  std::string from, to;  // "YYYY-MM-DD", Monday to Sunday clipped to the month
  std::vector<std::pair<std::string, long long>> terms;   // character pairs of titles, by tickets
  std::vector<std::pair<std::string, long long>> places;  // region names, by tickets
};
// Hot topics: the `top` most frequent terms and places of each week of the month.
Result<std::vector<HotWeek>> hot_topics(Database& db, std::chrono::year_month month, std::size_t top);

struct Repeat {
  std::string phone_tail;  // "****1234"
  long long region_id = 0;
  std::string region_name;
  std::vector<std::string> ticket_nos;
};
// Complaints from one callback number about one place, twice or more in the month; most repeated first.
Result<std::vector<Repeat>> repeated_complaints(Database& db, std::chrono::year_month month);

}  // namespace fishbowl::hotline
