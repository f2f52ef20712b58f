#pragma once
// Attachments of guides (blank forms and samples of materials), of publications and replies, and of tickets,
// kept by the SHA-256 of their bytes. Only the kinds of file a window hands out are taken (PDF, Word, Excel,
// WPS, JPEG, PNG), and the bytes must be what the name says, since they are served to anyone who has the
// hash.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "ledger/command.h"
#include "storage/database.h"

namespace fishbowl::services {

inline constexpr std::size_t kMaxAttachment = 10u << 20;

struct Attachment {
  std::string sha256;  // lowercase hex
  std::string media_type;
  long long size = 0;
};

// Stores the bytes (once) and records attachment.uploaded with their hash, size and type, under the organ
// that will use it: owner is its event scope, "department:<id>" or "region:<id>" (a region's government).
// Errors: attachment.unsupported_type (the name's extension), attachment.type_mismatch (the bytes are not
// that kind of file), attachment.too_large, attachment.empty. A private file (one given to one applicant)
// enters the ledger with its hash and name only as commitments, so that nobody else learns where to fetch it.
Result<Attachment> upload_attachment(Command& cmd, const std::string& owner, const std::string& file_name,
                                     const std::string& bytes, bool private_file = false);

// The stored bytes; attachment.not_found (404).
Result<std::pair<Attachment, std::string>> read_attachment(Database& db, const std::string& sha256);

bool attachment_exists(soci::session& sql, const std::string& sha256);

// A stored file as something links to it, under the name it is downloaded by.
struct AttachmentRef {
  std::string sha256;
  std::string file_name;
  bool operator==(const AttachmentRef&) const = default;
};

// A list of files as publications, replies and tickets keep and show it: [{"sha256", "name"}].
nlohmann::json refs_json(const std::vector<AttachmentRef>& refs);
std::vector<AttachmentRef> refs_from(const std::string& stored);  // refs_json, dumped, read back
// At most `max` files (field.out_of_range, 422 <field>), each already stored (attachment.not_found, 422
// <field>[i].sha256).
Status check_refs(soci::session& sql, const std::vector<AttachmentRef>& refs, std::size_t max,
                  const std::string& field);

}  // namespace fishbowl::services
