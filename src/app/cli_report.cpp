#include "app/cli_report.h"

#include <iostream>
#include <memory>

#include "app/cli.h"
#include "app/open_db.h"
#include "disclosure/annual_report.h"

namespace fishbowl {

void add_report_commands(CLI::App& app, const std::string& db_url, int& exit_code) {
  struct Options {
    int year = 0;
    std::string organ;
    std::string format = "html";
  };
  auto o = std::make_shared<Options>();
  auto* report = app.add_subcommand("report", "Reports computed from the data");
  report->require_subcommand(1);
  auto* annual = report->add_subcommand(
      "annual", "The yearly government-information-disclosure report of one organ, to standard output");
  annual->add_option("--year", o->year, "the calendar year reported on")
      ->required()
      ->check(CLI::Range(2008, 2100));
  annual->add_option("--organ", o->organ, "the organ's code: a department's code or a region's division code")
      ->required();
  annual->add_option("--format", o->format, "html (printable) or json")
      ->check(CLI::IsMember({"html", "json"}));
  annual->callback([&db_url, &exit_code, o] {
    auto db = open_migrated(db_url, 1);
    if (!db) return void(exit_code = fail(db.error()));
    auto organ = disclosure::organ_by_code(**db, o->organ);
    if (!organ) return void(exit_code = fail(organ.error()));
    auto r = disclosure::annual_report(**db, *organ, o->year);
    if (!r) return void(exit_code = fail(r.error()));
    std::cout << (o->format == "json" ? r->dump(2) + "\n" : disclosure::annual_report_html(*r));
  });
}

}  // namespace fishbowl
