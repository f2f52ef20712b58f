#include "hotline/similar.h"

#include <algorithm>
#include <cctype>

#include "search/search.h"

namespace fishbowl::hotline::detail {

namespace {

bool is_ascii(char c) {
  return (static_cast<unsigned char>(c) & 0x80) == 0;
}

std::size_t common(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::size_t n = 0;
  for (const auto& x : a) n += b.count(x);
  return n;
}

}  // namespace

std::set<std::string> pairs_of(std::string_view text) {
  std::set<std::string> out;
  // The index pairs digits too, but here a date or a phone number shared by two unrelated reports would make
  // them alike pair by pair: only pairs of Chinese count, and a run of ASCII letters and digits (a plate
  // number, "5G") counts once, whole. Single characters say too little.
  for (auto& b : search::tokenize(text).bigrams)
    if (!b.empty() && std::none_of(b.begin(), b.end(), is_ascii)) out.insert(std::move(b));
  std::string folded = search::fold(text), word;
  for (char c : folded + " ") {
    if (is_ascii(c) && std::isalnum(static_cast<unsigned char>(c))) {
      word += c;
    } else if (!word.empty()) {
      out.insert(std::move(word));
      word.clear();
    }
  }
  return out;
}

double covered(const std::set<std::string>& a, const std::set<std::string>& b) {
  return a.empty() ? 0 : static_cast<double>(common(a, b)) / static_cast<double>(a.size());
}

double alike(const std::set<std::string>& a, const std::set<std::string>& b) {
  return a.empty() && b.empty()
             ? 0
             : 2.0 * static_cast<double>(common(a, b)) / static_cast<double>(a.size() + b.size());
}

}  // namespace fishbowl::hotline::detail
