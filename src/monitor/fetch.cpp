#include "monitor/fetch.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace fishbowl::monitor {

namespace {

constexpr std::size_t kMaxBody = 64 * 1024 * 1024;

std::size_t collect(char* data, std::size_t size, std::size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  if (out->size() + size * n > kMaxBody) return 0;  // aborts the transfer
  out->append(data, size * n);
  return size * n;
}

}  // namespace

Result<Fetched> http_get(const std::string& url, long timeout_seconds) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Error::internal("monitor.unreachable", "无法初始化 HTTP 客户端");
  Fetched f;
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &f.body);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, timeout_seconds);
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "fishbowl-monitor/" FISHBOWL_VERSION);
  CURLcode rc = curl_easy_perform(curl.get());
  if (rc != CURLE_OK)
    return Error{ErrorKind::unavailable, "monitor.unreachable",
                 std::string("无法访问 ") + url + "：" + curl_easy_strerror(rc), ""};
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &f.status);
  return f;
}

}  // namespace fishbowl::monitor
