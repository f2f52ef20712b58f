#pragma once
// Storage and API tests run on every backend: SQLite always, PostgreSQL when FISHBOWL_TEST_PG names a
// database (make test starts a throwaway cluster and sets it). Each test gets a fresh, migrated database of
// its own: a new SQLite file, or a new schema in the PostgreSQL test database.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/database.h"

namespace fishbowl::testing {

std::vector<Backend> test_backends();
std::string backend_name(const ::testing::TestParamInfo<Backend>& info);

struct TestDatabase {
  std::string url;
  std::unique_ptr<Database> db;
  std::string pg_schema;  // dropped at the end on PostgreSQL
  ~TestDatabase();
};

// A fresh database with every platform migration applied.
std::unique_ptr<TestDatabase> fresh_database(Backend backend, bool migrated = true);

// Fixture base for tests parameterized over the backends.
class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    tdb_ = fresh_database(GetParam());
    ASSERT_TRUE(tdb_ && tdb_->db);
  }
  Database& db() { return *tdb_->db; }
  std::unique_ptr<TestDatabase> tdb_;
};

#define FISHBOWL_BACKEND_SUITE(Suite)                                                                  \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::ValuesIn(::fishbowl::testing::test_backends()), \
                           ::fishbowl::testing::backend_name)

}  // namespace fishbowl::testing
