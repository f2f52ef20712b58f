#pragma once
// The yearly government-information-disclosure report (政府信息公开工作年度报告) of one organ, in the
// official 2021 format (国办公开办函〔2021〕30号; its structure is src/disclosure/report/format_2021.json).
//
// Its figures come from the data: section 2 counts the organ's rules and normative documents made, repealed
// and in force, and the licensing decisions on its service items' cases; section 3 counts its information
// requests by applicant type and by reply result. What the system does not hold is entered by the organ's
// staff: the texts of sections 1, 5 and 6, the penalties, enforcement measures and fees of section 2, and the
// administrative review and lawsuit figures of section 4. The format's cross-checks are verified before the
// report is given out: a report that fails one is not output.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "core/error.h"
#include "ledger/command.h"
#include "storage/database.h"

namespace fishbowl::disclosure {

// The organ a report is of: a department, or the government of a region.
struct ReportOrgan {
  std::optional<long long> department_id;
  std::optional<long long> region_id;
};
// An organ named by its code: a department's code, or a region's division code. organ.not_found (404).
Result<ReportOrgan> organ_by_code(Database& db, const std::string& code);

// What staff enter, as JSON:
//   {"overview": text, "problems": text, "other_matters": text,
//    "penalties": n, "enforcement": n, "fees_wan": "12.50",
//    "review": {"upheld", "corrected", "other", "pending", "total"},
//    "lawsuit_direct": {…the same five…}, "lawsuit_after_review": {…}}
// Every key is optional (missing figures count as 0). Errors: field.* on the key, annual_report.check_failed
// (422) when a group's total is not the sum of its four results.
Status save_report_inputs(Command& cmd, const ReportOrgan& organ, int year, const nlohmann::json& inputs);
Result<nlohmann::json> report_inputs(Database& db, const ReportOrgan& organ, int year);

// The report as JSON: {year, organ, format, sections: [...], checks: [...]}. Errors: organ.not_found,
// annual_report.check_failed (500: the data broke a cross-check; the message names it).
Result<nlohmann::json> annual_report(Database& db, const ReportOrgan& organ, int year);
// The same report as a printable HTML page (A4), complete with its styles.
std::string annual_report_html(const nlohmann::json& report);

}  // namespace fishbowl::disclosure
