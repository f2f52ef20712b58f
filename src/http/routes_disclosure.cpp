// Routes of government information disclosure: the catalogue, publications and their review.
#include <map>

#include "core/json_input.h"
#include "core/text.h"
#include "disclosure/disclosure.h"
#include "http/api.h"
#include "http/cursor.h"
#include "http/disclosure_input.h"
#include "ledger/events.h"
#include "ledger/ledger.h"
#include "org/org.h"

namespace fishbowl::http {

namespace {

using auth::Permission;
using auth::Target;

// Room for the largest body the module accepts, escaped as JSON.
constexpr std::size_t kMaxPublicationRequest = 2 * disclosure::kMaxBodyBytes + 64 * 1024;

Result<disclosure::Publication> publication_of(Call& c) {
  auto id = c.id("id", "publication");
  if (!id) return id.error();
  return disclosure::get_publication(c.app.db, *id);
}

// A publication lies with its organ: the department's staff, or the region's, and the admins over them.
Result<Target> publication_target(Call& c) {
  auto p = publication_of(c);
  if (!p) return p.error();
  return Target{p->region_path, p->department_id};
}

// The text of an edition, as creation and editing take it.
Result<disclosure::EditionInput> read_edition(JsonInput& in) {
  disclosure::EditionInput e;
  e.title = in.text("title", 200);
  const auto* body = in.raw("body_html");
  if (body && !body->is_string())
    in.fail(Error::invalid("field.wrong_type", "字段 body_html 应为文本", "body_html"));
  else if (body)
    e.body_html = body->get<std::string>();
  e.document_no = in.optional_text("document_no", 64).value_or("");
  auto attachments = read_attachment_refs(in, "attachments");
  if (!attachments) return attachments.error();
  e.attachments = std::move(attachments).value();
  auto households = read_households(in);
  if (!households) return households.error();
  e.households = std::move(households).value();
  return e;
}

Response publication_response(const disclosure::Publication& p, int status = 200) {
  return Response::json(status, disclosure::to_json(p, china_today()));
}

// The ledger event that published the live edition and its leaf, so that a page or a printout can point to
// the entry that proves the text unaltered. Null before the first publication.
Status add_published_event(Database& db, const disclosure::Publication& p, nlohmann::json& j) {
  j["event_id"] = nullptr;
  j["ledger_index"] = nullptr;
  // Each later approval publishes the newer edition: the newest such event is the live edition's.
  auto event = last_event_id(db, "publication:" + std::to_string(p.id), "publication.published");
  if (!event) return event.error();
  if (!*event) return ok_status();
  j["event_id"] = **event;
  auto index = ledger::index_of_event(db, **event);
  if (!index) return index.error();
  if (*index) j["ledger_index"] = **index;
  return ok_status();
}

// Runs one change read from the body by `read`, which returns the command to run.
using Change = std::function<Result<disclosure::Publication>(Command&)>;
Result<Response> change(Call& c, const std::function<Change(JsonInput&, long long)>& read) {
  auto id = c.id("id", "publication");
  if (!id) return id.error();
  auto body = c.req.body.empty() ? Result<nlohmann::json>(nlohmann::json::object()) : c.json();
  if (!body) return body.error();
  JsonInput in(*body);
  auto run = read(in, *id);
  if (auto e = in.error()) return *e;
  auto changed = run_command(c.app.db, c.actor(), run);
  if (!changed) return changed.error();
  return publication_response(*changed);
}

void add_change(Api& api, const char* action, Permission permission,
                std::function<Change(JsonInput&, long long)> read) {
  Route r{"POST", std::string("/api/v1/publications/{id}/") + action, permission, publication_target,
          [read](Call& c) { return change(c, read); }};
  api.add(std::move(r));
}

Result<disclosure::PublicationQuery> list_query(Call& c, bool desk) {
  disclosure::PublicationQuery q;
  q.desk = desk;
  auto department = c.query_id("department_id");
  auto region = c.query_id("region_id");
  auto level = c.query_choice("level", {"county", "town", "village"});
  auto column = c.query_text("column", 40);
  auto validity = c.query_choice("validity", disclosure::validities());
  auto year = c.query_number("year", 0, 2000, 2100);
  auto notices = c.query_choice("notices", {"open"});
  auto page = c.query_number("page", 1, 1, 100000);
  auto size = c.query_number("page_size", 20, 1, 100);
  if (!department) return department.error();
  if (!region) return region.error();
  if (!level) return level.error();
  if (!column) return column.error();
  if (!validity) return validity.error();
  if (!year) return year.error();
  if (!notices) return notices.error();
  if (!page) return page.error();
  if (!size) return size.error();
  if (!desk) {
    auto before = read_day_id_cursor(c);
    if (!before) return before.error();
    q.before = *before;
  }
  if (desk) {
    auto state = c.query_choice("state", {"draft", "in_review", "published", "withdrawn"});
    auto late = c.query_choice("late", {"true", "false"});
    if (!state) return state.error();
    if (!late) return late.error();
    q.state = *state;
    q.late_only = *late == std::optional<std::string>("true");
  }
  q.department_id = *department;
  if (*region) {
    auto r = org::get_region(c.app.db, **region);
    if (!r) return Error::invalid("region.not_found", "行政区划不存在", "region_id");
    q.region_path = r->path;
  }
  q.level = *level;
  q.column = *column;
  q.validity = *validity;
  if (c.query.count("year")) q.year = static_cast<int>(*year);
  q.open_notices = notices->has_value();
  q.page = static_cast<int>(*page);
  q.page_size = static_cast<int>(*size);
  return q;
}

Result<Response> list(Call& c, bool desk) {
  auto q = list_query(c, desk);
  if (!q) return q.error();
  Date today = china_today();
  auto page = disclosure::list_publications(c.app.db, *q, today);
  if (!page) return page.error();
  auto items = nlohmann::json::array();
  for (const auto& p : page->items) {
    auto j = desk ? disclosure::to_json(p, today) : disclosure::to_public_json(p, today);
    // Lists show titles; the page of each holds the text and any household list.
    j.erase("body_html");
    j.erase("households");
    if (desk) {
      j["latest"].erase("body_html");
      j["latest"].erase("households");
    }
    items.push_back(std::move(j));
  }
  nlohmann::json out{
      {"items", items}, {"total", page->total}, {"page", q->page}, {"page_size", q->page_size}};
  if (!desk) {
    bool more = static_cast<long long>(page->items.size()) == q->page_size;
    out["next_cursor"] =
        more ? nlohmann::json(day_id_cursor(page->items.back().published_on, page->items.back().id))
             : nlohmann::json(nullptr);
  }
  return Response::json(200, out);
}

// What a feed holds, in its title, so that a reader subscribed to several tells them apart:
// 政务公开 · 县民政局 · 社会救助.
std::string feed_title(Call& c, const disclosure::PublicationQuery& q) {
  static const std::map<std::string, std::string> levels{
      {"county", "县级"}, {"town", "乡镇级"}, {"village", "村级"}};
  std::string title = "政务公开";
  auto region = c.query_id("region_id");
  if (q.department_id) {
    if (auto d = org::get_department(c.app.db, *q.department_id)) title += " · " + d->name;
  } else if (region && *region) {
    if (auto r = org::get_region(c.app.db, **region)) title += " · " + r->name;
  }
  if (q.level) title += " · " + levels.at(*q.level);
  if (q.column)
    if (const auto* column = disclosure::find_column(*q.column)) title += " · " + column->label;
  return title == "政务公开" ? "政务公开 · 主动公开信息" : title;
}

// An Atom feed (RFC 4287) of the latest publications that pass the list's filters.
Result<Response> feed(Call& c) {
  auto q = list_query(c, false);
  if (!q) return q.error();
  q->page_size = 50;
  Date today = china_today();
  auto page = disclosure::list_publications(c.app.db, *q, today);
  if (!page) return page.error();
  auto text = [](std::string& out, std::string_view s) { append_html_escaped(out, s); };
  std::string updated = page->items.empty() ? "1970-01-01T00:00:00Z" : page->items.front().updated_at;
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  xml += "<title>";
  text(xml, feed_title(c, *q));
  xml += "</title>\n<id>urn:fishbowl:publications?";
  text(xml, c.req.query);
  // The portal's list with the same filters.
  xml += "</id>\n<link rel=\"alternate\" href=\"/disclosure";
  if (!c.req.query.empty()) {
    xml += "?";
    text(xml, c.req.query);
  }
  xml += "\"/>\n<updated>" + updated + "</updated>\n";
  for (const auto& p : page->items) {
    const auto* column = disclosure::find_column(p.column);
    xml += "<entry>\n<id>urn:fishbowl:publication:" + std::to_string(p.id) + "</id>\n<title>";
    text(xml, p.live.title);
    xml += "</title>\n<link rel=\"alternate\" href=\"/disclosure/publications/" + std::to_string(p.id) +
           "\"/>\n";
    xml += "<published>" + p.published_on + "T00:00:00+08:00</published>\n<updated>" + p.updated_at +
           "</updated>\n<author><name>";
    text(xml, p.organ_name);
    xml += "</name></author>\n<category term=\"" + p.column + "\" label=\"";
    text(xml, column ? column->label : "");
    xml += "\"/>\n";
    // A withdrawn publication's text is no longer given out; the feed says that it was withdrawn, and why.
    if (p.state == "withdrawn") {
      xml += "<summary>已撤回：";
      text(xml, p.withdrawn_reason);
      xml += "</summary>\n";
    } else {
      xml += "<content type=\"html\">";
      text(xml, p.live.body_html);
      xml += "</content>\n";
    }
    xml += "</entry>\n";
  }
  xml += "</feed>\n";
  Response r;
  r.content_type = "application/atom+xml; charset=utf-8";
  r.body = std::move(xml);
  return r;
}

// Every public publication, one JSON object a line, newest first: for those who keep their own copy.
Result<Response> export_lines(Call& c) {
  disclosure::PublicationQuery q;
  q.page_size = 200;
  Date today = china_today();
  std::string out;
  for (;;) {
    auto page = disclosure::list_publications(c.app.db, q, today);
    if (!page) return page.error();
    for (const auto& p : page->items) out += disclosure::to_public_json(p, today).dump() + "\n";
    if (static_cast<long long>(page->items.size()) < q.page_size) break;
    q.before = std::make_pair(page->items.back().published_on, page->items.back().id);
  }
  Response r;
  r.content_type = "application/x-ndjson; charset=utf-8";
  r.body = std::move(out);
  return r;
}

// The publication of the path as the caller may see it, and whether they see it as its organ's people do
// (drafts, reviews, contacts). What was never published is not found for anyone else.
Result<std::pair<disclosure::Publication, bool>> seen_publication(Call& c);

// Whether the caller may see the publication's drafts and reviews.
bool at_desk(Call& c, const disclosure::Publication& p) {
  return auth::authorize(c.principal, Permission::publication_read, Target{p.region_path, p.department_id})
      .ok();
}

Result<std::pair<disclosure::Publication, bool>> seen_publication(Call& c) {
  auto p = publication_of(c);
  if (!p) return p.error();
  bool desk = at_desk(c, *p);
  if (!desk && p->live_edition == 0) return Error::not_found("publication.not_found", "找不到该公开信息");
  return std::make_pair(std::move(p).value(), desk);
}

}  // namespace

void add_disclosure_routes(Api& api) {
  api.add(Route::public_cached("/api/v1/disclosure/columns", [](Call&) -> Result<Response> {
    auto items = nlohmann::json::array();
    for (const auto& col : disclosure::columns())
      items.push_back({{"code", col.code}, {"label", col.label}, {"article", col.article}});
    return Response::json(200, {{"items", items}});
  }));
  // For an organ's guide (公开指南): how much it has published itself in each column.
  api.add(Route::public_cached("/api/v1/disclosure/columns/counts", [](Call& c) -> Result<Response> {
    auto department = c.query_id("department_id");
    if (!department) return department.error();
    auto region = c.query_id("region_id");
    if (!region) return region.error();
    if (!*department == !*region)
      return Error::invalid("query.required", "须指明且只指明一个机关：department_id 或 region_id",
                            "department_id");
    if (*department && !org::get_department(c.app.db, **department))
      return Error::invalid("department.not_found", "部门不存在", "department_id");
    if (*region && !org::get_region(c.app.db, **region))
      return Error::invalid("region.not_found", "行政区划不存在", "region_id");
    auto counts = disclosure::column_counts(c.app.db, *department, *region);
    if (!counts) return counts.error();
    auto items = nlohmann::json::array();
    long long total = 0;
    for (const auto& col : disclosure::columns())
      if (auto it = counts->find(col.code); it != counts->end()) {
        items.push_back({{"column", col.code}, {"count", it->second}});
        total += it->second;
      }
    return Response::json(200, {{"items", items}, {"total", total}});
  }));
  api.add(Route::public_cached("/api/v1/publications", [](Call& c) { return list(c, false); }));
  api.add(Route::public_cached("/api/v1/publications/feed.atom", feed));
  api.add(Route::public_cached("/api/v1/publications/export.jsonl", export_lines));
  api.add({"GET", "/api/v1/publications/desk", Permission::publication_read, query_scope_target,
           [](Call& c) { return list(c, true); }});
  // What was never published is not found for the public; the organ's people see their drafts here too.
  api.add(
      {"GET", "/api/v1/publications/{id}", Permission::public_read, nullptr, [](Call& c) -> Result<Response> {
         auto seen = seen_publication(c);
         if (!seen) return seen.error();
         const auto& [p, desk] = *seen;
         auto j = desk ? disclosure::to_json(p, china_today()) : disclosure::to_public_json(p, china_today());
         if (auto ok = add_published_event(c.app.db, p, j); !ok) return ok.error();
         // A notice shows how many objections it drew and how many are answered.
         if (p.kind == "notice") {
           auto counted = disclosure::count_objections(c.app.db, p.id);
           if (!counted) return counted.error();
           j["notice"]["objections"] = counted->first;
           j["notice"]["answered"] = counted->second;
         }
         return Response::json(200, j);
       }});
  api.add({"GET", "/api/v1/publications/{id}/editions", Permission::public_read, nullptr,
           [](Call& c) -> Result<Response> {
             auto seen = seen_publication(c);
             if (!seen) return seen.error();
             const auto& [p, desk] = *seen;
             auto editions = disclosure::list_editions(c.app.db, p.id, !desk);
             if (!editions) return editions.error();
             auto items = nlohmann::json::array();
             for (const auto& e : *editions) {
               auto j = disclosure::to_json(e);
               if (!desk) {
                 j.erase("author_id");
                 j.erase("reviewer_id");
                 j.erase("review_note");
                 j["households"] = disclosure::public_households_json(e.households);
               }
               // A withdrawn publication's text and files are no longer given out, in any edition.
               if (!desk && p.state == "withdrawn") {
                 j["body_html"] = "";
                 j["attachments"] = nlohmann::json::array();
                 j["households"] = nlohmann::json::array();
               }
               items.push_back(std::move(j));
             }
             return Response::json(200, {{"items", items}});
           }});

  Route create{"POST", "/api/v1/publications", Permission::publication_write, body_organ_target,
               [](Call& c) -> Result<Response> {
                 auto body = c.json();
                 if (!body) return body.error();
                 JsonInput in(*body);
                 disclosure::PublicationInput p;
                 p.department_id = in.optional_id("department_id");
                 p.region_id = in.optional_id("region_id");
                 p.column = in.text("column", 40);
                 p.formed_on = in.text("formed_on", 10);
                 if (const auto* notice = in.raw("notice")) {
                   if (!notice->is_object()) {
                     in.fail(Error::invalid("field.wrong_type", "字段 notice 应为对象", "notice"));
                   } else {
                     JsonInput n(*notice);
                     p.notice_kind = n.choice("kind", disclosure::notice_kinds());
                     p.starts_on = n.text("starts_on", 10);
                     p.ends_on = n.text("ends_on", 10);
                     if (auto e = n.error()) {
                       e->field = "notice." + e->field;
                       in.fail(*e);
                     }
                   }
                 }
                 auto text = read_edition(in);
                 if (auto e = in.error()) return *e;
                 if (!text) return text.error();
                 if (!p.department_id && !p.region_id)
                   return Error::invalid("field.required", "须指明发布机关：department_id 或 region_id",
                                         "department_id");
                 if (p.department_id && p.region_id)
                   return Error::invalid("field.invalid", "department_id 与 region_id 只能给出一个",
                                         "region_id");
                 p.title = text->title;
                 p.body_html = text->body_html;
                 p.document_no = text->document_no;
                 p.attachments = text->attachments;
                 p.households = text->households;
                 auto created = run_command(c.app.db, c.actor(), [&](Command& cmd) {
                   return disclosure::create_publication(cmd, c.app.calendar, p);
                 });
                 if (!created) return created.error();
                 return publication_response(*created, 201);
               }};
  create.max_body = kMaxPublicationRequest;
  api.add(std::move(create));

  Route edit{"PUT", "/api/v1/publications/{id}", Permission::publication_write, publication_target,
             [](Call& c) {
               return change(c, [](JsonInput& in, long long id) -> Change {
                 auto text = read_edition(in);
                 if (!text) {
                   in.fail(text.error());
                   return nullptr;
                 }
                 if (const auto* notice = in.raw("notice")) {
                   if (!notice->is_object()) {
                     in.fail(Error::invalid("field.wrong_type", "字段 notice 应为对象", "notice"));
                   } else {
                     JsonInput n(*notice);
                     text->starts_on = n.text("starts_on", 10);
                     text->ends_on = n.text("ends_on", 10);
                     if (auto e = n.error()) {
                       e->field = "notice." + e->field;
                       in.fail(*e);
                     }
                   }
                 }
                 return [id, t = *text](Command& cmd) { return disclosure::edit_publication(cmd, id, t); };
               });
             }};
  edit.max_body = kMaxPublicationRequest;
  api.add(std::move(edit));

  // Objections: anyone may file one during the period, signed in or with a name and phone; the public sees
  // them with the name masked, the organ's people in full.
  api.add({"GET", "/api/v1/publications/{id}/objections", Permission::public_read, nullptr,
           [](Call& c) -> Result<Response> {
             auto seen = seen_publication(c);
             if (!seen) return seen.error();
             const auto& [p, desk] = *seen;
             auto list = disclosure::list_objections(c.app.db, p.id);
             if (!list) return list.error();
             auto items = nlohmann::json::array();
             for (const auto& o : *list)
               items.push_back(desk ? disclosure::to_json(o) : disclosure::to_public_json(o));
             return Response::json(200, {{"items", items}});
           }});
  api.add({"POST", "/api/v1/publications/{id}/objections", Permission::public_read, nullptr,
           [](Call& c) -> Result<Response> {
             auto id = c.id("id", "publication");
             if (!id) return id.error();
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             disclosure::ObjectionInput o;
             // Signed in, the objection is the account's and carries its name.
             if (c.principal) {
               o.account_id = c.principal->account.id;
               o.name = c.principal->account.display_name;
               in.optional_text("name", 32);  // a name sent anyway is read (so not unknown) and not used
               o.phone = in.optional_text("phone", 20).value_or("");
             } else {
               o.name = in.text("name", 32);
               o.phone = in.text("phone", 20);
             }
             o.text = in.text("text", 1000);
             if (auto e = in.error()) return *e;
             auto filed = run_command(c.app.db, c.actor(),
                                      [&](Command& cmd) { return disclosure::file_objection(cmd, *id, o); });
             if (!filed) return filed.error();
             return Response::json(201, disclosure::to_public_json(*filed));
           }});
  api.add({"POST", "/api/v1/publications/{id}/objections/{objection_id}/answer",
           Permission::publication_write, publication_target, [](Call& c) -> Result<Response> {
             auto id = c.id("id", "publication");
             auto objection = c.id("objection_id", "objection");
             if (!id) return id.error();
             if (!objection) return objection.error();
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             std::string answer = in.text("answer", 1000);
             if (auto e = in.error()) return *e;
             auto answered = run_command(c.app.db, c.actor(), [&](Command& cmd) {
               return disclosure::answer_objection(cmd, *id, *objection, answer);
             });
             if (!answered) return answered.error();
             return Response::json(200, disclosure::to_json(*answered));
           }});
  add_change(api, "result", Permission::publication_write, [](JsonInput& in, long long id) -> Change {
    const auto* raw = in.raw("result_html");
    std::string html;
    if (!raw)
      in.fail(Error::invalid("field.required", "缺少必填字段 result_html", "result_html"));
    else if (!raw->is_string())
      in.fail(Error::invalid("field.wrong_type", "字段 result_html 应为文本", "result_html"));
    else if (raw->get<std::string>().size() > disclosure::kMaxBodyBytes)
      in.fail(Error::invalid("field.too_long", "公示结果过长", "result_html"));
    else
      html = raw->get<std::string>();
    return [id, html](Command& cmd) { return disclosure::publish_result(cmd, id, html); };
  });
  add_change(api, "submit", Permission::publication_write, [](JsonInput&, long long id) -> Change {
    return [id](Command& cmd) { return disclosure::submit_publication(cmd, id); };
  });
  add_change(api, "approve", Permission::publication_review, [](JsonInput& in, long long id) -> Change {
    std::string note = in.optional_text("note", 500).value_or("");
    return [id, note](Command& cmd) { return disclosure::approve_publication(cmd, id, note); };
  });
  add_change(api, "return", Permission::publication_review, [](JsonInput& in, long long id) -> Change {
    std::string note = in.text("note", 500);
    return [id, note](Command& cmd) { return disclosure::return_publication(cmd, id, note); };
  });
  add_change(api, "withdraw", Permission::publication_review, [](JsonInput& in, long long id) -> Change {
    std::string reason = in.text("reason", 500);
    return [id, reason](Command& cmd) { return disclosure::withdraw_publication(cmd, id, reason); };
  });
  add_change(api, "validity", Permission::publication_write, [](JsonInput& in, long long id) -> Change {
    std::string validity = in.choice("validity", disclosure::validities());
    return [id, validity](Command& cmd) { return disclosure::change_validity(cmd, id, validity); };
  });
}

}  // namespace fishbowl::http
