#include "app/cli_monitor.h"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <iostream>
#include <memory>
#include <thread>

#include "http/api.h"
#include "http/metrics.h"
#include "http/rate_limit.h"
#include "http/server.h"
#include "monitor/monitor.h"

namespace fishbowl {

namespace {

struct MonitorArgs {
  monitor::Options options;
  std::string listen = "127.0.0.1:9101";
  int interval = 10;
  bool once = false;
};

void report(const monitor::NodeStatus& s, const std::vector<monitor::Alert>& alerts) {
  for (const auto& a : alerts) std::cout << "ALERT " << a.kind << ": " << a.message << "\n";
  std::cout << "verified size " << s.size << " root " << ledger::hex(s.root) << "\n";
}

}  // namespace

void add_monitor_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<MonitorArgs>();
  auto* cmd = app.add_subcommand("monitor", "Follow a server's public ledger, verify it, and raise alerts");
  cmd->add_option("--url", args->options.url, "the server to follow, e.g. http://127.0.0.1:8080")->required();
  cmd->add_option("--state", args->options.state_dir, "folder for this node's copy of the ledger")
      ->required();
  cmd->add_option("--key", args->options.key,
                  "verifier key to pin (default: trust the server's on first use)");
  cmd->add_option("--listen", args->listen, "where to serve what this node verified")->capture_default_str();
  cmd->add_option("--interval", args->interval, "seconds between polls")->check(CLI::Range(1, 86400));
  cmd->add_flag("--once", args->once, "poll once, print the result, exit non-zero on any alert");
  cmd->callback([&exit_code, args] {
    while (!args->options.url.empty() && args->options.url.back() == '/') args->options.url.pop_back();
    auto node = monitor::Monitor::open(args->options);
    if (!node) {
      std::cerr << "error: " << node.error().message << "\n";
      exit_code = 2;
      return;
    }
    if (args->once) {
      auto alerts = (*node)->poll();
      if (!alerts) {
        std::cerr << "error: " << alerts.error().message << "\n";
        exit_code = 2;
        return;
      }
      report((*node)->status(), *alerts);
      exit_code = alerts->empty() ? 0 : 1;
      return;
    }
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    std::jthread poller([&node, args](std::stop_token stop) {
      std::mutex mu;
      std::condition_variable_any wake;
      while (!stop.stop_requested()) {
        auto alerts = (*node)->poll();
        if (!alerts) spdlog::warn("poll: {}", alerts.error().message);
        std::unique_lock lock(mu);
        wake.wait_for(lock, stop, std::chrono::seconds(args->interval), [] { return false; });
      }
    });
    http::ServerOptions server;
    if (!http::parse_listen(args->listen, server)) {
      std::cerr << "error: --listen must be address:port\n";
      exit_code = 2;
      return;
    }
    http::Metrics metrics;
    http::RateLimiter limiter;
    http::Config config;
    config.access_log = false;
    auto api = http::make_monitor_api(http::App{(*node)->db(), config, metrics, limiter}, **node);
    exit_code = http::run_server(*api, server);
  });
}

}  // namespace fishbowl
