#include "hotline/terms.h"

#include <algorithm>
#include <set>

#include "search/search.h"

namespace fishbowl::hotline::detail {

namespace {

constexpr std::size_t kMinLength = 2, kMaxLength = 4;

const std::set<std::string>& stop_terms() {
  static const std::set<std::string> s{"问题", "反映", "咨询", "希望", "要求", "请求",
                                       "情况", "我们", "没有", "一下", "相关", "处理",
                                       "解决", "投诉", "建议", "求助", "举报", "有关"};
  return s;
}

bool ideograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FA1F);
}

// The code points of a UTF-8 text, with the byte offset each starts at (and the text's end last).
void decode(std::string_view s, std::vector<char32_t>& cps, std::vector<std::size_t>& at) {
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (i + n > s.size()) break;
    char32_t c = n == 1 ? b : b & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    cps.push_back(c);
    at.push_back(i);
    i += n;
  }
  at.push_back(s.size());
}

}  // namespace

void TermCounter::add(std::string_view title) {
  std::string folded = search::fold(title);
  std::vector<char32_t> cps;
  std::vector<std::size_t> at;
  decode(folded, cps, at);
  std::set<std::string> seen;  // each term once per title
  for (std::size_t i = 0; i < cps.size(); ++i)
    for (std::size_t n = kMinLength; n <= kMaxLength && i + n <= cps.size() && ideograph(cps[i + n - 1]); ++n)
      if (ideograph(cps[i])) seen.insert(folded.substr(at[i], at[i + n] - at[i]));
  for (const auto& t : seen) ++titles_with_[t];
}

std::vector<std::pair<std::string, long long>> TermCounter::top(std::size_t top) const {
  std::vector<std::pair<std::string, long long>> recurring;
  for (const auto& [t, n] : titles_with_)
    if (n >= 2 && !stop_terms().count(t)) recurring.emplace_back(t, n);
  // Most titles first, then the longer term, then by text so that equal counts come out the same every time.
  std::sort(recurring.begin(), recurring.end(), [](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    if (a.first.size() != b.first.size()) return a.first.size() > b.first.size();
    return a.first < b.first;
  });
  std::vector<std::pair<std::string, long long>> kept;
  for (const auto& [t, n] : recurring) {
    bool covered = std::any_of(kept.begin(), kept.end(), [&](const auto& k) {
      return k.second == n && k.first.find(t) != std::string::npos;
    });
    if (!covered) kept.emplace_back(t, n);
    if (kept.size() == top) break;
  }
  return kept;
}

}  // namespace fishbowl::hotline::detail
