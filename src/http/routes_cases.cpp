// Routes of cases (办件): filing at a window, by an agent or online; the handling queue of every place; each
// move of a case; a citizen's own cases; tracking by number and phone.
#include "cases/cases.h"
#include "cases/ratings.h"
#include "core/json_input.h"
#include "http/api.h"
#include "org/org.h"
#include "services/services.h"

namespace fishbowl::http {

namespace {

using auth::Permission;
using auth::Target;

Result<cases::Case> case_of(Call& c) {
  auto id = c.id("id", "case");
  if (!id) return id.error();
  return cases::get_case(c.app.db, *id);
}

// A case lies where it was filed and belongs to its item's department: the village's agents, the town, the
// department and the county see it.
Result<Target> filed_target(Call& c) {
  auto k = case_of(c);
  if (!k) return k.error();
  return Target{k->filed_path, k->department_id};
}

// Moving a case is for the place that holds it now: the room's agents, the center's staff, the department's.
Result<Target> holder_target(Call& c) {
  auto k = case_of(c);
  if (!k) return k.error();
  auto region = org::get_region(c.app.db, k->holder_region_id);
  if (!region) return region.error();
  return Target{region->path, k->holder_department_id};
}

// Filing lands at the region named in the body, for the item's department. When either is missing or unknown
// only a county-wide role gets as far as the validation, which then names the field.
Result<Target> filing_target(Call& c) {
  auto body = c.json();
  if (!body) return body.error();
  const auto &region = (*body)["region_id"], &item = (*body)["item_id"];
  if (!region.is_number_integer() || !item.is_number_integer() || region.get<long long>() <= 0 ||
      item.get<long long>() <= 0)
    return Target::everything();
  auto r = org::get_region(c.app.db, region.get<long long>());
  auto i = services::get_item(c.app.db, item.get<long long>());
  if (!r || !i) return Target::everything();
  return Target{r->path, i->department_id};
}

// An action's body: optional when the action takes no fields, but never with fields nobody reads.
Result<nlohmann::json> body_of(Call& c) {
  if (c.req.body.empty()) return nlohmann::json::object();
  return c.json();
}

Result<cases::Applicant> read_applicant(JsonInput& in) {
  const auto* raw = in.raw("applicant");
  if (!raw) return Error::invalid("field.required", "缺少必填字段 applicant", "applicant");
  if (!raw->is_object()) return Error::invalid("field.wrong_type", "字段 applicant 应为对象", "applicant");
  JsonInput a(*raw);
  cases::Applicant out;
  out.name = a.text("name", 32);
  out.phone = a.text("phone", 20);
  out.id_number = a.optional_text("id_number", 18).value_or("");
  if (auto e = a.error()) {
    e->field = "applicant." + e->field;
    return *e;
  }
  return out;
}

Result<std::vector<std::string>> read_missing(JsonInput& in) {
  const auto* raw = in.raw("missing");
  if (!raw) return Error::invalid("field.required", "缺少必填字段 missing", "missing");
  if (!raw->is_array()) return Error::invalid("field.wrong_type", "字段 missing 应为文本列表", "missing");
  std::vector<std::string> out;
  for (const auto& m : *raw) {
    nlohmann::json wrapper{{"line", m}};
    JsonInput line(wrapper);
    out.push_back(line.text("line", 100));
    if (auto e = line.error()) {
      e->field = "missing[" + std::to_string(out.size() - 1) + "]";
      return *e;
    }
  }
  return out;
}

// The case with its history and, once rated, its rating.
void add_story(Database& db, const cases::Case& k, nlohmann::json& j) {
  if (auto history = cases::case_history(db, k.id)) j["history"] = *history;
  auto rating = cases::get_rating(db, k.id);
  j["rating"] = rating && *rating ? cases::to_json(**rating, china_today()) : nlohmann::json(nullptr);
}

Response case_response(Database& db, const cases::Case& k, int status = 200) {
  auto j = cases::to_json(k, china_today());
  add_story(db, k, j);
  return Response::json(status, j);
}

Result<Response> page_response(Database& db, const cases::CaseQuery& q) {
  Date today = china_today();  // one day for the filter and the flags, even across midnight
  auto result = cases::list_cases(db, q, today);
  if (!result) return result.error();
  auto items = nlohmann::json::array();
  for (const auto& k : result->items) items.push_back(cases::to_json(k, today));
  return Response::json(
      200, {{"items", items}, {"total", result->total}, {"page", q.page}, {"page_size", q.page_size}});
}

// Files a case from the body: online by the citizen signed in, else at the region named in the body, as 代办
// when an agent files it and at a window when staff do.
Result<Response> file(Call& c, bool online) {
  auto body = c.json();
  if (!body) return body.error();
  JsonInput in(*body);
  cases::FilingInput filing;
  filing.item_id = in.id("item_id");
  if (!online) filing.region_id = in.id("region_id");
  auto applicant = read_applicant(in);
  if (auto e = in.error()) return *e;
  if (!applicant) return applicant.error();
  filing.applicant = *applicant;
  filing.channel = online ? "online" : c.actor().role == "agent" ? "proxy" : "window";
  if (online) filing.applicant_account_id = c.principal->account.id;
  auto filed = run_command(c.app.db, c.actor(),
                           [&](Command& cmd) { return cases::file_case(cmd, c.app.calendar, filing); });
  if (!filed) return filed.error();
  return case_response(c.app.db, *filed, 201);
}

// Runs one move of a case read from the body by `read`, which returns the command to run.
template <class Move>
Result<Response> move(Call& c, Move&& body_to_change) {
  auto id = c.id("id", "case");
  if (!id) return id.error();
  auto body = body_of(c);
  if (!body) return body.error();
  JsonInput in(*body);
  auto run = body_to_change(in, *id);
  if (auto e = in.error()) return *e;
  auto moved = run_command(c.app.db, c.actor(), run);
  if (!moved) return moved.error();
  return case_response(c.app.db, *moved);
}

void add_move(
    Api& api, const char* action, Permission permission, TargetOf target,
    std::function<std::function<Result<cases::Case>(Command&)>(Call&, JsonInput&, long long)> read) {
  api.add(
      {"POST", std::string("/api/v1/cases/{id}/") + action, permission, std::move(target),
       [read](Call& c) { return move(c, [&](JsonInput& in, long long id) { return read(c, in, id); }); }});
}

}  // namespace

void add_cases_routes(Api& api) {
  api.add(
      {"GET", "/api/v1/cases", Permission::case_read, query_scope_target, [](Call& c) -> Result<Response> {
         cases::CaseQuery q;
         auto department = c.query_id("department_id");
         auto region = c.query_id("region_id");
         auto state = c.query_choice("state", cases::case_states());
         auto overdue = c.query_choice("overdue", {"true", "false"});
         auto held = c.query_choice("held", {"true", "false"});
         auto page = c.query_number("page", 1, 1, 100000);
         auto page_size = c.query_number("page_size", 50, 1, 200);
         for (const auto* s : {&state, &overdue, &held})
           if (!*s) return s->error();
         if (!page) return page.error();
         if (!page_size) return page_size.error();
         q.department_id = department.value();
         if (*region) {
           auto r = org::get_region(c.app.db, **region);
           if (!r) return r.error();
           q.filed_under = r->path;
         }
         q.state = *state;
         q.overdue_only = *overdue == std::optional<std::string>("true");
         // The place's own queue: what its service point (or the department) holds now.
         if (*held == std::optional<std::string>("true")) {
           if (q.department_id)
             q.held_by_department = q.department_id;
           else if (*region)
             q.held_by_region = **region;
         }
         q.page = static_cast<int>(*page);
         q.page_size = static_cast<int>(*page_size);
         return page_response(c.app.db, q);
       }});
  api.add({"GET", "/api/v1/cases/{id}", Permission::case_read, filed_target, [](Call& c) -> Result<Response> {
             auto k = case_of(c);
             if (!k) return k.error();
             return case_response(c.app.db, *k);
           }});
  api.add({"POST", "/api/v1/cases", Permission::case_file, filing_target,
           [](Call& c) { return file(c, false); }});

  add_move(api, "forward", Permission::case_forward, holder_target, [](Call& c, JsonInput& in, long long id) {
    std::string to = in.choice("to", {"town", "department"});
    std::string reason = in.optional_text("reason", 500).value_or("");
    return [&c, id, to, reason](Command& cmd) {
      return cases::forward_case(cmd, c.app.calendar, id, to, reason);
    };
  });
  add_move(api, "accept", Permission::case_handle, holder_target, [](Call& c, JsonInput&, long long id) {
    return [&c, id](Command& cmd) { return cases::accept_case(cmd, c.app.calendar, id); };
  });
  add_move(api, "refuse", Permission::case_handle, holder_target, [](Call&, JsonInput& in, long long id) {
    std::string reason = in.text("reason", 500);
    return [id, reason](Command& cmd) { return cases::refuse_case(cmd, id, reason); };
  });
  add_move(api, "notice-of-missing", Permission::case_handle, holder_target,
           [](Call&, JsonInput& in, long long id) -> std::function<Result<cases::Case>(Command&)> {
             auto missing = read_missing(in);
             if (!missing) {
               in.fail(missing.error());
               return nullptr;
             }
             return [id, list = *missing](Command& cmd) { return cases::notify_missing(cmd, id, list); };
           });
  add_move(api, "supplement", Permission::case_handle, holder_target, [](Call& c, JsonInput&, long long id) {
    return [&c, id](Command& cmd) { return cases::supplement_case(cmd, c.app.calendar, id); };
  });
  add_move(api, "review", Permission::case_handle, holder_target, [](Call&, JsonInput&, long long id) {
    return [id](Command& cmd) { return cases::start_review(cmd, id); };
  });
  add_move(api, "decide", Permission::case_handle, holder_target, [](Call&, JsonInput& in, long long id) {
    std::string decision = in.choice("decision", {"approved", "rejected"});
    std::string reason = in.optional_text("reason", 500).value_or("");
    return [id, decision, reason](Command& cmd) { return cases::decide_case(cmd, id, decision, reason); };
  });
  add_move(api, "complete", Permission::case_handle, holder_target, [](Call&, JsonInput& in, long long id) {
    std::string delivery = in.choice("delivery", cases::deliveries());
    return [id, delivery](Command& cmd) { return cases::complete_case(cmd, id, delivery); };
  });
  // The answer to a rating of 1 or 2, by the department that holds the completed case.
  add_move(api, "follow-up", Permission::case_handle, holder_target, [](Call&, JsonInput& in, long long id) {
    std::string answer = in.text("answer", 1000);
    return [id, answer](Command& cmd) -> Result<cases::Case> {
      auto answered = cases::answer_follow_up(cmd, id, answer);
      if (!answered) return answered.error();
      return cases::get_case(cmd.sql(), id);
    };
  });
  add_move(api, "withdraw", Permission::case_file, filed_target, [](Call&, JsonInput& in, long long id) {
    std::string reason = in.optional_text("reason", 500).value_or("申请人要求撤回");
    return [id, reason](Command& cmd) { return cases::withdraw_case(cmd, id, reason, std::nullopt); };
  });

  // A citizen's own cases.
  api.add({"GET", "/api/v1/my/cases", Permission::case_apply, nullptr, [](Call& c) -> Result<Response> {
             cases::CaseQuery q;
             q.applicant_account_id = c.principal->account.id;
             q.page_size = 200;
             return page_response(c.app.db, q);
           }});
  // Someone else's case is not found rather than forbidden: ids must not tell a citizen which cases exist.
  api.add({"GET", "/api/v1/my/cases/{id}", Permission::case_apply, nullptr, [](Call& c) -> Result<Response> {
             auto k = case_of(c);
             if (!k) return k.error();
             if (k->applicant_account_id != c.principal->account.id)
               return Error::not_found("case.not_found", "找不到该办件");
             return case_response(c.app.db, *k);
           }});
  api.add(
      {"POST", "/api/v1/my/cases", Permission::case_apply, nullptr, [](Call& c) { return file(c, true); }});
  api.add({"POST", "/api/v1/my/cases/{id}/withdraw", Permission::case_apply, nullptr,
           [](Call& c) -> Result<Response> {
             return move(c, [&](JsonInput& in, long long id) {
               std::string reason = in.optional_text("reason", 500).value_or("申请人要求撤回");
               long long me = c.principal->account.id;
               return [id, reason, me](Command& cmd) { return cases::withdraw_case(cmd, id, reason, me); };
             });
           }});

  // Tracking by the public number and the last four digits of the applicant's phone; rate-limited like a
  // login, since the four digits are a small secret.
  Route track{
      "GET", "/api/v1/case-tracking", Permission::public_read, nullptr, [](Call& c) -> Result<Response> {
        auto no = c.query_text("case_no", 32);
        auto last4 = c.query_text("phone_last4", 4);
        if (!no) return no.error();
        if (!last4) return last4.error();
        if (!*no) return Error::invalid("field.required", "请输入办件编号", "case_no");
        if (!*last4) return Error::invalid("field.required", "请输入手机号后四位", "phone_last4");
        if ((*last4)->size() != 4 ||
            !std::all_of((*last4)->begin(), (*last4)->end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
          return Error::invalid("field.invalid", "手机号后四位应为 4 位数字", "phone_last4");
        if (auto guarded = c.guard_tracking("case", **no); !guarded) return guarded.error();
        auto k = cases::track_case(c.app.db, **no, **last4);
        if (!k) return k.error();
        auto j = cases::to_public_json(*k, china_today());
        add_story(c.app.db, *k, j);
        for (auto& h : j["history"]) h.erase("event_id");
        return Response::json(200, j);
      }};
  track.rate = RateClass::login;
  api.add(std::move(track));
}

}  // namespace fishbowl::http
