// The public ledger API: anyone can fetch the checkpoint and the key, read entries, and check proofs with
// them.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ledger/ledger.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

using LedgerApi = ApiTest;

std::vector<ledger::Hash> hashes(const nlohmann::json& a) {
  std::vector<ledger::Hash> out;
  for (const auto& h : a) out.push_back(ledger::from_hex(h.get<std::string>()).value());
  return out;
}

TEST_P(LedgerApi, CheckpointKeyEntriesAndProofsFitTogether) {
  auto key = call("GET", "/api/v1/ledger/key");
  ASSERT_EQ(key.status, 200);
  auto verifier = ledger::Verifier::parse(key.body.substr(0, key.body.size() - 1));
  ASSERT_TRUE(verifier.ok()) << key.body;
  auto note = call("GET", "/api/v1/ledger/checkpoint");
  ASSERT_EQ(note.status, 200);
  EXPECT_EQ(note.content_type.rfind("text/plain", 0), 0u);
  auto text = ledger::open_note(note.body, *verifier);
  ASSERT_TRUE(text.ok());
  auto cp = ledger::parse_checkpoint(*text).value();
  ASSERT_GT(cp.size, 10u);

  auto entries = json_of(call("GET", fmt::format("/api/v1/ledger/entries?start=0&end={}", cp.size)));
  ASSERT_EQ(entries["entries"].size(), cp.size);
  ledger::MemoryTree mirror;
  for (const auto& e : entries["entries"]) mirror.append(e["data"].get<std::string>());
  EXPECT_EQ(mirror.root(), cp.root);
  EXPECT_EQ(entries["entries"][0]["event"]["type"], "region.created");

  for (std::string by :
       {std::string("index=3"), "leaf_hash=" + entries["entries"][3]["leaf_hash"].get<std::string>(),
        "event_id=" + std::to_string(entries["entries"][3]["event_id"].get<long long>())}) {
    auto proof = json_of(call("GET", fmt::format("/api/v1/ledger/proof/inclusion?{}&size={}", by, cp.size)));
    ASSERT_EQ(proof["index"], 3) << by;
    EXPECT_EQ(proof["size"], cp.size);
    EXPECT_TRUE(ledger::verify_inclusion(ledger::from_hex(proof["leaf_hash"].get<std::string>()).value(), 3,
                                         cp.size, hashes(proof["proof"]), cp.root));
  }

  ASSERT_EQ(
      call("PATCH", fmt::format("/api/v1/regions/{}", fx.town1), R"({"name":"新一镇"})", "admin").status,
      200);
  auto grown = json_of(call("GET", "/api/v1/ledger/entries?start=0&end=0"))["tree_size"].get<std::uint64_t>();
  EXPECT_EQ(grown, cp.size + 1);
  auto c =
      json_of(call("GET", fmt::format("/api/v1/ledger/proof/consistency?size1={}&size2={}", cp.size, grown)));
  EXPECT_EQ(c["root1"], ledger::hex(cp.root));
  EXPECT_TRUE(ledger::verify_consistency(
      cp.size, grown, cp.root, ledger::from_hex(c["root2"].get<std::string>()).value(), hashes(c["proof"])));
}

TEST_P(LedgerApi, BadQueriesGetClearErrors) {
  auto code = [&](const std::string& target) { return json_of(call("GET", target))["error"]["code"]; };
  EXPECT_EQ(code("/api/v1/ledger/proof/inclusion?index=0"), "query.required");
  EXPECT_EQ(code("/api/v1/ledger/proof/inclusion?index=0&size=999999"), "ledger.invalid_range");
  EXPECT_EQ(code("/api/v1/ledger/proof/inclusion?index=5&size=5"), "ledger.invalid_range");
  EXPECT_EQ(code("/api/v1/ledger/proof/inclusion?index=-1&size=5"), "query.invalid_number");
  EXPECT_EQ(code("/api/v1/ledger/proof/inclusion?leaf_hash=xyz&size=5"), "query.invalid_hash");
  EXPECT_EQ(code(fmt::format("/api/v1/ledger/proof/inclusion?leaf_hash={}&size=5", std::string(64, 'a'))),
            "ledger.leaf_not_found");
  EXPECT_EQ(code("/api/v1/ledger/proof/consistency?size2=5"), "query.required");
  EXPECT_EQ(code("/api/v1/ledger/proof/consistency?size1=0&size2=5"), "ledger.invalid_range");
  EXPECT_EQ(code("/api/v1/ledger/proof/consistency?size1=6&size2=5"), "ledger.invalid_range");
  EXPECT_EQ(code("/api/v1/ledger/entries?start=5&end=2"), "ledger.invalid_range");
  EXPECT_EQ(code("/api/v1/ledger/entries?start=abc"), "query.invalid_number");
}

FISHBOWL_BACKEND_SUITE(LedgerApi);

}  // namespace
}  // namespace fishbowl::testing
