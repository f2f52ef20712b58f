// Repeats: the open tickets that likely report the same thing as a new one, and merging one into another.
#include <fmt/format.h>

#include <algorithm>

#include "core/clock.h"
#include "hotline/internal.h"
#include "hotline/similar.h"
#include "org/org.h"
#include "storage/row.h"

namespace fishbowl::hotline {

namespace {

constexpr double kMinScore = 0.35;
constexpr int kWindowDays = 30;

// "/1/4/17/" -> "/1/4/": the town a village lies in; a town or the county stays as it is.
std::string town_path(const std::string& path) {
  std::size_t slash = 0;
  for (int i = 0; i < 2; ++i) {
    slash = path.find('/', slash + 1);
    if (slash == std::string::npos) return path;
  }
  return path.substr(0, slash + 1);
}

bool is_open(const std::string& state) {
  return state == "received" || state == "accepted" || state == "dispatched" || state == "claimed";
}

}  // namespace

Result<std::vector<Duplicate>> likely_duplicates(Database& db, long long region_id, const std::string& text,
                                                 std::optional<long long> except, const std::string& now,
                                                 std::size_t limit) {
  return db.read([&](soci::session& sql) -> Result<std::vector<Duplicate>> {
    auto region = org::get_region(sql, region_id);
    if (!region) return Error::invalid("region.not_found", "行政区划不存在", "region_id");
    auto said = detail::pairs_of(text);
    std::string since = format_utc(*parse_utc(now) - std::chrono::hours(24 * kWindowDays));
    std::string town = town_path(region->path) + "%";
    long long skip = except.value_or(0);
    struct Candidate {
      long long id;
      bool same_place;
      double score;
    };
    std::vector<Candidate> found;
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "SELECT t.id, t.region_id, t.title, t.description FROM tickets t WHERE t.region_path "
                "LIKE :p AND t.state IN ('received', 'accepted', 'dispatched', 'claimed') AND "
                "t.created_at >= :since AND t.id <> :skip AND NOT EXISTS (SELECT 1 FROM ticket_merges "
                "m WHERE m.ticket_id = t.id)",
         soci::use(town), soci::use(since), soci::use(skip));
    for (const auto& r : rows) {
      double score = detail::alike(said, detail::pairs_of(text_at(r, 2) + "\n" + text_at(r, 3)));
      if (score >= kMinScore) found.push_back({int64_at(r, 0), int64_at(r, 1) == region_id, score});
    }
    std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
      return a.same_place != b.same_place ? a.same_place : a.score > b.score;
    });
    if (found.size() > limit) found.resize(limit);
    std::vector<Duplicate> out;
    for (const auto& c : found) {
      auto t = detail::get(sql, c.id);
      if (!t) return t.error();
      t->steps.clear();
      out.push_back({std::move(*t), c.score});
    }
    return out;
  });
}

Result<Ticket> merge_ticket(Command& cmd, long long id, long long into_id, const std::string& note) {
  auto& sql = cmd.sql();
  auto t = detail::get(sql, id);
  if (!t) return t;
  if (t->state != "received" && t->state != "accepted")
    return Error::conflict("ticket.wrong_state", "只有待受理或待派单的诉求可以并入其他工单");
  if (into_id == id) return Error::invalid("ticket.invalid_merge", "不能并入自身", "into_id");
  auto into = detail::get(sql, into_id);
  if (!into || !into->merged_into_no.empty() || !is_open(into->state))
    return Error::invalid("ticket.invalid_merge", "只能并入尚在办理、未被合并的工单", "into_id");
  t->state = "closed";
  t->reply = note.empty() ? fmt::format("您反映的问题与工单 {} 相同，已并入该工单一并办理。", into->ticket_no)
                          : note;
  t->completed_at = cmd.now();
  if (auto s = detail::save(cmd, *t); !s) return s.error();
  sql << "INSERT INTO ticket_merges (ticket_id, into_id) VALUES (:t, :i)", soci::use(id), soci::use(into_id);
  detail::record_step(cmd, *t, "merged", t->reply, {{"into", into->ticket_no}});
  detail::record_step(cmd, *into, "merged_in", t->ticket_no, {{"from", t->ticket_no}});
  return detail::get(sql, id);
}

}  // namespace fishbowl::hotline
