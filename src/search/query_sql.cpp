#include "search/query_sql.h"

#include "storage/row.h"

namespace fishbowl::search {

Filter::Filter(const Query& q)
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

}  // namespace fishbowl::search
