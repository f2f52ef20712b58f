#include "storage/row.h"

#include <cstdlib>

namespace fishbowl {

long long int64_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<long long>(r.get<double>(i));
    case soci::dt_string:
      return std::atoll(r.get<std::string>(i).c_str());
    default:
      return 0;
  }
}

double double_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_double:
      return r.get<double>(i);
    case soci::dt_string:
      return std::atof(r.get<std::string>(i).c_str());
    default:
      return static_cast<double>(int64_at(r, i));
  }
}

std::optional<long long> optional_int64_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return int64_at(r, i);
}

std::string text_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return {};
  return r.get<std::string>(i);
}

}  // namespace fishbowl
