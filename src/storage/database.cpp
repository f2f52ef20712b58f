#include "storage/database.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <optional>
#include <stdexcept>

#include "core/text.h"
#include "storage/bound.h"
#include "storage/sqlite_backend.h"
#include "storage/wal_checkpointer.h"

namespace fishbowl {

namespace {

// libpq keyword/value form of a postgresql:// URI ([user[:password]@][host][:port][/dbname][?key=value&...]).
// SOCI rewrites connection strings it is given, so it receives the keyword form, which it passes on
// untouched.
std::optional<std::string> pg_conninfo(const std::string& rest) {
  std::string authority = rest, query;
  if (auto q = authority.find('?'); q != std::string::npos) {
    query = authority.substr(q + 1);
    authority.resize(q);
  }
  std::string dbname;
  if (auto slash = authority.find('/'); slash != std::string::npos) {
    dbname = authority.substr(slash + 1);
    authority.resize(slash);
  }
  std::vector<std::pair<std::string, std::string>> kv;
  if (auto at = authority.rfind('@'); at != std::string::npos) {
    std::string userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    auto colon = userinfo.find(':');
    kv.emplace_back("user", userinfo.substr(0, colon));
    if (colon != std::string::npos) kv.emplace_back("password", userinfo.substr(colon + 1));
  }
  if (auto colon = authority.rfind(':');
      colon != std::string::npos && authority.find(']') == std::string::npos) {
    kv.emplace_back("port", authority.substr(colon + 1));
    authority.resize(colon);
  }
  if (!authority.empty()) kv.emplace_back("host", authority);
  if (!dbname.empty()) kv.emplace_back("dbname", dbname);
  std::size_t start = 0;
  while (start < query.size()) {
    auto amp = query.find('&', start);
    std::string pair = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    auto eq = pair.find('=');
    if (eq == std::string::npos) return std::nullopt;
    kv.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
    start = amp == std::string::npos ? query.size() : amp + 1;
  }
  std::string out;
  for (auto& [k, v] : kv) {
    std::string decoded;
    if (!percent_decode(v, decoded, false) || k.empty() ||
        k.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos)
      return std::nullopt;
    std::string quoted;
    for (char c : decoded) {
      if (c == '\\' || c == '\'') quoted.push_back('\\');
      quoted.push_back(c);
    }
    out += (out.empty() ? "" : " ") + k + "='" + quoted + "'";
  }
  return out;
}

}  // namespace

Result<DbUrl> parse_db_url(const std::string& url) {
  DbUrl out;
  if (url.rfind("sqlite://", 0) == 0) {
    out.backend = Backend::sqlite;
    out.path = url.substr(9);  // sqlite:///abs/path keeps its leading slash; sqlite://./rel is relative
    if (out.path.empty()) return Error::invalid("db.invalid_url", "SQLite 数据库地址缺少文件路径", "db");
    if (out.path.find_first_of(" '\"") != std::string::npos)
      return Error::invalid("db.invalid_url", "SQLite 文件路径不能包含空格或引号", "db");
    return out;
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    out.backend = Backend::postgresql;
    auto conninfo = pg_conninfo(url.substr(url.find("://") + 3));
    if (!conninfo) return Error::invalid("db.invalid_url", "PostgreSQL 数据库地址格式不正确", "db");
    out.connect = *conninfo;
    return out;
  }
  return Error::invalid("db.invalid_url", "数据库地址必须以 sqlite:// 或 postgresql:// 开头", "db");
}

Database::Database(DbUrl url, std::size_t pool_size)
    : url_(std::move(url)),
      pool_(std::make_unique<soci::connection_pool>(pool_size)),
      pool_size_(pool_size) {}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::open(const std::string& url, std::size_t pool_size) {
  auto parsed = parse_db_url(url);
  if (!parsed) return parsed.error();
  if (pool_size == 0) pool_size = 1;
  std::unique_ptr<Database> db(new Database(*parsed, pool_size));
  try {
    if (db->url_.backend == Backend::sqlite) {
      db->wal_checkpointer_ = std::make_unique<WalCheckpointer>(db->url_.path);
      auto parent = std::filesystem::path(db->url_.path).parent_path();
      if (!parent.empty()) std::filesystem::create_directories(parent);
    }
    for (std::size_t i = 0; i < pool_size; ++i) {
      soci::session& s = db->pool_->at(i);
      if (db->url_.backend == Backend::sqlite) {
        s.open(sqlite_backend(), "db=" + db->url_.path + " timeout=30");
        s << "PRAGMA journal_mode=WAL";
        s << "PRAGMA foreign_keys=ON";
        s << "PRAGMA synchronous=NORMAL";
        // A savepoint keeps the pages its write changed, to undo them alone; kept in files, that cost a
        // temporary file per grouped write (see write()).
        s << "PRAGMA temp_store=MEMORY";
        // 32 MiB of page cache per connection (SQLite's default is 2 MiB), taken only as pages are read: the
        // ledger's proofs and the catalogue's pages read from all over a database of hundreds of megabytes.
        s << "PRAGMA cache_size=-32768";
        s << "PRAGMA mmap_size=1073741824";
        // Errors then say which constraint refused a row: a duplicate is a conflict, a trigger's refusal is
        // not.
        sqlite_api::sqlite3_extended_result_codes(sqlite_connection(s), 1);
        db->wal_checkpointer_->install(sqlite_connection(s));
      } else {
        s.open(soci::postgresql, db->url_.connect);
        s << "SET client_min_messages TO WARNING";
        s << "SET TIME ZONE 'UTC'";
      }
    }
  } catch (const std::exception& e) {
    spdlog::error("cannot open database: {}", e.what());
    return Error{ErrorKind::unavailable, "storage.unavailable", "无法打开数据库", ""};
  }
  return db;
}

PoolStats Database::stats() const {
  return {pool_size_,
          in_use_.load(),
          waits_.load(),
          commits_.load(),
          transactions_.load(),
          queued_count_.load(),
          wal_checkpointer_ ? wal_checkpointer_->count() : 0};
}

Database::Lease::Lease(Database& db) : db_(db) {
  if (!db_.pool_->try_lease(pos_, 0)) {
    db_.waits_++;
    pos_ = db_.pool_->lease();
  }
  db_.in_use_++;
  session_ = &db_.pool_->at(pos_);
  if (db_.url_.backend == Backend::sqlite) check_schema(*session_);
}

Database::Lease::~Lease() {
  db_.in_use_--;
  db_.pool_->give_back(pos_);
}

namespace {
// A bound on one transaction's work, so that a long queue is committed in several steps.
constexpr std::size_t kMaxGroup = 64;
// The slot of the write transaction this thread runs; null outside one.
thread_local std::unique_ptr<CommitBatch>* batch_slot = nullptr;
}  // namespace

Database::BatchScope::BatchScope(std::unique_ptr<CommitBatch>& batch) : outer_(batch_slot) {
  batch_slot = &batch;
}

Database::BatchScope::~BatchScope() {
  batch_slot = outer_;
}

std::unique_ptr<CommitBatch>& Database::open_batch() {
  if (!batch_slot) throw std::logic_error("a commit batch outside a write transaction");
  return *batch_slot;
}

void Database::write_in_group(Write& w) {
  std::unique_lock<std::mutex> lock(group_mutex_);
  queued_.push_back(&w);
  queued_count_++;
  while (!w.done) {
    if (leading_) {
      group_done_.wait(lock);
      continue;
    }
    leading_ = true;
    lock.unlock();
    auto group = run_group();
    lock.lock();
    for (Write* done : group) done->done = true;
    leading_ = false;
    group_done_.notify_all();
  }
}

Database::Write* Database::next_queued(std::size_t taken) {
  std::lock_guard<std::mutex> lock(group_mutex_);
  if (queued_.empty() || taken >= kMaxGroup) return nullptr;
  Write* w = queued_.front();
  queued_.pop_front();
  queued_count_--;
  return w;
}

std::vector<Database::Write*> Database::run_group() {
  std::vector<Write*> group;
  std::vector<Write*> kept;  // ran ok; their changes wait for the commit
  auto fail_kept = [&](const Error& e) {
    for (Write* w : kept) w->fail(e);
    kept.clear();
  };
  Write* first = next_queued(0);
  if (!first) return group;
  group.push_back(first);
  std::optional<Lease> lease;
  std::unique_ptr<CommitBatch> batch;
  BatchScope scope(batch);
  try {
    lease.emplace(*this);
    soci::session& sql = lease->session();
    auto* conn = sqlite_connection(sql);
    // The transaction's own statements, several per write, are kept prepared like any other.
    auto run = [&sql](const std::string& text) { execute(sql, Backend::sqlite, text); };
    bool open = false;
    // Writes that arrive while the group runs join it: the threads the last commit woke are back by then.
    for (Write* w = first; w; w = next_queued(group.size())) {
      if (w != first) group.push_back(w);
      if (!open) {
        run("BEGIN IMMEDIATE");  // the write lock now, not at the first write, so no upgrade can deadlock
        open = true;
      }
      // Only changes kept from earlier writes need a savepoint to survive this one's failure.
      const bool guarded = !kept.empty();
      if (guarded) run("SAVEPOINT fishbowl_write");
      const std::size_t mark = batch ? batch->mark() : 0;
      bool ok = w->run(sql);
      if (sqlite_api::sqlite3_get_autocommit(conn)) {
        // SQLite ended the whole transaction on this failure (a full disk, an I/O error), taking with it the
        // changes the writes before it kept.
        Error gone{ErrorKind::unavailable, "storage.unavailable", "数据库暂时不可用", ""};
        w->fail(gone);
        fail_kept(gone);
        batch.reset();
        open = false;
        continue;
      }
      if (guarded) {
        if (!ok) {
          run("ROLLBACK TO fishbowl_write");
          if (batch) batch->undo_to(mark);
        }
        run("RELEASE fishbowl_write");
      } else if (!ok) {
        sql.rollback();
        batch.reset();
        open = false;
      }
      if (ok) kept.push_back(w);
    }
    if (open) {
      if (batch) batch->write(sql);
      run("COMMIT");
      committed(kept.size());
      kept.clear();
    }
  } catch (const std::exception& e) {
    Error error = lease ? rolled_back(lease->session(), e) : storage_error(e);
    fail_kept(error);
    group.back()->fail(error);
  }
  return group;
}

void Database::committed(std::size_t writes) {
  commits_ += writes;
  transactions_++;
}

void Database::exec_script(soci::session& sql, Backend backend, const std::string& script) {
  if (backend == Backend::sqlite) {
    auto* conn = sqlite_connection(sql);
    char* msg = nullptr;
    if (sqlite_api::sqlite3_exec(conn, script.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
      std::string text = msg ? msg : "sqlite error";
      sqlite_api::sqlite3_free(msg);
      forget_statements(sql);
      throw soci::soci_error(text);
    }
    forget_statements(sql);
  } else {
    auto* conn = static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
    PGresult* res = PQexec(conn, script.c_str());
    auto status = PQresultStatus(res);
    std::string text = PQresultErrorMessage(res);
    PQclear(res);
    // A script of comments alone is empty: a migration whose work is a C++ step (migrations.h).
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
      throw soci::soci_error(text);
  }
}

Error Database::rolled_back(soci::session& sql, const std::exception& e) {
  try {
    sql.rollback();
  } catch (...) {
  }
  return storage_error(e);
}

Error Database::storage_error(const std::exception& e) {
  const auto* se = dynamic_cast<const soci::soci_error*>(&e);
  auto category = se ? se->get_error_category() : soci::soci_error::unknown;
  // SOCI's SQLite backend names no category; its error carries SQLite's extended result code instead. Only a
  // duplicate key or a missing or still referenced row is a conflict; a trigger's refusal (the append-only
  // tables) or a CHECK is a bug and is logged as one.
  if (const auto* le = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    int code = le->result();
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY ||
        code == SQLITE_CONSTRAINT_FOREIGNKEY)
      category = soci::soci_error::constraint_violation;
  }
  if (category == soci::soci_error::constraint_violation) {
    spdlog::debug("storage conflict: {}", e.what());
    return Error::conflict("storage.conflict", "与已有数据冲突（重复或仍被引用）");
  }
  if (category == soci::soci_error::connection_error) {
    spdlog::error("database connection: {}", e.what());
    return Error{ErrorKind::unavailable, "storage.unavailable", "数据库暂时不可用", ""};
  }
  spdlog::error("storage: {}", e.what());
  return Error::internal("internal", "服务器内部错误");
}

}  // namespace fishbowl
