#pragma once
// Serving the built front end from the web root: correct types, long-lived caching for hashed assets, gzip
// files made at build time, a strict Content-Security-Policy, and index.html for client-side routes.
#include <optional>
#include <string>

#include "http/api.h"

namespace fishbowl::http {

// The response for a GET of decoded_path, or nullopt when there is no web root or no such file and no
// index.html.
std::optional<Response> serve_static(const Config& config, const Request& req,
                                     const std::string& decoded_path);

// The headers every HTML page carries (CSP and friends).
void add_security_headers(Response& r);

}  // namespace fishbowl::http
