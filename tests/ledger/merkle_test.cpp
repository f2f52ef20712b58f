#include "ledger/merkle.h"

#include <gtest/gtest.h>

namespace fishbowl::ledger {
namespace {

std::string bytes(std::string_view hex_text) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex_text.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex_text.substr(i, 2)), nullptr, 16)));
  return out;
}

// The Certificate Transparency reference leaves and roots (RFC 6962 / RFC 9162 hashing).
MemoryTree reference_tree() {
  MemoryTree t;
  for (const char* leaf :
       {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"})
    t.append(bytes(leaf));
  return t;
}

TEST(Merkle, MatchesTheReferenceRoots) {
  const char* roots[] = {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                         "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                         "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                         "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                         "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                         "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                         "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                         "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                         "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
  auto t = reference_tree();
  for (std::uint64_t n = 0; n <= 8; ++n) EXPECT_EQ(hex(t.root(n)), roots[n]) << "size " << n;
}

TEST(Merkle, MatchesTheReferenceInclusionProofs) {
  auto t = reference_tree();
  auto p0 = inclusion_proof(t.source(), 0, 8);
  ASSERT_EQ(p0.size(), 3u);
  EXPECT_EQ(hex(p0[0]), "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7");
  EXPECT_EQ(hex(p0[1]), "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e");
  EXPECT_EQ(hex(p0[2]), "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
  auto p5 = inclusion_proof(t.source(), 5, 8);
  ASSERT_EQ(p5.size(), 3u);
  EXPECT_EQ(hex(p5[0]), "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
  EXPECT_EQ(hex(p5[1]), "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0");
  EXPECT_EQ(hex(p5[2]), "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
}

TEST(Merkle, MatchesTheReferenceConsistencyProofs) {
  auto t = reference_tree();
  auto p = consistency_proof(t.source(), 2, 5);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(hex(p[0]), "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e");
  EXPECT_EQ(hex(p[1]), "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
  auto q = consistency_proof(t.source(), 6, 8);
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(hex(q[0]), "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a");
  EXPECT_EQ(hex(q[1]), "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0");
  EXPECT_EQ(hex(q[2]), "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
}

TEST(Merkle, EveryProofVerifiesAndEveryTamperingFails) {
  MemoryTree t;
  std::vector<Hash> leaves;
  for (int i = 0; i < 70; ++i) {
    t.append("leaf " + std::to_string(i));
    leaves.push_back(leaf_hash("leaf " + std::to_string(i)));
  }
  for (std::uint64_t n = 1; n <= 70; ++n) {
    Hash r = t.root(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      auto proof = inclusion_proof(t.source(), i, n);
      ASSERT_TRUE(verify_inclusion(leaves[i], i, n, proof, r)) << i << "/" << n;
      EXPECT_FALSE(verify_inclusion(leaves[(i + 1) % n], i, n, proof, r) && n > 1);
      if (!proof.empty()) {
        auto bad = proof;
        bad.back()[0] ^= 1;
        EXPECT_FALSE(verify_inclusion(leaves[i], i, n, bad, r));
        bad = proof;
        bad.pop_back();
        EXPECT_FALSE(verify_inclusion(leaves[i], i, n, bad, r));
      }
    }
    for (std::uint64_t m = 1; m <= n; ++m) {
      auto proof = consistency_proof(t.source(), m, n);
      ASSERT_TRUE(verify_consistency(m, n, t.root(m), r, proof)) << m << "->" << n;
      if (m < n) {
        auto bad = proof;
        bad.front()[5] ^= 0x80;
        EXPECT_FALSE(verify_consistency(m, n, t.root(m), r, bad));
        Hash other = t.root(m);
        other[0] ^= 1;
        EXPECT_FALSE(verify_consistency(m, n, other, r, proof));
      }
    }
  }
  EXPECT_FALSE(verify_consistency(0, 5, t.root(0), t.root(5), {}));
  EXPECT_FALSE(verify_consistency(5, 4, t.root(5), t.root(4), {}));
}

TEST(Merkle, ProofsReadLogarithmicallyManyStoredNodes) {
  const std::uint64_t n = 1'000'003;
  for (std::uint64_t i : {0ULL, 1ULL, 524'287ULL, 999'999ULL, 1'000'002ULL}) {
    EXPECT_LE(nodes_for_inclusion(i, n).size(), 2u * 21u) << i;
  }
  EXPECT_LE(nodes_for_consistency(123'457, n).size(), 2u * 21u);
  EXPECT_LE(nodes_for_root(n).size(), 21u);
}

TEST(Merkle, HexRoundTripRefusesJunk) {
  auto x = leaf_hash("x");
  EXPECT_EQ(from_hex(hex(x)), x);
  EXPECT_FALSE(from_hex("zz").has_value());
  EXPECT_FALSE(from_hex(std::string(64, 'g')).has_value());
}

}  // namespace
}  // namespace fishbowl::ledger
