#pragma once
// 好差评: after completion the applicant rates the service 1 to 5 (非常不满意 … 非常满意) with an optional
// comment. A rating of 1 or 2 opens a follow-up (差评回访整改) that the department must answer within a
// configured number of working days; the answer is sent to the applicant. The figures give each department,
// town and the county its share of satisfied ratings (3 and above: 基本满意, 满意, 非常满意), with no
// personal data, for the public portal.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "cases/cases.h"

namespace fishbowl::cases {

// "非常不满意" for 1 … "非常满意" for 5.
std::string score_label(int score);

struct Rating {
  long long case_id = 0;
  int score = 0;
  std::string comment;
  std::string rated_at;
  std::string follow_up_due;  // empty unless the score was 1 or 2
  std::string follow_up_answer;
  std::string follow_up_answered_at;
};

bool follow_up_open(const Rating& r);
// For officials; the applicant sees the same (it is their own comment).
nlohmann::json to_json(const Rating& r, Date today);

Result<std::optional<Rating>> get_rating(Database& db, long long case_id);

// by_account: a citizen rating their own online case (others' cases are case.not_found); none when the
// applicant proved the case theirs by its tracking number and phone digits.
// Errors: case.not_found; case.wrong_state (409) before completion; case.already_rated (409);
// field.out_of_range for a score outside 1..5.
Result<Rating> rate_case(Command& cmd, const WorkCalendar& cal, long long case_id, int score,
                         const std::string& comment, int follow_up_days,
                         std::optional<long long> by_account = std::nullopt);

// Errors: case.no_follow_up (409) when the rating opened none; case.follow_up_answered (409).
Result<Rating> answer_follow_up(Command& cmd, long long case_id, const std::string& answer);

// Satisfaction per department, per town (by where the case was filed) and for the county:
// {"county": {...}, "departments": [{"id", "name", ...}], "towns": [{"id", "name", ...}]}, each with
// rated, by_score (counts of 1..5), satisfied_rate (null when nothing is rated), follow_ups_open and
// follow_ups_overdue.
Result<nlohmann::json> satisfaction_figures(Database& db, Date today);

}  // namespace fishbowl::cases
