#pragma once
// Merkle tree hashing, proofs and their verification exactly as RFC 9162 section 2.1:
//   leaf hash  = SHA-256(0x00 || data)
//   node hash  = SHA-256(0x01 || left || right)
// The tree over n leaves splits at k, the largest power of two smaller than n. Only hashes of complete
// ("perfect") subtrees are stored: node(level, index) covers leaves [index * 2^level, (index + 1) * 2^level).
// Every other hash is derived from O(log n) of them, so roots and proofs read O(log n) stored hashes.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fishbowl::ledger {

using Hash = std::array<std::uint8_t, 32>;

Hash leaf_hash(std::string_view data);
Hash node_hash(const Hash& left, const Hash& right);
Hash empty_root();  // SHA-256 of the empty string, the root of a tree of size 0
std::string hex(const Hash& h);
std::optional<Hash> from_hex(std::string_view text);

// Where stored complete-subtree hashes come from (memory, a database). Must return the hash for any complete
// subtree that lies inside the tree being asked about.
using NodeSource = std::function<Hash(int level, std::uint64_t index)>;

// The RFC 9162 root of the first `size` leaves.
Hash root(const NodeSource& nodes, std::uint64_t size);
// Inclusion proof of leaf `index` in the tree of `size` leaves (RFC 9162 2.1.3.1), leaf level first.
std::vector<Hash> inclusion_proof(const NodeSource& nodes, std::uint64_t index, std::uint64_t size);
// Consistency proof between sizes size1 <= size2 (RFC 9162 2.1.4.1).
std::vector<Hash> consistency_proof(const NodeSource& nodes, std::uint64_t size1, std::uint64_t size2);
// The (level, index) of every stored node that inclusion_proof / consistency_proof / root will read, so a
// database-backed source can fetch them in one query.
std::vector<std::pair<int, std::uint64_t>> nodes_for_root(std::uint64_t size);
std::vector<std::pair<int, std::uint64_t>> nodes_for_inclusion(std::uint64_t index, std::uint64_t size);
std::vector<std::pair<int, std::uint64_t>> nodes_for_consistency(std::uint64_t size1, std::uint64_t size2);

// Verification (RFC 9162 2.1.3.2 and 2.1.4.2). False for any malformed input, never an exception.
bool verify_inclusion(const Hash& leaf, std::uint64_t index, std::uint64_t size,
                      const std::vector<Hash>& proof, const Hash& root);
bool verify_consistency(std::uint64_t size1, std::uint64_t size2, const Hash& root1, const Hash& root2,
                        const std::vector<Hash>& proof);

// The complete-subtree hashes a new leaf creates, for appending: given the leaf hash at position `index` and
// a way to read existing nodes, returns (level, index, hash) for level 0 and every subtree the leaf
// completes.
struct NewNode {
  int level;
  std::uint64_t index;
  Hash hash;
};
std::vector<NewNode> append_nodes(const Hash& leaf, std::uint64_t index, const NodeSource& nodes);

// A whole tree in memory: for verifiers (the monitor, `fishbowl ledger root`) and tests.
class MemoryTree {
 public:
  void append_leaf_hash(const Hash& leaf);
  void append(std::string_view data) { append_leaf_hash(leaf_hash(data)); }
  std::uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }
  Hash root() const { return ledger::root(source(), size()); }
  Hash root(std::uint64_t size) const { return ledger::root(source(), size); }
  NodeSource source() const;

 private:
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace fishbowl::ledger
