// The SQLite backend keeps prepared statements: what a kept statement must not change is what a fresh one
// would have done.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "storage/database.h"
#include "storage/sqlite_backend.h"

namespace fishbowl {
namespace {

class SqliteBackend : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("fishbowl-sqlite-backend-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    url_ = "sqlite://" + (dir_ / "t.db").string();
    auto db = Database::open(url_, 1);  // one session, so every read reuses its statements
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->write([](soci::session& sql) -> Status {
                     sql << "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)";
                     sql << "INSERT INTO t (id, v) VALUES (1, 'a'), (2, 'b'), (3, 'c')";
                     return ok_status();
                   })
                    .ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  long long count() {
    return db_
        ->read([](soci::session& sql) -> Result<long long> {
          long long n = 0;
          sql << "SELECT COUNT(*) FROM t", soci::into(n);
          return n;
        })
        .value();
  }

  std::filesystem::path dir_;
  std::string url_;
  std::unique_ptr<Database> db_;
};

TEST_F(SqliteBackend, AStatementIsKeptAndRunsAgainWithNewValues) {
  auto value_of = [&](long long id) {
    return db_
        ->read([&](soci::session& sql) -> Result<std::string> {
          std::string v;
          sql << "SELECT v FROM t WHERE id = :id", soci::use(id), soci::into(v);
          return sql.got_data() ? v : std::string("(none)");
        })
        .value();
  };
  EXPECT_EQ(value_of(1), "a");
  EXPECT_EQ(value_of(3), "c");
  EXPECT_EQ(value_of(9), "(none)");
  EXPECT_EQ(value_of(2), "b");

  auto taken = db_->read([](soci::session& sql) -> Status {
    auto* first = take_statement(sql, "SELECT v FROM t WHERE id = ?1");
    keep_statement(sql, "SELECT v FROM t WHERE id = ?1", first);
    auto* again = take_statement(sql, "SELECT v FROM t WHERE id = ?1");
    auto* other = take_statement(sql, "SELECT id FROM t WHERE v = ?1");
    EXPECT_EQ(again, first);
    EXPECT_NE(other, first);
    keep_statement(sql, "SELECT v FROM t WHERE id = ?1", again);
    keep_statement(sql, "SELECT id FROM t WHERE v = ?1", other);
    return ok_status();
  });
  EXPECT_TRUE(taken.ok());
}

TEST_F(SqliteBackend, AStatementLeftBeforeItsLastRowHoldsNoSnapshot) {
  // Read one row of three and walk away: a kept statement that was not reset would keep this connection's
  // read transaction open, and its next reads would not see what another connection wrote since.
  ASSERT_TRUE(db_->read([](soci::session& sql) -> Status {
                   soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, v FROM t ORDER BY id");
                   for (const auto& r : rows) {
                     EXPECT_EQ(r.get<int>(0), 1);
                     break;
                   }
                   return ok_status();
                 })
                  .ok());
  auto other = Database::open(url_, 1);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)
                  ->write([](soci::session& sql) -> Status {
                    sql << "INSERT INTO t (id, v) VALUES (4, 'd')";
                    return ok_status();
                  })
                  .ok());
  EXPECT_EQ(count(), 4);
  long long seen = db_->read([](soci::session& sql) -> Result<long long> {
                        long long n = 0;
                        soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, v FROM t ORDER BY id");
                        for (const auto& r : rows) n += r.get<int>(0) > 0 ? 1 : 0;
                        return n;
                      })
                       .value();
  EXPECT_EQ(seen, 4);
}

TEST_F(SqliteBackend, AKeptStatementSeesTheSchemaAsItIsNow) {
  auto columns = [&] {
    return db_
        ->read([](soci::session& sql) -> Result<std::size_t> {
          soci::rowset<soci::row> rows = (sql.prepare << "SELECT * FROM t WHERE id = 1");
          for (const auto& r : rows) return r.size();
          return std::size_t{0};
        })
        .value();
  };
  EXPECT_EQ(columns(), 2u);
  ASSERT_TRUE(db_->write([](soci::session& sql) -> Status {
                   sql << "ALTER TABLE t ADD COLUMN w TEXT NOT NULL DEFAULT 'x'";
                   return ok_status();
                 })
                  .ok());
  EXPECT_EQ(columns(), 3u);
}

TEST_F(SqliteBackend, SqlBuiltOnTheFlyKeepsABoundedNumberOfStatements) {
  ASSERT_TRUE(db_->read([](soci::session& sql) -> Status {
                   for (int i = 0; i < 600; ++i) {
                     long long n = 0;
                     sql << "SELECT COUNT(*) FROM t WHERE id > " + std::to_string(i), soci::into(n);
                     EXPECT_EQ(n, i < 3 ? 3 - i : 0);
                   }
                   int statements = 0;
                   for (auto* st = sqlite_api::sqlite3_next_stmt(sqlite_connection(sql), nullptr); st;
                        st = sqlite_api::sqlite3_next_stmt(sqlite_connection(sql), st))
                     ++statements;
                   EXPECT_GT(statements, 10);
                   EXPECT_LE(statements, 300);
                   return ok_status();
                 })
                  .ok());
}

}  // namespace
}  // namespace fishbowl
