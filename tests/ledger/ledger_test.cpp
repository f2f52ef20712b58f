// The ledger on both backends: every event becomes a leaf in its own transaction, proofs from the database
// verify, checkpoints are signed, personal data enters leaves only as commitments, and tampering is found.
#include "ledger/ledger.h"

#include <gtest/gtest.h>

#include <thread>

#include "ledger/command.h"
#include "ledger/events.h"
#include "storage/migrations.h"
#include "support/test_db.h"

namespace fishbowl::testing {
namespace {

class Ledger : public BackendTest {
 protected:
  void record(int n, const std::string& subject = "test:1") {
    for (int i = 0; i < n; ++i)
      ASSERT_TRUE(run_command(db(), Actor::system(), [&](Command& cmd) -> Status {
                    cmd.record("test.recorded", "region:1", subject, {{"i", i}});
                    return ok_status();
                  }).ok());
  }
  void exec(const std::string& sql_text) {
    ASSERT_TRUE(db().write([&](soci::session& sql) -> Status {
                      sql << sql_text;
                      return ok_status();
                    })
                    .ok())
        << sql_text;
  }
  // What someone with write access to the database could do: switch off the append-only triggers.
  void disable_guards() {
    if (GetParam() == Backend::sqlite) {
      for (const char* t : {"events_no_update", "events_no_delete", "ledger_leaves_no_update",
                            "ledger_leaves_no_delete", "ledger_nodes_no_update", "ledger_nodes_no_delete"})
        exec(std::string("DROP TRIGGER ") + t);
    } else {
      exec("ALTER TABLE events DISABLE TRIGGER USER");
      exec("ALTER TABLE ledger_leaves DISABLE TRIGGER USER");
      exec("ALTER TABLE ledger_nodes DISABLE TRIGGER USER");
    }
  }
};

TEST_P(Ledger, EveryEventIsALeafAndProofsFromTheDatabaseVerify) {
  record(37);
  auto size = ledger::tree_size(db());
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(*size, 37u);
  auto all = ledger::entries(db(), 0, 37);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 37u);
  auto events = list_events(db(), {0, 1000, {}, {}}).value();
  ledger::MemoryTree mirror;
  for (std::size_t i = 0; i < all->size(); ++i) {
    EXPECT_EQ((*all)[i].data, leaf_bytes(events[i]));
    EXPECT_EQ((*all)[i].leaf_hash, ledger::leaf_hash((*all)[i].data));
    mirror.append((*all)[i].data);
  }
  for (std::uint64_t n : {1u, 2u, 5u, 16u, 37u}) {
    auto root = ledger::root_at(db(), n).value();
    EXPECT_EQ(root, mirror.root(n));
    for (std::uint64_t i = 0; i < n; i += 3) {
      auto proof = ledger::inclusion(db(), i, n).value();
      EXPECT_TRUE(ledger::verify_inclusion((*all)[i].leaf_hash, i, n, proof, root)) << i << "/" << n;
    }
    auto c = ledger::consistency(db(), 3, n);
    if (n > 3) {
      EXPECT_TRUE(ledger::verify_consistency(3, n, mirror.root(3), root, c.value()));
    }
  }
  EXPECT_EQ(ledger::inclusion(db(), 5, 38).error().code, "ledger.invalid_range");
  EXPECT_EQ(ledger::consistency(db(), 0, 5).error().code, "ledger.invalid_range");
  EXPECT_EQ(ledger::verify_store(db(), std::nullopt).value(), "");
}

// A command's leaves are written together when it commits: batches of every size, across the subtree
// boundaries they close, give the same tree as one leaf at a time, in the order the events were recorded.
TEST_P(Ledger, ACommandOfManyEventsAppendsThemInRecordOrder) {
  record(3);
  for (int batch : {1, 5, 13, 2, 32}) {
    ASSERT_TRUE(run_command(db(), Actor::system(), [&](Command& cmd) -> Status {
                  for (int i = 0; i < batch; ++i)
                    cmd.record("test.batched", "region:1", "test:2", {{"i", i}});
                  return ok_status();
                }).ok());
  }
  auto events = list_events(db(), {0, 1000, {}, {}}).value();
  ASSERT_EQ(events.size(), 56u);
  auto all = ledger::entries(db(), 0, 56).value();
  ledger::MemoryTree mirror;
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].event_id, events[i].id);
    EXPECT_EQ(all[i].data, leaf_bytes(events[i]));
    mirror.append(all[i].data);
  }
  for (std::uint64_t n : {3u, 4u, 9u, 22u, 24u, 56u})
    EXPECT_EQ(ledger::root_at(db(), n).value(), mirror.root(n));
  EXPECT_EQ(ledger::verify_store(db(), std::nullopt).value(), "");
}

TEST_P(Ledger, ARejectedCommandLeavesNoLeaf) {
  record(2);
  auto r = run_command(db(), Actor::system(), [](Command& cmd) -> Status {
    cmd.record("test.recorded", "region:1", "test:1", {});
    return Error::invalid("x", "x", "x");
  });
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(ledger::tree_size(db()).value(), 2u);
  EXPECT_EQ(ledger::verify_store(db(), std::nullopt).value(), "");
}

TEST_P(Ledger, PersonalDataEntersLeavesOnlyAsCommitments) {
  ASSERT_TRUE(run_command(db(), Actor::system(), [](Command& cmd) -> Status {
                cmd.record("test.filed", "region:1", "case:1", {{"item", "低保"}},
                           {{"name", "张三"}, {"phone", "13800001111"}});
                return ok_status();
              }).ok());
  auto leaf = ledger::entries(db(), 0, 1).value().at(0);
  EXPECT_EQ(leaf.data.find("张三"), std::string::npos);
  EXPECT_EQ(leaf.data.find("13800001111"), std::string::npos);
  auto event = list_events(db(), {}).value().at(0);
  auto j = nlohmann::json::parse(leaf.data);
  EXPECT_EQ(j["personal"]["phone"], ledger::commitment(event.salt, "phone", "13800001111"));
  EXPECT_NE(j["personal"]["phone"], ledger::commitment(event.salt, "phone", "13800001112"));
  EXPECT_EQ(event.salt.size(), 32u);
  EXPECT_EQ(to_json(event).dump().find("13800001111"), std::string::npos);
}

// Anyone holding the public event can rebuild its leaf: the canonical JSON of the event as the API shows it,
// plus "personal" with a commitment to each personal field.
TEST_P(Ledger, ALeafIsTheCanonicalJsonOfThePublicEventAndItsCommitments) {
  nlohmann::json payload = {{"z", {{"b", 1.5}, {"a", {1, -2, "三"}}}},
                            {"item", "低保\"引号\"\n"},
                            {"big", 18446744073709551615ULL},
                            {"none", nullptr}};
  ASSERT_TRUE(run_command(db(), Actor::system(), [&](Command& cmd) -> Status {
                cmd.record("test.plain", "region:1", "case:1", payload);
                cmd.record("test.filed", "region:1", "case:1", payload,
                           {{"name", "张三"}, {"phone", "13800001111"}, {"age", 42}});
                return ok_status();
              }).ok());
  auto leaves = ledger::entries(db(), 0, 2).value();
  auto events = list_events(db(), {}).value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(leaves[0].data, to_json(events[0]).dump());
  auto expected = to_json(events[1]);
  expected["personal"] = {{"name", ledger::commitment(events[1].salt, "name", "张三")},
                          {"phone", ledger::commitment(events[1].salt, "phone", "13800001111")},
                          {"age", ledger::commitment(events[1].salt, "age", "42")}};
  EXPECT_EQ(leaves[1].data, expected.dump());
}

TEST_P(Ledger, CheckpointsAreSignedAndOnlyMadeWhenTheTreeGrows) {
  auto signer = ledger::Signer::generate("fishbowl/test").value();
  auto verifier = ledger::Verifier::parse(signer.verifier_key()).value();
  EXPECT_FALSE(ledger::make_checkpoint(db(), signer).value().has_value());  // empty tree: nothing to sign
  record(5);
  auto first = ledger::make_checkpoint(db(), signer).value().value();
  EXPECT_EQ(first.size, 5u);
  auto text = ledger::open_note(first.note, verifier);
  ASSERT_TRUE(text.ok());
  auto cp = ledger::parse_checkpoint(*text).value();
  EXPECT_EQ(cp.origin, "fishbowl/test");
  EXPECT_EQ(cp.root, ledger::root_at(db(), 5).value());
  EXPECT_EQ(ledger::make_checkpoint(db(), signer).value()->note, first.note);
  record(1);
  EXPECT_EQ(ledger::make_checkpoint(db(), signer).value()->size, 6u);
  EXPECT_EQ(ledger::verify_store(db(), verifier).value(), "");
  auto stranger =
      ledger::Verifier::parse(ledger::Signer::generate("fishbowl/test").value().verifier_key()).value();
  EXPECT_NE(ledger::verify_store(db(), stranger).value(), "");
}

TEST_P(Ledger, AnEditedEventIsFound) {
  record(9);
  disable_guards();
  exec("UPDATE events SET payload = '{\"i\":99}' WHERE id = 4");
  auto found = ledger::verify_store(db(), std::nullopt).value();
  EXPECT_NE(found.find("事件 4"), std::string::npos) << found;
}

TEST_P(Ledger, ATruncatedLogIsFound) {
  record(9);
  disable_guards();
  exec("DELETE FROM ledger_leaves WHERE idx = 8");
  auto found = ledger::verify_store(db(), std::nullopt).value();
  EXPECT_FALSE(found.empty());
}

TEST_P(Ledger, ANodeStoredUnderAnotherKeyIsFound) {
  if (GetParam() != Backend::sqlite) GTEST_SKIP() << "PostgreSQL keys the nodes by level and index alone";
  record(8);
  disable_guards();
  exec("UPDATE ledger_nodes SET upto = upto + 64 WHERE level = 1 AND idx = 0");
  auto found = ledger::verify_store(db(), std::nullopt).value();
  EXPECT_NE(found.find("节点 1/0 的存放位置不符"), std::string::npos) << found;
}

// Migration 0005 moves the nodes of a SQLite ledger written under the (level, idx) key into append order.
TEST_P(Ledger, NodesKeyedByLevelMoveToAppendOrderIntact) {
  if (GetParam() != Backend::sqlite) GTEST_SKIP() << "the migration is SQLite's";
  record(37);
  auto root = ledger::root_at(db(), 37).value();
  auto proof = ledger::inclusion(db(), 5, 37).value();
  disable_guards();
  exec(
      "CREATE TABLE old_nodes (level INTEGER NOT NULL, idx BIGINT NOT NULL, hash TEXT NOT NULL, "
      "PRIMARY KEY (level, idx)) WITHOUT ROWID");
  exec("INSERT INTO old_nodes SELECT level, idx, hash FROM ledger_nodes");
  exec("DROP TABLE ledger_nodes");
  exec("ALTER TABLE old_nodes RENAME TO ledger_nodes");
  exec("DELETE FROM schema_migrations WHERE module = 'ledger' AND version = 5");
  ASSERT_EQ(migrate(db(), {"ledger"}).value(), 1);
  EXPECT_EQ(ledger::verify_store(db(), std::nullopt).value(), "");
  EXPECT_EQ(ledger::root_at(db(), 37).value(), root);
  EXPECT_EQ(ledger::inclusion(db(), 5, 37).value(), proof);
  record(3);
  EXPECT_EQ(ledger::verify_store(db(), std::nullopt).value(), "");
  // The guards are back with the rebuilt table.
  auto r = db().write([](soci::session& sql) -> Status {
    sql << "DELETE FROM ledger_nodes";
    return ok_status();
  });
  EXPECT_FALSE(r.ok());
}

TEST_P(Ledger, ConcurrentWritersMakeOneLinearLog) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) threads.emplace_back([&, t] { record(15, "test:" + std::to_string(t)); });
  for (auto& th : threads) th.join();
  EXPECT_EQ(ledger::tree_size(db()).value(), 90u);
  EXPECT_EQ(ledger::verify_store(db(), std::nullopt).value(), "");
}

// Appends leave their leaves out of the leaf-hash index; a lookup finds them all the same, before the
// index takes them, after, and when it holds only some.
TEST_P(Ledger, LeavesAreFoundByHashWhetherIndexedOrNot) {
  record(12);
  auto find_all = [&](std::uint64_t n) {
    auto all = ledger::entries(db(), 0, n).value();
    for (std::uint64_t i = 0; i < n; ++i) EXPECT_EQ(ledger::index_of_leaf(db(), all[i].leaf_hash).value(), i);
  };
  find_all(12);
  EXPECT_EQ(ledger::index_leaf_hashes(db(), 5).value(), 12u);  // in chunks of 5, 5 and 2
  EXPECT_EQ(ledger::index_leaf_hashes(db(), 5).value(), 0u);
  record(4);
  find_all(16);
  EXPECT_FALSE(ledger::index_of_leaf(db(), ledger::leaf_hash("no such leaf")).value().has_value());
  EXPECT_EQ(ledger::verify_store(db(), std::nullopt).value(), "");
  EXPECT_EQ(ledger::index_leaf_hashes(db()).value(), 4u);
  find_all(16);
  EXPECT_EQ(ledger::verify_store(db(), std::nullopt).value(), "");
}

TEST_P(Ledger, AWrongLeafHashIndexEntryIsFound) {
  record(5);
  ASSERT_TRUE(ledger::index_leaf_hashes(db()).ok());
  exec("INSERT INTO ledger_leaf_hashes (prefix, idx) VALUES ('0123456789abcdef', 3)");
  auto found = ledger::verify_store(db(), std::nullopt).value();
  EXPECT_NE(found.find("叶子哈希索引"), std::string::npos) << found;
}

TEST_P(Ledger, ServersIndexingAtOnceIndexEachLeafOnce) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 5; ++k) {
        record(3, "test:" + std::to_string(t));
        EXPECT_TRUE(ledger::index_leaf_hashes(db(), 4).ok());
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(ledger::index_leaf_hashes(db()).value(), 0u);
  EXPECT_EQ(ledger::verify_store(db(), std::nullopt).value(), "");
}

TEST_P(Ledger, LedgerRowsAreAppendOnly) {
  record(3);
  auto upd = db().write([](soci::session& sql) -> Status {
    sql << "UPDATE ledger_leaves SET data = 'x' WHERE idx = 0";
    return ok_status();
  });
  EXPECT_FALSE(upd.ok());
  EXPECT_EQ(ledger::verify_store(db(), std::nullopt).value(), "");
}

FISHBOWL_BACKEND_SUITE(Ledger);

}  // namespace
}  // namespace fishbowl::testing
