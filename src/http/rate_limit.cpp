#include "http/rate_limit.h"

#include <cmath>

namespace fishbowl::http {

bool RateLimiter::allow(const std::string& kind, const std::string& address, double per_minute,
                        int& retry_after_seconds) {
  using namespace std::chrono;
  auto now = steady_clock::now();
  std::lock_guard lock(mu_);
  // Forget full buckets now and then, so the map holds only addresses seen recently.
  if (now - last_prune_ > minutes(5)) {
    for (auto it = buckets_.begin(); it != buckets_.end();)
      it = now - it->second.last > minutes(5) ? buckets_.erase(it) : std::next(it);
    last_prune_ = now;
  }
  auto [it, fresh] = buckets_.try_emplace({kind, address});
  Bucket& b = it->second;
  if (fresh) {
    b.tokens = per_minute;
  } else {
    double refill = duration<double>(now - b.last).count() * per_minute / 60.0;
    b.tokens = std::min(per_minute, b.tokens + refill);
  }
  b.last = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return true;
  }
  retry_after_seconds = static_cast<int>(std::ceil((1.0 - b.tokens) * 60.0 / per_minute));
  return false;
}

}  // namespace fishbowl::http
