#pragma once
// Copies a SQLite database's write-ahead log back into the database file (SQLite's checkpoint, unrelated to
// the ledger's signed checkpoints), on a thread and a connection of its own.
//
// SQLite's own automatic checkpoint runs inside the COMMIT that makes the log long enough: that commit then
// writes a thousand pages into the database file and waits for them to reach the disk, and every write queued
// behind it waits too. Here the commit only asks for a checkpoint, and the next writes go on while it runs (a
// passive checkpoint never blocks the writer; it copies what no reader still needs).
//
// Promises:
//  - install() on a connection replaces SQLite's automatic checkpoint with a request to this object, made
//  when
//    a commit leaves at least kPages pages in the log that no checkpoint has copied yet. The thread starts at
//    the first request, so a database that never fills its log never starts one.
//  - Under a steady stream of writes the log seldom restarts (only a checkpoint that copied all of it before
//    the next write lets it), so it grows; at kBehindPages the committing connection checkpoints at once, as
//    SQLite would, before any other write can start, and the next write restarts the log. So the log stays
//    below about kBehindPages pages.
//  - The destructor waits for a running checkpoint and stops the thread.
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace fishbowl {

class WalCheckpointer {
 public:
  static constexpr int kPages = 1000;  // SQLite's default for its automatic checkpoint
  static constexpr int kBehindPages = 16 * kPages;

  explicit WalCheckpointer(std::string path);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  void install(sqlite_api::sqlite3* connection);
  // Checkpoints run so far, by the thread or by a committing connection.
  unsigned long long count() const { return checkpoints_.load(); }

 private:
  static int on_commit(void* self, sqlite_api::sqlite3* connection, const char* schema, int pages);
  void request();
  void run();
  // One passive checkpoint on `connection`; failures are logged, the next request tries again.
  void checkpoint(sqlite_api::sqlite3* connection);

  std::string path_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stopping_ = false;
  std::thread thread_;
  std::atomic<unsigned long long> checkpoints_{0};
  std::atomic<int> copied_{0};  // frames of the log in the database file after the last checkpoint
};

}  // namespace fishbowl
