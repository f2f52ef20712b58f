#pragma once
// The error vocabulary every layer speaks. A domain function returns Result<T>: either a value or an Error
// with a stable machine code ("region.not_found"), a Chinese message for people, and the offending input
// field if any. The HTTP layer maps ErrorKind to a status in exactly one table (http/errors.cpp); nothing
// else decides statuses.
#include <string>
#include <utility>
#include <variant>

namespace fishbowl {

enum class ErrorKind {
  bad_request,             // malformed input that cannot be read at all (broken JSON, invalid UTF-8)
  unauthenticated,         // no valid session where one is required
  forbidden,               // a session whose roles and scopes do not allow the action
  not_found,               // the addressed object or route does not exist
  method_not_allowed,      // the route exists, the method does not
  conflict,                // the action collides with stored state (duplicate code, non-empty parent)
  payload_too_large,       // body over the route's limit
  unsupported_media_type,  // a body that is not JSON where JSON is required
  invalid,                 // well-formed input that fails validation; names the field
  rate_limited,            // too many attempts from one address
  unavailable,             // the database cannot be reached
  internal,                // a bug: logged with detail, shown to the client without it
};

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string code;
  std::string message;
  std::string field;

  static Error bad_request(std::string code, std::string message, std::string field = {});
  static Error unauthenticated(std::string code, std::string message);
  static Error forbidden(std::string code, std::string message);
  static Error not_found(std::string code, std::string message);
  static Error conflict(std::string code, std::string message, std::string field = {});
  static Error invalid(std::string code, std::string message, std::string field);
  static Error internal(std::string code, std::string message);
};

struct Unit {};

// A value or an error. Deliberately small: check ok(), then take value() or error().
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  // By value, so that `for (auto& x : f().value())` owns what it iterates.
  T value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

using Status = Result<Unit>;
inline Status ok_status() {
  return Unit{};
}

}  // namespace fishbowl
