#include "storage/wal_checkpointer.h"

#include <spdlog/spdlog.h>

namespace fishbowl {

using namespace sqlite_api;

WalCheckpointer::WalCheckpointer(std::string path) : path_(std::move(path)) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WalCheckpointer::install(sqlite3* connection) {
  sqlite3_wal_hook(connection, &WalCheckpointer::on_commit, this);
}

int WalCheckpointer::on_commit(void* self, sqlite3* connection, const char*, int pages) {
  auto* me = static_cast<WalCheckpointer*>(self);
  // Writes go on during a checkpoint, so the log rarely restarts under load: what counts is how much of it
  // has not been copied yet.
  int copied = me->copied_.load();
  if (copied > pages) copied = 0;  // the log has restarted since
  if (pages >= kBehindPages)
    me->checkpoint(connection);
  else if (pages - copied >= kPages)
    me->request();
  return SQLITE_OK;
}

void WalCheckpointer::request() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_) return;
  requested_ = true;
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
  wake_.notify_one();
}

void WalCheckpointer::run() {
  sqlite3* connection = nullptr;
  if (sqlite3_open_v2(path_.c_str(), &connection, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    spdlog::error("checkpoints: cannot open {}: {}", path_, connection ? sqlite3_errmsg(connection) : "");
    sqlite3_close(connection);
    connection = nullptr;
  } else {
    // A connection finds the database in WAL mode, and opens the log, at its first read; until then a
    // checkpoint would do nothing.
    sqlite3_exec(connection, "PRAGMA journal_mode", nullptr, nullptr, nullptr);
  }
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return requested_ || stopping_; });
    if (stopping_) break;
    lock.unlock();
    // Without a connection of its own the log still gets copied, by the committing connections at
    // kBehindPages.
    if (connection) checkpoint(connection);
    lock.lock();
    // Requests made meanwhile were about pages this checkpoint may have copied; the next commit asks again if
    // enough are left.
    requested_ = false;
  }
  lock.unlock();
  sqlite3_close(connection);
}

void WalCheckpointer::checkpoint(sqlite3* connection) {
  int log = 0, copied = 0;
  int rc = sqlite3_wal_checkpoint_v2(connection, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
  if (rc == SQLITE_BUSY) return;  // another connection is checkpointing: it copies the same pages
  if (rc != SQLITE_OK) {
    spdlog::warn("checkpoint of {} failed: {}", path_, sqlite3_errstr(rc));
    return;
  }
  if (log < 0) return;  // not in WAL mode: nothing to copy
  copied_ = copied;
  checkpoints_++;
}

}  // namespace fishbowl
