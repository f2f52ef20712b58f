#pragma once
// The one door to stored data. A Database is opened from a URL (sqlite:///path, sqlite://relative/path,
// postgresql://user@host:port/db) and holds a pool of SOCI sessions.
//
// Promises:
//  - read() lends a pooled session; many readers run at once (SQLite in WAL mode lets readers go on during a
//  write). snapshot() does the same inside one read-only transaction, for reads that must agree.
//  - write() runs its function inside a transaction and keeps its changes only when the function returns an
//    ok Result; an error Result or an exception undoes everything the function wrote. It returns once the
//    changes are committed (or undone).
//  - On SQLite all writes of this process go through one writer, so concurrent requests queue instead of
//    failing with SQLITE_BUSY; other processes on the same file wait up to the busy timeout. Writes that
//    queue while another is committing are committed together (group commit): one thread runs each in its
//    own savepoint inside one transaction, taking writes that arrive meanwhile as well, and a failing one
//    rolls back to its savepoint only. A commit writes each changed page to the WAL once, so busy windows
//    share the cost of a commit. The write-ahead log is copied back into the database file by a checkpoint
//    on a thread of its own (see wal_checkpointer.h), not inside the commit that fills it.
//  - Thread-safe. Storage exceptions are turned into Errors (unavailable / conflict / internal) at this
//  boundary.
#include <soci/soci.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/error.h"

namespace fishbowl {

class WalCheckpointer;

// Work that the writes of one transaction leave for its end, done once for all of them just before the
// commit: the ledger appends the leaves of a whole group of writes together, taking its size row and reading
// the tree's right edge once instead of once per write.
class CommitBatch {
 public:
  virtual ~CommitBatch() = default;
  // How much it holds; taken before each write of the transaction runs.
  virtual std::size_t mark() const = 0;
  // The write that ran since mark() was undone: forget what it added.
  virtual void undo_to(std::size_t mark) = 0;
  // Writes what it holds, on the transaction's session, just before the commit. Throws as SOCI does.
  virtual void write(soci::session& sql) = 0;
};

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
  unsigned long long waits = 0;            // leases that found every session busy
  unsigned long long writes = 0;           // write() calls whose changes were committed
  unsigned long long transactions = 0;     // the write transactions that committed them
  std::size_t queued_writes = 0;           // writes waiting for the writer now
  unsigned long long wal_checkpoints = 0;  // SQLite: copies of the write-ahead log into the database file
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
    using R = decltype(f(std::declval<soci::session&>()));
    if (url_.backend == Backend::sqlite) {
      TypedWrite<R, F> w(f);
      write_in_group(w);
      return std::move(*w.result);
    }
    Lease lease(*this);
    soci::session& sql = lease.session();
    std::unique_ptr<CommitBatch> batch;
    BatchScope scope(batch);
    try {
      sql << "BEGIN";
      auto result = f(sql);
      if (result.ok()) {
        if (batch) batch->write(sql);
        sql.commit();
        committed(1);
      } else {
        sql.rollback();
      }
      return result;
    } catch (const std::exception& e) {
      return rolled_back(sql, e);
    }
  }

  // The batch of the write transaction this thread is running (inside write()'s function): made as
  // T(backend) at its first use in the transaction, written just before the commit, and dropped with the
  // transaction when it does not commit. Throws std::logic_error outside a write.
  template <class T>
  T& batch() {
    auto& slot = open_batch();
    if (!slot) slot = std::make_unique<T>(url_.backend);
    return dynamic_cast<T&>(*slot);
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

  // One queued write(), as the group's leader sees it.
  class Write {
   public:
    virtual ~Write() = default;
    // Runs the function; true when its changes are to be kept. Exceptions become an error result.
    virtual bool run(soci::session& sql) = 0;
    // The transaction holding changes this write kept did not commit: its result becomes `e`.
    virtual void fail(const Error& e) = 0;
    bool done = false;  // guarded by group_mutex_
  };
  template <class R, class F>
  class TypedWrite final : public Write {
   public:
    explicit TypedWrite(F& f) : f_(f) {}
    bool run(soci::session& sql) override {
      try {
        result.emplace(f_(sql));
      } catch (const std::exception& e) {
        result.emplace(storage_error(e));
      }
      return result->ok();
    }
    void fail(const Error& e) override {
      if (!result || result->ok()) result.emplace(e);
    }
    std::optional<R> result;

   private:
    F& f_;
  };

  // Makes `batch` the slot batch() fills, on this thread, for as long as it lives.
  class BatchScope {
   public:
    explicit BatchScope(std::unique_ptr<CommitBatch>& batch);
    ~BatchScope();
    BatchScope(const BatchScope&) = delete;
    BatchScope& operator=(const BatchScope&) = delete;

   private:
    std::unique_ptr<CommitBatch>* outer_;
  };
  static std::unique_ptr<CommitBatch>& open_batch();

  explicit Database(DbUrl url, std::size_t pool_size);
  // Queues `w` and returns when it is done: run and committed by this thread or by another one leading the
  // group it joined.
  void write_in_group(Write& w);
  // Leads one group: runs queued writes in one transaction, taking those that arrive meanwhile too, and
  // commits when the queue is empty or the group full. Returns the writes it finished.
  std::vector<Write*> run_group();
  // The next queued write for a group that holds `taken` writes already; none when the group is complete.
  Write* next_queued(std::size_t taken);
  void committed(std::size_t writes);
  static Error storage_error(const std::exception& e);
  // Rolls back after a failure inside a transaction (ignoring a failing rollback: the connection may be the
  // thing that broke) and turns the failure into an Error.
  static Error rolled_back(soci::session& sql, const std::exception& e);

  DbUrl url_;
  // Before the pool: its sessions call it at each commit, so it must outlive them.
  std::unique_ptr<WalCheckpointer> wal_checkpointer_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::size_t pool_size_;
  std::atomic<std::size_t> in_use_{0};
  std::atomic<unsigned long long> waits_{0};
  std::atomic<unsigned long long> commits_{0};
  std::atomic<unsigned long long> transactions_{0};
  std::mutex group_mutex_;
  std::condition_variable group_done_;
  std::deque<Write*> queued_;
  std::atomic<std::size_t> queued_count_{0};  // queued_.size(), readable without the lock
  bool leading_ = false;
};

}  // namespace fishbowl
