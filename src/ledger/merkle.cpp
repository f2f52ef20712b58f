#include "ledger/merkle.h"

#include "core/crypto.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <initializer_list>

#include <bit>
#include <cstring>
#include <memory>

namespace fishbowl::ledger {

namespace {

// The largest power of two strictly smaller than n (n >= 2).
std::uint64_t split(std::uint64_t n) {
  return std::bit_floor(n - 1);
}

bool is_complete(std::uint64_t start, std::uint64_t n) {
  return std::has_single_bit(n) && start % n == 0;
}

// Collects the stored nodes that the hash of leaves [start, start + n) reads.
void subtree_nodes(std::uint64_t start, std::uint64_t n, std::vector<std::pair<int, std::uint64_t>>& out) {
  if (is_complete(start, n)) {
    out.emplace_back(std::countr_zero(n), start / n);
    return;
  }
  std::uint64_t k = split(n);
  subtree_nodes(start, k, out);
  subtree_nodes(start + k, n - k, out);
}

Hash subtree(const NodeSource& nodes, std::uint64_t start, std::uint64_t n) {
  if (is_complete(start, n)) return nodes(std::countr_zero(n), start / n);
  std::uint64_t k = split(n);
  return node_hash(subtree(nodes, start, k), subtree(nodes, start + k, n - k));
}

// PATH(m, D[start:start+n]) from RFC 9162, visiting subtrees as (start, n) pairs.
template <class Visit>
void path(std::uint64_t m, std::uint64_t start, std::uint64_t n, Visit&& visit) {
  if (n <= 1) return;
  std::uint64_t k = split(n);
  if (m < k) {
    path(m, start, k, visit);
    visit(start + k, n - k);
  } else {
    path(m - k, start + k, n - k, visit);
    visit(start, k);
  }
}

// SUBPROOF(m, D[start:start+n], b) from RFC 9162.
template <class Visit>
void subproof(std::uint64_t m, std::uint64_t start, std::uint64_t n, bool b, Visit&& visit) {
  if (m == n) {
    if (!b) visit(start, n);
    return;
  }
  std::uint64_t k = split(n);
  if (m <= k) {
    subproof(m, start, k, b, visit);
    visit(start + k, n - k);
  } else {
    subproof(m - k, start + k, n - k, false, visit);
    visit(start, k);
  }
}

// RFC 9162's verification step "right-shift both fn and sn equally until either LSB(fn) is set or fn is 0":
// after hashing in a left sibling, climb past the levels where this node was a right child.
void climb_while_right_child(std::uint64_t& fn, std::uint64_t& sn) {
  while (fn != 0 && !(fn & 1)) {
    fn >>= 1;
    sn >>= 1;
  }
}

}  // namespace

// SHA-256 with the algorithm fetched once and one context per thread: OpenSSL 3 otherwise looks the algorithm
// up on every call, which costs more than hashing a 65-byte node.
static Hash digest(std::initializer_list<std::pair<const void*, std::size_t>> parts) {
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  Hash h;
  EVP_DigestInit_ex(ctx.get(), sha256, nullptr);
  for (const auto& [data, size] : parts) EVP_DigestUpdate(ctx.get(), data, size);
  EVP_DigestFinal_ex(ctx.get(), h.data(), nullptr);
  return h;
}

Hash leaf_hash(std::string_view data) {
  const unsigned char prefix = 0x00;
  return digest({{&prefix, 1}, {data.data(), data.size()}});
}

Hash node_hash(const Hash& left, const Hash& right) {
  const unsigned char prefix = 0x01;
  return digest({{&prefix, 1}, {left.data(), left.size()}, {right.data(), right.size()}});
}

Hash empty_root() {
  Hash h;
  SHA256(nullptr, 0, h.data());
  return h;
}

std::string hex(const Hash& h) {
  static const char* digits = "0123456789abcdef";
  std::string out(64, '0');
  for (std::size_t i = 0; i < 32; ++i) {
    out[2 * i] = digits[h[i] >> 4];
    out[2 * i + 1] = digits[h[i] & 15];
  }
  return out;
}

std::optional<Hash> from_hex(std::string_view text) {
  auto bytes = text.size() == 64 ? fishbowl::from_hex(text) : std::nullopt;
  if (!bytes) return std::nullopt;
  Hash h;
  std::copy(bytes->begin(), bytes->end(), h.begin());
  return h;
}

Hash root(const NodeSource& nodes, std::uint64_t size) {
  if (size == 0) return empty_root();
  return subtree(nodes, 0, size);
}

std::vector<Hash> inclusion_proof(const NodeSource& nodes, std::uint64_t index, std::uint64_t size) {
  std::vector<Hash> out;
  if (index >= size) return out;
  path(index, 0, size, [&](std::uint64_t s, std::uint64_t n) { out.push_back(subtree(nodes, s, n)); });
  return out;
}

std::vector<Hash> consistency_proof(const NodeSource& nodes, std::uint64_t size1, std::uint64_t size2) {
  std::vector<Hash> out;
  if (size1 == 0 || size1 >= size2) return out;
  subproof(size1, 0, size2, true,
           [&](std::uint64_t s, std::uint64_t n) { out.push_back(subtree(nodes, s, n)); });
  return out;
}

std::vector<std::pair<int, std::uint64_t>> nodes_for_root(std::uint64_t size) {
  std::vector<std::pair<int, std::uint64_t>> out;
  if (size > 0) subtree_nodes(0, size, out);
  return out;
}

std::vector<std::pair<int, std::uint64_t>> nodes_for_inclusion(std::uint64_t index, std::uint64_t size) {
  std::vector<std::pair<int, std::uint64_t>> out;
  if (index < size) path(index, 0, size, [&](std::uint64_t s, std::uint64_t n) { subtree_nodes(s, n, out); });
  return out;
}

std::vector<std::pair<int, std::uint64_t>> nodes_for_consistency(std::uint64_t size1, std::uint64_t size2) {
  std::vector<std::pair<int, std::uint64_t>> out;
  if (size1 > 0 && size1 < size2)
    subproof(size1, 0, size2, true, [&](std::uint64_t s, std::uint64_t n) { subtree_nodes(s, n, out); });
  return out;
}

bool verify_inclusion(const Hash& leaf, std::uint64_t index, std::uint64_t size,
                      const std::vector<Hash>& proof, const Hash& root) {
  if (index >= size) return false;
  std::uint64_t fn = index, sn = size - 1;
  Hash r = leaf;
  for (const auto& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      r = node_hash(p, r);
      climb_while_right_child(fn, sn);
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool verify_consistency(std::uint64_t size1, std::uint64_t size2, const Hash& root1, const Hash& root2,
                        const std::vector<Hash>& proof) {
  if (size1 == 0 || size1 > size2) return false;
  if (size1 == size2) return proof.empty() && root1 == root2;
  if (proof.empty()) return false;
  std::vector<Hash> path = proof;
  if (std::has_single_bit(size1)) path.insert(path.begin(), root1);
  std::uint64_t fn = size1 - 1, sn = size2 - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      fr = node_hash(c, fr);
      sr = node_hash(c, sr);
      climb_while_right_child(fn, sn);
    } else {
      sr = node_hash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == root1 && sr == root2 && sn == 0;
}

std::vector<NewNode> append_nodes(const Hash& leaf, std::uint64_t index, const NodeSource& nodes) {
  std::vector<NewNode> out{{0, index, leaf}};
  Hash h = leaf;
  int level = 0;
  std::uint64_t i = index;
  while (i & 1) {  // a right child completes its parent
    h = node_hash(nodes(level, i - 1), h);
    ++level;
    i >>= 1;
    out.push_back({level, i, h});
  }
  return out;
}

void MemoryTree::append_leaf_hash(const Hash& leaf) {
  if (levels_.empty()) levels_.emplace_back();
  std::uint64_t index = levels_[0].size();
  for (const auto& n : append_nodes(leaf, index, source())) {
    if (static_cast<std::size_t>(n.level) >= levels_.size()) levels_.emplace_back();
    levels_[n.level].push_back(n.hash);
  }
}

NodeSource MemoryTree::source() const {
  return [this](int level, std::uint64_t index) { return levels_[level][index]; };
}

}  // namespace fishbowl::ledger
