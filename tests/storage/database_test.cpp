#include <gtest/gtest.h>

#include <thread>

#include "app/modules.h"
#include "ledger/command.h"
#include "ledger/events.h"
#include "storage/migrations.h"
#include "support/test_db.h"

namespace fishbowl {
namespace {

TEST(DbUrl, ParsesBothBackendsAndRefusesOthers) {
  auto s = parse_db_url("sqlite:///tmp/x.db");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->path, "/tmp/x.db");
  auto rel = parse_db_url("sqlite://./data/fishbowl.db");
  ASSERT_TRUE(rel.ok());
  EXPECT_EQ(rel->path, "./data/fishbowl.db");
  auto p = parse_db_url("postgresql://u@127.0.0.1:5432/db");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->backend, Backend::postgresql);
  auto bad = parse_db_url("mysql://x");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "db.invalid_url");
  EXPECT_FALSE(parse_db_url("sqlite://").ok());
}

using Storage = testing::BackendTest;

TEST_P(Storage, MigrationsApplyOnceAndAreRecorded) {
  auto again = migrate(db(), platform_modules());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  long long n = db().read([](soci::session& sql) -> Result<long long> {
                      long long c = 0;
                      sql << "SELECT COUNT(*) FROM schema_migrations", soci::into(c);
                      return c;
                    })
                    .value();
  EXPECT_GE(n, 3);
}

TEST_P(Storage, CommandWritesChangeAndEventTogether) {
  auto r = run_command(db(), Actor::system(), [](Command& cmd) -> Result<long long> {
    cmd.sql() << "INSERT INTO regions (level, kind, code, name, path, created_at, updated_at) "
                 "VALUES ('county', 'county', '990000', '测试县', '/', :t, :t)",
        soci::use(cmd.now(), "t");
    return cmd.record("region.created", "region:1", "region:1", {{"name", "测试县"}});
  });
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto events = list_events(db(), {});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->front().type, "region.created");
  EXPECT_EQ(events->front().payload, R"({"name":"测试县"})");
  EXPECT_EQ(events->front().actor_role, "system");
  EXPECT_FALSE(events->front().actor_id.has_value());
}

TEST_P(Storage, RejectedCommandLeavesNoChangeAndNoEvent) {
  auto r = run_command(db(), Actor::system(), [](Command& cmd) -> Result<long long> {
    cmd.sql() << "INSERT INTO regions (level, kind, code, name, path, created_at, updated_at) "
                 "VALUES ('county', 'county', '990000', '测试县', '/', :t, :t)",
        soci::use(cmd.now(), "t");
    cmd.record("region.created", "region:1", "region:1", {});
    return Error::invalid("region.invalid", "不合法", "name");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "region.invalid");
  auto counts = db().read([](soci::session& sql) -> Result<std::pair<long long, long long>> {
    long long regions = 0, events = 0;
    sql << "SELECT COUNT(*) FROM regions", soci::into(regions);
    sql << "SELECT COUNT(*) FROM events", soci::into(events);
    return std::make_pair(regions, events);
  });
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->first, 0);
  EXPECT_EQ(counts->second, 0);
}

TEST_P(Storage, CommandWithoutEventIsRolledBack) {
  auto r = run_command(db(), Actor::system(), [](Command& cmd) -> Status {
    cmd.sql() << "INSERT INTO regions (level, kind, code, name, path, created_at, updated_at) "
                 "VALUES ('county', 'county', '990000', '测试县', '/', :t, :t)",
        soci::use(cmd.now(), "t");
    return ok_status();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "internal.no_event");
  long long regions = db().read([](soci::session& sql) -> Result<long long> {
                            long long c = 0;
                            sql << "SELECT COUNT(*) FROM regions", soci::into(c);
                            return c;
                          })
                          .value();
  EXPECT_EQ(regions, 0);
}

TEST_P(Storage, EventsCannotBeUpdatedOrDeleted) {
  ASSERT_TRUE(run_command(db(), Actor::system(), [](Command& cmd) -> Status {
                cmd.record("test.recorded", "region:1", "test:1", {{"a", 1}});
                return ok_status();
              }).ok());
  auto upd = db().write([](soci::session& sql) -> Status {
    sql << "UPDATE events SET payload = '{}'";
    return ok_status();
  });
  ASSERT_FALSE(upd.ok());
  // A refusal by the append-only guard is not a conflict with other data: it is a bug, and logged as one.
  EXPECT_EQ(upd.error().code, "internal");
  auto del = db().write([](soci::session& sql) -> Status {
    sql << "DELETE FROM events";
    return ok_status();
  });
  ASSERT_FALSE(del.ok());
  EXPECT_EQ(del.error().code, "internal");
  auto events = list_events(db(), {});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->front().payload, R"({"a":1})");
}

TEST_P(Storage, ConcurrentWritersNeverFail) {
  constexpr int kThreads = 8, kEach = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto r = run_command(db(), Actor::system(), [&](Command& cmd) -> Status {
          cmd.record("test.recorded", "region:1", "test:" + std::to_string(t), {{"i", i}});
          return ok_status();
        });
        if (!r.ok()) failures++;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  long long n = db().read([](soci::session& sql) -> Result<long long> { return count_events(sql); }).value();
  EXPECT_EQ(n, kThreads * kEach);
}

FISHBOWL_BACKEND_SUITE(Storage);

}  // namespace
}  // namespace fishbowl
