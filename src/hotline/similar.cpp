#include "hotline/similar.h"

#include <algorithm>

#include "search/search.h"

namespace fishbowl::hotline::detail {

std::set<std::string> pairs_of(std::string_view text) {
  auto tokens = search::tokenize(text);
  std::set<std::string> out;
  // Letters and digits pair like ideographs (a plate number, "5G"); single characters say too little.
  for (auto& b : tokens.bigrams)
    if (!b.empty()) out.insert(std::move(b));
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
