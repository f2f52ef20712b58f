// Routes of village affairs and finance (村务公开, 财务公开): the public lists, each village's duties and the
// overview of what is overdue, and the town's desk that drafts, records the oversight sign-off and posts.
#include <fmt/format.h>

#include "core/json_input.h"
#include "disclosure/village.h"
#include "http/api.h"
#include "http/cursor.h"
#include "http/disclosure_input.h"
#include "org/org.h"

namespace fishbowl::http {

namespace {

using auth::Permission;
using auth::Target;
using disclosure::VillageAffair;

Result<VillageAffair> affair_of(Call& c) {
  auto id = c.id("id", "village_affair");
  if (!id) return id.error();
  return disclosure::get_village_affair(c.app.db, *id);
}

Result<Target> affair_target(Call& c) {
  auto a = affair_of(c);
  if (!a) return a.error();
  return Target{a->region_path, std::nullopt};
}

Result<Target> village_target(Call& c) {
  auto id = c.id("id", "region");
  if (!id) return id.error();
  auto r = org::get_region(c.app.db, *id);
  if (!r) return Error::not_found("region.not_found", "行政区划不存在");
  return Target{r->path, std::nullopt};
}

bool at_desk(Call& c, const VillageAffair& a) {
  return auth::authorize(c.principal, Permission::village_affairs_write, Target{a.region_path, std::nullopt})
      .ok();
}

std::vector<disclosure::FinanceLine> read_lines(JsonInput& in) {
  std::vector<disclosure::FinanceLine> out;
  const auto* raw = in.raw("lines");
  if (!raw) return out;
  if (!raw->is_array()) {
    in.fail(Error::invalid("field.wrong_type", "字段 lines 应为列表", "lines"));
    return out;
  }
  if (raw->size() > disclosure::kMaxFinanceLines) {
    in.fail(Error::invalid("field.out_of_range",
                           fmt::format("收支明细最多 {} 笔", disclosure::kMaxFinanceLines), "lines"));
    return out;
  }
  for (const auto& item : *raw) {
    std::string field = fmt::format("lines[{}]", out.size());
    if (!item.is_object()) {
      in.fail(Error::invalid("field.wrong_type", "每笔收支应为对象", field));
      return out;
    }
    JsonInput one(item);
    disclosure::FinanceLine l;
    l.direction = one.choice("direction", {"income", "expenditure"});
    l.on = one.text("on", 10);
    l.subject = one.text("subject", 32);
    l.summary = one.text("summary", 200);
    l.amount_fen = one.integer("amount_fen", 1, disclosure::kMaxAmountFen);
    if (auto e = one.error()) {
      e->field = field + "." + e->field;
      in.fail(*e);
      return out;
    }
    out.push_back(std::move(l));
  }
  return out;
}

// The content of an item, as creation and editing take it; which fields a kind needs is checked by the
// module.
Result<disclosure::VillageAffairInput> read_content(JsonInput& in) {
  disclosure::VillageAffairInput a;
  a.category = in.optional_text("category", 32).value_or("");
  a.period = in.optional_text("period", 7).value_or("");
  a.decided_on = in.optional_text("decided_on", 10).value_or("");
  a.title = in.text("title", 200);
  const auto* body = in.raw("body_html");
  if (body && !body->is_string())
    in.fail(Error::invalid("field.wrong_type", "字段 body_html 应为文本", "body_html"));
  else if (body)
    a.body_html = body->get<std::string>();
  auto attachments = read_attachment_refs(in, "attachments");
  if (!attachments) return attachments.error();
  a.attachments = std::move(attachments).value();
  auto amount = [&](const char* field, long long min) {
    return in.has(field) ? in.integer(field, min, disclosure::kMaxAmountFen) : 0;
  };
  a.opening_fen = amount("opening_fen", -disclosure::kMaxAmountFen);
  a.income_fen = amount("income_fen", 0);
  a.expenditure_fen = amount("expenditure_fen", 0);
  a.closing_fen = amount("closing_fen", -disclosure::kMaxAmountFen);
  a.lines = read_lines(in);
  if (auto e = in.error()) return *e;
  return a;
}

Response affair_response(const VillageAffair& a, int status = 200) {
  return Response::json(status, disclosure::to_json(a, china_today()));
}

Result<Response> list(Call& c, bool desk) {
  disclosure::VillageAffairQuery q;
  auto region = c.query_id("region_id");
  auto kind = c.query_choice("kind", disclosure::village_item_kinds());
  auto year = c.query_number("year", 0, 2000, 2100);
  auto page = c.query_number("page", 1, 1, 100000);
  auto size = c.query_number("page_size", 20, 1, 100);
  if (!region) return region.error();
  if (!kind) return kind.error();
  if (!year) return year.error();
  if (!page) return page.error();
  if (!size) return size.error();
  if (*region) {
    auto r = org::get_region(c.app.db, **region);
    if (!r) return Error::invalid("region.not_found", "行政区划不存在", "region_id");
    q.region_path = r->path;
  }
  q.kind = *kind;
  if (*year) q.year = static_cast<int>(*year);
  q.desk = desk;
  if (!desk) {
    auto before = read_day_id_cursor(c);
    if (!before) return before.error();
    q.before = *before;
  }
  q.page = static_cast<int>(*page);
  q.page_size = static_cast<int>(*size);
  auto found = disclosure::list_village_affairs(c.app.db, q);
  if (!found) return found.error();
  Date today = china_today();
  auto items = nlohmann::json::array();
  for (const auto& a : found->items) {
    auto j = disclosure::to_json(a, today);
    j.erase("body_html");  // lists show titles and totals; the page of each holds the text and lines
    j.erase("lines");
    items.push_back(std::move(j));
  }
  nlohmann::json out{{"items", items}, {"total", found->total}, {"page", q.page}, {"page_size", q.page_size}};
  if (!desk) {
    out["next_cursor"] = nullptr;
    if (static_cast<int>(found->items.size()) == q.page_size)
      out["next_cursor"] = day_id_cursor(found->items.back().due_on, found->items.back().id);
  }
  return Response::json(200, out);
}

Result<int> year_of(Call& c) {
  auto today = china_today();
  auto year = c.query_number("year", static_cast<int>(today.year()), 2000, 2100);
  if (!year) return year.error();
  return static_cast<int>(*year);
}

// Runs one change of an item and answers with the item.
using Change = std::function<Result<VillageAffair>(Command&, long long)>;
Route change_route(const char* method, const char* pattern, std::function<Result<Change>(Call&)> read) {
  return {method, pattern, Permission::village_affairs_write, affair_target,
          [read](Call& c) -> Result<Response> {
            auto id = c.id("id", "village_affair");
            if (!id) return id.error();
            auto run = read(c);
            if (!run) return run.error();
            auto changed = run_command(c.app.db, c.actor(), [&](Command& cmd) { return (*run)(cmd, *id); });
            if (!changed) return changed.error();
            return affair_response(*changed);
          }};
}

Result<nlohmann::json> body_of(Call& c) {
  if (c.req.body.empty()) return nlohmann::json::object();
  return c.json();
}

}  // namespace

void add_village_routes(Api& api) {
  api.add(Route::public_cached("/api/v1/village-affairs/subjects", [](Call&) -> Result<Response> {
    auto items = nlohmann::json::array();
    for (const auto& s : disclosure::finance_subjects())
      items.push_back({{"code", s.code}, {"label", s.label}, {"direction", s.direction}});
    return Response::json(200, {{"items", items}});
  }));
  api.add(Route::public_cached("/api/v1/village-affairs", [](Call& c) { return list(c, false); }));
  api.add({"GET", "/api/v1/village-affairs/desk", Permission::village_affairs_write, query_scope_target,
           [](Call& c) { return list(c, true); }});
  api.add(Route::public_cached("/api/v1/village-affairs/overview", [](Call& c) -> Result<Response> {
    auto region = c.query_id("region_id");
    if (!region) return region.error();
    auto year = year_of(c);
    if (!year) return year.error();
    std::string path;
    if (*region) {
      auto r = org::get_region(c.app.db, **region);
      if (!r) return Error::invalid("region.not_found", "行政区划不存在", "region_id");
      path = r->path;
    }
    Date today = china_today();
    auto all = disclosure::village_duties_under(c.app.db, path, *year, today);
    if (!all) return all.error();
    auto items = nlohmann::json::array();
    for (const auto& d : *all) {
      auto j = disclosure::to_json(d, today);
      j.erase("major");  // counted in "overdue"; the village's page lists them
      items.push_back(std::move(j));
    }
    return Response::json(200, {{"year", *year}, {"items", items}});
  }));
  // A draft is not found for anyone but the people who keep the village's affairs.
  api.add({"GET", "/api/v1/village-affairs/{id}", Permission::public_read, nullptr,
           [](Call& c) -> Result<Response> {
             auto a = affair_of(c);
             if (!a) return a.error();
             if (a->state != "posted" && !at_desk(c, *a))
               return Error::not_found("village_affair.not_found", "找不到该村务公开事项");
             return affair_response(*a);
           }});
  api.add({"POST", "/api/v1/village-affairs", Permission::village_affairs_write, body_organ_target,
           [](Call& c) -> Result<Response> {
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             long long region = in.id("region_id");
             std::string kind = in.choice("kind", disclosure::village_item_kinds());
             auto content = read_content(in);
             if (!content) return content.error();
             content->region_id = region;
             content->kind = kind;
             auto created = run_command(c.app.db, c.actor(), [&](Command& cmd) {
               return disclosure::create_village_affair(cmd, c.app.calendar, *content);
             });
             if (!created) return created.error();
             return affair_response(*created, 201);
           }});
  api.add(change_route("PUT", "/api/v1/village-affairs/{id}", [](Call& c) -> Result<Change> {
    auto body = c.json();
    if (!body) return body.error();
    JsonInput in(*body);
    auto content = read_content(in);
    if (!content) return content.error();
    const WorkCalendar& cal = c.app.calendar;
    return Change([content = std::move(content).value(), &cal](Command& cmd, long long id) {
      return disclosure::edit_village_affair(cmd, cal, id, content);
    });
  }));
  api.add(change_route("POST", "/api/v1/village-affairs/{id}/sign-off", [](Call& c) -> Result<Change> {
    auto body = c.json();
    if (!body) return body.error();
    JsonInput in(*body);
    disclosure::SignOff s;
    const auto* members = in.raw("members");
    if (!members || !members->is_array()) {
      in.fail(members ? Error::invalid("field.wrong_type", "字段 members 应为姓名列表", "members")
                      : Error::invalid("field.required", "缺少必填字段 members", "members"));
    } else {
      for (const auto& m : *members) {
        std::string field = fmt::format("members[{}]", s.members.size());
        nlohmann::json holder{{"name", m}};
        JsonInput one(holder);
        std::string name = one.text("name", 20);
        if (auto e = one.error()) {
          in.fail(Error::invalid(e->code, "签字成员的姓名应为 1 至 20 个字", field));
          break;
        }
        s.members.push_back(std::move(name));
      }
    }
    s.signed_on = in.text("signed_on", 10);
    s.opinion = in.optional_text("opinion", 500).value_or("");
    if (auto e = in.error()) return *e;
    return Change(
        [s](Command& cmd, long long id) { return disclosure::sign_off_village_affair(cmd, id, s); });
  }));
  api.add(change_route("POST", "/api/v1/village-affairs/{id}/post", [](Call& c) -> Result<Change> {
    auto body = body_of(c);
    if (!body) return body.error();
    JsonInput in(*body);
    if (auto e = in.error()) return *e;
    return Change([](Command& cmd, long long id) { return disclosure::post_village_affair(cmd, id); });
  }));

  // Each village's duties under article 30 and what it has met of them; the overview of a town or the county.
  api.add(Route::public_cached("/api/v1/villages/{id}/duties", [](Call& c) -> Result<Response> {
    auto id = c.id("id", "region");
    if (!id) return id.error();
    auto year = year_of(c);
    if (!year) return year.error();
    Date today = china_today();
    auto d = disclosure::village_duties(c.app.db, *id, *year, today);
    if (!d) {
      if (d.error().code == "region.not_found" || d.error().code == "village_affair.not_a_village")
        return Error::not_found(d.error().code, d.error().message);
      return d.error();
    }
    auto j = disclosure::to_json(*d, today);
    j["year"] = *year;
    return Response::json(200, j);
  }));
  api.add({"PUT", "/api/v1/villages/{id}/duties", Permission::village_affairs_write, village_target,
           [](Call& c) -> Result<Response> {
             auto id = c.id("id", "region");
             if (!id) return id.error();
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             std::string cadence = in.choice("finance_cadence", disclosure::finance_cadences());
             std::string since = in.text("since_on", 10);
             if (auto e = in.error()) return *e;
             auto set = run_command(c.app.db, c.actor(), [&](Command& cmd) {
               return disclosure::set_village_settings(cmd, *id, cadence, since);
             });
             if (!set) return set.error();
             auto d = disclosure::village_duties(c.app.db, *id, static_cast<int>(china_today().year()),
                                                 china_today());
             if (!d) return d.error();
             return Response::json(200, disclosure::to_json(*d, china_today()));
           }});
}

}  // namespace fishbowl::http
