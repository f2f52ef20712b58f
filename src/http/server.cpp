#include "http/server.h"

#include <spdlog/spdlog.h>
#include <restinio/all.hpp>

#include <algorithm>
#include <charconv>
#include <csignal>
#include <thread>

namespace fishbowl::http {

namespace {

struct Traits : public restinio::default_traits_t {
  using logger_t = restinio::null_logger_t;
};

Request to_request(const restinio::request_handle_t& rh) {
  Request r;
  const auto& h = rh->header();
  r.method = h.method().c_str();
  r.path = std::string(h.path());
  r.query = std::string(h.query());
  for (const auto& f : h) {
    std::string name = f.name();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    r.headers.emplace_back(std::move(name), f.value());
  }
  r.body = rh->body();
  r.client_ip = rh->remote_endpoint().address().to_string();
  return r;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return status >= 500 ? "Internal Server Error" : "Unknown";
  }
}

}  // namespace

bool parse_listen(const std::string& listen, ServerOptions& o) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  int port = 0;
  auto [p, ec] = std::from_chars(listen.data() + colon + 1, listen.data() + listen.size(), port);
  if (ec != std::errc() || p != listen.data() + listen.size() || port < 0 || port > 65535) return false;
  o.address = listen.substr(0, colon);
  o.port = static_cast<unsigned short>(port);
  return true;
}

int run_server(Api& api, const ServerOptions& options) {
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  using server_t = restinio::http_server_t<Traits>;
  auto limits = restinio::incoming_http_msg_limits_t{}
                    .max_url_size(8 * 1024)
                    .max_field_name_size(256)
                    .max_field_value_size(8 * 1024)
                    .max_field_count(100)
                    .max_body_size(options.hard_body_limit);
  server_t server{
      restinio::own_io_context(), [&](auto& settings) {
        settings.port(options.port)
            .address(options.address)
            .incoming_http_msg_limits(limits)
            .read_next_http_message_timelimit(std::chrono::seconds(options.header_timeout_seconds))
            .write_http_response_timelimit(std::chrono::seconds(30))
            .handle_request_timeout(std::chrono::seconds(30))
            .request_handler([&api](auto rh) {
              Response res = api.handle(to_request(rh));
              auto out = rh->create_response(restinio::http_status_line_t{
                  restinio::http_status_code_t{static_cast<std::uint16_t>(res.status)},
                  reason_phrase(res.status)});
              if (!res.content_type.empty()) out.append_header("Content-Type", res.content_type);
              for (auto& [k, v] : res.headers) out.append_header(k, v);
              out.set_body(std::move(res.body));
              return out.done();
            });
      }};

  std::exception_ptr failure;
  restinio::impl::ioctx_on_thread_pool_t<restinio::impl::external_io_context_for_thread_pool_t> pool{
      threads, server.io_context()};
  asio::signal_set stop_signals{server.io_context(), SIGINT, SIGTERM};
  stop_signals.async_wait([&](const asio::error_code& ec, int) {
    if (ec) return;
    spdlog::info("stopping");
    server.close_async([&] { pool.stop(); }, [&](std::exception_ptr ex) { failure = ex; });
  });
  server.open_async(
      [&] {
        spdlog::info("listening on http://{}:{} with {} I/O threads", options.address, options.port, threads);
      },
      [&](std::exception_ptr ex) {
        failure = ex;
        pool.stop();
      });
  pool.start();
  pool.wait();
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      spdlog::error("server: {}", e.what());
    }
    return 1;
  }
  return 0;
}

}  // namespace fishbowl::http
