#pragma once
// The demo county: a plausible, fictitious county (青禾县) of the shape a real one has: about 10 towns, about
// 100 villages and communities, 36 county departments, the county service hall, a center in each town, a room
// in each village with its volunteer agents, 18 supervisors, staff for each department, demo accounts and the
// service catalogue (demo_catalogue.h).
// Deterministic (the same data every time) and loaded as one command, so it is all there or not at all.
#include <string>
#include <vector>

#include "app/demo_cases.h"
#include "app/demo_catalogue.h"
#include "core/error.h"
#include "storage/database.h"

namespace fishbowl {

struct DemoAccount {
  std::string role;
  std::string login;
  std::string password;
  std::string scope;  // where the role applies, for people
};

struct DemoResult {
  int towns = 0;
  int villages = 0;
  int departments = 0;
  int service_points = 0;
  CatalogueCounts items;
  DemoCases cases;
  int publications = 0;
  std::vector<DemoAccount> accounts;
  std::string summary;  // what to print: counts and the main demo accounts with their passwords
};

// Fails with demo.not_empty (409) when the database already holds regions.
Result<DemoResult> create_demo_county(Database& db);
// Writes every demo account with its password to a file (mode 0600), one line each.
void write_demo_accounts(const DemoResult& r, const std::string& path);

}  // namespace fishbowl
