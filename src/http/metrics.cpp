#include "http/metrics.h"

#include <fmt/format.h>

namespace fishbowl::http {

namespace {
std::string escape_label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}
}  // namespace

const std::vector<double>& Metrics::buckets() {
  static const std::vector<double> b{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                     0.1,    0.25,  0.5,    1,     2.5,  5};
  return b;
}

void Metrics::observe(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mu_);
  requests_[{method, route, status}]++;
  auto& h = latency_[{method, route}];
  if (h.counts.empty()) h.counts.assign(buckets().size(), 0);
  for (std::size_t i = 0; i < buckets().size(); ++i)
    if (seconds <= buckets()[i]) {
      h.counts[i]++;
      break;
    }
  h.total++;
  h.sum += seconds;
}

std::string Metrics::render(const PoolStats& pool) const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP fishbowl_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE fishbowl_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out += fmt::format("fishbowl_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       method, escape_label(route), status, n);
  }
  out += "# HELP fishbowl_http_request_duration_seconds Time from request to response.\n";
  out += "# TYPE fishbowl_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : latency_) {
    std::string labels = fmt::format("method=\"{}\",route=\"{}\"", key.first, escape_label(key.second));
    unsigned long long cumulative = 0;
    for (std::size_t i = 0; i < buckets().size(); ++i) {
      cumulative += h.counts[i];
      out += fmt::format("fishbowl_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                         buckets()[i], cumulative);
    }
    out +=
        fmt::format("fishbowl_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, h.total);
    out += fmt::format("fishbowl_http_request_duration_seconds_sum{{{}}} {}\n", labels, h.sum);
    out += fmt::format("fishbowl_http_request_duration_seconds_count{{{}}} {}\n", labels, h.total);
  }
  out += "# HELP fishbowl_db_pool_size Database sessions in the pool.\n# TYPE fishbowl_db_pool_size gauge\n";
  out += fmt::format("fishbowl_db_pool_size {}\n", pool.size);
  out +=
      "# HELP fishbowl_db_pool_in_use Database sessions lent out now.\n# TYPE fishbowl_db_pool_in_use "
      "gauge\n";
  out += fmt::format("fishbowl_db_pool_in_use {}\n", pool.in_use);
  out += "# HELP fishbowl_db_pool_waits_total Leases that had to wait for a free session.\n";
  out += "# TYPE fishbowl_db_pool_waits_total counter\n";
  out += fmt::format("fishbowl_db_pool_waits_total {}\n", pool.waits);
  out += "# HELP fishbowl_db_writes_total Writes committed.\n# TYPE fishbowl_db_writes_total counter\n";
  out += fmt::format("fishbowl_db_writes_total {}\n", pool.writes);
  out += "# HELP fishbowl_db_write_transactions_total Transactions that committed them (group commit).\n";
  out += "# TYPE fishbowl_db_write_transactions_total counter\n";
  out += fmt::format("fishbowl_db_write_transactions_total {}\n", pool.transactions);
  out += "# HELP fishbowl_db_writes_queued Writes waiting for the writer.\n";
  out += "# TYPE fishbowl_db_writes_queued gauge\n";
  out += fmt::format("fishbowl_db_writes_queued {}\n", pool.queued_writes);
  out +=
      "# HELP fishbowl_db_wal_checkpoints_total Copies of the SQLite write-ahead log into the database "
      "file.\n";
  out += "# TYPE fishbowl_db_wal_checkpoints_total counter\n";
  out += fmt::format("fishbowl_db_wal_checkpoints_total {}\n", pool.wal_checkpoints);
  return out;
}

}  // namespace fishbowl::http
