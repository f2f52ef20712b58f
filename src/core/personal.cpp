#include "core/personal.h"

#include <algorithm>
#include <string_view>

#include "core/calendar.h"

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

bool is_resident_id_number(const std::string& id) {
  if (id.size() != 18 || !digits(id.substr(0, 17))) return false;
  auto birth = id.substr(6, 8);
  if (!parse_date(birth.substr(0, 4) + "-" + birth.substr(4, 2) + "-" + birth.substr(6, 2))) return false;
  static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id[i] - '0') * weights[i];
  return id[17] == "10X98765432"[sum % 11];
}

bool is_credit_code(const std::string& code) {
  static const std::string_view alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  if (code.size() != 18) return false;
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    auto v = alphabet.find(code[i]);
    if (v == std::string_view::npos) return false;
    sum += static_cast<int>(v) * weights[i];
  }
  return code[17] == alphabet[(31 - sum % 31) % 31];
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

std::string masked_id_number(const std::string& id) {
  if (id.size() <= 10) return std::string(id.size(), '*');
  return id.substr(0, 6) + std::string(id.size() - 10, '*') + id.substr(id.size() - 4);
}

}  // namespace fishbowl
