// Case intake benchmark: durable cases per second on SQLite, each filed and accepted (two commands, so two
// committed transactions, each with its events and ledger leaves), printed beside a raw SQLite loop that
// inserts one case row per transaction into the same schema with the same journal and synchronous settings,
// measured in the same run. The ratio is what reads across machines; targets: >= 0.3x raw, >= 2,000 cases/s.
//
// It prints figures, it is not a test: it exits 0 whatever they are, and non-zero only when something is
// broken (a command fails).
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>

#include "app/allocator.h"
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

// Files and accepts `n` cases at the county hall, where the department receives them at once.
double intake_seconds(Database& db, long long n) {
  const auto& cal = WorkCalendar::builtin();
  long long item = 0, county_id = 0;
  take(run_command(db, Actor::system(),
                   [&](Command& cmd) -> Status {
                     auto county = org::create_region(cmd, {std::nullopt, "county", "999901", "基准县"});
                     if (!county) return county.error();
                     county_id = county->id;
                     auto dept = org::create_department(cmd, {county->id, "B001", "县民政局", ""});
                     if (!dept) return dept.error();
                     auto made = services::create_item(cmd, {"B-1", dept->id, county->id, "county", guide()});
                     if (!made) return made.error();
                     item = made->id;
                     return ok_status();
                   }),
       "set up the county");
  cases::FilingInput in;
  in.item_id = item;
  in.channel = "window";
  const Actor staff{std::nullopt, "staff"};
  auto start = Clock::now();
  for (long long i = 0; i < n; ++i) {
    in.region_id = county_id;
    in.applicant = {"张三", fmt::format("139{:08}", i), ""};
    auto filed =
        take(run_command(db, staff, [&](Command& cmd) { return cases::file_case(cmd, cal, in); }), "file");
    take(run_command(db, staff, [&](Command& cmd) { return cases::accept_case(cmd, cal, filed.id); }),
         "accept");
  }
  return seconds_since(start);
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
  app.add_option("--dir", dir, "where the temporary databases go")->envname("BENCH_CASES_DIR");
  bool glibc_defaults = false;
  app.add_flag("--glibc-defaults", glibc_defaults,
               "leave the allocator as glibc sets it (the server does not)");
  CLI11_PARSE(app, argc, argv);
  if (!glibc_defaults) keep_freed_memory();  // as fishbowl does at start
  spdlog::set_level(spdlog::level::warn);
  auto base = std::filesystem::path(dir) / fmt::format("fishbowl-cases-bench-{}", ::getpid());
  std::filesystem::create_directories(base);
  int rc = 0;
  try {
    // The baseline's schema is migrated by the same code, so both write into identical tables and indexes.
    std::string raw_path = (base / "raw.db").string();
    take(open_migrated("sqlite://" + raw_path, 1), "migrate the raw database");
    double raw = raw_seconds(raw_path, n);
    auto db = take(open_migrated("sqlite://" + (base / "cases.db").string(), 4), "open");
    double real = intake_seconds(*db, n);
    double raw_rate = n / raw, rate = n / real;
    std::cout << fmt::format("cases filed and accepted    {:>10.0f} /s   ({} cases, 2 commands each)\n", rate,
                             n)
              << fmt::format(
                     "raw SQLite inserts          {:>10.0f} /s   (one row per transaction, same settings)\n",
                     raw_rate)
              << fmt::format("ratio                       {:>10.2f} x   (target >= 0.30 x)\n",
                             rate / raw_rate)
              << fmt::format("target 2,000 cases/s        {:>10}\n", rate >= 2000 ? "met" : "not met");
  } catch (const std::exception& e) {
    std::cerr << "bench: " << e.what() << "\n";
    rc = 1;
  }
  std::filesystem::remove_all(base);
  return rc;
}
