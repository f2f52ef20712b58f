#include <argon2.h>

#include <stdexcept>

#include "auth/auth.h"
#include "core/crypto.h"
#include "core/text.h"

namespace fishbowl::auth {

namespace {
// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
constexpr uint32_t kTimeCost = 2;
constexpr uint32_t kMemoryKiB = 19 * 1024;
constexpr uint32_t kLanes = 1;
constexpr std::size_t kSaltLen = 16;
constexpr std::size_t kHashLen = 32;
}  // namespace

std::string hash_password(std::string_view password) {
  std::string salt = random_bytes(kSaltLen);
  std::size_t len = argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltLen, kHashLen, Argon2_id);
  std::string encoded(len, '\0');
  int rc = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(), salt.data(),
                                 salt.size(), kHashLen, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) throw std::runtime_error(argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool verify_password(std::string_view encoded, std::string_view password) {
  std::string enc(encoded);
  return argon2id_verify(enc.c_str(), password.data(), password.size()) == ARGON2_OK;
}

Status check_password_rules(std::string_view password) {
  std::size_t n = utf8_length(password);
  if (n < 8 || n > 128)
    return Error::invalid("auth.weak_password", "密码长度应为 8 到 128 个字符", "password");
  if (password.find_first_not_of("0123456789") == std::string_view::npos)
    return Error::invalid("auth.weak_password", "密码不能全是数字", "password");
  return ok_status();
}

}  // namespace fishbowl::auth
