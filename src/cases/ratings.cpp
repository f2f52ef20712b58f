// 好差评: the applicant's rating of a completed case, the follow-up of a bad one, and the satisfaction
// figures.
#include "cases/ratings.h"

#include <fmt/format.h>

#include <map>

#include "cases/internal.h"
#include "storage/row.h"

namespace fishbowl::cases {

namespace {

#define RATING_COLUMNS                                                                                     \
  "SELECT case_id, score, comment, rated_at, follow_up_due, follow_up_answer, follow_up_answered_at FROM " \
  "case_ratings WHERE case_id = :c"

std::optional<Rating> read_rating(soci::session& sql, long long case_id) {
  soci::rowset<soci::row> rows = (sql.prepare << RATING_COLUMNS, soci::use(case_id));
  for (const auto& r : rows)
    return Rating{int64_at(r, 0), static_cast<int>(int64_at(r, 1)),
                  text_at(r, 2),  text_at(r, 3),
                  text_at(r, 4),  text_at(r, 5),
                  text_at(r, 6)};
  return std::nullopt;
}

}  // namespace

std::string score_label(int score) {
  static const char* labels[] = {"非常不满意", "不满意", "基本满意", "满意", "非常满意"};
  return score >= 1 && score <= 5 ? labels[score - 1] : "";
}

bool follow_up_open(const Rating& r) {
  return !r.follow_up_due.empty() && r.follow_up_answered_at.empty();
}

nlohmann::json to_json(const Rating& r, Date today) {
  return {{"score", r.score},
          {"label", score_label(r.score)},
          {"comment", r.comment},
          {"rated_at", r.rated_at},
          {"follow_up_due", r.follow_up_due},
          {"follow_up_answer", r.follow_up_answer},
          {"follow_up_answered_at", r.follow_up_answered_at},
          {"follow_up_overdue", follow_up_open(r) && r.follow_up_due < format_date(today)}};
}

Result<std::optional<Rating>> get_rating(Database& db, long long case_id) {
  return db.read(
      [&](soci::session& sql) -> Result<std::optional<Rating>> { return read_rating(sql, case_id); });
}

Result<Rating> rate_case(Command& cmd, const WorkCalendar& cal, long long case_id, int score,
                         const std::string& comment, int follow_up_days,
                         std::optional<long long> by_account) {
  auto& sql = cmd.sql();
  auto c = get_case(sql, case_id);
  if (!c) return c.error();
  if (by_account && c->applicant_account_id != by_account) return detail::not_found();
  if (c->state != "completed") return detail::wrong_state(*c, "评价（办结后才能评价）");
  if (score < 1 || score > 5) return Error::invalid("field.out_of_range", "评分应为 1 至 5", "score");
  if (read_rating(sql, case_id))
    return Error::conflict("case.already_rated", "该办件已经评价过，每件只能评价一次", "score");
  Rating r{case_id, score, comment, cmd.now(), "", "", ""};
  if (score <= 2) r.follow_up_due = format_date(cal.add_working_days(detail::today_of(cmd), follow_up_days));
  sql << "INSERT INTO case_ratings (case_id, department_id, filed_path, score, comment, rated_at, "
         "follow_up_due) "
         "VALUES (:c, :d, :p, :s, :m, :t, :f)",
      soci::use(case_id), soci::use(c->department_id), soci::use(c->filed_path), soci::use(score),
      soci::use(comment), soci::use(r.rated_at), soci::use(r.follow_up_due);
  // The score is public; the comment is the applicant's own words, which may name people, so it stays
  // private.
  detail::record(cmd, "case.rated", *c, {{"score", score}, {"follow_up_due", r.follow_up_due}},
                 {{"comment", comment}});
  if (score <= 2)
    detail::notify(cmd, *c, fmt::format("的评价已收到，主管部门将于 {} 前回复整改情况。", r.follow_up_due));
  return r;
}

Result<Rating> answer_follow_up(Command& cmd, long long case_id, const std::string& answer) {
  auto& sql = cmd.sql();
  auto c = get_case(sql, case_id);
  if (!c) return c.error();
  auto r = read_rating(sql, case_id);
  if (!r || r->follow_up_due.empty())
    return Error::conflict("case.no_follow_up", "该办件没有需要回复的差评", "answer");
  if (!r->follow_up_answered_at.empty())
    return Error::conflict("case.follow_up_answered", "该差评已经回复过", "answer");
  r->follow_up_answer = answer;
  r->follow_up_answered_at = cmd.now();
  soci::indicator by_ind = cmd.actor().account_id ? soci::i_ok : soci::i_null;
  long long by = cmd.actor().account_id.value_or(0);
  soci::statement update =
      (sql.prepare << "UPDATE case_ratings SET follow_up_answer = :a, follow_up_answered_at = :t, "
                      "follow_up_by = :b WHERE case_id = :c AND follow_up_answered_at = ''",
       soci::use(answer), soci::use(r->follow_up_answered_at), soci::use(by, by_ind), soci::use(case_id));
  update.execute(true);
  if (update.get_affected_rows() != 1)
    return Error::conflict("case.follow_up_answered", "该差评已经回复过", "answer");
  detail::record(cmd, "case.follow_up_answered", *c, {{"note", answer}});
  detail::notify(cmd, *c, fmt::format("差评回复：{}", answer));
  return *r;
}

Result<nlohmann::json> satisfaction_figures(Database& db, Date today) {
  return db.snapshot([&](soci::session& sql) -> Result<nlohmann::json> {
    struct Tally {
      long long by_score[5] = {0, 0, 0, 0, 0};
      long long open = 0, overdue = 0;
      void add(int score, long long n, long long o, long long late) {
        by_score[score - 1] += n;
        open += o;
        overdue += late;
      }
      nlohmann::json json() const {
        long long rated = 0, satisfied = by_score[2] + by_score[3] + by_score[4];
        for (auto n : by_score) rated += n;
        return {{"rated", rated},
                {"by_score", by_score},
                {"satisfied_rate", rated ? nlohmann::json(static_cast<double>(satisfied) / rated) : nullptr},
                {"follow_ups_open", open},
                {"follow_ups_overdue", overdue}};
      }
    };
    Tally county;
    std::map<long long, Tally> departments, towns;
    std::string day = format_date(today);
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "SELECT department_id, filed_path, score, COUNT(*), "
                "SUM(CASE WHEN follow_up_due <> '' AND follow_up_answered_at = '' THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN follow_up_due <> '' AND follow_up_answered_at = '' AND follow_up_due < :t "
                "THEN 1 ELSE 0 END) FROM case_ratings GROUP BY department_id, filed_path, score",
         soci::use(day));
    for (const auto& r : rows) {
      int score = static_cast<int>(int64_at(r, 2));
      long long n = int64_at(r, 3), open = int64_at(r, 4), late = int64_at(r, 5);
      county.add(score, n, open, late);
      departments[int64_at(r, 0)].add(score, n, open, late);
      // "/county/town/village/": the second id is the town, when the case was filed below the county.
      std::string path = text_at(r, 1);
      auto second = path.find('/', 1);
      auto third = second == std::string::npos ? second : path.find('/', second + 1);
      if (third != std::string::npos)
        towns[std::stoll(path.substr(second + 1, third - second - 1))].add(score, n, open, late);
    }
    auto named = [&](const char* table, const std::map<long long, Tally>& tallies) {
      auto out = nlohmann::json::array();
      for (const auto& [id, tally] : tallies) {
        std::string name;
        sql << fmt::format("SELECT name FROM {} WHERE id = :id", table), soci::use(id), soci::into(name);
        auto j = tally.json();
        j["id"] = id;
        j["name"] = name;
        out.push_back(j);
      }
      return out;
    };
    return nlohmann::json{{"county", county.json()},
                          {"departments", named("departments", departments)},
                          {"towns", named("regions", towns)}};
  });
}

}  // namespace fishbowl::cases
