#pragma once
// Files compiled into the binary (migrations, the API description), looked up by their project-relative name.
#include <string_view>
#include <vector>

namespace fishbowl {

struct EmbeddedFile {
  std::string_view name;
  std::string_view bytes;
};

// Every embedded file, in a stable order (the build lists them sorted by name).
const std::vector<EmbeddedFile>& embedded_files();

// The bytes of one file, or an empty view when no file has that name.
std::string_view embedded_file(std::string_view name);

}  // namespace fishbowl
