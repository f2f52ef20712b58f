#pragma once
// Hot terms without a dictionary: in a set of short titles, the runs of 2 to 4 ideographs that recur in at
// least two titles, each kept only where no longer run covers it in as many titles (so "路灯不亮" stands for
// "路灯", "灯不" and "不亮", while "路灯" stays when it also occurs alone). Generic words of complaint
// ("问题", "反映") are left out.
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace fishbowl::hotline::detail {

class TermCounter {
 public:
  void add(std::string_view title);
  // The `top` terms found in most titles, longest first among equals.
  std::vector<std::pair<std::string, long long>> top(std::size_t top) const;

 private:
  std::unordered_map<std::string, long long> titles_with_;  // term -> titles holding it
};

}  // namespace fishbowl::hotline::detail
