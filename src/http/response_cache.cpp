#include "http/response_cache.h"

#include "core/crypto.h"

namespace fishbowl::http {

std::optional<Response> ResponseCache::get(const std::string& key, unsigned long long commits) {
  std::shared_lock lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.commits != commits ||
      std::chrono::steady_clock::now() - it->second.made > max_age_)
    return std::nullopt;
  return it->second.response;
}

void ResponseCache::put(const std::string& key, unsigned long long commits, Response& res) {
  if (res.status != 200) return;
  res.headers.emplace_back("ETag", "\"" + to_hex(sha256(res.body)).substr(0, 32) + "\"");
  std::unique_lock lock(mu_);
  if (entries_.size() >= kMaxEntries) entries_.clear();  // bounded: query strings are client-chosen
  entries_[key] = Entry{commits, std::chrono::steady_clock::now(), res};
}

}  // namespace fishbowl::http
