#include "http/form.h"

#include "core/text.h"

namespace fishbowl::http {

Result<FormFields> parse_form(std::string_view text, std::size_t max_fields) {
  FormFields out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto amp = text.find('&', start);
    if (amp == std::string_view::npos) amp = text.size();
    std::string_view pair = text.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    if (out.size() >= max_fields) return Error::bad_request("request.malformed_form", "表单字段过多");
    auto eq = pair.find('=');
    std::string name, value;
    if (!percent_decode(pair.substr(0, eq), name, true) ||
        !percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), value, true))
      return Error::bad_request("request.malformed_form", "表单内容的编码不正确");
    if (!is_valid_utf8(name) || !is_valid_utf8(value))
      return Error::bad_request("request.invalid_utf8", "请求含有无效的 UTF-8 字符");
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

}  // namespace fishbowl::http
