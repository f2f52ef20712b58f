#pragma once
// The one door to stored data. A Database is opened from a URL (sqlite:///path, sqlite://relative/path,
// postgresql://user@host:port/db) and holds a pool of SOCI sessions.
//
// Promises:
//  - read() lends a pooled session; many readers run at once (SQLite in WAL mode lets readers go on during a
//  write). snapshot() does the same inside one read-only transaction, for reads that must agree.
//  - write() runs its function inside one transaction and commits only when the function returns an ok
//  Result;
//    an error Result or an exception rolls everything back. On SQLite all writes of this process go through
//    one writer (a mutex + BEGIN IMMEDIATE), so concurrent requests queue instead of failing with
//    SQLITE_BUSY; other processes on the same file wait up to the busy timeout.
//  - Thread-safe. Storage exceptions are turned into Errors (unavailable / conflict / internal) at this
//  boundary.
#include <soci/soci.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>

#include "core/error.h"

namespace fishbowl {

enum class Backend { sqlite, postgresql };

struct DbUrl {
  Backend backend = Backend::sqlite;
  std::string path;     // SQLite file path
  std::string connect;  // PostgreSQL conninfo (a URI; libpq accepts it as it is)
};

// Parses a database URL; 422-style Error naming "db" when it is neither SQLite nor PostgreSQL.
Result<DbUrl> parse_db_url(const std::string& url);

struct PoolStats {
  std::size_t size = 0;
  std::size_t in_use = 0;
  unsigned long long waits = 0;  // leases that found every session busy
};

class Database {
 public:
  // Opens the pool (and for SQLite, creates the file's folder). Fails with "storage.unavailable".
  static Result<std::unique_ptr<Database>> open(const std::string& url, std::size_t pool_size = 4);
  ~Database();

  Backend backend() const { return url_.backend; }
  PoolStats stats() const;
  // Writes committed through this object so far: a cheap version stamp for caches of what was read.
  unsigned long long commits() const { return commits_.load(); }

  template <class F>
  auto read(F&& f) -> decltype(f(std::declval<soci::session&>())) {
    Lease lease(*this);
    try {
      return f(lease.session());
    } catch (const std::exception& e) {
      return storage_error(e);
    }
  }

  // A read of several statements that must see one state of the data: they run in one read-only
  // transaction. On SQLite that is also faster than one implicit transaction per statement.
  template <class F>
  auto snapshot(F&& f) -> decltype(f(std::declval<soci::session&>())) {
    Lease lease(*this);
    soci::session& sql = lease.session();
    try {
      sql << (url_.backend == Backend::sqlite ? "BEGIN" : "BEGIN READ ONLY");
      auto result = f(sql);
      sql.commit();
      return result;
    } catch (const std::exception& e) {
      return rolled_back(sql, e);
    }
  }

  template <class F>
  auto write(F&& f) -> decltype(f(std::declval<soci::session&>())) {
    std::unique_lock<std::mutex> writer(writer_, std::defer_lock);
    if (url_.backend == Backend::sqlite) writer.lock();
    Lease lease(*this);
    soci::session& sql = lease.session();
    try {
      begin(sql);
      auto result = f(sql);
      if (result.ok()) {
        sql.commit();
        commits_++;
      } else {
        sql.rollback();
      }
      return result;
    } catch (const std::exception& e) {
      return rolled_back(sql, e);
    }
  }

  // Runs a multi-statement SQL script outside any transaction helper (migrations use it inside write()).
  static void exec_script(soci::session& sql, Backend backend, const std::string& script);

 private:
  class Lease {
   public:
    explicit Lease(Database& db);
    ~Lease();
    soci::session& session() { return *session_; }

   private:
    Database& db_;
    std::size_t pos_;
    soci::session* session_;
  };

  explicit Database(DbUrl url, std::size_t pool_size);
  void begin(soci::session& sql);
  static Error storage_error(const std::exception& e);
  // Rolls back after a failure inside a transaction (ignoring a failing rollback: the connection may be the
  // thing that broke) and turns the failure into an Error.
  static Error rolled_back(soci::session& sql, const std::exception& e);

  DbUrl url_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::size_t pool_size_;
  std::atomic<std::size_t> in_use_{0};
  std::atomic<unsigned long long> waits_{0};
  std::atomic<unsigned long long> commits_{0};
  std::mutex writer_;
};

}  // namespace fishbowl
