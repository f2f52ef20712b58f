// On SQLite the write-ahead log is copied into the database file by a thread of its own, once a commit leaves
// the log long enough; a commit does it itself only when that thread has fallen far behind.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "storage/database.h"
#include "storage/wal_checkpointer.h"

namespace fishbowl {
namespace {

class WalCheckpoints : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("fishbowl-wal-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    auto db = Database::open("sqlite://" + file().string(), 2);
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->write([](soci::session& sql) -> Status {
                     sql << "CREATE TABLE t (b BLOB)";
                     return ok_status();
                   })
                    .ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path file() const { return dir_ / "t.db"; }

  // One write of about `pages` pages of 4 KiB.
  void write_pages(int pages) {
    ASSERT_TRUE(db_->write([&](soci::session& sql) -> Status {
                     sql << "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < :n) "
                            "INSERT INTO t (b) SELECT randomblob(4000) FROM s",
                         soci::use(pages);
                     return ok_status();
                   })
                    .ok());
  }

  bool wait_for_checkpoints(unsigned long long n) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (db_->stats().wal_checkpoints < n && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return db_->stats().wal_checkpoints >= n;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(WalCheckpoints, ShortLogsAreLeftForLater) {
  for (int i = 0; i < 5; ++i) write_pages(10);
  EXPECT_EQ(db_->stats().wal_checkpoints, 0u);
  // Nothing but the schema has reached the database file: the rows are all in the log.
  EXPECT_LT(std::filesystem::file_size(file()), 100u * 1024);
}

TEST_F(WalCheckpoints, ACommitThatFillsTheLogHasItCopiedIntoTheDatabaseFile) {
  write_pages(WalCheckpointer::kPages + 200);
  ASSERT_TRUE(wait_for_checkpoints(1));
  EXPECT_GT(std::filesystem::file_size(file()), 4u * 1024 * WalCheckpointer::kPages);
  // The copy lost nothing, and the log keeps serving writes.
  write_pages(1);
  long long rows = 0;
  ASSERT_TRUE(db_->read([&](soci::session& sql) -> Status {
                   sql << "SELECT COUNT(*) FROM t", soci::into(rows);
                   return ok_status();
                 })
                  .ok());
  EXPECT_EQ(rows, WalCheckpointer::kPages + 201);
}

TEST_F(WalCheckpoints, ALogFarBehindIsCopiedByTheCommitItself) {
  write_pages(WalCheckpointer::kBehindPages + 100);
  // No waiting: the commit has copied it before returning.
  EXPECT_EQ(db_->stats().wal_checkpoints, 1u);
  EXPECT_GT(std::filesystem::file_size(file()), 4u * 1024 * WalCheckpointer::kBehindPages);
}

}  // namespace
}  // namespace fishbowl
