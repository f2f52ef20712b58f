#pragma once
// Signed notes and checkpoints in the C2SP formats (c2sp.org/signed-note, c2sp.org/tlog-checkpoint), Ed25519.
//
//   note     = text (UTF-8, ends in "\n") + "\n" + one line per signature: "— <key name> <base64(key id ||
//   sig)>\n" key id   = first 4 bytes of SHA-256(<key name> || "\n" || 0x01 || public key) verifier = "<key
//   name>+<hex key id>+<base64(0x01 || public key)>" signer   = "PRIVATE+KEY+<key name>+<hex key
//   id>+<base64(0x01 || 32-byte seed)>" checkpoint text = "<origin>\n<tree size>\n<base64 root hash>\n"
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "ledger/merkle.h"

namespace fishbowl::ledger {

struct Signer {
  std::string name;
  std::string seed;        // 32 bytes
  std::string public_key;  // 32 bytes
  std::string key_id;      // 4 bytes

  static Result<Signer> generate(const std::string& name);
  static Result<Signer> parse(std::string_view signer_key);
  std::string encode() const;                     // the PRIVATE+KEY+… form
  std::string verifier_key() const;               // the public form to publish
  std::string sign(std::string_view text) const;  // the whole signed note
};

// Loads the signing key from path, or creates it (mode 0600) with the given name when the file does not
// exist.
Result<Signer> load_or_create_signer(const std::string& path, const std::string& name);

struct Verifier {
  std::string name;
  std::string public_key;
  std::string key_id;
  static Result<Verifier> parse(std::string_view verifier_key);
};

// The note's text when it carries a valid signature by this verifier; an error (note.malformed,
// note.unverified) otherwise.
Result<std::string> open_note(std::string_view note, const Verifier& v);

struct Checkpoint {
  std::string origin;
  std::uint64_t size = 0;
  Hash root{};
};
std::string checkpoint_text(const Checkpoint& c);
Result<Checkpoint> parse_checkpoint(std::string_view text);

bool valid_key_name(std::string_view name);

}  // namespace fishbowl::ledger
