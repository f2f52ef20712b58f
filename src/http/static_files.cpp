#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fishbowl::http {

namespace {

std::string mime_of(const std::filesystem::path& p) {
  static const std::map<std::string, std::string> types{{".html", "text/html; charset=utf-8"},
                                                        {".js", "text/javascript; charset=utf-8"},
                                                        {".mjs", "text/javascript; charset=utf-8"},
                                                        {".css", "text/css; charset=utf-8"},
                                                        {".json", "application/json; charset=utf-8"},
                                                        {".svg", "image/svg+xml"},
                                                        {".png", "image/png"},
                                                        {".jpg", "image/jpeg"},
                                                        {".jpeg", "image/jpeg"},
                                                        {".gif", "image/gif"},
                                                        {".webp", "image/webp"},
                                                        {".ico", "image/x-icon"},
                                                        {".woff2", "font/woff2"},
                                                        {".woff", "font/woff"},
                                                        {".ttf", "font/ttf"},
                                                        {".txt", "text/plain; charset=utf-8"},
                                                        {".map", "application/json"},
                                                        {".webmanifest", "application/manifest+json"}};
  auto it = types.find(p.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::optional<std::string> read_file(const std::filesystem::path& p) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

void add_security_headers(Response& r) {
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                         "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
                         "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "same-origin");
  r.headers.emplace_back("X-Frame-Options", "DENY");
}

std::optional<Response> serve_static(const Config& config, const Request& req,
                                     const std::string& decoded_path) {
  if (config.web_root.empty()) return std::nullopt;
  std::filesystem::path root(config.web_root);
  // No way out of the web root: refuse any ".." segment, NUL or backslash outright.
  if (decoded_path.find("..") != std::string::npos || decoded_path.find('\0') != std::string::npos ||
      decoded_path.find('\\') != std::string::npos)
    return std::nullopt;
  std::filesystem::path rel = decoded_path == "/" ? "index.html" : decoded_path.substr(1);
  std::filesystem::path file = root / rel;
  bool hashed = decoded_path.rfind("/assets/", 0) == 0;
  auto body = read_file(file);
  if (!body) {
    // Client-side routes (/region/3, /workbench) get the app's index.html; missing assets stay 404.
    if (rel.has_extension()) return std::nullopt;
    file = root / "index.html";
    body = read_file(file);
    if (!body) return std::nullopt;
    hashed = false;
  }
  Response r;
  r.status = 200;
  r.content_type = mime_of(file);
  if (req.header("accept-encoding").find("gzip") != std::string::npos) {
    if (auto gz = read_file(file.string() + ".gz")) {
      body = std::move(gz);
      r.headers.emplace_back("Content-Encoding", "gzip");
    }
    r.headers.emplace_back("Vary", "Accept-Encoding");
  }
  r.body = std::move(*body);
  r.headers.emplace_back("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  add_security_headers(r);
  return r;
}

}  // namespace fishbowl::http
