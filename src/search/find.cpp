// Answering a query on either engine: the same terms, the same filters, the same order of hits.
#include <fmt/format.h>

#include "search/search.h"
#include "storage/row.h"

namespace fishbowl::search {

namespace {

constexpr std::size_t kMaxTerms = 8;

std::vector<std::string> bigrams_of(const Term& t) {
  auto tokens = tokenize(t.text);
  std::vector<std::string> out;
  for (auto& b : tokens.bigrams)
    if (!b.empty()) out.push_back(std::move(b));
  return out;
}

// FTS5: a run of two or more characters is the phrase of its bigrams in either bigram column.
std::string fts5_match(const std::vector<Term>& terms) {
  std::string m;
  for (const auto& t : terms) {
    if (!m.empty()) m += " AND ";
    if (t.ideographic && t.length >= 2) {
      std::string phrase;
      for (const auto& b : bigrams_of(t)) phrase += (phrase.empty() ? "" : " ") + b;
      m += "{title_bi body_bi} : \"" + phrase + "\"";
    } else {
      m += "uni : \"" + t.text + "\"";
    }
  }
  return m;
}

// PostgreSQL: every lexeme of every run; runs longer than one bigram are confirmed in the folded text.
std::string tsquery_of(const std::vector<Term>& terms, std::string& confirm) {
  std::string q;
  auto add = [&](const std::string& lexeme) { q += (q.empty() ? "'" : " & '") + lexeme + "'"; };
  for (const auto& t : terms) {
    if (t.ideographic && t.length >= 2) {
      for (const auto& b : bigrams_of(t)) add(b);
      if (t.length > 2) confirm += (confirm.empty() ? "" : " ") + t.text;
    } else {
      add(t.text);
    }
  }
  return q;
}

Document document_at(const soci::row& r) {
  Document d;
  d.kind = text_at(r, 1);
  d.ref_id = int64_at(r, 2);
  d.title = text_at(r, 3);
  d.text = text_at(r, 4);
  d.level = text_at(r, 5);
  d.region_path = text_at(r, 6);
  d.department_id = optional_int64_at(r, 7);
  d.organ_name = text_at(r, 8);
  d.column = text_at(r, 9);
  d.date = text_at(r, 10);
  d.url = text_at(r, 11);
  return d;
}

#define DOCUMENT_COLUMNS                                                                             \
  "d.id, d.kind, d.ref_id, d.title, d.body, d.level, d.region_path, d.department_id, d.organ_name, " \
  "d.column_code, d.published_on, d.url"
// Every filter is bound; an absent one is switched off by its flag, so each SQL text is one constant.
#define DOCUMENT_FILTER                                                                                 \
  " AND (:hk = 0 OR d.kind = :k) AND (:hl = 0 OR d.level = :l) AND (:hp = 0 OR d.region_path LIKE :p) " \
  "AND (:hd = 0 OR d.department_id = :d) AND (:hc = 0 OR d.column_code = :c) "                          \
  "AND (:hf = 0 OR d.published_on >= :f) AND (:ht = 0 OR d.published_on <= :t)"

struct Filter {
  int hk, hl, hp, hd, hc, hf, ht;
  std::string k, l, p, c, f, t;
  long long d;
  explicit Filter(const Query& q)
      : hk(q.kind ? 1 : 0),
        hl(q.level ? 1 : 0),
        hp(q.region_path ? 1 : 0),
        hd(q.department_id ? 1 : 0),
        hc(q.column ? 1 : 0),
        hf(q.from ? 1 : 0),
        ht(q.to ? 1 : 0),
        k(q.kind.value_or("")),
        l(q.level.value_or("")),
        // Region paths hold digits and slashes only, so LIKE sees no wildcard but the one added.
        p(q.region_path.value_or("") + "%"),
        c(q.column.value_or("")),
        f(q.from.value_or("")),
        t(q.to.value_or("")),
        d(q.department_id.value_or(0)) {}
};

void bind_filter(soci::statement& st, Filter& f) {
  st.exchange(soci::use(f.hk));
  st.exchange(soci::use(f.k));
  st.exchange(soci::use(f.hl));
  st.exchange(soci::use(f.l));
  st.exchange(soci::use(f.hp));
  st.exchange(soci::use(f.p));
  st.exchange(soci::use(f.hd));
  st.exchange(soci::use(f.d));
  st.exchange(soci::use(f.hc));
  st.exchange(soci::use(f.c));
  st.exchange(soci::use(f.hf));
  st.exchange(soci::use(f.f));
  st.exchange(soci::use(f.ht));
  st.exchange(soci::use(f.t));
}

void run(soci::statement& st, const std::string& text, bool fetch_all) {
  st.alloc();
  st.prepare(text);
  st.define_and_bind();
  st.execute(fetch_all);
}

}  // namespace

Result<Hits> find(Database& db, const Query& q, Date today) {
  auto terms = query_terms(q.q);
  if (terms.empty()) return Error::invalid("search.empty_query", "请输入要查找的字词", "q");
  if (terms.size() > kMaxTerms)
    return Error::invalid("search.too_many_terms", fmt::format("查询最多 {} 个词", kMaxTerms), "q");
  std::string day = format_date(today);
  long long limit = q.page_size, offset = static_cast<long long>(q.page - 1) * q.page_size;
  bool sqlite = db.backend() == Backend::sqlite;
  std::string confirm;
  std::string match = sqlite ? fts5_match(terms) : tsquery_of(terms, confirm);

  // bm25 is negative (smaller is better) and ts_rank positive: both are multiplied by up to 1.5 for a
  // document published today, falling with age (1.25 at half a year), so that recency decides between
  // similar matches without lifting a passing mention over a title.
  std::string from_where =
      sqlite ? "FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid WHERE search_fts MATCH :m"
             : "FROM search_documents d WHERE d.tokens @@ CAST(:m AS tsquery) AND NOT EXISTS (SELECT 1 FROM "
               "unnest(string_to_array(:rc, ' ')) AS w(term) WHERE strpos(d.folded, w.term) = 0)";
  std::string score =
      sqlite ? "(1.0 + 0.5 / (1.0 + max(0.0, julianday(:today) - julianday(d.published_on)) / 180.0)) * "
               "bm25(search_fts, 8.0, 1.0, 1.0)"
             : "CAST((1.0 + 0.5 / (1.0 + greatest(0, CAST(:today AS date) - CAST(d.published_on AS date)) / "
               "180.0)) * ts_rank(d.tokens, CAST(:m2 AS tsquery)) AS double precision)";
  std::string order = sqlite ? "score ASC" : "score DESC";

  return db.snapshot([&](soci::session& sql) -> Result<Hits> {
    Hits hits;
    Filter filter(q);
    {
      soci::statement count(sql);
      count.exchange(soci::into(hits.total));
      count.exchange(soci::use(match));
      if (!sqlite) count.exchange(soci::use(confirm));
      bind_filter(count, filter);
      run(count, "SELECT COUNT(*) " + from_where + DOCUMENT_FILTER, true);
    }
    std::string text = "SELECT " DOCUMENT_COLUMNS ", " + score + " AS score " + from_where + DOCUMENT_FILTER +
                       " ORDER BY " + order + ", d.published_on DESC, d.id DESC LIMIT :lim OFFSET :off";
    // Placeholders are bound in the order they appear: the day in the score, then the match, the filter
    // and the page.
    soci::row row;
    soci::statement st(sql);
    st.exchange(soci::into(row));
    st.exchange(soci::use(day));
    if (!sqlite) st.exchange(soci::use(match));
    st.exchange(soci::use(match));
    if (!sqlite) st.exchange(soci::use(confirm));
    bind_filter(st, filter);
    st.exchange(soci::use(limit));
    st.exchange(soci::use(offset));
    run(st, text, false);
    while (st.fetch()) {
      Hit h;
      h.doc = document_at(row);
      h.score = double_at(row, 12);
      if (sqlite) h.score = -h.score;
      h.title_html = snippet(h.doc.title, terms, 200);
      h.snippet_html = snippet(h.doc.text, terms, 120);
      hits.items.push_back(std::move(h));
    }
    return hits;
  });
}

}  // namespace fishbowl::search
