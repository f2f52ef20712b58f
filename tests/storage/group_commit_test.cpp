// On SQLite, writes that queue while another commits are committed together, each in its own savepoint:
// what one of them does must not change what happens to the others.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "app/open_db.h"
#include "ledger/command.h"
#include "ledger/events.h"
#include "ledger/ledger.h"
#include "storage/database.h"

namespace fishbowl {
namespace {

class GroupCommit : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("fishbowl-group-commit-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    auto db = Database::open("sqlite://" + (dir_ / "t.db").string(), 4);
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->write([](soci::session& sql) -> Status {
                     sql << "CREATE TABLE t (v TEXT PRIMARY KEY)";
                     // A deferred constraint is checked only at COMMIT: the one way here to make a commit
                     // fail.
                     sql << "CREATE TABLE child (v TEXT REFERENCES t (v) DEFERRABLE INITIALLY DEFERRED)";
                     return ok_status();
                   })
                    .ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  static void insert(soci::session& sql, const std::string& v) {
    sql << "INSERT INTO t (v) VALUES (:v)", soci::use(v);
  }

  std::vector<std::string> rows() {
    return db_
        ->read([](soci::session& sql) -> Result<std::vector<std::string>> {
          std::vector<std::string> out;
          soci::rowset<std::string> rs = (sql.prepare << "SELECT v FROM t ORDER BY v");
          for (const auto& v : rs) out.push_back(v);
          return out;
        })
        .value();
  }

  // Runs `first`, and while it runs queues `others` from threads of their own, in their order; they join its
  // transaction when it is done. Returns each write's result, `first`'s at index 0.
  std::vector<Status> group(const std::function<Status(soci::session&)>& first,
                            const std::vector<std::function<Status(soci::session&)>>& others) {
    std::vector<std::function<Status()>> writes;
    for (std::size_t i = 0; i < others.size(); ++i)
      writes.push_back([this, &others, i] { return db_->write(others[i]); });
    return group_of(
        [&](const std::function<void()>& hold) {
          return db_->write([&](soci::session& sql) {
            hold();
            return first(sql);
          });
        },
        writes);
  }

  // The same for any writes to db_: `first` makes its write and calls `hold` inside it, which returns once
  // every other write is queued.
  std::vector<Status> group_of(const std::function<Status(const std::function<void()>& hold)>& first,
                               const std::vector<std::function<Status()>>& others) {
    std::vector<Status> results(others.size() + 1, ok_status());
    std::thread leader([&] {
      results[0] = first([&] {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (db_->stats().queued_writes < others.size() && std::chrono::steady_clock::now() < deadline)
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
      });
    });
    while (db_->stats().in_use == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < others.size(); ++i) {
      threads.emplace_back([&, i] { results[i + 1] = others[i](); });
      // The last one completes the queue the first write waits for, which then takes the queue at once.
      while (i + 1 < others.size() && db_->stats().queued_writes <= i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    for (auto& t : threads) t.join();
    leader.join();
    return results;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(GroupCommit, WritesQueuedMeanwhileJoinTheTransactionAndAFailingOneUndoesOnlyItself) {
  auto before = db_->stats();
  auto results = group(
      [](soci::session& sql) {
        insert(sql, "a");
        return ok_status();
      },
      {[](soci::session& sql) {
         insert(sql, "b");
         return ok_status();
       },
       [](soci::session& sql) -> Status {
         insert(sql, "c");
         return Error::invalid("test.refused", "refused", "v");
       },
       [](soci::session& sql) -> Status {
         insert(sql, "d");
         sql << "INSERT INTO no_such_table VALUES (1)";  // throws
         return ok_status();
       },
       [](soci::session& sql) {
         insert(sql, "e");
         return ok_status();
       }});
  EXPECT_TRUE(results[0].ok());
  EXPECT_TRUE(results[1].ok());
  ASSERT_FALSE(results[2].ok());
  EXPECT_EQ(results[2].error().code, "test.refused");
  ASSERT_FALSE(results[3].ok());
  EXPECT_EQ(results[3].error().code, "internal");
  EXPECT_TRUE(results[4].ok());
  EXPECT_EQ(rows(), (std::vector<std::string>{"a", "b", "e"}));
  auto after = db_->stats();
  EXPECT_EQ(after.writes - before.writes, 3u);
  EXPECT_EQ(after.transactions - before.transactions, 1u);  // b to e joined a's transaction
  EXPECT_EQ(after.queued_writes, 0u);
}

TEST_F(GroupCommit, AWriteThatEndsTheTransactionFailsTheWritesBeforeItAndNotThoseAfter) {
  // SQLite rolls the whole transaction back by itself on some failures (a full disk, an I/O error); a write
  // that runs ROLLBACK has the same effect. What the writes queued with it kept is lost, so they must fail.
  std::vector<std::function<Status(soci::session&)>> writes;
  for (int i = 0; i < 6; ++i)
    writes.push_back([i](soci::session& sql) -> Status {
      insert(sql, "w" + std::to_string(i));
      if (i == 2) sql << "ROLLBACK";
      return ok_status();
    });
  auto results = group(
      [](soci::session& sql) {
        insert(sql, "first");
        return ok_status();
      },
      writes);
  for (int i = 0; i < 4; ++i) {  // the first write, w0, w1 and w2 itself
    ASSERT_FALSE(results[i].ok()) << i;
    EXPECT_EQ(results[i].error().code, "storage.unavailable");
  }
  for (int i = 4; i < 7; ++i) EXPECT_TRUE(results[i].ok()) << i;  // they went on in a new transaction
  EXPECT_EQ(rows(), (std::vector<std::string>{"w3", "w4", "w5"}));
}

TEST_F(GroupCommit, ACommitThatFailsFailsEveryWriteInItAndKeepsNothing) {
  auto results = group(
      [](soci::session& sql) {
        insert(sql, "first");
        return ok_status();
      },
      {[](soci::session& sql) {
         insert(sql, "x");
         return ok_status();
       },
       [](soci::session& sql) {
         sql << "INSERT INTO child (v) VALUES ('missing')";
         return ok_status();
       },
       [](soci::session& sql) {
         insert(sql, "y");
         return ok_status();
       }});
  for (const auto& r : results) EXPECT_FALSE(r.ok());
  EXPECT_TRUE(rows().empty());
  // The writer is usable afterwards.
  EXPECT_TRUE(db_->write([](soci::session& sql) {
                   insert(sql, "z");
                   return ok_status();
                 })
                  .ok());
  EXPECT_EQ(rows(), std::vector<std::string>{"z"});
}

// A group's commands append their ledger leaves together, just before its commit: the leaves of a command
// that fails go with it, the others' are numbered in the order their commands ran, and a commit that fails
// leaves none.
TEST_F(GroupCommit, CommandsCommittedTogetherAppendOnlyTheLeavesOfThoseKeptInOrder) {
  db_ = open_migrated("sqlite://" + (dir_ / "ledger.db").string(), 4).value();
  ASSERT_TRUE(db_->write([](soci::session& sql) -> Status {
                   sql << "CREATE TABLE t (v TEXT PRIMARY KEY)";
                   sql << "CREATE TABLE child (v TEXT REFERENCES t (v) DEFERRABLE INITIALLY DEFERRED)";
                   return ok_status();
                 })
                  .ok());
  enum class End { kept, refused, thrown, failed_commit };
  auto command = [this](
                     const std::string& name, int events, End end,
                     const std::function<void()>& hold = [] {}) {
    return run_command(*db_, Actor::system(), [&](Command& cmd) -> Status {
      hold();
      for (int i = 0; i < events; ++i) cmd.record("test.grouped", "region:1", "test:" + name, {{"i", i}});
      if (end == End::refused) return Error::invalid("test.refused", "refused", "v");
      if (end == End::thrown) cmd.sql() << "INSERT INTO no_such_table VALUES (1)";
      if (end == End::failed_commit) cmd.sql() << "INSERT INTO child (v) VALUES ('missing')";
      return ok_status();
    });
  };
  auto subjects = [this] {
    std::vector<std::string> out;
    for (const auto& e : list_events(*db_, {0, 1000, {}, {}}).value()) out.push_back(e.subject);
    return out;
  };

  auto before = db_->stats();
  auto results =
      group_of([&](const auto& hold) { return command("a", 2, End::kept, hold); },
               {[&] { return command("b", 1, End::kept); }, [&] { return command("c", 2, End::refused); },
                [&] { return command("d", 1, End::thrown); }, [&] { return command("e", 3, End::kept); }});
  EXPECT_TRUE(results[0].ok());
  EXPECT_TRUE(results[1].ok());
  EXPECT_EQ(results[2].error().code, "test.refused");
  EXPECT_EQ(results[3].error().code, "internal");
  EXPECT_TRUE(results[4].ok());
  EXPECT_EQ(db_->stats().transactions - before.transactions, 1u);
  EXPECT_EQ(subjects(),
            (std::vector<std::string>{"test:a", "test:a", "test:b", "test:e", "test:e", "test:e"}));

  // The first write fails alone, so its transaction ends; the next two share a commit that fails.
  results = group_of(
      [&](const auto& hold) { return command("f", 1, End::refused, hold); },
      {[&] { return command("g", 2, End::kept); }, [&] { return command("h", 1, End::failed_commit); }});
  for (const auto& r : results) EXPECT_FALSE(r.ok());
  // The first write fails alone and takes its leaves with it; the next starts a transaction of its own.
  results = group_of([&](const auto& hold) { return command("j", 2, End::refused, hold); },
                     {[&] { return command("k", 1, End::kept); }});
  EXPECT_FALSE(results[0].ok());
  EXPECT_TRUE(results[1].ok());
  EXPECT_TRUE(command("i", 1, End::kept).ok());

  auto events = list_events(*db_, {0, 1000, {}, {}}).value();
  ASSERT_EQ(ledger::tree_size(*db_).value(), 8u);
  ASSERT_EQ(events.size(), 8u);
  auto leaves = ledger::entries(*db_, 0, 8).value();
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    EXPECT_EQ(leaves[i].event_id, events[i].id);
    EXPECT_EQ(leaves[i].data, leaf_bytes(events[i]));
  }
  EXPECT_EQ(events.back().subject, "test:i");
  EXPECT_EQ(ledger::verify_store(*db_, std::nullopt).value(), "");
}

}  // namespace
}  // namespace fishbowl
