#pragma once
// Per-address token buckets for the attempts worth limiting: logins, and writes without a session.
// In-process: behind a load balancer each server limits on its own, which bounds an attacker at N times the
// rate.
#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace fishbowl::http {

class RateLimiter {
 public:
  // True when one more attempt of this kind from this address fits in per_minute (burst = per_minute).
  // Otherwise false and retry_after_seconds tells when the next one will.
  bool allow(const std::string& kind, const std::string& address, double per_minute,
             int& retry_after_seconds);

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point last;
  };
  std::mutex mu_;
  std::map<std::pair<std::string, std::string>, Bucket> buckets_;
  std::chrono::steady_clock::time_point last_prune_{};
};

}  // namespace fishbowl::http
