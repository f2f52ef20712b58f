// What each village owes under article 30: its periods, the items that cover them, and what is overdue.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "disclosure/village_internal.h"
#include "storage/row.h"

namespace fishbowl::disclosure {

using namespace std::chrono;

namespace {

std::string month_period(Date d) {
  return fmt::format("{:04}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
}

std::string quarter_period(Date d) {
  return fmt::format("{:04}-Q{}", static_cast<int>(d.year()), (static_cast<unsigned>(d.month()) - 1) / 3 + 1);
}

// The periods of one cadence in `year` whose first day lies in [from, to], oldest first.
std::vector<std::string> periods_between(int year, bool quarters, Date from, Date to) {
  std::vector<std::string> out;
  for (unsigned m = 1; m <= 12; m += quarters ? 3 : 1) {
    Date first = std::chrono::year{year} / month{m} / 1;
    Date last_of_period = year_month_day_last{std::chrono::year{year} / month{m + (quarters ? 2 : 0)} / last};
    if (sys_days{last_of_period} < sys_days{from} || sys_days{first} > sys_days{to}) continue;
    out.push_back(quarters ? quarter_period(first) : month_period(first));
  }
  return out;
}

bool overlaps(const std::string& a, const std::string& b) {
  auto x = period_days(a), y = period_days(b);
  return x && y && sys_days{x->first} <= sys_days{y->second} && sys_days{y->first} <= sys_days{x->second};
}

// A period is covered by posted items of its kind: one for the period itself or one holding it, or, for a
// quarter's accounts, the accounts of each of its months. posted_on is the day it became fully covered.
PeriodDuty duty_of(const std::string& kind, const std::string& period,
                   const std::vector<VillageAffair>& items, Date today) {
  PeriodDuty d{kind, period, period_due_on(period), "", "", {}};
  auto whole = period_days(period);
  std::string covered_on;
  std::vector<std::pair<Date, Date>> covering;
  for (const auto& a : items) {
    if (a.kind != kind || a.state != "posted" || !overlaps(a.period, period)) continue;
    d.item_ids.push_back(a.id);
    auto span = period_days(a.period);
    covering.push_back(*span);
    if (covered_on.empty() || a.posted_on > covered_on) covered_on = a.posted_on;
  }
  // Covered when the posted periods together reach from the first day to the last.
  std::sort(covering.begin(), covering.end(),
            [](const auto& x, const auto& y) { return sys_days{x.first} < sys_days{y.first}; });
  sys_days reach = sys_days{whole->first};
  for (const auto& [first, last] : covering)
    if (sys_days{first} <= reach && sys_days{last} >= reach) reach = sys_days{last} + days{1};
  bool covered = reach > sys_days{whole->second};
  if (covered) {
    d.posted_on = covered_on;
    d.status = covered_on > d.due_on ? "late" : "posted";
  } else {
    d.status = format_date(today) > d.due_on ? "overdue" : "open";
  }
  return d;
}

std::vector<long long> path_ids(const std::string& path) {
  std::vector<long long> ids;
  for (std::size_t at = 1; at < path.size();) {
    std::size_t end = path.find('/', at);
    if (end == std::string::npos) break;
    ids.push_back(std::stoll(path.substr(at, end - at)));
    at = end + 1;
  }
  return ids;
}

VillageSettings settings_from(const soci::row& r) {
  return VillageSettings{int64_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3)};
}

// Adds the duties of `year`: all of them, or, for a year before the one shown, only those still overdue.
void add_duties(VillageDuties& v, std::vector<VillageAffair> items, int year, Date today, bool overdue_only) {
  for (const auto& a : items)
    if (a.posted_on > v.last_posted_on) v.last_posted_on = a.posted_on;
  if (v.settings) {
    Date since = *parse_date(v.settings->since_on);
    Date first = std::chrono::year{year} / January / 1;
    Date from = sys_days{since} > sys_days{first} ? since : first;
    bool quarterly = v.settings->finance_cadence == "quarterly";
    for (const char* kind : {"ordinary", "finance"})
      for (const auto& p : periods_between(year, kind == std::string("ordinary") || quarterly, from, today))
        if (auto d = duty_of(kind, p, items, today); !overdue_only || d.status == "overdue")
          v.periods.push_back(std::move(d));
  }
  for (auto& a : items) {
    if (a.kind != "major" || a.decided_on.substr(0, 4) != std::to_string(year)) continue;
    // A draft is the town's until it is due; past due, the public sees that it is missing.
    bool overdue = a.state != "posted" && is_late(a, today);
    if (overdue || (a.state == "posted" && !overdue_only)) v.major.push_back(std::move(a));
  }
}

void count_overdue(VillageDuties& v, Date today) {
  for (const auto& p : v.periods)
    if (p.status == "overdue") ++(p.kind == "ordinary" ? v.overdue_ordinary : v.overdue_finance);
  for (const auto& a : v.major)
    if (a.state != "posted" && is_late(a, today)) ++v.overdue_major;
}

}  // namespace

std::optional<std::pair<Date, Date>> period_days(const std::string& period) {
  int year = 0;
  unsigned n = 0;
  char sep = 0;
  if (period.size() == 7 && std::sscanf(period.c_str(), "%4d-%2u", &year, &n) == 2 && period[4] == '-' &&
      std::isdigit(static_cast<unsigned char>(period[5])) && n >= 1 && n <= 12 && year >= 2000 &&
      year <= 2100) {
    Date first = std::chrono::year{year} / month{n} / 1;
    return std::make_pair(first, Date{year_month_day_last{std::chrono::year{year} / month{n} / last}});
  }
  if (period.size() == 7 && std::sscanf(period.c_str(), "%4d-%c%1u", &year, &sep, &n) == 3 && sep == 'Q' &&
      n >= 1 && n <= 4 && year >= 2000 && year <= 2100) {
    Date first = std::chrono::year{year} / month{n * 3 - 2} / 1;
    return std::make_pair(first, Date{year_month_day_last{std::chrono::year{year} / month{n * 3} / last}});
  }
  return std::nullopt;
}

std::string period_due_on(const std::string& period) {
  auto days = period_days(period);
  if (!days) return "";
  Date next = sys_days{days->second} + std::chrono::days{1};
  return format_date(next.year() / next.month() / day{kDueDayOfNextMonth});
}

std::string previous_period(const std::string& period) {
  auto days = period_days(period);
  if (!days) return "";
  Date before = sys_days{days->first} - std::chrono::days{1};
  return period[5] == 'Q' ? quarter_period(before) : month_period(before);
}

nlohmann::json to_json(const VillageDuties& d, Date today) {
  auto periods = nlohmann::json::array();
  for (const auto& p : d.periods)
    periods.push_back({{"kind", p.kind},
                       {"period", p.period},
                       {"due_on", p.due_on},
                       {"status", p.status},
                       {"posted_on", p.posted_on},
                       {"item_ids", p.item_ids}});
  auto major = nlohmann::json::array();
  for (const auto& a : d.major) {
    auto j = to_json(a, today);
    for (const char* heavy : {"body_html", "lines", "attachments"}) j.erase(heavy);
    major.push_back(std::move(j));
  }
  nlohmann::json settings = nullptr;
  if (d.settings)
    settings = {{"finance_cadence", d.settings->finance_cadence},
                {"since_on", d.settings->since_on},
                {"updated_at", d.settings->updated_at}};
  return {{"region_id", d.region_id},
          {"village_name", d.village_name},
          {"region_path", d.region_path},
          {"settings", settings},
          {"periods", periods},
          {"major", major},
          {"overdue",
           {{"ordinary", d.overdue_ordinary}, {"finance", d.overdue_finance}, {"major", d.overdue_major}}},
          {"last_posted_on", d.last_posted_on}};
}

Result<VillageSettings> set_village_settings(Command& cmd, long long region_id, const std::string& cadence,
                                             const std::string& since_on) {
  auto& sql = cmd.sql();
  auto village = detail::village_of(sql, region_id);
  if (!village) return village.error();
  if (!parse_date(since_on)) return Error::invalid("field.invalid", "起始日期应为 YYYY-MM-DD", "since_on");
  if (std::find(finance_cadences().begin(), finance_cadences().end(), cadence) == finance_cadences().end())
    return Error::invalid("field.invalid", "财务公开周期应为 monthly 或 quarterly", "finance_cadence");
  int exists = 0;
  sql << "SELECT COUNT(*) FROM village_settings WHERE region_id = :r", soci::use(region_id),
      soci::into(exists);
  if (exists)
    sql << "UPDATE village_settings SET finance_cadence = :c, since_on = :s, updated_at = :t WHERE region_id "
           "= :r",
        soci::use(cadence), soci::use(since_on), soci::use(cmd.now()), soci::use(region_id);
  else
    sql << "INSERT INTO village_settings (region_id, finance_cadence, since_on, updated_at) "
           "VALUES (:r, :c, :s, :t)",
        soci::use(region_id), soci::use(cadence), soci::use(since_on), soci::use(cmd.now());
  cmd.record("village_affairs.settings_changed", "region:" + std::to_string(region_id),
             "region:" + std::to_string(region_id), {{"finance_cadence", cadence}, {"since_on", since_on}});
  return VillageSettings{region_id, cadence, since_on, cmd.now()};
}

Result<VillageDuties> village_duties(Database& db, long long region_id, int year, Date today) {
  auto village = db.read([&](soci::session& sql) { return detail::village_of(sql, region_id); });
  if (!village) return village.error();
  auto all = village_duties_under(db, village->path, year, today);
  if (!all) return all.error();
  for (auto& d : *all)
    if (d.region_id == region_id) return std::move(d);
  return Error::internal("internal.village", "服务器内部错误：找不到村的公开义务");
}

Result<std::vector<VillageDuties>> village_duties_under(Database& db, const std::string& region_path,
                                                        int year, Date today) {
  return db.read([&](soci::session& sql) -> Result<std::vector<VillageDuties>> {
    std::string prefix = region_path + "%";
    std::vector<VillageDuties> out;
    std::map<long long, std::size_t> at;
    soci::rowset<soci::row> villages = (sql.prepare << "SELECT id, name, path FROM regions WHERE level = "
                                                       "'village' AND path LIKE :p",
                                        soci::use(prefix));
    for (const auto& r : villages) {
      VillageDuties d;
      d.region_id = int64_at(r, 0);
      d.village_name = text_at(r, 1);
      d.region_path = text_at(r, 2);
      out.push_back(std::move(d));
    }
    // In tree order: "/1/2/10/" comes after "/1/2/9/".
    std::sort(out.begin(), out.end(), [](const VillageDuties& a, const VillageDuties& b) {
      return path_ids(a.region_path) < path_ids(b.region_path);
    });
    for (std::size_t i = 0; i < out.size(); ++i) at[out[i].region_id] = i;
    soci::rowset<soci::row> settings =
        (sql.prepare
             << "SELECT s.region_id, s.finance_cadence, s.since_on, s.updated_at FROM village_settings s "
                "JOIN regions r ON r.id = s.region_id WHERE r.path LIKE :p",
         soci::use(prefix));
    for (const auto& r : settings) {
      auto it = at.find(int64_at(r, 0));
      if (it != at.end()) out[it->second].settings = settings_from(r);
    }
    // Shown the current year, a village still owes what earlier years left overdue: the fourth quarter is
    // due in January, and a duty left undone does not lapse with the year.
    int first_year = year;
    if (year == static_cast<int>(today.year()))
      for (const auto& d : out)
        if (d.settings) first_year = std::min(first_year, std::stoi(d.settings->since_on.substr(0, 4)));
    first_year = std::max(first_year, year - kOverdueYearsShown);
    for (int y = first_year; y <= year; ++y) {
      std::map<long long, std::vector<VillageAffair>> items;
      for (auto& a : detail::affairs_of_year(sql, prefix, y)) items[a.region_id].push_back(std::move(a));
      for (auto& d : out) add_duties(d, std::move(items[d.region_id]), y, today, y < year);
    }
    for (auto& d : out) count_overdue(d, today);
    return out;
  });
}

}  // namespace fishbowl::disclosure
