#pragma once
// A small cache of public GET responses (the region tree, departments, service points): they are read far
// more often than they change. An entry is used only while no write has committed through this process since
// it was made, and for at most max_age (writes by other processes sharing the database become visible within
// that). Entries carry a strong ETag, so browsers and mirrors can revalidate with If-None-Match for a 304.
#include <chrono>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "http/api.h"

namespace fishbowl::http {

class ResponseCache {
 public:
  explicit ResponseCache(std::chrono::milliseconds max_age = std::chrono::milliseconds(1000))
      : max_age_(max_age) {}
  std::optional<Response> get(const std::string& key, unsigned long long commits);
  // Stores a copy of a 200 response and adds its ETag to res.
  void put(const std::string& key, unsigned long long commits, Response& res);

 private:
  struct Entry {
    unsigned long long commits;
    std::chrono::steady_clock::time_point made;
    Response response;
  };
  static constexpr std::size_t kMaxEntries = 4096;
  std::chrono::milliseconds max_age_;
  std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace fishbowl::http
