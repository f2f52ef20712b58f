#include "hotline/similar.h"

#include <algorithm>

#include "search/search.h"

namespace fishbowl::hotline::detail {

std::set<std::string> pairs_of(std::string_view text) {
  auto tokens = search::tokenize(text);
  std::set<std::string> out;
  for (auto& b : tokens.bigrams)
    if (!b.empty()) out.insert(std::move(b));
  // Words of ASCII letters and digits (a plate number, "5G") count whole; single ideographs say too little.
  for (auto& u : tokens.unigrams)
    if (!u.empty() && (u[0] & 0x80) == 0) out.insert(std::move(u));
  return out;
}

namespace {
std::size_t common(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::size_t n = 0;
  for (const auto& x : a) n += b.count(x);
  return n;
}
}  // namespace

double covered(const std::set<std::string>& a, const std::set<std::string>& b) {
  return a.empty() ? 0 : static_cast<double>(common(a, b)) / static_cast<double>(a.size());
}

double alike(const std::set<std::string>& a, const std::set<std::string>& b) {
  return a.empty() && b.empty()
             ? 0
             : 2.0 * static_cast<double>(common(a, b)) / static_cast<double>(a.size() + b.size());
}

}  // namespace fishbowl::hotline::detail
