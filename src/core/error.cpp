#include "core/error.h"

namespace fishbowl {

namespace {
Error make(ErrorKind kind, std::string code, std::string message, std::string field) {
  return Error{kind, std::move(code), std::move(message), std::move(field)};
}
}  // namespace

Error Error::bad_request(std::string code, std::string message, std::string field) {
  return make(ErrorKind::bad_request, std::move(code), std::move(message), std::move(field));
}
Error Error::unauthenticated(std::string code, std::string message) {
  return make(ErrorKind::unauthenticated, std::move(code), std::move(message), {});
}
Error Error::forbidden(std::string code, std::string message) {
  return make(ErrorKind::forbidden, std::move(code), std::move(message), {});
}
Error Error::not_found(std::string code, std::string message) {
  return make(ErrorKind::not_found, std::move(code), std::move(message), {});
}
Error Error::conflict(std::string code, std::string message, std::string field) {
  return make(ErrorKind::conflict, std::move(code), std::move(message), std::move(field));
}
Error Error::invalid(std::string code, std::string message, std::string field) {
  return make(ErrorKind::invalid, std::move(code), std::move(message), std::move(field));
}
Error Error::internal(std::string code, std::string message) {
  return make(ErrorKind::internal, std::move(code), std::move(message), {});
}

}  // namespace fishbowl
