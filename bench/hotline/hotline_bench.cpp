// Hotline benchmark: tickets filed per second through the module (each a committed command with its step,
// event and ledger leaf) beside a raw SQLite loop inserting one ticket row per transaction; and the time to
// compute one month's figures over a table of a million tickets beside the same grouped aggregate run as one
// raw SQL query through SQLite's C API, on the same data in the same run. Ratios are what read across
// machines.
//
// It prints figures, it is not a test: it exits 0 whatever they are, and non-zero only when something is
// broken (a command fails).
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/open_db.h"
#include "bench/support.h"
#include "core/clock.h"
#include "hotline/figures.h"
#include "hotline/hotline.h"
#include "org/org.h"

namespace {

using namespace fishbowl;
using namespace fishbowl::bench;

struct County {
  long long county = 0;
  std::vector<long long> towns, villages, departments;
  std::vector<std::string> village_paths, town_paths;
};

// A county of three towns with three villages each, four departments, and the first as the linkage center.
County set_up(Database& db) {
  County c;
  take(run_command(db, Actor::system(),
                   [&](Command& cmd) -> Status {
                     auto county = org::create_region(cmd, {std::nullopt, "county", "999901", "基准县"});
                     if (!county) return county.error();
                     c.county = county->id;
                     for (int t = 0; t < 3; ++t) {
                       auto town = org::create_region(cmd, {county->id, "town", fmt::format("99990100{}", t),
                                                            fmt::format("第{}镇", t + 1)});
                       if (!town) return town.error();
                       c.towns.push_back(town->id);
                       c.town_paths.push_back(town->path);
                       for (int v = 0; v < 3; ++v) {
                         auto village = org::create_region(
                             cmd, {town->id, "village", fmt::format("99990100{}00{}", t, v),
                                   fmt::format("第{}镇{}村", t + 1, v + 1)});
                         if (!village) return village.error();
                         c.villages.push_back(village->id);
                         c.village_paths.push_back(village->path);
                       }
                     }
                     for (int d = 0; d < 4; ++d) {
                       auto dept = org::create_department(
                           cmd, {county->id, fmt::format("B00{}", d), fmt::format("县第{}局", d + 1), ""});
                       if (!dept) return dept.error();
                       c.departments.push_back(dept->id);
                     }
                     auto center = hotline::set_center_department(cmd, c.departments[0]);
                     if (!center) return center.error();
                     return ok_status();
                   }),
       "set up the county");
  return c;
}

const char* const kTitles[] = {"村口路灯不亮",     "夜间施工噪音扰民", "自来水水压不足",   "道路积水无法通行",
                               "河道有人倾倒垃圾", "超市出售过期食品", "建议增设公交站点", "异地就医备案办理",
                               "独居老人生活困难", "养老保险缴费档次"};

double intake_seconds(Database& db, const County& c, long long n) {
  const Actor center{std::nullopt, "staff"};
  auto start = Clock::now();
  for (long long i = 0; i < n; ++i) {
    hotline::TicketInput in{"complaint",
                            "phone",
                            "张三",
                            fmt::format("139{:08}", i),
                            std::nullopt,
                            c.villages[static_cast<std::size_t>(i) % c.villages.size()],
                            "",
                            std::nullopt,
                            std::nullopt,
                            kTitles[i % 10],
                            "群众来电反映的情况",
                            {}};
    take(run_command(db, center, [&](Command& cmd) { return hotline::file_ticket(cmd, in); }), "file");
  }
  return seconds_since(start);
}

const char* const kInsert =
    "INSERT INTO tickets (ticket_no, kind, channel, name, phone, phone_last4, region_id, region_path, title, "
    "description, state, assignee_department_id, assignee_region_id, assignee_path, due_at, reply, "
    "replied_at, "
    "completed_at, satisfaction, created_at, updated_at) VALUES (?1, ?2, 'phone', '张三', ?3, ?4, ?5, ?6, "
    "?7, "
    "'群众来电反映的情况', ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)";

// One ticket row per transaction, as filing writes it, with the server's settings.
double raw_intake_seconds(const std::string& path, const County& c, long long n) {
  sqlite3* db = open_raw(path);
  sqlite3_stmt* st = nullptr;
  check(sqlite3_prepare_v2(db, kInsert, -1, &st, nullptr), db, "prepare");
  auto start = Clock::now();
  for (long long i = 0; i < n; ++i) {
    std::string no = fmt::format("12345-20261204-{:06}", i), phone = fmt::format("139{:08}", i);
    std::size_t v = static_cast<std::size_t>(i) % c.villages.size();
    sqlite3_bind_text(st, 1, no.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, "complaint", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, phone.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, phone.c_str() + 7, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, c.villages[v]);
    sqlite3_bind_text(st, 6, c.village_paths[v].c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 7, kTitles[i % 10], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, "accepted", -1, SQLITE_STATIC);
    for (int k = 9; k <= 10; ++k) sqlite3_bind_null(st, k);
    for (int k = 11; k <= 16; ++k) sqlite3_bind_text(st, k, "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 17, "2026-12-04T01:00:00.000Z", -1, SQLITE_STATIC);
    check(sqlite3_step(st), db, "insert");
    sqlite3_reset(st);
  }
  double s = seconds_since(start);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return s;
}

// `n` tickets filed in March 2026 (China), in every state of the loop, loaded in one transaction.
void load(const std::string& path, const County& c, long long n) {
  sqlite3* db = open_raw(path);
  check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
  sqlite3_stmt* st = nullptr;
  check(sqlite3_prepare_v2(db, kInsert, -1, &st, nullptr), db, "prepare");
  std::mt19937_64 rng(20260301);
  const char* kinds[] = {"consult", "complaint", "help", "suggestion", "report"};
  const char* states[] = {"accepted", "rejected",  "dispatched", "claimed",
                          "replied",  "completed", "closed",     "closed"};
  const char* satisfactions[] = {"satisfied", "satisfied", "satisfied", "basically_satisfied", "unsatisfied"};
  auto stamp = [](long long second) {
    auto t = std::chrono::sys_days{std::chrono::year{2026} / 2 / 28} + std::chrono::hours(16) +
             std::chrono::seconds(second);
    return format_utc(t);
  };
  constexpr long long kMonthSeconds = 31LL * 24 * 3600;
  for (long long i = 0; i < n; ++i) {
    std::size_t v = rng() % c.villages.size();
    std::string state = states[rng() % std::size(states)];
    long long filed = static_cast<long long>(rng() % kMonthSeconds);
    bool to_town = rng() % 2 == 0, assigned = state != "accepted" && state != "rejected";
    std::string no = fmt::format("12345-202603-{:07}", i), phone = fmt::format("139{:08}", rng() % 100000000);
    std::string created = stamp(filed), due = assigned ? stamp(filed + 5 * 86400) : "";
    bool replied = state == "replied" || state == "completed" || state == "closed";
    std::string replied_at = replied ? stamp(filed + static_cast<long long>(rng() % (7 * 86400))) : "";
    std::string satisfaction = state == "closed" ? satisfactions[rng() % std::size(satisfactions)] : "";
    const std::string& town_path = c.town_paths[v / 3];
    sqlite3_bind_text(st, 1, no.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, kinds[rng() % std::size(kinds)], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, phone.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, phone.c_str() + 7, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, c.villages[v]);
    sqlite3_bind_text(st, 6, c.village_paths[v].c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 7, kTitles[rng() % 10], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, state.c_str(), -1, SQLITE_TRANSIENT);
    if (assigned && !to_town)
      sqlite3_bind_int64(st, 9, c.departments[rng() % c.departments.size()]);
    else
      sqlite3_bind_null(st, 9);
    if (assigned && to_town)
      sqlite3_bind_int64(st, 10, c.towns[v / 3]);
    else
      sqlite3_bind_null(st, 10);
    sqlite3_bind_text(st, 11, assigned ? town_path.c_str() : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 12, due.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 13, replied ? "已处理" : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 14, replied_at.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 15, state == "completed" || state == "closed" ? replied_at.c_str() : "", -1,
                      SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 16, satisfaction.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 17, created.c_str(), -1, SQLITE_TRANSIENT);
    check(sqlite3_step(st), db, "load");
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  check(sqlite3_exec(db, "COMMIT; ANALYZE", nullptr, nullptr, nullptr), db, "commit");
  sqlite3_close(db);
}

// The month's grouped aggregate as one hand-written query, every row read.
double raw_figures_seconds(const std::string& path, const std::string& now, long long& filed) {
  sqlite3* db = open_raw(path);
  sqlite3_stmt* st = nullptr;
  auto [from, to] = hotline::month_bounds(std::chrono::year{2026} / 3);
  check(sqlite3_prepare_v2(
            db,
            "SELECT t.kind, t.assignee_department_id, t.assignee_region_id, COUNT(*), "
            "SUM(t.state IN ('claimed', 'replied', 'completed', 'closed')), "
            "SUM(t.due_at <> '' AND (t.replied_at <> '' OR t.due_at < ?1)), "
            "SUM(t.due_at <> '' AND t.replied_at <> '' AND t.replied_at <= t.due_at), "
            "SUM(t.state IN ('completed', 'closed')), SUM(t.satisfaction = 'satisfied'), "
            "SUM(t.satisfaction = 'basically_satisfied'), SUM(t.satisfaction = 'unsatisfied') "
            "FROM tickets t WHERE t.created_at >= ?2 AND t.created_at < ?3 AND t.state <> 'rejected' AND NOT "
            "EXISTS (SELECT 1 FROM ticket_merges m WHERE m.ticket_id = t.id) "
            "GROUP BY t.kind, t.assignee_department_id, t.assignee_region_id",
            -1, &st, nullptr),
        db, "prepare");
  sqlite3_bind_text(st, 1, now.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, from.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 3, to.c_str(), -1, SQLITE_TRANSIENT);
  auto start = Clock::now();
  filed = 0;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) filed += sqlite3_column_int64(st, 3);
  check(rc, db, "aggregate");
  double s = seconds_since(start);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return s;
}

template <class F>
double best_of(int runs, F&& f) {
  double best = 1e9;
  for (int i = 0; i < runs; ++i) best = std::min(best, f());
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  long long intake = 3000, tickets = 1000000;
  int runs = 3;
  std::string dir = std::filesystem::temp_directory_path().string();
  CLI::App app{"Hotline benchmark: ticket intake, and a month's figures over a million tickets"};
  app.add_option("--intake", intake, "tickets filed one by one")
      ->envname("BENCH_INTAKE")
      ->check(CLI::PositiveNumber);
  app.add_option("--tickets", tickets, "tickets in the month whose figures are computed")
      ->envname("BENCH_TICKETS")
      ->check(CLI::PositiveNumber);
  app.add_option("--runs", runs, "runs of each aggregate; the best is shown")->check(CLI::PositiveNumber);
  app.add_option("--dir", dir, "where the temporary databases go")->envname("BENCH_HOTLINE_DIR");
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::warn);
  auto base = std::filesystem::path(dir) / fmt::format("fishbowl-hotline-bench-{}", ::getpid());
  std::filesystem::create_directories(base);
  int rc = 0;
  try {
    // Intake: the module against raw inserts into a schema migrated by the same code.
    std::string raw_path = (base / "raw.db").string();
    {
      auto raw_db = take(open_migrated("sqlite://" + raw_path, 1), "migrate the raw database");
      County c = set_up(*raw_db);
      raw_db.reset();
      double raw = raw_intake_seconds(raw_path, c, intake);
      auto db = take(open_migrated("sqlite://" + (base / "intake.db").string(), 4), "open");
      County c2 = set_up(*db);
      double real = intake_seconds(*db, c2, intake);
      std::cout << fmt::format("tickets filed               {:>10.0f} /s   ({} tickets, one command each)\n",
                               intake / real, intake)
                << fmt::format("raw SQLite inserts          {:>10.0f} /s   (one row per transaction)\n",
                               intake / raw)
                << fmt::format("ratio                       {:>10.2f} x\n", raw / real);
    }
    // Figures over a million tickets in one month.
    std::string path = (base / "figures.db").string();
    auto db = take(open_migrated("sqlite://" + path, 4), "open");
    County c = set_up(*db);
    auto load_start = Clock::now();
    load(path, c, tickets);
    std::cout << fmt::format("loaded {} tickets in {:.1f} s\n", tickets, seconds_since(load_start));
    std::string now = format_utc(std::chrono::sys_days{std::chrono::year{2026} / 3 / 20});
    long long raw_filed = 0, filed = 0;
    double raw = best_of(runs, [&] { return raw_figures_seconds(path, now, raw_filed); });
    double real = best_of(runs, [&] {
      auto start = Clock::now();
      auto f = take(hotline::month_figures(*db, std::chrono::year{2026} / 3, now), "figures");
      filed = f.total.filed;
      return seconds_since(start);
    });
    if (filed != raw_filed)
      throw std::runtime_error(
          fmt::format("the figures disagree: {} filed, the raw query {}", filed, raw_filed));
    double page = best_of(1, [&] {
      auto start = Clock::now();
      for (int back = 0; back < 12; ++back)
        take(hotline::month_total(*db, std::chrono::year{2026} / 3 - std::chrono::months{back}, now),
             "trend");
      take(hotline::hot_topics(*db, std::chrono::year{2026} / 3, 10), "hot topics");
      return seconds_since(start);
    });
    std::cout
        << fmt::format("month's figures             {:>10.3f} s    ({} tickets counted of {})\n", real, filed,
                       tickets)
        << fmt::format("raw SQL aggregate           {:>10.3f} s    (the same grouped query, one pass)\n", raw)
        << fmt::format("ratio                       {:>10.2f} x   (raw time / figures time; 1.00 is par)\n",
                       raw / real)
        << fmt::format("trend and hot topics        {:>10.3f} s    (12 monthly totals, the month's titles)\n",
                       page);
  } catch (const std::exception& e) {
    std::cerr << "bench: " << e.what() << "\n";
    rc = 1;
  }
  std::filesystem::remove_all(base);
  return rc;
}
