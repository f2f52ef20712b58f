#include "storage/sqlite_backend.h"

#include <cstring>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace fishbowl {

namespace {

using namespace sqlite_api;
using soci::details::statement_backend;

bool changes_schema(const std::string& text) {
  auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return false;
  for (const char* verb : {"CREATE", "ALTER", "DROP"})
    if (sqlite3_strnicmp(text.c_str() + start, verb, static_cast<int>(std::strlen(verb))) == 0) return true;
  return false;
}

// A connection's idle statements by SQL text, one per text. Past the capacity the least recently used is
// finalized, so SQL built on the fly cannot make the cache grow without end.
class StatementCache {
 public:
  StatementCache() = default;
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache() { clear(); }

  // A kept statement is prepared again by SQLite at its next step after a schema change, but SOCI reads a
  // statement's columns before that step: `SELECT *` would go on showing the columns it was first prepared
  // with. So a change of the schema, by this connection or another, empties the cache.
  void clear() {
    for (auto& kept : idle_) sqlite3_finalize(kept.second);
    idle_.clear();
    by_text_.clear();
  }

  sqlite3_stmt* take(const std::string& text) {
    auto found = by_text_.find(text);
    if (found == by_text_.end()) return nullptr;
    auto entry = found->second;
    sqlite3_stmt* st = entry->second;
    by_text_.erase(found);
    idle_.erase(entry);
    return st;
  }

  void keep(std::string text, sqlite3_stmt* st) {
    // Reset so that it holds no read transaction open; unbound because SOCI binds strings without copying.
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    bool schema_changed = changes_schema(text);
    if (schema_changed) clear();
    if (schema_changed || by_text_.count(text) != 0) {
      sqlite3_finalize(st);
      return;
    }
    idle_.emplace_front(std::move(text), st);
    by_text_.emplace(idle_.front().first, idle_.begin());
    if (idle_.size() > kCapacity) {
      by_text_.erase(idle_.back().first);
      sqlite3_finalize(idle_.back().second);
      idle_.pop_back();
    }
  }

 private:
  static constexpr std::size_t kCapacity = 256;
  std::list<std::pair<std::string, sqlite3_stmt*>> idle_;  // most recently kept first
  std::unordered_map<std::string_view, decltype(idle_)::iterator> by_text_;
};

// SOCI's SQLite statement, with its sqlite3_stmt taken from and given back to the cache. Everything else is
// the stock statement's. stmt_ and databaseReady_ are the public members the stock backend works from.
class KeptStatement : public statement_backend {
 public:
  KeptStatement(soci::sqlite3_statement_backend* inner, StatementCache& cache)
      : inner_(inner), cache_(cache) {}

  void alloc() override { inner_->alloc(); }

  void clean_up() override {
    if (inner_->stmt_) {
      cache_.keep(std::move(text_), inner_->stmt_);
      inner_->stmt_ = nullptr;
      inner_->databaseReady_ = false;
    }
    inner_->clean_up();
  }

  void prepare(const std::string& query, soci::details::statement_type type) override {
    clean_up();
    if (sqlite3_stmt* kept = cache_.take(query)) {
      inner_->stmt_ = kept;
      inner_->databaseReady_ = true;
    } else {
      inner_->prepare(query, type);
    }
    text_ = query;
  }

  exec_fetch_result execute(int number) override { return inner_->execute(number); }
  exec_fetch_result fetch(int number) override { return inner_->fetch(number); }
  long long get_affected_rows() override { return inner_->get_affected_rows(); }
  int get_number_of_rows() override { return inner_->get_number_of_rows(); }
  std::string get_parameter_name(int index) const override { return inner_->get_parameter_name(index); }
  std::string rewrite_for_procedure_call(const std::string& query) override {
    return inner_->rewrite_for_procedure_call(query);
  }
  int prepare_for_describe() override { return inner_->prepare_for_describe(); }
  void describe_column(int column, soci::data_type& type, std::string& name) override {
    inner_->describe_column(column, type, name);
  }
  soci::details::standard_into_type_backend* make_into_type_backend() override {
    return inner_->make_into_type_backend();
  }
  soci::details::standard_use_type_backend* make_use_type_backend() override {
    return inner_->make_use_type_backend();
  }
  soci::details::vector_into_type_backend* make_vector_into_type_backend() override {
    return inner_->make_vector_into_type_backend();
  }
  soci::details::vector_use_type_backend* make_vector_use_type_backend() override {
    return inner_->make_vector_use_type_backend();
  }

 private:
  std::unique_ptr<soci::sqlite3_statement_backend> inner_;
  StatementCache& cache_;
  std::string text_;
};

// SOCI's SQLite session, making KeptStatements. The cache is declared after the session it belongs to, so
// its statements are finalized before the connection closes.
class KeepingSession : public soci::details::session_backend {
 public:
  explicit KeepingSession(soci::sqlite3_session_backend* inner) : inner_(inner) {}

  sqlite3* connection() const { return inner_->conn_; }
  StatementCache& cache() { return cache_; }

  // Empties the cache when another connection changed the schema since the last look, or when it cannot tell.
  void check_schema() noexcept {
    sqlite3_stmt* st = cache_.take(kSchemaVersion);
    if (!st && sqlite3_prepare_v2(connection(), kSchemaVersion, -1, &st, nullptr) != SQLITE_OK) {
      cache_.clear();
      schema_version_ = -1;
      return;
    }
    int rc = sqlite3_step(st);
    long long version = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    if (version != schema_version_) {
      cache_.clear();
      schema_version_ = version;
    }
    cache_.keep(kSchemaVersion, st);
  }

  bool is_connected() override { return inner_->is_connected(); }
  void begin() override { inner_->begin(); }
  void commit() override { inner_->commit(); }
  void rollback() override { inner_->rollback(); }
  bool get_last_insert_id(soci::session& s, const std::string& table, long long& value) override {
    return inner_->get_last_insert_id(s, table, value);
  }
  std::string get_table_names_query() const override { return inner_->get_table_names_query(); }
  std::string create_column_type(soci::data_type type, int precision, int scale) override {
    return inner_->create_column_type(type, precision, scale);
  }
  std::string empty_blob() override { return inner_->empty_blob(); }
  std::string get_dummy_from_table() const override { return inner_->get_dummy_from_table(); }
  std::string get_backend_name() const override { return inner_->get_backend_name(); }

  statement_backend* make_statement_backend() override {
    return new KeptStatement(inner_->make_statement_backend(), cache_);
  }
  soci::details::rowid_backend* make_rowid_backend() override { return inner_->make_rowid_backend(); }
  soci::details::blob_backend* make_blob_backend() override { return inner_->make_blob_backend(); }

 private:
  static constexpr const char* kSchemaVersion = "PRAGMA schema_version";
  std::unique_ptr<soci::sqlite3_session_backend> inner_;
  StatementCache cache_;
  long long schema_version_ = -1;
};

class KeepingFactory : public soci::backend_factory {
 public:
  soci::details::session_backend* make_session(const soci::connection_parameters& parameters) const override {
    // Through SOCI's exported accessor: the stock factory's own methods are not exported to call directly.
    const soci::backend_factory& stock = *soci::factory_sqlite3();
    return new KeepingSession(static_cast<soci::sqlite3_session_backend*>(stock.make_session(parameters)));
  }
};

}  // namespace

const soci::backend_factory& sqlite_backend() {
  static const KeepingFactory factory;
  return factory;
}

namespace {

KeepingSession& keeping(soci::session& sql) {
  auto* session = dynamic_cast<KeepingSession*>(sql.get_backend());
  if (!session) throw soci::soci_error("not a SQLite session opened with sqlite_backend()");
  return *session;
}

}  // namespace

sqlite_api::sqlite3* sqlite_connection(soci::session& sql) {
  return keeping(sql).connection();
}

sqlite_api::sqlite3_stmt* take_statement(soci::session& sql, const std::string& text) {
  auto& session = keeping(sql);
  if (sqlite3_stmt* kept = session.cache().take(text)) return kept;
  sqlite3_stmt* made = nullptr;
  if (sqlite3_prepare_v2(session.connection(), text.c_str(), static_cast<int>(text.size()), &made, nullptr) !=
      SQLITE_OK)
    throw soci::soci_error(sqlite3_errmsg(session.connection()));
  return made;
}

void check_schema(soci::session& sql) noexcept {
  if (auto* session = dynamic_cast<KeepingSession*>(sql.get_backend())) session->check_schema();
}

void forget_statements(soci::session& sql) {
  keeping(sql).cache().clear();
}

void keep_statement(soci::session& sql, std::string text, sqlite_api::sqlite3_stmt* statement) {
  keeping(sql).cache().keep(std::move(text), statement);
}

}  // namespace fishbowl
