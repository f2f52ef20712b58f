// Every move of a case after filing. Each one loads the case, checks that the move is allowed from its state
// and place, saves it on the condition that nobody moved it meanwhile, and records its event and message.
#include <fmt/format.h>

#include "cases/internal.h"
#include "org/org.h"

namespace fishbowl::cases {

namespace {

using detail::wrong_state;

// Loads the case, lets `move` change it (or refuse), then saves and reports it.
template <class F>
Result<Case> change(Command& cmd, long long id, F&& move) {
  auto loaded = get_case(cmd.sql(), id);
  if (!loaded) return loaded.error();
  Case c = loaded.value();
  if (auto moved = move(c); !moved) return moved.error();
  if (auto saved = detail::save(cmd, c, *loaded); !saved) return saved.error();
  return c;
}

Status at_department(const Case& c) {
  if (c.holder_department_id) return ok_status();
  return Error::conflict("case.not_at_department",
                         fmt::format("办件还在{}，尚未报送主管部门", c.holder_name));
}

// First-contact responsibility: whoever first takes the case in hand stays answerable for telling the
// applicant where it is (an online case has no filer, so its first contact is the first official who acts).
void take_first_contact(Command& cmd, Case& c) {
  if (!c.first_contact_id) c.first_contact_id = cmd.actor().account_id;
}

Status needs_reason(const std::string& reason, const char* what) {
  if (!reason.empty()) return ok_status();
  return Error::invalid("field.required", fmt::format("{}须说明理由", what), "reason");
}

}  // namespace

Result<Case> forward_case(Command& cmd, const WorkCalendar& cal, long long id, const std::string& to,
                          const std::string& reason) {
  std::string from_name;
  auto done = change(cmd, id, [&](Case& c) -> Status {
    if (c.state != "submitted") return wrong_state(c, "转报");
    if (c.holder_department_id)
      return Error::conflict("case.cannot_forward", "办件已在主管部门，无需再转报", "to");
    from_name = c.holder_name;
    if (to == "department") {
      auto owner = detail::department_region(cmd.sql(), c.department_id);
      if (!owner) return owner.error();
      c.holder_region_id = owner->id;
      c.holder_department_id = c.department_id;
      c.holder_level = owner->level;
    } else {
      auto here = org::get_region(cmd.sql(), c.holder_region_id);
      if (!here) return here.error();
      if (here->level != "village" || !here->parent_id)
        return Error::conflict("case.cannot_forward", "只有村便民服务室可以转报乡镇便民服务中心", "to");
      c.holder_region_id = *here->parent_id;
      c.holder_level = "town";
    }
    take_first_contact(cmd, c);
    c.stage_due = detail::stage_deadline(cal, c, detail::today_of(cmd));
    return ok_status();
  });
  if (!done) return done;
  detail::record(cmd, "case.forwarded", *done, {{"from", from_name}, {"note", reason}});
  detail::notify(cmd, *done, fmt::format("已由{}转至{}办理。", from_name, done->holder_name));
  return done;
}

Result<Case> accept_case(Command& cmd, const WorkCalendar& cal, long long id) {
  auto done = change(cmd, id, [&](Case& c) -> Status {
    if (c.state != "submitted") return wrong_state(c, "受理");
    if (auto here = at_department(c); !here) return here;
    c.state = "accepted";
    // The promised time runs from acceptance; the department's stage is that whole time.
    c.due_date = format_date(cal.add_working_days(detail::today_of(cmd), c.promised_days));
    c.stage_due = c.due_date;
    take_first_contact(cmd, c);
    return ok_status();
  });
  if (!done) return done;
  detail::record(cmd, "case.accepted", *done);
  detail::notify(cmd, *done, fmt::format("已受理，承诺于 {} 前办结。", done->due_date));
  return done;
}

Result<Case> refuse_case(Command& cmd, long long id, const std::string& reason) {
  auto done = change(cmd, id, [&](Case& c) -> Status {
    if (c.state != "submitted") return wrong_state(c, "作出不予受理决定");
    if (auto here = at_department(c); !here) return here;
    if (auto r = needs_reason(reason, "不予受理"); !r) return r;
    c.state = "refused";
    c.reason = reason;
    take_first_contact(cmd, c);
    return ok_status();
  });
  if (!done) return done;
  detail::record(cmd, "case.refused", *done, {{"note", reason}});
  detail::notify(cmd, *done, fmt::format("不予受理，理由：{}", reason));
  return done;
}

Result<Case> notify_missing(Command& cmd, long long id, const std::vector<std::string>& missing) {
  auto done = change(cmd, id, [&](Case& c) -> Status {
    if (c.state != "submitted" && c.state != "accepted" && c.state != "in_review")
      return wrong_state(c, "发出补正告知");
    if (auto here = at_department(c); !here) return here;
    // 一次性告知: everything missing goes into one notice, so a second one is refused.
    if (!c.missing.empty())
      return Error::conflict("case.notice_already_given", "该办件已发出过一次性告知，不能再次要求补正",
                             "missing");
    if (missing.empty() || missing.size() > 30)
      return Error::invalid("field.out_of_range", "须列明全部缺少的材料（1 至 30 项）", "missing");
    c.missing = missing;
    c.resume_state = c.state;
    c.state = "awaiting_supplement";
    c.paused_since = format_date(detail::today_of(cmd));
    take_first_contact(cmd, c);
    return ok_status();
  });
  if (!done) return done;
  std::string list;
  for (const auto& m : missing) list += (list.empty() ? "" : "、") + m;
  detail::record(cmd, "case.notice_of_missing_sent", *done, {{"missing", missing}});
  detail::notify(cmd, *done, fmt::format("需补正以下材料：{}。补齐后继续办理，等待期间不计时。", list));
  return done;
}

Result<Case> supplement_case(Command& cmd, const WorkCalendar& cal, long long id) {
  auto done = change(cmd, id, [&](Case& c) -> Status {
    if (c.state != "awaiting_supplement") return wrong_state(c, "登记补正材料");
    c.state = c.resume_state;
    c.resume_state.clear();
    detail::resume_clock(cal, c, detail::today_of(cmd));
    return ok_status();
  });
  if (!done) return done;
  detail::record(cmd, "case.supplemented", *done);
  detail::notify(cmd, *done, "补正材料已收到，继续办理。");
  return done;
}

Result<Case> start_review(Command& cmd, long long id) {
  auto done = change(cmd, id, [&](Case& c) -> Status {
    if (c.state != "accepted") return wrong_state(c, "开始审查");
    c.state = "in_review";
    return ok_status();
  });
  if (!done) return done;
  detail::record(cmd, "case.review_started", *done);
  return done;
}

Result<Case> decide_case(Command& cmd, long long id, const std::string& decision, const std::string& reason) {
  auto done = change(cmd, id, [&](Case& c) -> Status {
    if (c.state != "accepted" && c.state != "in_review") return wrong_state(c, "作出决定");
    if (decision == "rejected")
      if (auto r = needs_reason(reason, "不予批准"); !r) return r;
    c.state = "decided";
    c.decision = decision;
    c.reason = reason;
    return ok_status();
  });
  if (!done) return done;
  detail::record(cmd, "case.decided", *done, {{"decision", decision}, {"note", reason}});
  detail::notify(cmd, *done,
                 decision == "approved" ? std::string("已审批通过，结果将尽快送达。")
                                        : fmt::format("审批未通过，理由：{}", reason));
  return done;
}

Result<Case> complete_case(Command& cmd, long long id, const std::string& delivery) {
  auto done = change(cmd, id, [&](Case& c) -> Status {
    if (c.state != "decided") return wrong_state(c, "办结");
    c.state = "completed";
    return ok_status();
  });
  if (!done) return done;
  detail::record(cmd, "case.completed", *done, {{"delivery", delivery}});
  detail::notify(cmd, *done, fmt::format("已办结，结果通过{}交付。欢迎对本次服务作出评价。", delivery));
  return done;
}

Result<Case> withdraw_case(Command& cmd, long long id, const std::string& reason,
                           std::optional<long long> by_account) {
  auto done = change(cmd, id, [&](Case& c) -> Status {
    if (by_account && c.applicant_account_id != by_account) return detail::not_found();
    if (!is_open(c.state)) return wrong_state(c, "撤回");
    c.state = "withdrawn";
    c.reason = reason;
    c.paused_since.clear();
    return ok_status();
  });
  if (!done) return done;
  detail::record(cmd, "case.withdrawn", *done, {{"note", reason}});
  detail::notify(cmd, *done, "已按您的要求撤回。");
  return done;
}

}  // namespace fishbowl::cases
