#pragma once
// A plain HTTP GET for monitoring nodes (libcurl): bounded in time and size, no redirects, no cookies.
#include <string>

#include "core/error.h"

namespace fishbowl::monitor {

struct Fetched {
  long status = 0;
  std::string body;
};

// Errors: monitor.unreachable when no answer arrives (connection, timeout, oversize body).
Result<Fetched> http_get(const std::string& url, long timeout_seconds = 15);

}  // namespace fishbowl::monitor
