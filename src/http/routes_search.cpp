// The public search over service items, publications and notices.
#include "http/api.h"
#include "org/org.h"
#include "search/search.h"

namespace fishbowl::http {

namespace {

nlohmann::json hit_json(const search::Hit& h) {
  const auto& d = h.doc;
  return {{"kind", d.kind},
          {"ref_id", d.ref_id},
          {"title", d.title},
          {"title_html", h.title_html},
          {"snippet_html", h.snippet_html},
          {"level", d.level},
          {"organ_name", d.organ_name},
          {"department_id", d.department_id ? nlohmann::json(*d.department_id) : nlohmann::json(nullptr)},
          {"column", d.column},
          {"date", d.date},
          {"url", d.url},
          {"score", h.score}};
}

// The first of several parameters' errors, in the order given.
template <class... R>
std::optional<Error> first_error(const R&... results) {
  std::optional<Error> e;
  ((e || results.ok() || (e = results.error(), true)), ...);
  return e;
}

Result<search::Query> query_of(Call& c) {
  search::Query q;
  auto text = c.query_text("q", 50);
  if (!text) return text.error();
  if (!*text) return Error::invalid("field.required", "请输入要查找的字词", "q");
  q.q = **text;
  auto kind = c.query_choice("kind", search::kinds());
  auto level = c.query_choice("level", {"county", "town", "village"});
  auto column = c.query_text("column", 40);
  auto region = c.query_id("region_id");
  auto department = c.query_id("department_id");
  auto from = c.query_date("from");
  auto to = c.query_date("to");
  auto page = c.query_number("page", 1, 1, 1000);
  auto size = c.query_number("page_size", 20, 1, 50);
  if (auto e = first_error(kind, level, column, region, department, from, to, page, size)) return *e;
  q.kind = *kind;
  q.level = *level;
  q.column = *column;
  q.department_id = *department;
  if (*region) {
    auto r = org::get_region(c.app.db, **region);
    if (!r) return Error::invalid("region.not_found", "行政区划不存在", "region_id");
    q.region_path = r->path;
  }
  if (*from) q.from = format_date(**from);
  if (*to) q.to = format_date(**to);
  q.page = static_cast<int>(*page);
  q.page_size = static_cast<int>(*size);
  return q;
}

}  // namespace

void add_search_routes(Api& api) {
  api.add(Route::public_cached("/api/v1/search", [](Call& c) -> Result<Response> {
    auto q = query_of(c);
    if (!q) return q.error();
    auto hits = search::find(c.app.db, *q, china_today());
    if (!hits) return hits.error();
    auto items = nlohmann::json::array();
    for (const auto& h : hits->items) items.push_back(hit_json(h));
    return Response::json(200, {{"items", items},
                                {"total", hits->total},
                                {"total_exact", hits->total_exact},
                                {"page", q->page},
                                {"page_size", q->page_size}});
  }));
}

}  // namespace fishbowl::http
