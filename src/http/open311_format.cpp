#include "http/open311_format.h"

#include <fmt/format.h>

#include <chrono>
#include <map>

#include "core/clock.h"

namespace fishbowl::http::open311 {

namespace {

// The element of one item of each list the spec defines.
std::string singular(const std::string& plural) {
  static const std::map<std::string, std::string> m{
      {"services", "service"},     {"service_requests", "request"},
      {"attributes", "attribute"}, {"values", "value"},
      {"errors", "error"},         {"endpoints", "endpoint"},
      {"formats", "format"},       {"notes", "note"}};
  auto it = m.find(plural);
  return it == m.end() ? "item" : it->second;
}

// Character data for XML 1.0: the five special characters as references, CR kept as a reference (parsers
// fold it into LF), and characters XML cannot carry at all (other C0 controls, U+FFFE, U+FFFF) as U+FFFD.
void append_escaped(std::string& out, const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(s[i]);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        if ((ch < 0x20 && ch != '\t' && ch != '\n') || ch == 0x7f) {
          out += "\xEF\xBF\xBD";
        } else if (ch == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
                   (static_cast<unsigned char>(s[i + 2]) == 0xBE ||
                    static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
          out += "\xEF\xBF\xBD";
          i += 2;
        } else {
          out += static_cast<char>(ch);
        }
    }
  }
}

void append_xml(std::string& out, const std::string& name, const Doc& v, int depth) {
  std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  if (v.is_null()) {
    out += indent + "<" + name + "/>\n";
  } else if (v.is_array()) {
    out += indent + "<" + name + ">\n";
    for (const auto& item : v) append_xml(out, singular(name), item, depth + 1);
    out += indent + "</" + name + ">\n";
  } else if (v.is_object()) {
    out += indent + "<" + name + ">\n";
    for (const auto& [k, child] : v.items()) append_xml(out, k, child, depth + 1);
    out += indent + "</" + name + ">\n";
  } else {
    out += indent + "<" + name + ">";
    append_escaped(out, v.is_string() ? v.get<std::string>() : v.dump());
    out += "</" + name + ">\n";
  }
}

}  // namespace

const char* extension(Format f) {
  return f == Format::xml ? "xml" : "json";
}

Response document(Format f, int status, const std::string& root, const Doc& body) {
  Response r;
  r.status = status;
  if (f == Format::json) {
    r.body = body.dump(-1, ' ', false, Doc::error_handler_t::replace);
    return r;
  }
  r.content_type = "text/xml; charset=utf-8";
  r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  append_xml(r.body, root, body, 0);
  return r;
}

int status_of(const Error& e) {
  switch (e.kind) {
    case ErrorKind::not_found:
      return 404;
    case ErrorKind::unauthenticated:
    case ErrorKind::forbidden:
      return 403;
    case ErrorKind::rate_limited:
      return 429;
    case ErrorKind::unavailable:
      return 503;
    case ErrorKind::internal:
      return 500;
    default:
      return 400;
  }
}

Response error(Format f, const Error& e) {
  int status = status_of(e);
  return document(f, status, "errors", Doc::array({Doc{{"code", status}, {"description", e.message}}}));
}

std::string local_datetime(const std::string& utc) {
  auto t = parse_utc(utc);
  if (!t) return utc;
  // Asia/Shanghai has kept UTC+8 without daylight saving since 1991.
  auto local = std::chrono::floor<std::chrono::seconds>(*t) + std::chrono::hours(8);
  auto day = std::chrono::floor<std::chrono::days>(local);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss hms{local - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+08:00", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

Doc text_or_null(const std::string& s) {
  return s.empty() ? Doc(nullptr) : Doc(s);
}

}  // namespace fishbowl::http::open311
