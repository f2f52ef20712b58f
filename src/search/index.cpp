// Writing documents into the index: SQLite FTS5 columns, or a PostgreSQL tsvector, from one token stream.
#include "search/fts_columns.h"
#include "search/rank.h"
#include "search/ranked_lists.h"
#include "search/search.h"
#include "search/tsvector.h"

namespace fishbowl::search {

namespace {

void delete_sqlite(soci::session& sql, long long id) {
  std::string title, body, date;
  sql << "SELECT title, body, published_on FROM search_documents WHERE id = :id", soci::use(id),
      soci::into(title), soci::into(body), soci::into(date);
  if (!sql.got_data()) return;
  auto t = tokenize(title), b = tokenize(body);
  remove_fts_row(sql, id, fts_columns(t, b));
  sql << "DELETE FROM search_ranking WHERE id = :id", soci::use(id);
  sql << "DELETE FROM search_documents WHERE id = :id", soci::use(id);
  unlist_document(sql, id, profile_of(t, b, date));
}

std::optional<long long> stored_id(soci::session& sql, const std::string& kind, long long ref_id) {
  long long id = 0;
  sql << "SELECT id FROM search_documents WHERE kind = :k AND ref_id = :r", soci::use(kind),
      soci::use(ref_id), soci::into(id);
  if (!sql.got_data()) return std::nullopt;
  return id;
}

}  // namespace

const std::vector<std::string>& kinds() {
  static const std::vector<std::string> k{"service_item", "publication", "notice", "knowledge"};
  return k;
}

void remove(Command& cmd, const std::string& kind, long long ref_id) {
  auto& sql = cmd.sql();
  auto id = stored_id(sql, kind, ref_id);
  if (!id) return;
  if (cmd.backend() == Backend::sqlite)
    delete_sqlite(sql, *id);
  else
    sql << "DELETE FROM search_documents WHERE id = :id", soci::use(*id);
}

void put(Command& cmd, const Document& d) {
  auto& sql = cmd.sql();
  remove(cmd, d.kind, d.ref_id);
  soci::indicator dept_ind = d.department_id ? soci::i_ok : soci::i_null;
  long long dept = d.department_id.value_or(0);
  long long id = 0;
  if (cmd.backend() == Backend::sqlite) {
    sql << "INSERT INTO search_documents (kind, ref_id, title, body, level, region_path, department_id, "
           "organ_name, column_code, published_on, url) VALUES (:k, :r, :t, :b, :l, :p, :d, :o, :c, :pub, "
           ":u) "
           "RETURNING id",
        soci::use(d.kind), soci::use(d.ref_id), soci::use(d.title), soci::use(d.text), soci::use(d.level),
        soci::use(d.region_path), soci::use(dept, dept_ind), soci::use(d.organ_name), soci::use(d.column),
        soci::use(d.date), soci::use(d.url), soci::into(id);
    auto t = tokenize(d.title), b = tokenize(d.text);
    auto profile = profile_of(t, b, d.date);
    add_fts_row(sql, id, fts_columns(t, b));
    sql << "INSERT INTO search_ranking (id, day, body_length) VALUES (:id, :day, :len)", soci::use(id),
        soci::use(profile.day), soci::use(profile.body_length);
    list_document(sql, id, profile);
    return;
  }
  std::string vector = tsvector_of(d.title, d.text);
  std::string folded = fold(d.title) + "\n" + fold(d.text);
  sql << "INSERT INTO search_documents (kind, ref_id, title, body, level, region_path, department_id, "
         "organ_name, column_code, published_on, url, folded, tokens) VALUES (:k, :r, :t, :b, :l, :p, :d, "
         ":o, "
         ":c, :pub, :u, :f, CAST(:v AS tsvector))",
      soci::use(d.kind), soci::use(d.ref_id), soci::use(d.title), soci::use(d.text), soci::use(d.level),
      soci::use(d.region_path), soci::use(dept, dept_ind), soci::use(d.organ_name), soci::use(d.column),
      soci::use(d.date), soci::use(d.url), soci::use(folded), soci::use(vector);
}

}  // namespace fishbowl::search
