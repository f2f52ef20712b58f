// Filing a case: at a window, online, or by a village agent for a resident.
#include <fmt/format.h>

#include "cases/internal.h"
#include "core/personal.h"
#include "org/org.h"
#include "services/item_terms.h"
#include "storage/bound.h"

namespace fishbowl::cases {

namespace {

Status check_applicant(const Applicant& a) {
  if (!is_phone_number(a.phone))
    return Error::invalid("case.invalid_phone", "联系电话应为 11 位手机号或带区号的固定电话",
                          "applicant.phone");
  if (!a.id_number.empty() && !is_resident_id_number(a.id_number))
    return Error::invalid("case.invalid_id_number", "身份证号码不正确（18 位，含校验位）",
                          "applicant.id_number");
  return ok_status();
}

// The id of the case about to be filed. On SQLite the command holds the write lock, so it is the next rowid;
// on PostgreSQL the identity's sequence hands it out. Taking it first lets the row go in with its public
// number at once, rather than under a placeholder that lands on a random page of the number's index.
long long next_case_id(Command& cmd) {
  long long id = 0;
  if (cmd.backend() == Backend::sqlite)
    cmd.sql() << "SELECT COALESCE(MAX(id), 0) + 1 FROM cases", soci::into(id);
  else
    cmd.sql() << "SELECT nextval(pg_get_serial_sequence('cases', 'id'))", soci::into(id);
  return id;
}

}  // namespace

Result<Case> file_case(Command& cmd, const WorkCalendar& cal, const FilingInput& in) {
  auto& sql = cmd.sql();
  if (auto ok = check_applicant(in.applicant); !ok) return ok.error();
  auto item = services::get_item_terms(sql, cmd.backend(), in.item_id);
  if (!item) return Error::invalid("service_item.not_found", "找不到该服务事项", "item_id");
  if (in.channel == "proxy" && !item->by_agent)
    return Error::invalid("case.not_by_agent", "该事项不支持代办员代办", "item_id");
  if (in.channel == "online" && !item->online)
    return Error::invalid("case.not_online", "该事项不支持网上办理，请到窗口或找代办员办理", "item_id");

  auto owner = detail::department_region(sql, item->department_id);
  if (!owner) return owner.error();
  // Online the owning department receives the case itself; elsewhere the place that received it holds it
  // until it reaches the department, which must sit at that place or above it.
  long long received_at = in.channel == "online" ? item->region_id : in.region_id;
  auto place = org::get_region(sql, received_at);
  if (!place) return Error::invalid("region.not_found", "受理地点不存在", "region_id");
  if (place->path.rfind(owner->path, 0) != 0)
    return Error::invalid("case.wrong_place", "该事项的主管部门不在此地或其上级，不能在此受理", "region_id");

  Case c;
  c.item_id = item->id;
  c.item_version = item->version;
  c.item_name = item->name;
  c.promised_days = item->promised_days;
  c.department_id = item->department_id;
  c.channel = in.channel;
  c.filed_region_id = place->id;
  c.filed_path = place->path;
  bool at_department = in.channel == "online" || owner->id == place->id;
  c.holder_region_id = at_department ? owner->id : place->id;
  if (at_department) c.holder_department_id = item->department_id;
  c.holder_level = at_department ? owner->level : place->level;
  c.state = "submitted";
  c.applicant = in.applicant;
  c.applicant_account_id = in.applicant_account_id;
  if (in.channel != "online") c.filed_by = c.first_contact_id = cmd.actor().account_id;
  Date today = detail::today_of(cmd);
  c.stage_due = detail::stage_deadline(cal, c, today);

  std::string last4 = in.applicant.phone.substr(in.applicant.phone.size() - 4);
  // The public number: the filing date and the row's id, so it is unique without a second counter.
  c.id = next_case_id(cmd);
  std::string date = format_date(today);
  c.case_no = fmt::format("{}{}{}{:06d}", date.substr(0, 4), date.substr(5, 2), date.substr(8, 2), c.id);
  execute(
      sql, cmd.backend(),
      "INSERT INTO cases (id, case_no, item_id, item_version, item_name, promised_days, department_id, "
      "channel, filed_region_id, filed_path, holder_region_id, holder_department_id, state, applicant_name, "
      "applicant_phone, applicant_id_number, phone_last4, applicant_account_id, filed_by, first_contact_id, "
      "stage_due, filed_at, updated_at) VALUES (:id, :no, :i, :v, :n, :pd, :d, :ch, :fr, :fp, :hr, :hd, :s, "
      ":an, :ap, :ai, :l4, :aa, :fb, :fc, :sd, :t, :u)",
      c.id, c.case_no, c.item_id, c.item_version, c.item_name, c.promised_days, c.department_id, c.channel,
      c.filed_region_id, c.filed_path, c.holder_region_id, c.holder_department_id, c.state, c.applicant.name,
      c.applicant.phone, c.applicant.id_number, last4, c.applicant_account_id, c.filed_by, c.first_contact_id,
      c.stage_due, cmd.now(), cmd.now());
  c.filed_at = c.updated_at = cmd.now();
  if (auto named = detail::read_names(sql, c); !named) return named.error();
  detail::record(cmd, "case.filed", c, nlohmann::json::object(),
                 {{"applicant_name", c.applicant.name},
                  {"applicant_phone", c.applicant.phone},
                  {"applicant_id_number", c.applicant.id_number}});
  detail::notify(cmd, c, fmt::format("已由{}收到，请凭办件编号和手机号后四位查询办理进度。", c.holder_name));
  return c;
}

}  // namespace fishbowl::cases
