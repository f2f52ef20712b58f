// The changes of an information request after filing: the supplement, the consultation, the extension and the
// reply. Each loads the request, checks the move, writes it (provided nobody changed it meanwhile), adds the
// step to its history and records its event.
#include <fmt/format.h>

#include <map>

#include "disclosure/internal.h"
#include "disclosure/request_internal.h"
#include "services/attachments.h"

namespace fishbowl::disclosure {

using detail::add_step;
using detail::record_request;
using detail::tell_applicant;

namespace {

constexpr std::size_t kMaxReplyDocuments = 20;

Error wrong_state(const InfoRequest& r, const char* action) {
  static const std::map<std::string, std::string> labels{{"received", "正在办理"},
                                                         {"awaiting_supplement", "等待补正"},
                                                         {"consulting", "正在征求意见"},
                                                         {"replied", "已答复"}};
  auto it = labels.find(r.state);
  return Error::conflict("info_request.wrong_state",
                         fmt::format("该申请{}，不能{}", it == labels.end() ? r.state : it->second, action));
}

// A day staff give for something that happened on paper: empty means today; otherwise a date between
// `earliest` and today.
Result<std::string> given_day(const std::string& text, const std::string& earliest, Date today,
                              const char* field) {
  if (text.empty()) return format_date(today);
  auto d = parse_date(text);
  if (!d || text < earliest || *d > today)
    return Error::invalid("info_request.invalid_date",
                          fmt::format("日期应在 {} 至 {} 之间", earliest, format_date(today)), field);
  return text;
}

// The day of the newest step of this kind.
std::string last_step_on(const InfoRequest& r, const std::string& kind) {
  for (auto it = r.steps.rbegin(); it != r.steps.rend(); ++it)
    if (it->kind == kind) return it->on;
  return r.received_on;
}

// Writes the request's mutable columns, provided nobody changed it since it was read.
Status save(Command& cmd, InfoRequest& r) {
  std::string was = r.updated_at;
  r.updated_at = cmd.now();
  std::string documents = services::refs_json(r.reply_documents).dump();
  soci::indicator by_ind = r.extension_requested_by ? soci::i_ok : soci::i_null;
  long long by = r.extension_requested_by.value_or(0);
  int supplement = r.supplement_requested ? 1 : 0;
  soci::statement st =
      (cmd.sql().prepare
           << "UPDATE info_requests SET clock_start = :cs, due_on = :du, state = :s, paused_since = :ps, "
              "paused_days = :pd, supplement_requested = :sr, supplement_by = :sb, extension_days = :ed, "
              "extension_requested_days = :erd, extension_requested_by = :erb, result = :re, reason = :rs, "
              "reply_letter = :rl, reply_documents = :rd, replied_on = :ro, updated_at = :u "
              "WHERE id = :id AND updated_at = :was",
       soci::use(r.clock_start), soci::use(r.due_on), soci::use(r.state), soci::use(r.paused_since),
       soci::use(r.paused_days), soci::use(supplement), soci::use(r.supplement_by),
       soci::use(r.extension_days), soci::use(r.extension_requested_days), soci::use(by, by_ind),
       soci::use(r.result), soci::use(r.reason), soci::use(r.reply_letter), soci::use(documents),
       soci::use(r.replied_on), soci::use(r.updated_at), soci::use(r.id), soci::use(was));
  st.execute(true);
  if (st.get_affected_rows() != 1)
    return Error::conflict("info_request.changed", "该申请刚被他人处理，请刷新后再试");
  return ok_status();
}

// Loads, applies `change` (which checks and edits the request, or fails), saves, and returns the request as
// stored with its new step.
template <class F>
Result<InfoRequest> change(Command& cmd, long long id, F&& change) {
  auto loaded = get_info_request(cmd.sql(), id);
  if (!loaded) return loaded;
  InfoRequest r = std::move(loaded).value();
  if (auto ok = change(r); !ok) return ok.error();
  if (auto ok = save(cmd, r); !ok) return ok.error();
  return get_info_request(cmd.sql(), id);
}

}  // namespace

Result<InfoRequest> request_supplement(Command& cmd, const WorkCalendar& cal, long long id,
                                       const std::string& notice, const std::string& supplement_by) {
  Date today = detail::today_of(cmd);
  return change(cmd, id, [&](InfoRequest& r) -> Status {
    if (r.state != "received") return wrong_state(r, "要求补正");
    if (r.supplement_requested)
      return Error::conflict("info_request.supplement_already_requested", "补正只能一次性告知，已告知过");
    Date last = cal.add_working_days(*parse_date(r.received_on), kSupplementWithinDays);
    if (today > last)
      return Error::conflict("info_request.supplement_too_late",
                             fmt::format("应在收到申请之日起 {} 个工作日内（{} 前）一次性告知补正",
                                         kSupplementWithinDays, format_date(last)));
    std::string by = format_date(cal.add_working_days(today, kSupplementAllowedDays));
    if (!supplement_by.empty()) {
      auto d = parse_date(supplement_by);
      if (!d || *d <= today)
        return Error::invalid("info_request.invalid_date", "补正期限应为今天之后的日期", "supplement_by");
      by = supplement_by;
    }
    r.state = "awaiting_supplement";
    r.supplement_requested = true;
    // The clock stands: an extension asked for under it lapses.
    r.extension_requested_days = 0;
    r.extension_requested_by.reset();
    r.supplement_by = by;
    add_step(cmd, r, "supplement_requested", format_date(today), notice);
    record_request(cmd, "info_request.supplement_requested", r, {{"supplement_by", by}});
    tell_applicant(cmd, r, fmt::format("需要补正，请于 {} 前补正，补正通知可凭查询码查看。", by));
    return ok_status();
  });
}

Result<InfoRequest> receive_supplement(Command& cmd, const WorkCalendar& cal, long long id,
                                       const std::string& text, const std::string& received_on) {
  Date today = detail::today_of(cmd);
  return change(cmd, id, [&](InfoRequest& r) -> Status {
    if (r.state != "awaiting_supplement") return wrong_state(r, "接收补正");
    auto day = given_day(received_on, last_step_on(r, "supplement_requested"), today, "received_on");
    if (!day) return day.error();
    // Article 33: the reply is due counting from the day the supplemented request arrived.
    r.state = "received";
    r.clock_start = *day;
    r.supplement_by.clear();
    // A new period: what paused or extended the old one does not carry over.
    r.paused_days = 0;
    r.extension_days = 0;
    detail::refresh_due(cal, r);
    add_step(cmd, r, "supplement_received", *day, text);
    record_request(cmd, "info_request.supplement_received", r, {{"clock_start", r.clock_start}},
                   {{"supplement", text}});
    tell_applicant(cmd, r, fmt::format("已收到补正，答复期限至 {}。", r.due_on));
    return ok_status();
  });
}

Result<InfoRequest> start_consultation(Command& cmd, long long id, const std::string& party,
                                       const std::string& sent_on) {
  Date today = detail::today_of(cmd);
  return change(cmd, id, [&](InfoRequest& r) -> Status {
    if (r.state != "received") return wrong_state(r, "征求意见");
    // Not before the clock started, nor inside an earlier consultation, whose days are already paused.
    std::string earliest = std::max(r.clock_start, last_step_on(r, "consultation_closed"));
    auto day = given_day(sent_on, earliest, today, "sent_on");
    if (!day) return day.error();
    if (*day > r.due_on)
      return Error::invalid("info_request.invalid_date", "征求意见应在答复期限内发出", "sent_on");
    r.state = "consulting";
    r.paused_since = *day;
    add_step(cmd, r, "consultation_started", *day, party);
    record_request(cmd, "info_request.consultation_started", r, {{"paused_since", *day}}, {{"party", party}});
    return ok_status();
  });
}

Result<InfoRequest> close_consultation(Command& cmd, const WorkCalendar& cal, long long id,
                                       const std::string& opinion, const std::string& received_on) {
  Date today = detail::today_of(cmd);
  return change(cmd, id, [&](InfoRequest& r) -> Status {
    if (r.state != "consulting") return wrong_state(r, "结束征求意见");
    auto day = given_day(received_on, r.paused_since, today, "received_on");
    if (!day) return day.error();
    int paused = cal.working_days_between(*parse_date(r.paused_since), *parse_date(*day));
    r.paused_days += paused;
    r.paused_since.clear();
    r.state = "received";
    detail::refresh_due(cal, r);
    add_step(cmd, r, "consultation_closed", *day, opinion);
    record_request(cmd, "info_request.consultation_closed", r, {{"paused_days", paused}},
                   {{"opinion", opinion}});
    return ok_status();
  });
}

namespace {

Status check_extension_time(const InfoRequest& r, Date today) {
  if (r.state != "received" && r.state != "consulting") return wrong_state(r, "延长答复期限");
  // While consulting the due day has not yet moved by the paused days, so it is not yet known to be past.
  if (r.state == "received" && format_date(today) > r.due_on)
    return Error::conflict("info_request.extension_too_late",
                           fmt::format("答复期限 {} 已过，不能再延长", r.due_on));
  return ok_status();
}

}  // namespace

Result<InfoRequest> request_extension(Command& cmd, long long id, int days, const std::string& reason) {
  Date today = detail::today_of(cmd);
  return change(cmd, id, [&](InfoRequest& r) -> Status {
    if (auto ok = check_extension_time(r, today); !ok) return ok;
    if (r.extension_days > 0)
      return Error::conflict("info_request.already_extended", "答复期限只能延长一次，已延长过");
    if (r.extension_requested_days > 0)
      return Error::conflict("info_request.extension_pending", "已有待批准的延期申请");
    if (days < 1 || days > kMaxExtensionDays)
      return Error::invalid("field.out_of_range",
                            fmt::format("延长的期限应为 1 至 {} 个工作日", kMaxExtensionDays), "days");
    r.extension_requested_days = days;
    r.extension_requested_by = cmd.actor().account_id;
    add_step(cmd, r, "extension_requested", format_date(today), reason);
    record_request(cmd, "info_request.extension_requested", r, {{"days", days}}, {{"reason", reason}});
    return ok_status();
  });
}

Result<InfoRequest> approve_extension(Command& cmd, const WorkCalendar& cal, long long id,
                                      const std::string& notice) {
  Date today = detail::today_of(cmd);
  return change(cmd, id, [&](InfoRequest& r) -> Status {
    if (r.extension_requested_days == 0)
      return Error::conflict("info_request.no_extension_pending", "没有待批准的延期申请");
    if (auto ok = check_extension_time(r, today); !ok) return ok;
    if (r.extension_requested_by && r.extension_requested_by == cmd.actor().account_id)
      return Error::conflict("info_request.self_approval", "延期须经申请人以外的负责人批准");
    int days = r.extension_requested_days;
    r.extension_days = days;
    r.extension_requested_days = 0;
    r.extension_requested_by.reset();
    detail::refresh_due(cal, r);
    std::string told = notice.empty()
                           ? fmt::format("经负责人同意，答复期限延长 {} 个工作日，至 {}。", days,
                                         r.state == "received" ? r.due_on : "征求意见结束后重新计算")
                           : notice;
    add_step(cmd, r, "extension_approved", format_date(today), told);
    record_request(cmd, "info_request.extension_approved", r, {{"days", days}});
    tell_applicant(cmd, r, fmt::format("答复期限延长 {} 个工作日，延期告知可凭查询码查看。", days));
    return ok_status();
  });
}

Result<InfoRequest> reject_extension(Command& cmd, long long id, const std::string& note) {
  Date today = detail::today_of(cmd);
  return change(cmd, id, [&](InfoRequest& r) -> Status {
    if (r.extension_requested_days == 0)
      return Error::conflict("info_request.no_extension_pending", "没有待批准的延期申请");
    int days = r.extension_requested_days;
    r.extension_requested_days = 0;
    r.extension_requested_by.reset();
    add_step(cmd, r, "extension_rejected", format_date(today), note);
    record_request(cmd, "info_request.extension_rejected", r, {{"days", days}});
    return ok_status();
  });
}

Result<InfoRequest> reply_info_request(Command& cmd, long long id, const ReplyInput& in) {
  Date today = detail::today_of(cmd);
  return change(cmd, id, [&](InfoRequest& r) -> Status {
    const ReplyResult* result = find_result(in.result);
    if (!result) return Error::invalid("info_request.invalid_result", "答复类型不正确", "result");
    bool reason_ok = result->reasons.empty() ? in.reason.empty() : false;
    for (const auto& reason : result->reasons) reason_ok = reason_ok || reason.code == in.reason;
    if (!reason_ok)
      return Error::invalid("info_request.invalid_reason",
                            result->reasons.empty() ? "该答复类型不需要理由" : "请选择该答复类型下的一项理由",
                            "reason");
    // Waiting for a supplement, the only reply is that the applicant let its time pass (article 30).
    if (r.state == "awaiting_supplement") {
      if (in.reason != kNoCorrection) return wrong_state(r, "作出此类答复");
      if (format_date(today) <= r.supplement_by)
        return Error::conflict("info_request.supplement_not_overdue",
                               fmt::format("补正期限至 {}，期满后才能不再处理", r.supplement_by));
    } else if (r.state != "received") {
      return wrong_state(r, "答复");
    } else if (in.reason == kNoCorrection ||
               (in.reason == "unable.unclear_after_correction" && !r.supplement_requested)) {
      // Both rows of the report presuppose a supplement notice: one unanswered, one answered in vain.
      return Error::conflict("info_request.no_supplement", "该理由只适用于告知补正后的申请", "reason");
    }
    if (auto stored = services::check_refs(cmd.sql(), in.documents, kMaxReplyDocuments, "documents"); !stored)
      return stored.error();
    r.state = "replied";
    r.result = in.result;
    r.reason = in.reason;
    r.reply_letter = in.letter;
    r.reply_documents = in.documents;
    r.replied_on = format_date(today);
    r.extension_requested_days = 0;
    r.extension_requested_by.reset();
    add_step(cmd, r, "replied", r.replied_on, in.letter);
    record_request(cmd, "info_request.replied", r,
                   {{"result", in.result},
                    {"reason", in.reason},
                    {"replied_on", r.replied_on},
                    {"late", replied_late(r)},
                    {"documents", in.documents.size()}},
                   // What was given to the applicant is theirs: the letter and the files only as commitments.
                   {{"letter", in.letter}, {"documents", services::refs_json(in.documents).dump()}});
    tell_applicant(cmd, r, fmt::format("已答复（{}），答复书可凭查询码查看。", result->label));
    return ok_status();
  });
}

Result<InfoRequest> record_delivery(Command& cmd, long long id, const DeliveryInput& in) {
  static const std::map<std::string, std::string> how{
      {"post", "邮寄"}, {"pickup", "当面领取"}, {"email", "电子邮件发送"}, {"online", "在线查看"}};
  Date today = detail::today_of(cmd);
  return change(cmd, id, [&](InfoRequest& r) -> Status {
    if (r.state != "replied") return wrong_state(r, "登记送达");
    auto day = given_day(in.on, r.replied_on, today, "delivered_on");
    if (!day) return day.error();
    auto label = how.find(in.method);
    if (label == how.end())
      return Error::invalid("field.invalid", "送达方式应为 post、pickup、email 或 online", "method");
    if (in.method == "post" && in.tracking_no.empty())
      return Error::invalid("info_request.tracking_required", "邮寄送达须填写邮件号", "tracking_no");
    std::string note = label->second;
    if (!in.tracking_no.empty()) note += "，邮件号 " + in.tracking_no;
    if (!in.note.empty()) note += "。" + in.note;
    add_step(cmd, r, "delivered", *day, note);
    // The tracking number leads to the applicant's address: only a commitment to it is public.
    record_request(cmd, "info_request.delivered", r, {{"method", in.method}, {"delivered_on", *day}},
                   {{"tracking_no", in.tracking_no}, {"note", in.note}});
    if (in.method == "post")
      tell_applicant(cmd, r, fmt::format("答复书已于 {} 邮寄，邮件号 {}。", *day, in.tracking_no));
    return ok_status();
  });
}

}  // namespace fishbowl::disclosure
