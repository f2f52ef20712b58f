#include "core/embedded.h"

namespace fishbowl {

std::string_view embedded_file(std::string_view name) {
  for (const auto& f : embedded_files())
    if (f.name == name) return f.bytes;
  return {};
}

}  // namespace fishbowl
