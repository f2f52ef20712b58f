#include "core/personal.h"

#include <algorithm>
#include <string_view>

namespace fishbowl {

namespace {

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

}  // namespace

bool is_phone_number(const std::string& p) {
  if (p.size() == 11 && p[0] == '1' && p[1] >= '3' && digits(p)) return true;
  auto dash = p.find('-');
  std::string joined = dash == std::string::npos ? p : p.substr(0, dash) + p.substr(dash + 1);
  bool area_ok = dash == std::string::npos || dash == 3 || dash == 4;
  return area_ok && p[0] == '0' && digits(joined) && joined.size() >= 10 && joined.size() <= 12;
}

std::string masked_name(const std::string& name) {
  if (name.empty()) return name;
  std::size_t first = 1;
  while (first < name.size() && (static_cast<unsigned char>(name[first]) & 0xC0) == 0x80) ++first;
  std::size_t rest = 0;
  for (std::size_t i = first; i < name.size(); ++i)
    if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80) ++rest;
  return name.substr(0, first) + std::string(std::max<std::size_t>(rest, 1), '*');
}

}  // namespace fishbowl
