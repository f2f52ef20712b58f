// Case intake benchmark: durable cases per second on SQLite, each filed and accepted (two commands, so two
// committed transactions, each with its events and ledger leaves), printed beside a raw SQLite loop that
// inserts one case row per transaction into the same schema with the same journal and synchronous settings,
// measured in the same run. The ratio is what reads across machines; targets: >= 0.3x raw, >= 2,000 cases/s.
// Intake runs from one window, then from several at once, whose writes share commits (group commit).
//
// It prints figures, it is not a test: it exits 0 whatever they are, and non-zero only when something is
// broken (a command fails).
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/open_db.h"
#include "bench/support.h"
#include "cases/cases.h"
#include "org/org.h"
#include "services/services.h"

namespace {

using namespace fishbowl;
using namespace fishbowl::bench;

services::Guide guide() {
  services::Guide g;
  g.name = "最低生活保障审批";
  g.kind = "行政给付";
  g.legal_basis = "《社会救助暂行办法》";
  g.conditions = "家庭人均收入低于当地最低生活保障标准";
  g.steps = {"申请", "受理", "审核", "办结"};
  g.legal_days = 30;
  g.promised_days = 15;
  g.place = "县政务服务中心";
  g.hours = "工作日";
  g.phone = "0999-1234567";
  g.complaint_phone = "0999-12345";
  g.visits = 1;
  g.by_agent = true;
  return g;
}

// The county, its department and one service item, as the cases are filed against.
struct Hall {
  long long county_id = 0, item_id = 0;
};

Hall set_up(Database& db) {
  Hall hall;
  take(run_command(db, Actor::system(),
                   [&](Command& cmd) -> Status {
                     auto county = org::create_region(cmd, {std::nullopt, "county", "999901", "基准县"});
                     if (!county) return county.error();
                     hall.county_id = county->id;
                     auto dept = org::create_department(cmd, {county->id, "B001", "县民政局", ""});
                     if (!dept) return dept.error();
                     auto made = services::create_item(cmd, {"B-1", dept->id, county->id, "county", guide()});
                     if (!made) return made.error();
                     hall.item_id = made->id;
                     return ok_status();
                   }),
       "set up the county");
  return hall;
}

// Files and accepts `n` cases at the county hall, where the department receives them at once, from `windows`
// windows working at the same time (one thread each); returns the seconds taken.
double intake_seconds(Database& db, const Hall& hall, long long n, int windows) {
  const auto& cal = WorkCalendar::builtin();
  std::atomic<long long> next{0};
  std::atomic<bool> failed{false};
  std::string failure;
  std::mutex failure_mutex;
  auto window = [&] {
    const Actor staff{std::nullopt, "staff"};
    cases::FilingInput in;
    in.item_id = hall.item_id;
    in.region_id = hall.county_id;
    in.channel = "window";
    try {
      for (long long i = next++; i < n && !failed; i = next++) {
        in.applicant = {"张三", fmt::format("139{:08}", i), ""};
        auto filed = take(
            run_command(db, staff, [&](Command& cmd) { return cases::file_case(cmd, cal, in); }), "file");
        take(run_command(db, staff, [&](Command& cmd) { return cases::accept_case(cmd, cal, filed.id); }),
             "accept");
      }
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      failed = true;
      failure = e.what();
    }
  };
  auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int w = 0; w < windows; ++w) threads.emplace_back(window);
  for (auto& t : threads) t.join();
  double s = seconds_since(start);
  if (failed) throw std::runtime_error(failure);
  return s;
}

// One case row per transaction into the migrated schema at `path`, with the server's settings.
double raw_seconds(const std::string& path, long long n) {
  sqlite3* db = nullptr;
  check(sqlite3_open(path.c_str(), &db), db, "open");
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"})
    check(sqlite3_exec(db, pragma, nullptr, nullptr, nullptr), db, pragma);
  check(
      sqlite3_exec(
          db,
          "INSERT INTO regions (id, parent_id, level, kind, code, name, path, created_at, updated_at) VALUES "
          "(1, NULL, 'county', 'county', '999901', '基准县', '/1/', 'x', 'x');"
          "INSERT INTO departments (id, region_id, code, name, phone, created_at, updated_at) VALUES "
          "(1, 1, 'B001', '县民政局', '', 'x', 'x')",
          nullptr, nullptr, nullptr),
      db, "seed");
  sqlite3_stmt* st = nullptr;
  check(sqlite3_prepare_v2(db,
                           "INSERT INTO cases (case_no, item_id, item_version, item_name, promised_days, "
                           "department_id, channel, filed_region_id, filed_path, holder_region_id, "
                           "holder_department_id, state, applicant_name, applicant_phone, phone_last4, "
                           "stage_due, filed_at, updated_at) VALUES (?1, 1, 1, '最低生活保障审批', 15, 1, "
                           "'window', 1, '/1/', 1, 1, 'submitted', '张三', ?2, ?3, '2026-12-07', "
                           "'2026-11-29T00:00:00.000Z', '2026-11-29T00:00:00.000Z')",
                           -1, &st, nullptr),
        db, "prepare");
  auto start = Clock::now();
  for (long long i = 0; i < n; ++i) {
    std::string no = fmt::format("20261129{:06}", i), phone = fmt::format("139{:08}", i);
    sqlite3_bind_text(st, 1, no.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, phone.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, phone.c_str() + 7, -1, SQLITE_TRANSIENT);
    check(sqlite3_step(st), db, "insert");
    sqlite3_reset(st);
  }
  double s = seconds_since(start);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  long long n = 5000;
  std::string dir = std::filesystem::temp_directory_path().string();
  CLI::App app{"Case intake benchmark: cases filed and accepted per second beside raw SQLite inserts"};
  app.add_option("--cases", n, "cases filed and accepted")
      ->envname("BENCH_CASES")
      ->check(CLI::PositiveNumber);
  int windows = 16;
  app.add_option("--windows", windows, "windows filing at the same time in the second run")
      ->envname("BENCH_CASES_WINDOWS")
      ->check(CLI::Range(1, 256));
  app.add_option("--dir", dir, "where the temporary databases go")->envname("BENCH_CASES_DIR");
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::warn);
  auto base = std::filesystem::path(dir) / fmt::format("fishbowl-cases-bench-{}", ::getpid());
  std::filesystem::create_directories(base);
  int rc = 0;
  try {
    // The baseline's schema is migrated by the same code, so both write into identical tables and indexes.
    std::string raw_path = (base / "raw.db").string();
    take(open_migrated("sqlite://" + raw_path, 1), "migrate the raw database");
    double raw = raw_seconds(raw_path, n);
    double raw_rate = n / raw;
    std::cout << fmt::format(
        "raw SQLite inserts          {:>10.0f} /s   (one row per transaction, same settings)\n", raw_rate);
    // One window alone commits each command by itself; several at once share commits (group commit).
    for (int w : {1, windows}) {
      auto path = base / fmt::format("cases-{}.db", w);
      auto db = take(open_migrated("sqlite://" + path.string(), 4), "open");
      auto hall = set_up(*db);
      double rate = n / intake_seconds(*db, hall, n, w);
      auto stats = db->stats();
      std::cout << fmt::format(
                       "cases filed and accepted    {:>10.0f} /s   ({} cases, 2 commands each, {} "
                       "window{}, {:.1f} commands per commit)\n",
                       rate, n, w, w == 1 ? "" : "s",
                       static_cast<double>(stats.writes) / static_cast<double>(stats.transactions))
                << fmt::format("  ratio                     {:>10.2f} x   (target >= 0.30 x)\n",
                               rate / raw_rate)
                << fmt::format("  target 2,000 cases/s      {:>10}\n", rate >= 2000 ? "met" : "not met");
      if (w == windows) break;
    }
  } catch (const std::exception& e) {
    std::cerr << "bench: " << e.what() << "\n";
    rc = 1;
  }
  std::filesystem::remove_all(base);
  return rc;
}
