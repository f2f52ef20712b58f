// fishbowl: one binary for the whole platform. The modules it is made of are listed in app/modules.cpp; the
// HTTP routes in http/make_api; the subcommands below.
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include <unistd.h>

#include "app/cli.h"
#include "app/cli_calendar.h"
#include "app/cli_items.h"
#include "app/cli_ledger.h"
#include "app/cli_monitor.h"
#include "app/cli_report.h"
#include "app/cli_user.h"
#include "app/demo.h"
#include "app/modules.h"
#include "app/open_db.h"
#include "app/periodic.h"
#include "cases/outbox.h"
#include "http/api.h"
#include "http/metrics.h"
#include "http/rate_limit.h"
#include "http/server.h"
#include "ledger/ledger.h"
#include "search/merge.h"
#include "storage/migrations.h"

namespace {

std::string default_origin() {
  char host[256] = {0};
  ::gethostname(host, sizeof host - 1);
  std::string name = std::string("fishbowl/") + (host[0] ? host : "localhost");
  return fishbowl::ledger::valid_key_name(name) ? name : "fishbowl/localhost";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace fishbowl;
  CLI::App app{"Fishbowl: open government for a county (县级政务公开与服务平台)"};
  app.require_subcommand(1);
  std::string db_url = kDefaultDb;
  app.add_option("--db", db_url, "database URL: sqlite:///path or postgresql://user@host:port/db")
      ->envname("FISHBOWL_DB")
      ->capture_default_str();
  int exit_code = 0;

  auto* serve = app.add_subcommand("serve", "Serve the API and the web front end");
  std::string listen = "127.0.0.1:8080";
  std::string web_root = std::filesystem::exists("web/dist/index.html") ? "web/dist" : "";
  unsigned threads = 0;
  bool secure_cookies = false, quiet = false;
  std::string ledger_key = "data/ledger.key";
  std::string ledger_origin = default_origin();
  int checkpoint_seconds = 10;
  std::vector<std::string> calendar_files;
  add_calendar_option(*serve, calendar_files);
  serve->add_option("--listen", listen, "address:port")->envname("FISHBOWL_LISTEN")->capture_default_str();
  serve->add_option("--web-root", web_root, "folder of the built front end")->envname("FISHBOWL_WEB_ROOT");
  serve->add_option("--threads", threads, "I/O threads (default: one per core)")->envname("FISHBOWL_THREADS");
  serve->add_flag("--secure-cookies", secure_cookies, "mark cookies Secure (when served over HTTPS)")
      ->envname("FISHBOWL_SECURE_COOKIES");
  serve->add_flag("--no-access-log", quiet, "do not print the access log");
  serve->add_option("--ledger-key", ledger_key, "signing key file of the ledger (made on first run)")
      ->envname("FISHBOWL_LEDGER_KEY")
      ->capture_default_str();
  serve->add_option("--ledger-origin", ledger_origin, "name of the log, used when the key is made")
      ->envname("FISHBOWL_LEDGER_ORIGIN")
      ->capture_default_str();
  serve->add_option("--checkpoint-interval", checkpoint_seconds, "seconds between signed checkpoints")
      ->envname("FISHBOWL_CHECKPOINT_INTERVAL")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  // Behind a reverse proxy every client has the proxy's address and so shares one bucket.
  double login_rate = 10;
  serve->add_option("--login-rate", login_rate, "login attempts per minute from one address")
      ->envname("FISHBOWL_LOGIN_RATE")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  int follow_up_days = 5;
  serve
      ->add_option("--follow-up-days", follow_up_days,
                   "working days a department has to answer a rating of 1 or 2 (差评整改回复)")
      ->envname("FISHBOWL_FOLLOW_UP_DAYS")
      ->check(CLI::Range(1, 60))
      ->capture_default_str();
  serve->callback([&] {
    std::setvbuf(stdout, nullptr, _IOLBF,
                 0);  // the access log goes out line by line, even into a file or pipe
    http::ServerOptions options;
    options.threads = threads;
    if (!http::parse_listen(listen, options)) {
      std::cerr << "error: --listen must be address:port\n";
      exit_code = 2;
      return;
    }
    auto calendar = load_calendar(calendar_files);
    if (!calendar) return void(exit_code = fail(calendar.error()));
    auto db = open_migrated(db_url, std::max(4u, 2 * std::max(1u, std::thread::hardware_concurrency())));
    if (!db) return void(exit_code = fail(db.error()));
    auto signer = ledger::load_or_create_signer(ledger_key, ledger_origin);
    if (!signer) return void(exit_code = fail(signer.error()));
    Database& database = **db;
    Periodic checkpoints(std::chrono::seconds(checkpoint_seconds), [&database, s = signer.value()] {
      auto indexed = ledger::index_leaf_hashes(database);
      if (!indexed) spdlog::warn("leaf-hash index: {}", indexed.error().message);
      auto made = ledger::make_checkpoint(database, s);
      if (!made) spdlog::warn("checkpoint: {}", made.error().message);
    });
    // The outbox is drained every few seconds; messages wait there through restarts.
    cases::LogSmsSender sender;
    Periodic sms(std::chrono::seconds(5), [&database, &sender] {
      auto sent = cases::drain_outbox(database, sender, now_utc());
      if (!sent) spdlog::warn("sms: {}", sent.error().message);
    });
    // Once a day the search index's segments are merged into one; see search/merge.h.
    Periodic merge(std::chrono::hours(24), [&database](const std::stop_token& stop) {
      auto merged = search::merge_index(database, [&stop] { return stop.stop_requested(); });
      if (!merged) spdlog::warn("search index merge: {}", merged.error().message);
    });
    http::Metrics metrics;
    http::RateLimiter limiter;
    http::Config config;
    config.ledger_verifier_key = signer->verifier_key();
    config.web_root = web_root;
    config.secure_cookies = secure_cookies;
    config.access_log = !quiet;
    config.follow_up_days = follow_up_days;
    config.login_per_minute = login_rate;
    auto api = http::make_api(http::App{**db, config, metrics, limiter, *calendar});
    exit_code = http::run_server(*api, options);
  });

  auto* migrate_cmd = app.add_subcommand("migrate", "Apply the database migrations that are missing");
  migrate_cmd->callback([&] {
    auto db = Database::open(db_url, 1);
    if (!db) return void(exit_code = fail(db.error()));
    auto n = migrate(**db, platform_modules());
    if (!n) return void(exit_code = fail(n.error()));
    std::cout << "applied " << *n << " migration(s)\n";
  });

  auto* demo = app.add_subcommand("demo", "Create the demo county (only into an empty database)");
  std::string accounts_file;
  demo->add_option("--accounts-file", accounts_file,
                   "also write the demo accounts and passwords to this file");
  demo->callback([&] {
    auto db = open_migrated(db_url);
    if (!db) return void(exit_code = fail(db.error()));
    auto r = create_demo_county(**db);
    if (!r) return void(exit_code = fail(r.error()));
    std::cout << r->summary;
    if (!accounts_file.empty()) write_demo_accounts(r.value(), accounts_file);
  });

  add_user_commands(app, db_url, exit_code);
  add_calendar_commands(app, exit_code);
  add_item_sheet_commands(app, db_url, exit_code);
  add_ledger_commands(app, db_url, exit_code);
  add_report_commands(app, db_url, exit_code);
  add_monitor_command(app, exit_code);

  app.add_subcommand("version", "Print the version")->callback([] {
    std::cout << "fishbowl " FISHBOWL_VERSION "\n";
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
