// Figures of the linkage platform: one grouped pass per month, rolled up by kind, department and town; hot
// topics and repeated complaints.
#include "hotline/figures.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/calendar.h"
#include "core/clock.h"
#include "hotline/hotline.h"
#include "hotline/terms.h"
#include "org/org.h"
#include "storage/row.h"

namespace fishbowl::hotline {

namespace {

using namespace std::chrono;

nlohmann::json rate(long long part, long long whole) {
  if (whole == 0) return nullptr;
  return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

// What each pass counts, in Tally's order.
constexpr const char* kCounts =
    "COUNT(*), SUM(CASE WHEN t.state IN ('claimed', 'replied', 'completed', 'closed') THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN t.due_at <> '' AND (t.replied_at <> '' OR t.due_at < :now) THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN t.due_at <> '' AND t.replied_at <> '' AND t.replied_at <= t.due_at THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN t.state IN ('completed', 'closed') THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN t.satisfaction = 'satisfied' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN t.satisfaction = 'basically_satisfied' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN t.satisfaction = 'unsatisfied' THEN 1 ELSE 0 END)";
// The month's tickets that count: neither rejected nor merged.
constexpr const char* kCounted =
    " FROM tickets t WHERE t.created_at >= :from AND t.created_at < :to AND t.state <> 'rejected' AND NOT "
    "EXISTS (SELECT 1 FROM ticket_merges m WHERE m.ticket_id = t.id)";

Tally tally_at(const soci::row& r, std::size_t first) {
  Tally t;
  long long* fields[] = {&t.filed,     &t.responded,           &t.due,        &t.on_time, &t.resolved,
                         &t.satisfied, &t.basically_satisfied, &t.unsatisfied};
  for (std::size_t i = 0; i < std::size(fields); ++i) *fields[i] = int64_at(r, first + i);
  return t;
}

std::vector<Breakdown> sorted(std::map<std::string, Breakdown> m) {
  std::vector<Breakdown> out;
  for (auto& [k, b] : m) out.push_back(std::move(b));
  std::stable_sort(out.begin(), out.end(),
                   [](const Breakdown& a, const Breakdown& b) { return a.tally.filed > b.tally.filed; });
  return out;
}

nlohmann::json to_json(const std::vector<Breakdown>& rows) {
  auto out = nlohmann::json::array();
  for (const auto& b : rows) {
    auto j = to_json(b.tally);
    j["key"] = b.key;
    j["name"] = b.name;
    out.push_back(std::move(j));
  }
  return out;
}

std::string kind_name(const std::string& kind) {
  static const std::map<std::string, std::string> names{{"consult", "咨询"},
                                                        {"complaint", "投诉"},
                                                        {"help", "求助"},
                                                        {"suggestion", "建议"},
                                                        {"report", "举报"}};
  auto it = names.find(kind);
  return it == names.end() ? kind : it->second;
}

Date monday_of(Date d) {
  weekday w{sys_days{d}};
  return Date{sys_days{d} - days{(w.c_encoding() + 6) % 7}};
}

}  // namespace

Tally& Tally::operator+=(const Tally& o) {
  filed += o.filed;
  responded += o.responded;
  due += o.due;
  on_time += o.on_time;
  resolved += o.resolved;
  satisfied += o.satisfied;
  basically_satisfied += o.basically_satisfied;
  unsatisfied += o.unsatisfied;
  return *this;
}

nlohmann::json to_json(const Tally& t) {
  long long evaluated = t.satisfied + t.basically_satisfied + t.unsatisfied;
  return {{"filed", t.filed},
          {"responded", t.responded},
          {"due", t.due},
          {"on_time", t.on_time},
          {"resolved", t.resolved},
          {"satisfied", t.satisfied},
          {"basically_satisfied", t.basically_satisfied},
          {"unsatisfied", t.unsatisfied},
          {"response_rate", rate(t.responded, t.filed)},
          {"on_time_rate", rate(t.on_time, t.due)},
          {"resolution_rate", rate(t.resolved, t.filed)},
          {"satisfaction_rate", rate(t.satisfied + t.basically_satisfied, evaluated)}};
}

std::optional<year_month> parse_month(const std::string& text) {
  auto d = text.size() == 7 ? parse_date(text + "-01") : std::nullopt;
  if (!d) return std::nullopt;
  return d->year() / d->month();
}

std::string format_month(year_month m) {
  return format_date(m / day{1}).substr(0, 7);
}

std::pair<std::string, std::string> month_bounds(year_month m) {
  auto start = [](year_month x) { return format_utc(sys_days{x / day{1}} - hours{8}); };
  return {start(m), start(m + months{1})};
}

Result<MonthFigures> month_figures(Database& db, year_month month, const std::string& now) {
  auto center = center_department(db);
  if (!center) return center.error();
  auto departments = org::list_departments(db, std::nullopt);
  if (!departments) return departments.error();
  auto regions = org::list_regions(db);
  if (!regions) return regions.error();
  return db.read([&](soci::session& sql) -> Result<MonthFigures> {
    auto [from, to] = month_bounds(month);
    MonthFigures f;
    f.month = format_month(month);
    std::map<std::string, Breakdown> kinds, depts, towns;
    std::map<long long, std::string> dept_names, town_names;
    for (const auto& d : *departments) dept_names[d.id] = d.name;
    for (const auto& r : *regions) town_names[r.id] = r.name;
    // Rejected and merged tickets are counted in the same pass, in groups of their own.
    soci::rowset<soci::row> rows =
        (sql.prepare << fmt::format(
             "SELECT t.kind, t.assignee_department_id, t.assignee_region_id, CASE WHEN t.state = 'rejected' "
             "THEN 1 WHEN EXISTS (SELECT 1 FROM ticket_merges m WHERE m.ticket_id = t.id) THEN 2 ELSE 0 END "
             "AS "
             "left_out, {} FROM tickets t WHERE t.created_at >= :from AND t.created_at < :to GROUP BY "
             "t.kind, "
             "t.assignee_department_id, t.assignee_region_id, left_out",
             kCounts),
         soci::use(now), soci::use(from), soci::use(to));
    for (const auto& r : rows) {
      Tally t = tally_at(r, 4);
      if (long long left_out = int64_at(r, 3); left_out != 0) {
        (left_out == 1 ? f.rejected : f.merged) += t.filed;
        continue;
      }
      f.total += t;
      std::string kind = text_at(r, 0);
      auto& k = kinds[kind];
      k.key = kind;
      k.name = kind_name(kind);
      k.tally += t;
      auto dept = optional_int64_at(r, 1), town = optional_int64_at(r, 2);
      if (town) {
        auto& b = towns[std::to_string(*town)];
        b.key = std::to_string(*town);
        b.name = town_names[*town];
        b.tally += t;
      } else if (dept || *center) {
        long long id = dept ? *dept : **center;
        auto& b = depts[std::to_string(id)];
        b.key = std::to_string(id);
        b.name = dept_names[id];
        b.tally += t;
      }
    }
    f.by_kind = sorted(std::move(kinds));
    f.by_department = sorted(std::move(depts));
    f.by_town = sorted(std::move(towns));
    return f;
  });
}

nlohmann::json to_json(const MonthFigures& f) {
  return {{"month", f.month},
          {"total", to_json(f.total)},
          {"rejected", f.rejected},
          {"merged", f.merged},
          {"by_kind", to_json(f.by_kind)},
          {"by_department", to_json(f.by_department)},
          {"by_town", to_json(f.by_town)}};
}

Result<Tally> month_total(Database& db, year_month month, const std::string& now) {
  return db.read([&](soci::session& sql) -> Result<Tally> {
    auto [from, to] = month_bounds(month);
    soci::row r;
    sql << fmt::format("SELECT {}{}", kCounts, kCounted), soci::use(now), soci::use(from), soci::use(to),
        soci::into(r);
    // SUM over no rows is NULL: an empty month.
    if (int64_at(r, 0) == 0) return Tally{};
    return tally_at(r, 0);
  });
}

Result<Queue> queue_now(Database& db, const std::string& now) {
  return db.read([&](soci::session& sql) -> Result<Queue> {
    Queue q;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT state, COUNT(*) FROM tickets WHERE state IN ('received', 'accepted', "
                        "'dispatched', 'claimed', 'replied') GROUP BY state");
    for (const auto& r : rows) q.by_state.emplace_back(text_at(r, 0), int64_at(r, 1));
    sql << "SELECT COALESCE(SUM(CASE WHEN due_at <> '' AND due_at < :now THEN 1 ELSE 0 END), 0), "
           "COALESCE(SUM(escalated), 0), COALESCE(SUM(CASE WHEN extension_days > 0 THEN 1 ELSE 0 END), 0) "
           "FROM "
           "tickets WHERE state IN ('dispatched', 'claimed')",
        soci::use(now), soci::into(q.late), soci::into(q.escalated), soci::into(q.extension_pending);
    return q;
  });
}

Result<std::vector<HotWeek>> hot_topics(Database& db, year_month month, std::size_t top) {
  return db.read([&](soci::session& sql) -> Result<std::vector<HotWeek>> {
    auto [from, to] = month_bounds(month);
    Date first = month / day{1}, last{month / std::chrono::last};
    std::vector<HotWeek> weeks;
    std::vector<detail::TermCounter> terms;
    std::vector<std::map<std::string, long long>> places;
    // Weeks still to come in this month are left out.
    sys_days end = std::min(sys_days{last}, sys_days{china_today()});
    for (sys_days monday{monday_of(first)}; monday <= end; monday += days{7})
      weeks.push_back({format_date(Date{std::max(monday, sys_days{first})}),
                       format_date(Date{std::min(monday + days{6}, sys_days{last})}),
                       {},
                       {}});
    terms.resize(weeks.size());
    places.resize(weeks.size());
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT t.created_at, r.name, t.title FROM tickets t JOIN regions r ON r.id = "
                        "t.region_id WHERE t.created_at >= :from AND t.created_at < :to AND t.state <> "
                        "'rejected'",
         soci::use(from), soci::use(to));
    for (const auto& r : rows) {
      auto day_of = china_date(text_at(r, 0));
      if (!day_of) continue;
      std::size_t w =
          static_cast<std::size_t>((sys_days{monday_of(*day_of)} - sys_days{monday_of(first)}).count() / 7);
      if (w >= weeks.size()) continue;
      ++places[w][text_at(r, 1)];
      terms[w].add(text_at(r, 2));
    }
    auto best = [top](const std::map<std::string, long long>& counts) {
      std::vector<std::pair<std::string, long long>> v(counts.begin(), counts.end());
      std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
      if (v.size() > top) v.resize(top);
      return v;
    };
    for (std::size_t w = 0; w < weeks.size(); ++w) {
      weeks[w].terms = terms[w].top(top);
      weeks[w].places = best(places[w]);
    }
    return weeks;
  });
}

Result<std::vector<Repeat>> repeated_complaints(Database& db, year_month month) {
  return db.read([&](soci::session& sql) -> Result<std::vector<Repeat>> {
    auto [from, to] = month_bounds(month);
    std::map<std::pair<std::string, long long>, Repeat> found;
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "SELECT t.phone, t.region_id, r.name, t.ticket_no FROM tickets t JOIN regions r ON r.id "
                "= t.region_id WHERE t.kind = 'complaint' AND t.created_at >= :from AND t.created_at "
                "< :to ORDER BY t.id",
         soci::use(from), soci::use(to));
    for (const auto& r : rows) {
      std::string phone = text_at(r, 0);
      auto& rep = found[{phone, int64_at(r, 1)}];
      rep.phone_tail = "****" + (phone.size() >= 4 ? phone.substr(phone.size() - 4) : phone);
      rep.region_id = int64_at(r, 1);
      rep.region_name = text_at(r, 2);
      rep.ticket_nos.push_back(text_at(r, 3));
    }
    std::vector<Repeat> out;
    for (auto& [key, rep] : found)
      if (rep.ticket_nos.size() >= 2) out.push_back(std::move(rep));
    std::stable_sort(out.begin(), out.end(), [](const Repeat& a, const Repeat& b) {
      return a.ticket_nos.size() > b.ticket_nos.size();
    });
    return out;
  });
}

}  // namespace fishbowl::hotline
