#include "search/fts_columns.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include "search/search.h"
#include "storage/sqlite_backend.h"

namespace fishbowl::search {

namespace {

using namespace sqlite_api;

std::string joined(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += ' ';
    // A break between runs becomes a token no query asks for ("0" is neither a pair nor a 4-gram), so that
    // the last token of one run and the first of the next are not side by side.
    out += t.empty() ? "0" : t;
  }
  return out;
}

// fishbowl_search_column(column, title, body): that column of fts_columns, for migrations that re-feed
// search_fts from search_documents.
void search_column(sqlite3_context* out, int, sqlite3_value** argv) {
  auto text = [&](int i) {
    const auto* p = sqlite3_value_text(argv[i]);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_value_bytes(argv[i])))
             : std::string();
  };
  // A row's five columns are asked for one after another: it is tokenized once. The cache starts with an
  // empty title and body, whose columns are empty too.
  thread_local std::string title, body;
  thread_local FtsColumns cols;
  std::string column = text(0), t = text(1), b = text(2);
  if (t != title || b != body) {
    cols = fts_columns(tokenize(t), tokenize(b));
    title = std::move(t);
    body = std::move(b);
  }
  const std::string* value = column == "title_bi"     ? &cols.title_bi
                             : column == "body_bi"    ? &cols.body_bi
                             : column == "uni"        ? &cols.uni
                             : column == "title_quad" ? &cols.title_quad
                             : column == "body_quad"  ? &cols.body_quad
                                                      : nullptr;
  if (!value) return sqlite3_result_error(out, "fishbowl_search_column: no such column", -1);
  sqlite3_result_text(out, value->data(), static_cast<int>(value->size()), SQLITE_TRANSIENT);
}

}  // namespace

void install_migration_functions(soci::session& sql) {
  if (sqlite3_create_function_v2(sqlite_connection(sql), "fishbowl_search_column", 3,
                                 SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, search_column, nullptr, nullptr,
                                 nullptr) != SQLITE_OK)
    throw soci::soci_error("cannot register fishbowl_search_column");
}

void add_fts_row(soci::session& sql, long long id, const FtsColumns& c) {
  sql << "INSERT INTO search_fts (rowid, title_bi, body_bi, uni, title_quad, body_quad) VALUES (:id, :t, :b, "
         ":u, "
         ":tq, :bq)",
      soci::use(id), soci::use(c.title_bi), soci::use(c.body_bi), soci::use(c.uni), soci::use(c.title_quad),
      soci::use(c.body_quad);
}

void remove_fts_row(soci::session& sql, long long id, const FtsColumns& c) {
  sql << "INSERT INTO search_fts (search_fts, rowid, title_bi, body_bi, uni, title_quad, body_quad) VALUES "
         "('delete', :id, :t, :b, :u, :tq, :bq)",
      soci::use(id), soci::use(c.title_bi), soci::use(c.body_bi), soci::use(c.uni), soci::use(c.title_quad),
      soci::use(c.body_quad);
}

FtsColumns fts_columns(const Tokens& title, const Tokens& body) {
  FtsColumns out{joined(title.bigrams), joined(body.bigrams), "", joined(title.quads), joined(body.quads)};
  std::vector<std::string> uni = title.unigrams;
  uni.insert(uni.end(), body.unigrams.begin(), body.unigrams.end());
  out.uni = joined(uni);
  return out;
}

}  // namespace fishbowl::search
