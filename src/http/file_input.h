#pragma once
// Files in request bodies: they travel as base64 inside JSON, like every other body, so that one pipeline
// checks them all.
#include <string>

#include "core/json_input.h"
#include "services/attachments.h"

namespace fishbowl::http {

// Room for a little more than the largest attachment, so that a file just too large is told so by name
// (attachment.too_large) rather than as an overlong field.
inline constexpr std::size_t kMaxAttachmentBase64 = (services::kMaxAttachment + 64 * 1024) / 3 * 4;

// The bytes of content_base64 (at most max_base64 characters); on a missing or malformed field the reader
// has recorded the error and "" is returned.
std::string file_content(JsonInput& in, std::size_t max_base64);

}  // namespace fishbowl::http
