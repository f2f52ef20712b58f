// Statements run with values bound by position (storage/bound.h) behave alike on both backends: numbers,
// texts and NULLs go in as given, the rows changed and the new id come back, and a refused row is a conflict
// (storage.conflict), as it is through SOCI's own statements.
#include "storage/bound.h"

#include <gtest/gtest.h>

#include "storage/dialect.h"
#include "storage/row.h"
#include "support/test_db.h"

namespace fishbowl {
namespace {

class Bound : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    ASSERT_TRUE(db().write([&](soci::session& sql) -> Status {
                      sql << apply_dialect(
                          "CREATE TABLE bound_rows (id {{id}}, n BIGINT, i INTEGER, s TEXT NOT NULL UNIQUE)",
                          db().backend());
                      return ok_status();
                    })
                    .ok());
  }
  struct Row {
    long long id;
    std::optional<long long> n;
    int i;
    std::string s;
  };
  std::vector<Row> rows() {
    return db()
        .read([](soci::session& sql) -> Result<std::vector<Row>> {
          std::vector<Row> out;
          soci::rowset<soci::row> rs = (sql.prepare << "SELECT id, n, i, s FROM bound_rows ORDER BY id");
          for (const auto& r : rs)
            out.push_back(
                {int64_at(r, 0), optional_int64_at(r, 1), static_cast<int>(int64_at(r, 2)), text_at(r, 3)});
          return out;
        })
        .value();
  }
};

TEST_P(Bound, ValuesGoInByPositionAndTheChangeIsCounted) {
  std::optional<long long> none, some = 7;
  const std::string text = "第一行 'quoted' \"too\"";
  auto ids = db().write([&](soci::session& sql) -> Result<std::pair<long long, long long>> {
    long long a = insert_returning_id(sql, db().backend(),
                                      "INSERT INTO bound_rows (n, i, s) VALUES (:n, :i, :s) RETURNING id",
                                      none, 3, text);
    long long b = insert_returning_id(sql, db().backend(),
                                      "INSERT INTO bound_rows (n, i, s) VALUES (:n, :i, :s) RETURNING id",
                                      some, -4, std::string("二"));
    return std::make_pair(a, b);
  });
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  EXPECT_LT(ids->first, ids->second);
  auto r = rows();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].id, ids->first);
  EXPECT_FALSE(r[0].n.has_value());
  EXPECT_EQ(r[0].i, 3);
  EXPECT_EQ(r[0].s, text);
  EXPECT_EQ(r[1].n, 7);
  EXPECT_EQ(r[1].i, -4);

  auto changed = db().write([&](soci::session& sql) -> Result<long long> {
    long long all = execute(sql, db().backend(), "UPDATE bound_rows SET n = :n WHERE i < :i", none, 100);
    long long nothing =
        execute(sql, db().backend(), "UPDATE bound_rows SET i = 0 WHERE s = :s", std::string("absent"));
    return all * 10 + nothing;
  });
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(*changed, 20);
  for (const auto& row : rows()) EXPECT_FALSE(row.n.has_value());
}

TEST_P(Bound, ARefusedRowIsAConflictAndLeavesNothing) {
  auto twice = db().write([&](soci::session& sql) -> Status {
    execute(sql, db().backend(), "INSERT INTO bound_rows (i, s) VALUES (:i, :s)", 1, std::string("x"));
    execute(sql, db().backend(), "INSERT INTO bound_rows (i, s) VALUES (:i, :s)", 2, std::string("x"));
    return ok_status();
  });
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, "storage.conflict");
  EXPECT_TRUE(rows().empty());
  // The same through SOCI's own statements.
  auto through_soci = db().write([&](soci::session& sql) -> Status {
    sql << "INSERT INTO bound_rows (i, s) VALUES (1, 'y')";
    sql << "INSERT INTO bound_rows (i, s) VALUES (2, 'y')";
    return ok_status();
  });
  ASSERT_FALSE(through_soci.ok());
  EXPECT_EQ(through_soci.error().code, "storage.conflict");
  EXPECT_TRUE(rows().empty());
}

FISHBOWL_BACKEND_SUITE(Bound);

}  // namespace
}  // namespace fishbowl
