#include "support/test_db.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include <soci/postgresql/soci-postgresql.h>

#include "app/modules.h"
#include "storage/migrations.h"

namespace fishbowl::testing {

namespace {
std::atomic<int> counter{0};

// A direct session on the PostgreSQL test database, outside any schema of a test.
std::unique_ptr<soci::session> admin_session() {
  return std::make_unique<soci::session>(soci::postgresql,
                                         parse_db_url(std::getenv("FISHBOWL_TEST_PG"))->connect);
}

std::string unique_suffix() {
  return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
}
}  // namespace

std::vector<Backend> test_backends() {
  std::vector<Backend> out{Backend::sqlite};
  const char* pg = std::getenv("FISHBOWL_TEST_PG");
  if (pg && *pg) out.push_back(Backend::postgresql);
  return out;
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "sqlite" : "postgresql";
}

TestDatabase::~TestDatabase() {
  db.reset();
  if (!pg_schema.empty()) {
    try {
      *admin_session() << "DROP SCHEMA IF EXISTS " + pg_schema + " CASCADE";
    } catch (...) {
    }
  } else if (url.rfind("sqlite://", 0) == 0) {
    std::string path = url.substr(9);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
}

std::unique_ptr<TestDatabase> fresh_database(Backend backend, bool migrated) {
  auto t = std::make_unique<TestDatabase>();
  if (backend == Backend::sqlite) {
    auto dir = std::filesystem::temp_directory_path() / "fishbowl-tests";
    std::filesystem::create_directories(dir);
    t->url = "sqlite://" + (dir / ("t_" + unique_suffix() + ".db")).string();
  } else {
    std::string base = std::getenv("FISHBOWL_TEST_PG");
    t->pg_schema = "t_" + unique_suffix();
    *admin_session() << "CREATE SCHEMA " + t->pg_schema;
    t->url =
        base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + t->pg_schema;
  }
  auto opened = Database::open(t->url, 4);
  if (!opened) {
    ADD_FAILURE() << "cannot open " << t->url << ": " << opened.error().message;
    return t;
  }
  t->db = std::move(opened.value());
  if (migrated) {
    auto m = migrate(*t->db, platform_modules());
    if (!m) ADD_FAILURE() << "migration failed: " << m.error().code << " " << m.error().message;
  }
  return t;
}

}  // namespace fishbowl::testing
