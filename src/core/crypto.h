#pragma once
// Thin wrappers over libsodium and OpenSSL, so the rest of the code never handles raw buffers.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace fishbowl {

// Cryptographically random bytes (libsodium), as raw bytes.
std::string random_bytes(std::size_t n);
// SHA-256 of data, as 32 raw bytes.
std::string sha256(std::string_view data);
std::string to_hex(std::string_view bytes);
// Decodes hexadecimal text (either case); nullopt on an odd length or any other character.
std::optional<std::string> from_hex(std::string_view text);
// URL-safe base64 without padding, for tokens that travel in cookies and headers.
std::string base64url(std::string_view bytes);
// Standard base64 with padding (RFC 4648 section 4), as signed notes and checkpoints use it.
std::string base64(std::string_view bytes);
// Decodes standard base64; nullopt on anything else.
std::optional<std::string> from_base64(std::string_view text);
// Constant-time comparison of two equal-length secrets.
bool equal_secret(std::string_view a, std::string_view b);

}  // namespace fishbowl
