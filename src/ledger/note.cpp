#include "ledger/note.h"

#include <sodium.h>
#include <sys/stat.h>

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.h"
#include "core/text.h"

namespace fishbowl::ledger {

namespace {

constexpr char kEd25519 = 0x01;
const std::string kDash = "\xe2\x80\x94";  // U+2014 EM DASH, which starts every signature line

std::string key_id_of(const std::string& name, const std::string& public_key) {
  return sha256(name + "\n" + std::string(1, kEd25519) + public_key).substr(0, 4);
}

Error malformed(const std::string& what) {
  return Error::invalid("note.malformed", what, "note");
}

// Splits at sep into at most max_parts parts: the last part keeps any further separators (base64 has '+').
std::vector<std::string_view> split(std::string_view s, char sep, std::size_t max_parts = SIZE_MAX) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || (s[i] == sep && out.size() + 1 < max_parts)) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

}  // namespace

bool valid_key_name(std::string_view name) {
  if (name.empty() || !is_valid_utf8(name)) return false;
  for (unsigned char c : name)
    if (c <= 0x20 || c == '+' || c == 0x7f) return false;
  return true;
}

Result<Signer> Signer::generate(const std::string& name) {
  if (!valid_key_name(name))
    return Error::invalid("ledger.invalid_key_name", "密钥名称不能含空白或加号", "name");
  Signer s;
  s.name = name;
  s.seed = random_bytes(crypto_sign_SEEDBYTES);
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, reinterpret_cast<const unsigned char*>(s.seed.data()));
  sodium_memzero(sk, sizeof sk);
  s.public_key.assign(reinterpret_cast<char*>(pk), sizeof pk);
  s.key_id = key_id_of(name, s.public_key);
  return s;
}

Result<Signer> Signer::parse(std::string_view text) {
  auto parts = split(text, '+', 5);
  if (parts.size() != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY")
    return Error::invalid("ledger.invalid_key", "签名密钥格式不正确", "key");
  auto key = from_base64(parts[4]);
  if (!key || key->size() != 33 || (*key)[0] != kEd25519)
    return Error::invalid("ledger.invalid_key", "签名密钥格式不正确", "key");
  auto made = generate(std::string(parts[2]));
  if (!made) return made.error();
  Signer s = made.value();
  s.seed = key->substr(1);
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, reinterpret_cast<const unsigned char*>(s.seed.data()));
  sodium_memzero(sk, sizeof sk);
  s.public_key.assign(reinterpret_cast<char*>(pk), sizeof pk);
  s.key_id = key_id_of(s.name, s.public_key);
  if (to_hex(s.key_id) != parts[3]) return Error::invalid("ledger.invalid_key", "签名密钥的标识不符", "key");
  return s;
}

std::string Signer::encode() const {
  return "PRIVATE+KEY+" + name + "+" + to_hex(key_id) + "+" + base64(std::string(1, kEd25519) + seed);
}

std::string Signer::verifier_key() const {
  return name + "+" + to_hex(key_id) + "+" + base64(std::string(1, kEd25519) + public_key);
}

std::string Signer::sign(std::string_view text) const {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, reinterpret_cast<const unsigned char*>(seed.data()));
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(), sk);
  sodium_memzero(sk, sizeof sk);
  std::string line =
      kDash + " " + name + " " + base64(key_id + std::string(reinterpret_cast<char*>(sig), sizeof sig));
  return std::string(text) + "\n" + line + "\n";
}

Result<Signer> load_or_create_signer(const std::string& path, const std::string& name) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return Signer::parse(line);
  }
  auto s = Signer::generate(name);
  if (!s) return s.error();
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  // Create with 0600 from the start: the key must never be readable by others, not even for a moment.
  mode_t old = ::umask(077);
  {
    std::ofstream out(path, std::ios::trunc);
    out << s->encode() << "\n";
    if (!out) {
      ::umask(old);
      return Error::internal("ledger.key_unwritable", "无法写入账本签名密钥文件");
    }
  }
  ::umask(old);
  return s;
}

Result<Verifier> Verifier::parse(std::string_view text) {
  auto parts = split(text, '+', 3);
  if (parts.size() != 3 || !valid_key_name(parts[0]))
    return Error::invalid("ledger.invalid_verifier_key", "验证公钥格式不正确", "key");
  auto id = fishbowl::from_hex(parts[1]);
  auto key = from_base64(parts[2]);
  if (!id || id->size() != 4 || !key || key->size() != 33 || (*key)[0] != kEd25519)
    return Error::invalid("ledger.invalid_verifier_key", "验证公钥格式不正确", "key");
  Verifier v{std::string(parts[0]), key->substr(1), *id};
  if (key_id_of(v.name, v.public_key) != v.key_id)
    return Error::invalid("ledger.invalid_verifier_key", "验证公钥的标识不符", "key");
  return v;
}

Result<std::string> open_note(std::string_view note, const Verifier& v) {
  if (!is_valid_utf8(note)) return malformed("签名文本不是有效的 UTF-8");
  auto sep = note.rfind("\n\n");
  if (sep == std::string_view::npos || note.empty() || note.back() != '\n')
    return malformed("签名文本格式不正确");
  std::string_view text = note.substr(0, sep + 1);
  std::string_view sigs = note.substr(sep + 2);
  bool any = false;
  for (auto line : split(sigs.substr(0, sigs.size() - 1), '\n')) {
    if (line.rfind(kDash + " ", 0) != 0) return malformed("签名行格式不正确");
    auto rest = line.substr(kDash.size() + 1);
    auto space = rest.find(' ');
    if (space == std::string_view::npos) return malformed("签名行格式不正确");
    auto name = rest.substr(0, space);
    auto sig = from_base64(rest.substr(space + 1));
    if (!sig || sig->size() < 5) return malformed("签名行格式不正确");
    any = true;
    if (name != v.name || sig->substr(0, 4) != v.key_id) continue;  // someone else's signature
    if (sig->size() != 4 + crypto_sign_BYTES) continue;
    if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data() + 4),
                                    reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                                    reinterpret_cast<const unsigned char*>(v.public_key.data())) == 0)
      return std::string(text);
  }
  if (!any) return malformed("签名文本没有签名行");
  return Error::invalid("note.unverified", "签名无效或不是该公钥所签", "note");
}

std::string checkpoint_text(const Checkpoint& c) {
  return c.origin + "\n" + std::to_string(c.size) + "\n" +
         base64(std::string(reinterpret_cast<const char*>(c.root.data()), c.root.size())) + "\n";
}

Result<Checkpoint> parse_checkpoint(std::string_view text) {
  auto lines = split(text, '\n');
  if (lines.size() < 4 || !lines.back().empty()) return malformed("检查点格式不正确");
  Checkpoint c;
  c.origin = std::string(lines[0]);
  if (c.origin.empty()) return malformed("检查点缺少来源行");
  auto [p, ec] = std::from_chars(lines[1].data(), lines[1].data() + lines[1].size(), c.size);
  if (ec != std::errc() || p != lines[1].data() + lines[1].size() ||
      (lines[1].size() > 1 && lines[1][0] == '0'))
    return malformed("检查点的树大小不正确");
  auto root = from_base64(lines[2]);
  if (!root || root->size() != 32) return malformed("检查点的根哈希不正确");
  std::copy(root->begin(), root->end(), c.root.begin());
  return c;
}

}  // namespace fishbowl::ledger
