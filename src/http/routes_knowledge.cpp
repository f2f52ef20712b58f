// Routes of the hotline's knowledge base: public reading and search; each department keeps its own entries.
#include "core/json_input.h"
#include "hotline/knowledge.h"
#include "http/api.h"
#include "org/org.h"
#include "search/search.h"

namespace fishbowl::http {

namespace {

using auth::Permission;
using auth::Target;

Result<Target> department_target(Call& c, long long department_id) {
  auto d = org::get_department(c.app.db, department_id);
  if (!d) return Target::everything();  // the handler reports the unknown department
  auto r = org::get_region(c.app.db, d->region_id);
  if (!r) return r.error();
  return Target{r->path, d->id};
}

Result<Target> body_department_target(Call& c) {
  auto body = c.json();
  if (!body) return body.error();
  const auto& d = (*body)["department_id"];
  if (!d.is_number_integer() || d.get<long long>() < 1) return Target::everything();
  return department_target(c, d.get<long long>());
}

Result<Target> entry_target(Call& c) {
  auto id = c.id("id", "knowledge");
  if (!id) return id.error();
  auto e = hotline::get_knowledge(c.app.db, *id);
  if (!e) return e.error();
  return department_target(c, e->department_id);
}

Result<hotline::KnowledgeInput> read_entry(Call& c) {
  auto body = c.json();
  if (!body) return body.error();
  JsonInput in(*body);
  hotline::KnowledgeInput k;
  k.department_id = in.id("department_id");
  k.question = in.text("question", 200);
  k.answer = in.text("answer", 4000);
  k.valid_from = in.text("valid_from", 10);
  k.valid_to = in.optional_text("valid_to", 10).value_or("");
  if (auto e = in.error()) return *e;
  for (auto [field, value] : {std::pair{"valid_from", &k.valid_from}, std::pair{"valid_to", &k.valid_to}}) {
    if (value->empty() && std::string_view(field) == "valid_to") continue;
    auto d = parse_date(*value);
    if (!d) return Error::invalid("field.invalid_date", "日期格式应为 YYYY-MM-DD", field);
    *value = format_date(*d);
  }
  return k;
}

Result<Response> list(Call& c) {
  auto q = c.query_text("q", 50);
  auto department = c.query_id("department_id");
  auto all = c.query_choice("all", {"true", "false"});
  auto page = c.query_number("page", 1, 1, 1000);
  auto size = c.query_number("page_size", 20, 1, 50);
  if (!q) return q.error();
  if (!department) return department.error();
  if (!all) return all.error();
  if (!page) return page.error();
  if (!size) return size.error();
  Date today = china_today();
  auto items = nlohmann::json::array();
  long long total = 0;
  if (*q) {
    // Found by the site search, with the matches marked; an entry out of its validity says so.
    search::Query sq;
    sq.q = **q;
    sq.kind = "knowledge";
    sq.department_id = *department;
    sq.page = static_cast<int>(*page);
    sq.page_size = static_cast<int>(*size);
    auto hits = search::find(c.app.db, sq, today);
    if (!hits) return hits.error();
    total = hits->total;
    for (const auto& h : hits->items) {
      auto e = hotline::get_knowledge(c.app.db, h.doc.ref_id);
      if (!e) return e.error();
      auto j = hotline::to_json(*e, today);
      j["question_html"] = h.title_html;
      j["snippet_html"] = h.snippet_html;
      items.push_back(std::move(j));
    }
  } else {
    auto found = hotline::list_knowledge(c.app.db, *department, *all != std::optional<std::string>("true"),
                                         today, static_cast<int>(*page), static_cast<int>(*size));
    if (!found) return found.error();
    total = found->total;
    for (const auto& e : found->items) items.push_back(hotline::to_json(e, today));
  }
  return Response::json(200, {{"items", items}, {"total", total}, {"page", *page}, {"page_size", *size}});
}

}  // namespace

void add_knowledge_routes(Api& api) {
  api.add(Route::public_cached("/api/v1/knowledge", list));
  api.add({"POST", "/api/v1/knowledge", Permission::ticket_handle, body_department_target,
           [](Call& c) -> Result<Response> {
             auto k = read_entry(c);
             if (!k) return k.error();
             auto e = run_command(c.app.db, c.actor(),
                                  [&](Command& cmd) { return hotline::create_knowledge(cmd, *k); });
             if (!e) return e.error();
             return Response::json(201, hotline::to_json(*e, china_today()));
           }});
  api.add(Route::public_cached("/api/v1/knowledge/{id}", [](Call& c) -> Result<Response> {
    auto id = c.id("id", "knowledge");
    if (!id) return id.error();
    auto e = hotline::get_knowledge(c.app.db, *id);
    if (!e) return e.error();
    return Response::json(200, hotline::to_json(*e, china_today()));
  }));
  api.add({"PUT", "/api/v1/knowledge/{id}", Permission::ticket_handle, entry_target,
           [](Call& c) -> Result<Response> {
             auto id = c.id("id", "knowledge");
             if (!id) return id.error();
             auto k = read_entry(c);
             if (!k) return k.error();
             auto e = run_command(c.app.db, c.actor(),
                                  [&](Command& cmd) { return hotline::update_knowledge(cmd, *id, *k); });
             if (!e) return e.error();
             return Response::json(200, hotline::to_json(*e, china_today()));
           }});
}

}  // namespace fishbowl::http
