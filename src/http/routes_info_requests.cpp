// Routes of information requests (依申请公开): filing online or at a desk, the applicant's tracking, and the
// organ's handling.
#include "core/json_input.h"
#include "disclosure/requests.h"
#include "http/api.h"
#include "http/disclosure_input.h"
#include "org/org.h"

namespace fishbowl::http {

namespace {

using auth::Permission;
using auth::Target;
using disclosure::InfoRequest;

Result<InfoRequest> request_of(Call& c) {
  auto id = c.id("id", "info_request");
  if (!id) return id.error();
  return disclosure::get_info_request(c.app.db, *id);
}

// A request lies with the organ asked.
Result<Target> request_target(Call& c) {
  auto r = request_of(c);
  if (!r) return r.error();
  return Target{r->region_path, r->department_id};
}

// The request as filing takes it, online or at a desk.
Result<disclosure::InfoRequestInput> read_filing(JsonInput& in) {
  disclosure::InfoRequestInput r;
  r.department_id = in.optional_id("department_id");
  r.region_id = in.optional_id("region_id");
  const auto* applicant = in.raw("applicant");
  if (!applicant || !applicant->is_object()) {
    in.fail(applicant ? Error::invalid("field.wrong_type", "字段 applicant 应为对象", "applicant")
                      : Error::invalid("field.required", "缺少必填字段 applicant", "applicant"));
  } else {
    JsonInput a(*applicant);
    r.applicant.type = a.choice("type", disclosure::applicant_types());
    r.applicant.name = a.text("name", 100);
    r.applicant.id_number = a.text("id_number", 18);
    r.applicant.contact_name = a.optional_text("contact_name", 32).value_or("");
    r.applicant.phone = a.text("phone", 20);
    r.applicant.address = a.optional_text("address", 200).value_or("");
    r.applicant.email = a.optional_text("email", 100).value_or("");
    if (auto e = a.error()) {
      e->field = "applicant." + e->field;
      in.fail(*e);
    }
  }
  r.description = in.text("description", 2000);
  r.delivery = in.choice("delivery", disclosure::request_deliveries());
  if (auto e = in.error()) return *e;
  if (!r.department_id && !r.region_id)
    return Error::invalid("field.required", "须指明受理机关：department_id 或 region_id", "department_id");
  if (r.department_id && r.region_id)
    return Error::invalid("field.invalid", "department_id 与 region_id 只能给出一个", "region_id");
  return r;
}

Response filed_response(const disclosure::Filed& f, bool desk) {
  Date today = china_today();
  auto j = desk ? disclosure::to_json(f.request, today) : disclosure::to_applicant_json(f.request, today);
  j["access_code"] = f.access_code;
  return Response::json(201, j);
}

Result<Response> file(Call& c, bool desk) {
  auto body = c.json();
  if (!body) return body.error();
  JsonInput in(*body);
  std::string channel = "online", received_on;
  if (desk) {
    channel = in.choice("channel", {"letter", "in_person"});
    received_on = in.optional_text("received_on", 10).value_or("");
  }
  auto r = read_filing(in);
  if (!r) return r.error();
  r->channel = channel;
  r->received_on = received_on;
  if (!desk && c.principal) r->account_id = c.principal->account.id;
  auto filed = run_command(c.app.db, c.actor(), [&](Command& cmd) {
    return disclosure::file_info_request(cmd, c.app.calendar, *r);
  });
  if (!filed) return filed.error();
  return filed_response(*filed, desk);
}

// Runs one change read from the body by `read`, which returns the command to run, and answers with the
// organ's view of the request.
using Change = std::function<Result<InfoRequest>(Command&)>;
using ChangeReader = std::function<Change(JsonInput&, long long, const WorkCalendar&)>;
Route change_route(const char* action, Permission permission, ChangeReader read) {
  return {"POST", std::string("/api/v1/info-requests/{id}/") + action, permission, request_target,
          [read](Call& c) -> Result<Response> {
            auto id = c.id("id", "info_request");
            if (!id) return id.error();
            auto body = c.req.body.empty() ? Result<nlohmann::json>(nlohmann::json::object()) : c.json();
            if (!body) return body.error();
            JsonInput in(*body);
            auto run = read(in, *id, c.app.calendar);
            if (auto e = in.error()) return *e;
            auto changed = run_command(c.app.db, c.actor(), run);
            if (!changed) return changed.error();
            return Response::json(200, disclosure::to_json(*changed, china_today()));
          }};
}

Result<Response> list(Call& c, std::optional<long long> account) {
  disclosure::InfoRequestQuery q;
  auto department = c.query_id("department_id");
  auto region = c.query_id("region_id");
  auto state = c.query_choice("state", disclosure::request_states());
  auto overdue = c.query_choice("overdue", {"true", "false"});
  auto page = c.query_number("page", 1, 1, 100000);
  auto size = c.query_number("page_size", 20, 1, 100);
  if (!department) return department.error();
  if (!region) return region.error();
  if (!state) return state.error();
  if (!overdue) return overdue.error();
  if (!page) return page.error();
  if (!size) return size.error();
  q.department_id = *department;
  if (*region) {
    auto r = org::get_region(c.app.db, **region);
    if (!r) return Error::invalid("region.not_found", "行政区划不存在", "region_id");
    q.region_path = r->path;
  }
  q.account_id = account;
  q.state = *state;
  q.overdue_only = *overdue == std::optional<std::string>("true");
  q.page = static_cast<int>(*page);
  q.page_size = static_cast<int>(*size);
  Date today = china_today();
  auto found = disclosure::list_info_requests(c.app.db, q, today);
  if (!found) return found.error();
  auto items = nlohmann::json::array();
  for (const auto& r : found->items) {
    auto j = account ? disclosure::to_applicant_json(r, today) : disclosure::to_json(r, today);
    j.erase("steps");  // lists show where each stands; the page of each holds its history
    items.push_back(std::move(j));
  }
  return Response::json(
      200, {{"items", items}, {"total", found->total}, {"page", q.page}, {"page_size", q.page_size}});
}

}  // namespace

void add_info_request_routes(Api& api) {
  api.add(Route::public_cached("/api/v1/info-requests/results", [](Call&) -> Result<Response> {
    auto items = nlohmann::json::array();
    for (const auto& r : disclosure::reply_results()) {
      auto reasons = nlohmann::json::array();
      for (const auto& reason : r.reasons)
        reasons.push_back({{"code", reason.code}, {"label", reason.label}});
      items.push_back({{"code", r.code}, {"label", r.label}, {"reasons", reasons}});
    }
    return Response::json(200, {{"items", items}});
  }));
  api.add({"POST", "/api/v1/info-requests", Permission::public_read, nullptr,
           [](Call& c) { return file(c, false); }});
  api.add({"POST", "/api/v1/info-requests/recorded", Permission::info_request_handle, body_organ_target,
           [](Call& c) { return file(c, true); }});

  // The applicant follows the request with its tracking number and access code; a wrong pair is not found.
  api.add({"POST", "/api/v1/info-requests/track", Permission::public_read, nullptr,
           [](Call& c) -> Result<Response> {
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             std::string no = in.text("tracking_no", 40), code = in.text("access_code", 20);
             if (auto e = in.error()) return *e;
             auto r = disclosure::track_info_request(c.app.db, no, code);
             if (!r) return r.error();
             return Response::json(200, disclosure::to_applicant_json(*r, china_today()));
           }});
  api.add({"POST", "/api/v1/info-requests/track/supplement", Permission::public_read, nullptr,
           [](Call& c) -> Result<Response> {
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             std::string no = in.text("tracking_no", 40), code = in.text("access_code", 20);
             std::string text = in.text("text", 2000);
             if (auto e = in.error()) return *e;
             auto r = disclosure::track_info_request(c.app.db, no, code);
             if (!r) return r.error();
             auto changed = run_command(c.app.db, c.actor(), [&](Command& cmd) {
               return disclosure::receive_supplement(cmd, c.app.calendar, r->id, text, "");
             });
             if (!changed) return changed.error();
             return Response::json(200, disclosure::to_applicant_json(*changed, china_today()));
           }});
  api.add({"GET", "/api/v1/info-requests/mine", Permission::signed_in, nullptr,
           [](Call& c) { return list(c, c.principal->account.id); }});

  api.add({"GET", "/api/v1/info-requests", Permission::info_request_read, query_scope_target,
           [](Call& c) { return list(c, std::nullopt); }});
  api.add({"GET", "/api/v1/info-requests/{id}", Permission::info_request_read, request_target,
           [](Call& c) -> Result<Response> {
             auto r = request_of(c);
             if (!r) return r.error();
             return Response::json(200, disclosure::to_json(*r, china_today()));
           }});

  api.add(change_route("supplement-request", Permission::info_request_handle,
                       [](JsonInput& in, long long id, const WorkCalendar& cal) -> Change {
                         std::string notice = in.text("notice", 2000);
                         std::string by = in.optional_text("supplement_by", 10).value_or("");
                         return [id, notice, by, &cal](Command& cmd) {
                           return disclosure::request_supplement(cmd, cal, id, notice, by);
                         };
                       }));
  api.add(change_route("supplement", Permission::info_request_handle,
                       [](JsonInput& in, long long id, const WorkCalendar& cal) -> Change {
                         std::string text = in.text("text", 2000);
                         std::string on = in.optional_text("received_on", 10).value_or("");
                         return [id, text, on, &cal](Command& cmd) {
                           return disclosure::receive_supplement(cmd, cal, id, text, on);
                         };
                       }));
  api.add(change_route("consultation", Permission::info_request_handle,
                       [](JsonInput& in, long long id, const WorkCalendar&) -> Change {
                         std::string party = in.text("party", 200);
                         std::string on = in.optional_text("sent_on", 10).value_or("");
                         return [id, party, on](Command& cmd) {
                           return disclosure::start_consultation(cmd, id, party, on);
                         };
                       }));
  api.add(change_route("consultation/close", Permission::info_request_handle,
                       [](JsonInput& in, long long id, const WorkCalendar& cal) -> Change {
                         std::string opinion = in.text("opinion", 2000);
                         std::string on = in.optional_text("received_on", 10).value_or("");
                         return [id, opinion, on, &cal](Command& cmd) {
                           return disclosure::close_consultation(cmd, cal, id, opinion, on);
                         };
                       }));
  api.add(change_route("extension", Permission::info_request_handle,
                       [](JsonInput& in, long long id, const WorkCalendar&) -> Change {
                         int days = static_cast<int>(in.integer("days", 1, disclosure::kMaxExtensionDays));
                         std::string reason = in.text("reason", 500);
                         return [id, days, reason](Command& cmd) {
                           return disclosure::request_extension(cmd, id, days, reason);
                         };
                       }));
  api.add(change_route("extension/approve", Permission::info_request_approve,
                       [](JsonInput& in, long long id, const WorkCalendar& cal) -> Change {
                         std::string notice = in.optional_text("notice", 2000).value_or("");
                         return [id, notice, &cal](Command& cmd) {
                           return disclosure::approve_extension(cmd, cal, id, notice);
                         };
                       }));
  api.add(change_route("extension/reject", Permission::info_request_approve,
                       [](JsonInput& in, long long id, const WorkCalendar&) -> Change {
                         std::string note = in.text("note", 500);
                         return
                             [id, note](Command& cmd) { return disclosure::reject_extension(cmd, id, note); };
                       }));
  // A reply's letter may run to 20,000 characters.
  Route reply =
      change_route("reply", Permission::info_request_handle,
                   [](JsonInput& in, long long id, const WorkCalendar&) -> Change {
                     disclosure::ReplyInput r;
                     r.result = in.choice("result", [] {
                       std::vector<std::string> codes;
                       for (const auto& x : disclosure::reply_results()) codes.push_back(x.code);
                       return codes;
                     }());
                     r.reason = in.optional_text("reason", 60).value_or("");
                     r.letter = in.text("letter", 20000);
                     auto documents = read_attachment_refs(in, "documents");
                     if (!documents) {
                       in.fail(documents.error());
                       return nullptr;
                     }
                     r.documents = std::move(documents).value();
                     return [id, r](Command& cmd) { return disclosure::reply_info_request(cmd, id, r); };
                   });
  reply.max_body = 256 * 1024;
  api.add(std::move(reply));
  api.add(change_route("delivery", Permission::info_request_handle,
                       [](JsonInput& in, long long id, const WorkCalendar&) -> Change {
                         disclosure::DeliveryInput d;
                         d.method = in.choice("method", disclosure::request_deliveries());
                         d.on = in.optional_text("delivered_on", 10).value_or("");
                         d.tracking_no = in.optional_text("tracking_no", 40).value_or("");
                         d.note = in.optional_text("note", 500).value_or("");
                         return [id, d](Command& cmd) { return disclosure::record_delivery(cmd, id, d); };
                       }));
}

}  // namespace fishbowl::http
