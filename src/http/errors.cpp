#include "http/api.h"

namespace fishbowl::http {

int status_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_request:
      return 400;
    case ErrorKind::unauthenticated:
      return 401;
    case ErrorKind::forbidden:
      return 403;
    case ErrorKind::not_found:
      return 404;
    case ErrorKind::method_not_allowed:
      return 405;
    case ErrorKind::conflict:
      return 409;
    case ErrorKind::payload_too_large:
      return 413;
    case ErrorKind::unsupported_media_type:
      return 415;
    case ErrorKind::invalid:
      return 422;
    case ErrorKind::rate_limited:
      return 429;
    case ErrorKind::unavailable:
      return 503;
    case ErrorKind::internal:
      return 500;
  }
  return 500;
}

Response error_response(const Error& e) {
  nlohmann::json body = {{"error",
                          {{"code", e.code},
                           {"message", e.message},
                           {"field", e.field.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.field)}}}};
  return Response::json(status_of(e.kind), body);
}

Response Response::json(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  // Replace rather than throw on bad UTF-8: stored text is checked on the way in, this is a last guard.
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

}  // namespace fishbowl::http
