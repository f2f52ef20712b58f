#pragma once
// Request counters and latency histograms by route and status, rendered in the Prometheus text format.
// Labels are route patterns ("/api/v1/regions/{id}"), never raw paths: bounded cardinality, no personal data.
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "storage/database.h"

namespace fishbowl::http {

class Metrics {
 public:
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  std::string render(const PoolStats& pool) const;
  static const std::vector<double>& buckets();

 private:
  struct Histogram {
    std::vector<unsigned long long> counts;  // cumulative at render time, per bucket here
    unsigned long long total = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, unsigned long long> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> latency_;
};

}  // namespace fishbowl::http
