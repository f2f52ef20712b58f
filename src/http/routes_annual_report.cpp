// Routes of the annual disclosure report: the report of an organ and year (JSON, or printable HTML), and what
// its staff enter for it.
#include "disclosure/annual_report.h"
#include "http/api.h"
#include "org/org.h"

namespace fishbowl::http {

namespace {

using auth::Permission;

// The report's year from the path: from 2008, when the first Regulations took effect, to next year.
Result<int> year_of(Call& c) {
  auto year = c.id("year", "annual_report");
  int next = static_cast<int>(china_today().year()) + 1;
  if (!year || *year < 2008 || *year > next)
    return Error::not_found("annual_report.not_found", "年度应为 2008 年至明年之间的年份");
  return static_cast<int>(*year);
}

// The organ from the query: department_id or region_id, exactly one.
Result<disclosure::ReportOrgan> organ_of(Call& c) {
  auto department = c.query_id("department_id");
  auto region = c.query_id("region_id");
  if (!department) return department.error();
  if (!region) return region.error();
  if (!*department && !*region)
    return Error::invalid("field.required", "须指明机关：department_id 或 region_id", "department_id");
  if (*department && *region)
    return Error::invalid("field.invalid", "department_id 与 region_id 只能给出一个", "region_id");
  return disclosure::ReportOrgan{*department, *region};
}

// The organ as the scope check's target; unknown organs go on to the module, which names them.
Result<auth::Target> organ_target(Call& c) {
  auto organ = organ_of(c);
  if (!organ) return organ.error();
  return query_scope_target(c);
}

}  // namespace

void add_annual_report_routes(Api& api) {
  api.add(Route::public_cached("/api/v1/annual-reports/{year}", [](Call& c) -> Result<Response> {
    auto year = year_of(c);
    if (!year) return year.error();
    auto organ = organ_of(c);
    if (!organ) return organ.error();
    auto format = c.query_choice("format", {"json", "html"});
    if (!format) return format.error();
    auto report = disclosure::annual_report(c.app.db, *organ, *year);
    if (!report) return report.error();
    if (*format == std::optional<std::string>("html")) {
      Response r;
      r.content_type = "text/html; charset=utf-8";
      r.body = disclosure::annual_report_html(*report);
      return r;
    }
    return Response::json(200, *report);
  }));
  api.add({"GET", "/api/v1/annual-reports/{year}/inputs", Permission::publication_read, organ_target,
           [](Call& c) -> Result<Response> {
             auto year = year_of(c);
             if (!year) return year.error();
             auto organ = organ_of(c);
             if (!organ) return organ.error();
             auto inputs = disclosure::report_inputs(c.app.db, *organ, *year);
             if (!inputs) return inputs.error();
             return Response::json(200, *inputs);
           }});
  Route save{"PUT", "/api/v1/annual-reports/{year}/inputs", Permission::publication_write, organ_target,
             [](Call& c) -> Result<Response> {
               auto year = year_of(c);
               if (!year) return year.error();
               auto organ = organ_of(c);
               if (!organ) return organ.error();
               auto body = c.json();
               if (!body) return body.error();
               auto saved = run_command(c.app.db, c.actor(), [&](Command& cmd) -> Result<bool> {
                 if (auto ok = disclosure::save_report_inputs(cmd, *organ, *year, *body); !ok)
                   return ok.error();
                 return true;
               });
               if (!saved) return saved.error();
               auto inputs = disclosure::report_inputs(c.app.db, *organ, *year);
               if (!inputs) return inputs.error();
               return Response::json(200, *inputs);
             }};
  save.max_body = 256 * 1024;
  api.add(std::move(save));
}

}  // namespace fishbowl::http
