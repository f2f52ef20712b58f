// Routes of the non-emergency linkage platform (12345): filing and tracking, the linkage center's desk, the
// assignees' inboxes and the loop's moves.
#include <fmt/format.h>

#include "core/json_input.h"
#include "hotline/hotline.h"
#include "hotline/knowledge.h"
#include "http/disclosure_input.h"
#include "http/file_input.h"
#include "http/hotline_scope.h"
#include "org/org.h"

namespace fishbowl::http {

namespace {

using auth::Permission;
using auth::Target;
using hotline::Ticket;

// "/1/4/17/" -> "/1/": the county a region lies in.
std::string county_path(const std::string& path) {
  auto second = path.find('/', 1);
  return second == std::string::npos ? path : path.substr(0, second + 1);
}

// The center acts for the whole county: its department's staff, and the county's admins.
Result<Target> center_target_at(Call& c, const std::string& region_path) {
  auto center = hotline::center_department(c.app.db);
  if (!center) return center.error();
  return Target{county_path(region_path), *center};
}

Result<Ticket> ticket_of(Call& c) {
  auto id = c.id("id", "ticket");
  if (!id) return id.error();
  return hotline::get_ticket(c.app.db, *id);
}

Result<Target> center_target(Call& c) {
  auto t = ticket_of(c);
  if (!t) return t.error();
  return center_target_at(c, t->region_path);
}

Result<Target> assignee_target(Call& c) {
  auto t = ticket_of(c);
  if (!t) return t.error();
  if (t->assignee_path.empty()) return center_target_at(c, t->region_path);
  return Target{t->assignee_path, t->assignee_department_id};
}

// The center, the assignee and the co-handlers read a ticket.
bool may_read(Call& c, const Ticket& t) {
  auto center = center_target_at(c, t.region_path);
  if (center && auth::authorize(c.principal, Permission::ticket_read, *center).ok()) return true;
  if (!t.assignee_path.empty() &&
      auth::authorize(c.principal, Permission::ticket_read, Target{t.assignee_path, t.assignee_department_id})
          .ok())
    return true;
  for (long long d : t.co_handlers)
    if (auto dept = org::get_department(c.app.db, d))
      if (auto r = org::get_region(c.app.db, dept->region_id))
        if (auth::authorize(c.principal, Permission::ticket_read, Target{r->path, d}).ok()) return true;
  return false;
}

Result<Target> body_region_center_target(Call& c) {
  auto body = c.json();
  if (!body) return body.error();
  const auto& region = (*body)["region_id"];
  std::string path;
  if (region.is_number_integer() && region.get<long long>() > 0)
    if (auto r = org::get_region(c.app.db, region.get<long long>())) path = r->path;
  if (path.empty()) return Target::everything();
  return center_target_at(c, path);
}

Result<hotline::TicketInput> read_ticket(JsonInput& in) {
  hotline::TicketInput t;
  t.kind = in.choice("kind", hotline::ticket_kinds());
  t.name = in.optional_text("name", 32).value_or("");
  t.phone = in.text("phone", 20);
  t.region_id = in.id("region_id");
  t.address = in.optional_text("address", 200).value_or("");
  for (auto [field, target] : {std::pair{"lat", &t.lat}, std::pair{"lon", &t.lon}}) {
    const auto* v = in.raw(field);
    if (v && !v->is_null()) {
      if (!v->is_number())
        in.fail(Error::invalid("field.wrong_type", fmt::format("字段 {} 应为数字", field), field));
      else
        *target = v->get<double>();
    }
  }
  t.title = in.text("title", 100);
  t.description = in.text("description", 2000);
  auto files = read_attachment_refs(in, "attachments");
  if (!files) return files.error();
  t.attachments = std::move(*files);
  if (auto e = in.error()) return *e;
  return t;
}

Response ticket_response(const Ticket& t, int status = 200) {
  return Response::json(status, hotline::to_json(t, now_utc()));
}

Result<Response> file(Call& c, bool desk) {
  auto body = c.json();
  if (!body) return body.error();
  JsonInput in(*body);
  std::string channel =
      desk ? in.choice("channel", {"phone", "hall"}) : in.choice("channel", {"web", "kiosk"});
  auto t = read_ticket(in);
  if (!t) return t.error();
  t->channel = channel;
  if (!desk && c.principal) t->account_id = c.principal->account.id;
  auto filed = run_command(c.app.db, c.actor(), [&](Command& cmd) { return hotline::file_ticket(cmd, *t); });
  if (!filed) return filed.error();
  if (desk) return ticket_response(*filed, 201);
  return Response::json(201, hotline::to_public_json(*filed, now_utc()));
}

// One move of the loop: `read` takes what the body gives and returns the command to run.
using Move = std::function<Result<Ticket>(Command&, long long)>;
Route move_route(const char* action, Permission permission, TargetOf target,
                 std::function<Move(JsonInput&, const WorkCalendar&)> read) {
  return {"POST", std::string("/api/v1/tickets/{id}/") + action, permission, std::move(target),
          [read](Call& c) -> Result<Response> {
            auto id = c.id("id", "ticket");
            if (!id) return id.error();
            auto body = c.req.body.empty() ? Result<nlohmann::json>(nlohmann::json::object()) : c.json();
            if (!body) return body.error();
            JsonInput in(*body);
            auto run = read(in, c.app.calendar);
            if (auto e = in.error()) return *e;
            auto moved = run_command(c.app.db, c.actor(), [&](Command& cmd) { return run(cmd, *id); });
            if (!moved) return moved.error();
            return ticket_response(*moved);
          }};
}

// The center's desk lists every ticket; an inbox (a department's or a town's: the scope check needs one
// of the two unless the account covers the county) lists what was dispatched there.
Result<Response> list(Call& c) {
  hotline::TicketQuery q;
  auto state = c.query_choice("state", hotline::ticket_states());
  auto kind = c.query_choice("kind", hotline::ticket_kinds());
  auto department = c.query_id("department_id");
  auto region = c.query_id("region_id");
  auto escalated = c.query_choice("escalated", {"true", "false"});
  auto late = c.query_choice("late", {"true", "false"});
  auto page = c.query_number("page", 1, 1, 100000);
  auto size = c.query_number("page_size", 20, 1, 100);
  if (!state) return state.error();
  if (!kind) return kind.error();
  if (!department) return department.error();
  if (!region) return region.error();
  if (!escalated) return escalated.error();
  if (!late) return late.error();
  if (!page) return page.error();
  if (!size) return size.error();
  q.state = *state;
  q.kind = *kind;
  q.assignee_department_id = *department;
  if (*region) {
    auto r = org::get_region(c.app.db, **region);
    if (!r) return Error::invalid("region.not_found", "行政区划不存在", "region_id");
    q.assignee_path = r->path;
  }
  q.escalated_only = *escalated == std::optional<std::string>("true");
  q.late_only = *late == std::optional<std::string>("true");
  q.page = static_cast<int>(*page);
  q.page_size = static_cast<int>(*size);
  std::string now = now_utc();
  auto found = hotline::list_tickets(c.app.db, q, now);
  if (!found) return found.error();
  auto items = nlohmann::json::array();
  for (const auto& t : found->items) {
    auto j = hotline::to_json(t, now);
    j.erase("steps");
    items.push_back(std::move(j));
  }
  return Response::json(
      200, {{"items", items}, {"total", found->total}, {"page", q.page}, {"page_size", q.page_size}});
}

Result<Ticket> tracked(Call& c, JsonInput& in) {
  std::string no = in.text("ticket_no", 40), last4 = in.text("phone_last4", 4);
  if (auto e = in.error()) return *e;
  if (auto guarded = c.guard_tracking("ticket", no); !guarded) return guarded.error();
  return hotline::track_ticket(c.app.db, no, last4);
}

// Suggestions at intake: answers from the knowledge base, and open tickets that may report the same thing.
Result<Response> suggestions(Call& c) {
  auto body = c.json();
  if (!body) return body.error();
  JsonInput in(*body);
  long long region = in.id("region_id");
  std::string text = in.text("title", 100) + "\n" + in.optional_text("description", 2000).value_or("");
  auto except = in.optional_id("ticket_id");
  if (auto e = in.error()) return *e;
  std::string now = now_utc();
  auto answers = hotline::suggest_answers(c.app.db, text, china_today(), 5);
  if (!answers) return answers.error();
  auto repeats = hotline::likely_duplicates(c.app.db, region, text, except, now, 5);
  if (!repeats) return repeats.error();
  auto a = nlohmann::json::array(), d = nlohmann::json::array();
  for (const auto& s : *answers) {
    auto j = hotline::to_json(s.entry, china_today());
    j["score"] = s.score;
    a.push_back(std::move(j));
  }
  for (const auto& r : *repeats) {
    auto j = hotline::to_json(r.ticket, now);
    j.erase("steps");
    j["score"] = r.score;
    d.push_back(std::move(j));
  }
  return Response::json(200, {{"answers", a}, {"duplicates", d}});
}

}  // namespace

Result<Target> hotline_center_scope(Call& c) {
  auto county = org::list_regions(c.app.db);
  if (!county) return county.error();
  if (county->empty()) return Target::everything();
  return center_target_at(c, county->front().path);
}

void add_hotline_routes(Api& api) {
  api.add(Route::public_cached("/api/v1/tickets/deadlines", [](Call& c) -> Result<Response> {
    auto all = hotline::deadlines(c.app.db);
    if (!all) return all.error();
    auto items = nlohmann::json::array();
    for (const auto& d : *all) items.push_back({{"kind", d.kind}, {"amount", d.amount}, {"unit", d.unit}});
    return Response::json(200, {{"items", items}});
  }));
  api.add({"PUT", "/api/v1/tickets/deadlines/{kind}", Permission::ticket_center, hotline_center_scope,
           [](Call& c) -> Result<Response> {
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             hotline::Deadline d;
             d.kind = c.params["kind"];
             d.unit = in.choice("unit", {"working_days", "hours"});
             d.amount = static_cast<int>(in.integer("amount", 1, 720));
             if (auto e = in.error()) return *e;
             auto set = run_command(c.app.db, c.actor(),
                                    [&](Command& cmd) { return hotline::set_deadline(cmd, d); });
             if (!set) return set.error();
             return Response::json(200, {{"kind", set->kind}, {"amount", set->amount}, {"unit", set->unit}});
           }});
  api.add(Route::public_cached("/api/v1/tickets/center", [](Call& c) -> Result<Response> {
    auto center = hotline::center_department(c.app.db);
    if (!center) return center.error();
    if (!*center) return Response::json(200, {{"department_id", nullptr}, {"name", ""}});
    auto d = org::get_department(c.app.db, **center);
    if (!d) return d.error();
    return Response::json(200, {{"department_id", d->id}, {"name", d->name}});
  }));
  api.add({"PUT", "/api/v1/tickets/center", Permission::org_write, nullptr, [](Call& c) -> Result<Response> {
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             long long dept = in.id("department_id");
             if (auto e = in.error()) return *e;
             auto set = run_command(c.app.db, c.actor(),
                                    [&](Command& cmd) { return hotline::set_center_department(cmd, dept); });
             if (!set) return set.error();
             return Response::json(200, {{"department_id", *set}});
           }});

  api.add(
      {"POST", "/api/v1/tickets", Permission::public_read, nullptr, [](Call& c) { return file(c, false); }});
  // Before filing: a photo or a document, from anyone (the citizen, the kiosk, the center).
  Route upload{
      "POST",
      "/api/v1/tickets/attachments",
      Permission::public_read,
      nullptr,
      [](Call& c) -> Result<Response> {
        auto body = c.json();
        if (!body) return body.error();
        JsonInput in(*body);
        std::string name = in.text("file_name", 100);
        std::string bytes = file_content(in, kMaxAttachmentBase64);
        if (auto e = in.error()) return *e;
        auto a = run_command(c.app.db, c.actor(),
                             [&](Command& cmd) { return hotline::upload_ticket_file(cmd, name, bytes); });
        if (!a) return a.error();
        return Response::json(
            201,
            {{"sha256", a->sha256}, {"file_name", name}, {"media_type", a->media_type}, {"size", a->size}});
      },
      kMaxAttachmentBase64 + 4096};
  upload.rate = RateClass::upload;
  api.add(std::move(upload));
  api.add({"POST", "/api/v1/tickets/recorded", Permission::ticket_center, body_region_center_target,
           [](Call& c) { return file(c, true); }});
  api.add(
      {"POST", "/api/v1/tickets/track", Permission::public_read, nullptr, [](Call& c) -> Result<Response> {
         auto body = c.json();
         if (!body) return body.error();
         JsonInput in(*body);
         auto t = tracked(c, in);
         if (!t) return t.error();
         return Response::json(200, hotline::to_public_json(*t, now_utc()));
       }});
  // The citizen's own evaluation (评价) of a completed ticket, in place of a callback.
  api.add({"POST", "/api/v1/tickets/track/evaluate", Permission::public_read, nullptr,
           [](Call& c) -> Result<Response> {
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             std::string satisfaction = in.choice("satisfaction", hotline::satisfactions());
             std::string note = in.optional_text("note", 500).value_or("");
             auto t = tracked(c, in);
             if (!t) return t.error();
             auto done = run_command(c.app.db, c.actor(), [&](Command& cmd) {
               return hotline::call_back_ticket(cmd, t->id, satisfaction, note);
             });
             if (!done) return done.error();
             return Response::json(200, hotline::to_public_json(*done, now_utc()));
           }});

  api.add(
      {"POST", "/api/v1/tickets/suggestions", Permission::ticket_center, hotline_center_scope, suggestions});
  api.add({"GET", "/api/v1/tickets/center/desk", Permission::ticket_center, hotline_center_scope,
           [](Call& c) { return list(c); }});
  api.add({"GET", "/api/v1/tickets", Permission::ticket_read, query_scope_target,
           [](Call& c) { return list(c); }});
  api.add({"GET", "/api/v1/tickets/{id}", Permission::signed_in, nullptr, [](Call& c) -> Result<Response> {
             auto t = ticket_of(c);
             if (!t) return t.error();
             if (!may_read(c, *t))
               return Error::forbidden("auth.forbidden", "您的角色或管辖范围不允许此操作");
             return ticket_response(*t);
           }});

  using Cal = const WorkCalendar&;
  api.add(move_route("accept", Permission::ticket_center, center_target, [](JsonInput&, Cal) -> Move {
    return [](Command& cmd, long long id) { return hotline::accept_ticket(cmd, id); };
  }));
  api.add(move_route("reject", Permission::ticket_center, center_target, [](JsonInput& in, Cal) -> Move {
    std::string reason = in.text("reason", 500);
    return [reason](Command& cmd, long long id) { return hotline::reject_ticket(cmd, id, reason); };
  }));
  api.add(move_route("answer", Permission::ticket_center, center_target, [](JsonInput& in, Cal) -> Move {
    std::string answer = in.text("answer", 2000);
    return [answer](Command& cmd, long long id) { return hotline::answer_ticket(cmd, id, answer); };
  }));
  api.add(move_route("merge", Permission::ticket_center, center_target, [](JsonInput& in, Cal) -> Move {
    long long into = in.id("into_id");
    std::string note = in.optional_text("note", 500).value_or("");
    return [into, note](Command& cmd, long long id) { return hotline::merge_ticket(cmd, id, into, note); };
  }));
  api.add(
      move_route("dispatch", Permission::ticket_center, center_target, [](JsonInput& in, Cal cal) -> Move {
        hotline::Dispatch d;
        d.department_id = in.optional_id("department_id");
        d.region_id = in.optional_id("region_id");
        if (const auto* co = in.raw("co_handlers")) {
          if (!co->is_array() || co->size() > 5)
            in.fail(Error::invalid("field.wrong_type", "协办部门应为至多 5 个部门编号的列表", "co_handlers"));
          else
            for (const auto& x : *co) {
              if (!x.is_number_integer() || x.get<long long>() < 1) {
                in.fail(Error::invalid("field.wrong_type", "协办部门应为部门编号", "co_handlers"));
                break;
              }
              d.co_handlers.push_back(x.get<long long>());
            }
        }
        d.note = in.optional_text("note", 500).value_or("");
        return [d, &cal](Command& cmd, long long id) { return hotline::dispatch_ticket(cmd, cal, id, d); };
      }));
  api.add(move_route("claim", Permission::ticket_handle, assignee_target, [](JsonInput&, Cal) -> Move {
    return [](Command& cmd, long long id) { return hotline::claim_ticket(cmd, id); };
  }));
  api.add(move_route("return", Permission::ticket_handle, assignee_target, [](JsonInput& in, Cal) -> Move {
    std::string reason = in.text("reason", 500);
    return [reason](Command& cmd, long long id) { return hotline::return_ticket(cmd, id, reason); };
  }));
  api.add(move_route("note", Permission::ticket_handle, assignee_target, [](JsonInput& in, Cal) -> Move {
    std::string note = in.text("note", 1000);
    return [note](Command& cmd, long long id) { return hotline::note_ticket(cmd, id, note); };
  }));
  api.add(move_route("reply", Permission::ticket_handle, assignee_target, [](JsonInput& in, Cal) -> Move {
    std::string reply = in.text("reply", 2000);
    return [reply](Command& cmd, long long id) { return hotline::reply_ticket(cmd, id, reply); };
  }));
  api.add(move_route("extension", Permission::ticket_handle, assignee_target, [](JsonInput& in, Cal) -> Move {
    int days = static_cast<int>(in.integer("days", 1, 20));
    std::string reason = in.text("reason", 500);
    return [days, reason](Command& cmd, long long id) {
      return hotline::request_extension(cmd, id, days, reason);
    };
  }));
  for (bool approve : {true, false})
    api.add(move_route(approve ? "extension/approve" : "extension/reject", Permission::ticket_center,
                       center_target, [approve](JsonInput& in, Cal cal) -> Move {
                         std::string note = in.optional_text("note", 500).value_or("");
                         return [approve, note, &cal](Command& cmd, long long id) {
                           return hotline::decide_extension(cmd, cal, id, approve, note);
                         };
                       }));
  api.add(move_route("complete", Permission::ticket_center, center_target, [](JsonInput&, Cal) -> Move {
    return [](Command& cmd, long long id) { return hotline::complete_ticket(cmd, id); };
  }));
  api.add(move_route("callback", Permission::ticket_center, center_target, [](JsonInput& in, Cal) -> Move {
    std::string satisfaction = in.choice("satisfaction", hotline::satisfactions());
    std::string note = in.optional_text("note", 500).value_or("");
    return [satisfaction, note](Command& cmd, long long id) {
      return hotline::call_back_ticket(cmd, id, satisfaction, note);
    };
  }));
  api.add(move_route("reopen", Permission::ticket_center, center_target, [](JsonInput& in, Cal cal) -> Move {
    std::string reason = in.text("reason", 500);
    return
        [reason, &cal](Command& cmd, long long id) { return hotline::reopen_ticket(cmd, cal, id, reason); };
  }));
  api.add(move_route("escalate", Permission::ticket_escalate, center_target, [](JsonInput& in, Cal) -> Move {
    int hours = static_cast<int>(in.integer("hours", 1, 720));
    std::string note = in.text("note", 500);
    return
        [hours, note](Command& cmd, long long id) { return hotline::escalate_ticket(cmd, id, hours, note); };
  }));
}

}  // namespace fishbowl::http
