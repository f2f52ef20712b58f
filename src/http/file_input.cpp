#include "http/file_input.h"

#include "core/crypto.h"

namespace fishbowl::http {

std::string file_content(JsonInput& in, std::size_t max_base64) {
  std::string text = in.text("content_base64", max_base64);
  if (text.empty()) return text;  // the reader has recorded field.required
  auto bytes = from_base64(text);
  if (!bytes) in.fail(Error::invalid("field.invalid", "content_base64 不是有效的 base64", "content_base64"));
  return bytes.value_or("");
}

}  // namespace fishbowl::http
