// Reading service requests: tickets as the public may see them, by jurisdiction, number, category, time and
// status, with their public history as notes.
#include <fmt/format.h>

#include <map>

#include "hotline/open311.h"
#include "storage/prepared.h"
#include "storage/row.h"

namespace fishbowl::hotline {

namespace {

constexpr const char* kOpenStates = "('received', 'accepted', 'dispatched', 'claimed', 'replied')";
constexpr const char* kClosedStates = "('rejected', 'completed', 'closed')";

// Only what the public may see: the query never selects name, phone or the submitter's contact data.
#define REQUEST_COLUMNS                                                                                    \
  "SELECT t.id, t.ticket_no, t.state, t.channel, t.kind, COALESCE(c.code, ''), COALESCE(c.name, ''), "     \
  "COALESCE(c.service_notice, ''), t.description, COALESCE(d.name, ar.name, ''), t.reply, t.created_at, "  \
  "t.updated_at, t.due_at, t.address, t.lat, t.lon, r.name, COALESCE(o.address_id, ''), "                  \
  "COALESCE(o.media_url, ''), (SELECT s.note FROM ticket_steps s WHERE s.ticket_id = t.id AND s.kind = "   \
  "'rejected' ORDER BY s.id DESC LIMIT 1) "                                                                \
  "FROM tickets t JOIN regions r ON r.id = t.region_id LEFT JOIN ticket_categories c ON c.code = "         \
  "t.category LEFT JOIN departments d ON d.id = t.assignee_department_id LEFT JOIN regions ar ON ar.id = " \
  "t.assignee_region_id LEFT JOIN open311_requests o ON o.ticket_id = t.id"

const std::map<std::string, std::string>& kind_names() {
  static const std::map<std::string, std::string> m{{"consult", "咨询"},
                                                    {"complaint", "投诉"},
                                                    {"help", "求助"},
                                                    {"suggestion", "建议"},
                                                    {"report", "举报"}};
  return m;
}

std::string status_notes(const std::string& state, const std::string& agency, const std::string& reply,
                         const std::string& rejection) {
  if (state == "received") return "等待热线中心受理";
  if (state == "accepted") return "热线中心已受理，等待派单";
  if (state == "rejected") return rejection.empty() ? "不予受理" : "不予受理：" + rejection;
  if (state == "dispatched") return "已派至" + agency + "，等待签收";
  if (state == "claimed") return agency + "正在办理";
  return reply.empty() ? "已办结" : reply;
}

ServiceRequest request_from(const soci::row& r) {
  ServiceRequest s;
  s.ticket_id = int64_at(r, 0);
  s.service_request_id = text_at(r, 1);
  std::string state = text_at(r, 2), channel = text_at(r, 3), kind = text_at(r, 4);
  s.status = state == "rejected" || state == "completed" || state == "closed" ? "closed" : "open";
  s.service_code = text_at(r, 5);
  s.service_name = text_at(r, 6);
  if (s.service_name.empty()) {
    auto it = kind_names().find(kind);
    s.service_name = it == kind_names().end() ? kind : it->second;
  }
  s.service_notice = text_at(r, 7);
  // What the center has not taken up (waiting, or refused) is not published: it has not been read yet.
  if (state != "received" && state != "rejected") s.description = text_at(r, 8);
  s.agency_responsible = text_at(r, 9);
  s.status_notes = status_notes(state, s.agency_responsible, text_at(r, 10), text_at(r, 20));
  s.requested_at = text_at(r, 11);
  s.updated_at = text_at(r, 12);
  s.expected_at = text_at(r, 13);
  // Where a phone or web ticket came from may be someone's home: the public sees its village only. A
  // request filed through Open311 is a report about a place, made to be public.
  s.address = text_at(r, 17);
  if (channel == "open311") {
    if (!text_at(r, 14).empty()) s.address = text_at(r, 14);
    if (r.get_indicator(15) != soci::i_null && r.get_indicator(16) != soci::i_null) {
      s.lat = double_at(r, 15);
      s.lon = double_at(r, 16);
    }
    s.address_id = text_at(r, 18);
    s.media_url = text_at(r, 19);
  }
  return s;
}

struct NoteKind {
  const char* type;
  const char* summary;
  bool with_text;  // the step's note is public (a reply, a refusal's reason)
};
const std::map<std::string, NoteKind>& public_steps() {
  static const std::map<std::string, NoteKind> m{
      {"filed", {"opened", "诉求已提交", false}},
      {"accepted", {"activity", "热线中心已受理", false}},
      {"rejected", {"closed", "不予受理", true}},
      {"answered", {"closed", "热线中心已直接答复", true}},
      {"dispatched", {"activity", "已派单", false}},
      {"claimed", {"activity", "承办单位已签收", false}},
      {"replied", {"activity", "承办单位已答复", true}},
      {"completed", {"closed", "已办结", false}},
      {"reopened", {"activity", "回访不满意，重新办理", false}},
      {"escalated", {"activity", "已督办", false}},
  };
  return m;
}

void attach_notes(soci::session& sql, std::vector<ServiceRequest>& found) {
  if (found.empty()) return;
  std::map<long long, ServiceRequest*> by_id;
  std::string ids, kinds;
  for (auto& s : found) {
    by_id[s.ticket_id] = &s;
    ids += (ids.empty() ? "" : ", ") + std::to_string(s.ticket_id);
  }
  for (const auto& [kind, _] : public_steps()) kinds += (kinds.empty() ? "'" : ", '") + kind + "'";
  // Both lists are made here from numbers and constants, never from input.
  soci::rowset<soci::row> rows =
      (sql.prepare << fmt::format(
           "SELECT ticket_id, kind, note, at FROM ticket_steps WHERE ticket_id IN ({}) "
           "AND kind IN ({}) ORDER BY ticket_id, id",
           ids, kinds));
  for (const auto& r : rows) {
    const auto& k = public_steps().at(text_at(r, 1));
    by_id[int64_at(r, 0)]->notes.push_back(
        {text_at(r, 3), k.type, k.summary, k.with_text ? text_at(r, 2) : ""});
  }
}

std::string placeholders(const char* prefix, std::size_t n, std::size_t& next) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += fmt::format("{}:{}{}", i ? ", " : "", prefix, next++);
  return out;
}

}  // namespace

Result<Jurisdiction> find_jurisdiction(Database& db, const std::string& jurisdiction_id) {
  return db.read([&](soci::session& sql) -> Result<Jurisdiction> {
    std::vector<Jurisdiction> counties;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, path, code, name FROM regions WHERE parent_id IS NULL ORDER BY id");
    for (const auto& r : rows)
      counties.push_back({int64_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3)});
    if (!jurisdiction_id.empty()) {
      for (const auto& c : counties)
        if (c.code == jurisdiction_id) return c;
      return Error::not_found("open311.jurisdiction_not_found",
                              "找不到该 jurisdiction_id（县级行政区划代码）");
    }
    if (counties.size() == 1) return counties.front();
    if (counties.empty()) return Error::not_found("open311.jurisdiction_not_found", "尚未设立县级行政区划");
    return Error::bad_request("open311.jurisdiction_required",
                              "本接口服务多个县，请提供 jurisdiction_id（县级行政区划代码）");
  });
}

Result<std::vector<ServiceRequest>> find_requests(Database& db, const RequestQuery& q) {
  return db.read([&](soci::session& sql) -> Result<std::vector<ServiceRequest>> {
    // Every bound value lives in `binds`, filled before anything is bound to it.
    std::vector<std::string> binds{q.region_path + "%"};
    std::size_t next = 0;
    std::string where = fmt::format(" WHERE t.region_path LIKE :b{}", next++);
    if (!q.ids.empty()) {
      where += " AND t.ticket_no IN (" + placeholders("b", q.ids.size(), next) + ")";
      binds.insert(binds.end(), q.ids.begin(), q.ids.end());
    } else {
      if (!q.service_codes.empty()) {
        where += " AND t.category IN (" + placeholders("b", q.service_codes.size(), next) + ")";
        binds.insert(binds.end(), q.service_codes.begin(), q.service_codes.end());
      }
      where += fmt::format(" AND t.created_at >= :b{} AND t.created_at <= :b{}", next, next + 1);
      next += 2;
      binds.push_back(q.from);
      binds.push_back(q.to);
      bool open = false, closed = false;
      for (const auto& s : q.statuses) (s == "open" ? open : closed) = true;
      if (open != closed) where += fmt::format(" AND t.state IN {}", open ? kOpenStates : kClosedStates);
    }
    int limit = q.page_size, offset = (q.page - 1) * q.page_size;
    std::vector<ServiceRequest> out;
    soci::row row;
    soci::statement st(sql);
    st.exchange(soci::into(row));
    for (const auto& b : binds) st.exchange(soci::use(b));
    st.exchange(soci::use(limit));
    st.exchange(soci::use(offset));
    prepare_and_run(
        st, REQUEST_COLUMNS + where + " ORDER BY t.created_at DESC, t.id DESC LIMIT :lim OFFSET :off", false);
    while (st.fetch()) out.push_back(request_from(row));
    if (q.with_notes) attach_notes(sql, out);
    return out;
  });
}

Result<ServiceRequest> get_request(Database& db, const std::string& region_path,
                                   const std::string& service_request_id, bool with_notes) {
  RequestQuery q;
  q.region_path = region_path;
  q.ids = {service_request_id};
  q.with_notes = with_notes;
  auto found = find_requests(db, q);
  if (!found) return found.error();
  if (found->empty())
    return Error::not_found("open311.request_not_found", "找不到该诉求（service_request_id）");
  return found->front();
}

Result<std::string> request_of_token(Database& db, const std::string& token) {
  return db.read([&](soci::session& sql) -> Result<std::string> {
    std::string no;
    soci::indicator ind = soci::i_null;
    sql << "SELECT t.ticket_no FROM open311_requests o JOIN tickets t ON t.id = o.ticket_id WHERE o.token = "
           ":t",
        soci::use(token), soci::into(no, ind);
    if (ind == soci::i_null) return Error::not_found("open311.token_not_found", "找不到该 token");
    return no;
  });
}

}  // namespace fishbowl::hotline
