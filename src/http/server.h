#pragma once
// The HTTP server: RESTinio on standalone Asio, one I/O thread per core, feeding Api::handle().
// Limits: header fields and URL size, body size (a hard cap; routes have smaller ones that answer 413), and
// the time a client may take to send a request (slow clients are cut off). Stops cleanly on SIGINT and
// SIGTERM.
#include <string>

#include "http/api.h"

namespace fishbowl::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  unsigned threads = 0;  // 0: one per core
  std::size_t hard_body_limit = 16 * 1024 * 1024;
  int header_timeout_seconds = 10;
};

// Reads "address:port" into options; false when it is not that.
bool parse_listen(const std::string& listen, ServerOptions& options);

// Runs until a stop signal; returns 0, or 1 when the address cannot be bound.
int run_server(Api& api, const ServerOptions& options);

}  // namespace fishbowl::http
