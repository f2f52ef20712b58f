// The closed loop of a ticket: the center's acceptance, dispatch, completion and callback; the assignee's
// claim, return, notes, extension and reply; escalation.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "hotline/internal.h"
#include "org/org.h"

namespace fishbowl::hotline {

namespace {

constexpr int kMaxExtensionDays = 20;

Error wrong_state(const Ticket& t, const char* action) {
  static const std::map<std::string, std::string> labels{
      {"received", "待受理"},         {"accepted", "已受理待派单"}, {"rejected", "不予受理"},
      {"dispatched", "已派单待签收"}, {"claimed", "办理中"},        {"replied", "已答复"},
      {"completed", "已办结"},        {"closed", "已回访"}};
  auto it = labels.find(t.state);
  return Error::conflict("ticket.wrong_state",
                         fmt::format("该诉求{}，不能{}", it == labels.end() ? t.state : it->second, action));
}

// Loads the ticket and checks that it is in one of `from`.
Result<Ticket> in_state(Command& cmd, long long id, std::initializer_list<const char*> from,
                        const char* action) {
  auto t = detail::get(cmd.sql(), id);
  if (!t) return t;
  for (const char* s : from)
    if (t->state == s) return t;
  return wrong_state(*t, action);
}

Status required(const std::string& text, const char* field, const char* what) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return Error::invalid("field.required", fmt::format("请填写{}", what), field);
  return ok_status();
}

// Saves, records the step and answers with the ticket as it now stands.
Result<Ticket> done(Command& cmd, Ticket& t, const std::string& step, const std::string& note,
                    nlohmann::json payload = nlohmann::json::object()) {
  if (auto s = detail::save(cmd, t); !s) return s.error();
  detail::record_step(cmd, t, step, note, std::move(payload));
  return detail::get(cmd.sql(), t.id);
}

void start_clock(Command& cmd, const WorkCalendar& cal, Ticket& t) {
  auto d = detail::deadline_of(cmd.sql(), t.kind);
  t.due_at = d ? due_after(cmd.now(), d->amount, d->unit, cal) : "";
  t.escalated = false;
  t.extension_days = 0;
  t.extension_reason.clear();
  t.extension_by.reset();
}

}  // namespace

Result<Ticket> accept_ticket(Command& cmd, long long id) {
  auto t = in_state(cmd, id, {"received"}, "受理");
  if (!t) return t;
  t->state = "accepted";
  return done(cmd, *t, "accepted", "");
}

Result<Ticket> reject_ticket(Command& cmd, long long id, const std::string& reason) {
  if (auto s = required(reason, "reason", "不予受理的理由"); !s) return s.error();
  auto t = in_state(cmd, id, {"received"}, "不予受理");
  if (!t) return t;
  t->state = "rejected";
  t->reply = reason;
  return done(cmd, *t, "rejected", reason);
}

Result<Ticket> answer_ticket(Command& cmd, long long id, const std::string& answer) {
  if (auto s = required(answer, "answer", "答复内容"); !s) return s.error();
  auto t = in_state(cmd, id, {"received", "accepted"}, "直接答复");
  if (!t) return t;
  t->state = "completed";
  t->reply = answer;
  t->replied_at = t->completed_at = cmd.now();
  return done(cmd, *t, "answered", answer, {{"reply", answer}});
}

Result<Ticket> dispatch_ticket(Command& cmd, const WorkCalendar& cal, long long id, const Dispatch& d) {
  auto& sql = cmd.sql();
  if (d.department_id.has_value() == d.region_id.has_value())
    return Error::invalid("ticket.invalid_assignee", "须指定承办部门或乡镇（二者之一）", "department_id");
  auto t = in_state(cmd, id, {"accepted"}, "派单");
  if (!t) return t;
  if (d.department_id) {
    auto dept = org::get_department(sql, *d.department_id);
    if (!dept) return Error::invalid("ticket.invalid_assignee", "承办部门不存在", "department_id");
    auto region = org::get_region(sql, dept->region_id);
    if (!region) return region.error();
    t->assignee_department_id = dept->id;
    t->assignee_region_id.reset();
    t->assignee_path = region->path;
  } else {
    auto town = org::get_region(sql, *d.region_id);
    if (!town || town->level != "town")
      return Error::invalid("ticket.invalid_assignee", "承办单位应为乡镇（街道）", "region_id");
    t->assignee_region_id = town->id;
    t->assignee_department_id.reset();
    t->assignee_path = town->path;
  }
  for (std::size_t i = 0; i < d.co_handlers.size(); ++i)
    if (!org::get_department(sql, d.co_handlers[i]) || d.co_handlers[i] == t->assignee_department_id)
      return Error::invalid("ticket.invalid_assignee", "协办部门不存在或与主办相同",
                            fmt::format("co_handlers[{}]", i));
  t->co_handlers = d.co_handlers;
  t->state = "dispatched";
  start_clock(cmd, cal, *t);
  return done(cmd, *t, "dispatched", d.note,
              {{"assignee_department_id",
                d.department_id ? nlohmann::json(*d.department_id) : nlohmann::json(nullptr)},
               {"assignee_region_id", d.region_id ? nlohmann::json(*d.region_id) : nlohmann::json(nullptr)},
               {"co_handlers", d.co_handlers},
               {"due_at", t->due_at}});
}

Result<Ticket> claim_ticket(Command& cmd, long long id) {
  auto t = in_state(cmd, id, {"dispatched"}, "签收");
  if (!t) return t;
  t->state = "claimed";
  return done(cmd, *t, "claimed", "");
}

Result<Ticket> return_ticket(Command& cmd, long long id, const std::string& reason) {
  if (auto s = required(reason, "reason", "退回的理由"); !s) return s.error();
  auto t = in_state(cmd, id, {"dispatched"}, "退回");
  if (!t) return t;
  t->state = "accepted";
  t->assignee_department_id.reset();
  t->assignee_region_id.reset();
  t->assignee_path.clear();
  t->co_handlers.clear();
  t->due_at.clear();
  return done(cmd, *t, "returned", reason);
}

Result<Ticket> note_ticket(Command& cmd, long long id, const std::string& note) {
  if (auto s = required(note, "note", "办理情况"); !s) return s.error();
  auto t = in_state(cmd, id, {"claimed"}, "记录办理情况");
  if (!t) return t;
  return done(cmd, *t, "noted", note);
}

Result<Ticket> reply_ticket(Command& cmd, long long id, const std::string& reply) {
  if (auto s = required(reply, "reply", "答复内容"); !s) return s.error();
  auto t = in_state(cmd, id, {"claimed"}, "答复");
  if (!t) return t;
  t->state = "replied";
  t->reply = reply;
  t->replied_at = cmd.now();
  t->extension_days = 0;  // a request still waiting lapses with the reply
  // The step keeps the reply: a reopened ticket's first answer stays in its history.
  return done(cmd, *t, "replied", reply, {{"reply", reply}, {"late", is_late(*t, cmd.now())}});
}

Result<Ticket> complete_ticket(Command& cmd, long long id) {
  auto t = in_state(cmd, id, {"replied"}, "办结");
  if (!t) return t;
  t->state = "completed";
  t->completed_at = cmd.now();
  return done(cmd, *t, "completed", "");
}

Result<Ticket> call_back_ticket(Command& cmd, long long id, const std::string& satisfaction,
                                const std::string& note) {
  const auto& allowed = satisfactions();
  if (std::find(allowed.begin(), allowed.end(), satisfaction) == allowed.end())
    return Error::invalid("field.invalid", "满意度应为满意、基本满意或不满意", "satisfaction");
  auto t = in_state(cmd, id, {"completed"}, "回访");
  if (!t) return t;
  t->state = "closed";
  t->satisfaction = satisfaction;
  t->callback_note = note;
  return done(cmd, *t, "called_back", note, {{"satisfaction", satisfaction}});
}

Result<Ticket> reopen_ticket(Command& cmd, const WorkCalendar& cal, long long id, const std::string& reason) {
  if (auto s = required(reason, "reason", "重办的理由"); !s) return s.error();
  auto t = in_state(cmd, id, {"closed"}, "重办");
  if (!t) return t;
  if (t->satisfaction != "unsatisfied")
    return Error::conflict("ticket.not_unsatisfied", "只有回访不满意的诉求才能重办");
  if (t->reopened) return Error::conflict("ticket.already_reopened", "该诉求已重办过一次");
  if (!t->assignee_department_id && !t->assignee_region_id) {
    // Answered at once by the center: back to the center, to be dispatched.
    t->state = "accepted";
    t->due_at.clear();
  } else {
    t->state = "dispatched";
    start_clock(cmd, cal, *t);
  }
  t->reopened = true;
  t->reply.clear();
  t->replied_at.clear();
  t->completed_at.clear();
  t->satisfaction.clear();
  t->callback_note.clear();
  return done(cmd, *t, "reopened", reason, {{"due_at", t->due_at}});
}

Result<Ticket> request_extension(Command& cmd, long long id, int days, const std::string& reason) {
  if (days < 1 || days > kMaxExtensionDays)
    return Error::invalid("field.out_of_range", fmt::format("延期应为 1 至 {} 个工作日", kMaxExtensionDays),
                          "days");
  if (auto s = required(reason, "reason", "延期的理由"); !s) return s.error();
  auto t = in_state(cmd, id, {"claimed"}, "申请延期");
  if (!t) return t;
  if (t->extension_days) return Error::conflict("ticket.extension_pending", "已有延期申请待审批");
  t->extension_days = days;
  t->extension_reason = reason;
  t->extension_by = cmd.actor().account_id;
  return done(cmd, *t, "extension_requested", reason, {{"days", days}});
}

Result<Ticket> decide_extension(Command& cmd, const WorkCalendar& cal, long long id, bool approve,
                                const std::string& note) {
  auto t = in_state(cmd, id, {"claimed"}, approve ? "批准延期" : "驳回延期");
  if (!t) return t;
  if (!t->extension_days) return Error::conflict("ticket.no_extension", "没有待审批的延期申请");
  if (t->extension_by && t->extension_by == cmd.actor().account_id)
    return Error::conflict("ticket.self_approval", "不能审批自己提出的延期申请");
  int days = t->extension_days;
  if (approve) {
    // The extension runs from the current deadline's day.
    t->due_at = due_after(t->due_at, days, "working_days", cal);
  }
  t->extension_days = 0;
  t->extension_reason.clear();
  t->extension_by.reset();
  return done(cmd, *t, approve ? "extension_approved" : "extension_rejected", note,
              {{"days", days}, {"due_at", t->due_at}});
}

Result<Ticket> escalate_ticket(Command& cmd, long long id, int hours, const std::string& note) {
  if (hours < 1 || hours > 720)
    return Error::invalid("field.out_of_range", "督办时限应为 1 至 720 小时", "hours");
  if (auto s = required(note, "note", "督办意见"); !s) return s.error();
  auto t = in_state(cmd, id, {"dispatched", "claimed"}, "督办");
  if (!t) return t;
  std::string due = due_after(cmd.now(), hours, "hours", WorkCalendar::builtin());
  // A late ticket gets a new deadline from now; one still in time, only an earlier one.
  if (t->due_at > cmd.now() && due >= t->due_at)
    return Error::invalid("ticket.not_stricter", "督办时限应早于原办理时限", "hours");
  t->due_at = due;
  t->escalated = true;
  return done(cmd, *t, "escalated", note, {{"due_at", due}});
}

}  // namespace fishbowl::hotline
