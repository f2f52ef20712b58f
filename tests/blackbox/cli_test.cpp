// The command line as an operator uses it: migrate, demo, user add/list/grant/revoke, version.
#include <gtest/gtest.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "blackbox/server_process.h"

namespace {

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() / ("fishbowl-cli-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db = "sqlite://" + (dir / "cli.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  fishbowl::testing::CommandResult run(const std::string& args, const std::string& url = "") {
    return fishbowl::testing::run_fishbowl("--db " + (url.empty() ? db : url) + " " + args);
  }

  std::filesystem::path dir;
  std::string db;
};

TEST_F(Cli, VersionAndMigrate) {
  auto v = run("version");
  EXPECT_EQ(v.status, 0);
  EXPECT_NE(v.out.find("fishbowl "), std::string::npos);
  auto m = run("migrate");
  EXPECT_EQ(m.status, 0) << m.out;
  EXPECT_EQ(m.out.find("applied 0 migration(s)"), std::string::npos) << m.out;
  EXPECT_NE(m.out.find("migration applied: ledger 0002 merkle_log"), std::string::npos) << m.out;
  EXPECT_NE(run("migrate").out.find("applied 0 migration(s)"), std::string::npos);
}

TEST_F(Cli, DemoOnlyIntoAnEmptyDatabase) {
  auto first = run("demo --accounts-file " + (dir / "accounts.txt").string());
  EXPECT_EQ(first.status, 0) << first.out;
  EXPECT_NE(first.out.find("qinghe-admin-2026"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir / "accounts.txt"));
  auto perms = std::filesystem::status(dir / "accounts.txt").permissions();
  EXPECT_EQ(perms & std::filesystem::perms::others_read, std::filesystem::perms::none);
  auto second = run("demo");
  EXPECT_EQ(second.status, 1);
  EXPECT_NE(second.out.find("demo.not_empty"), std::string::npos);
}

TEST_F(Cli, UserLifecycle) {
  ASSERT_EQ(run("demo").status, 0);
  auto add =
      run("user add --login li.ming --name 李明 --password a-long-password --role staff --department QH006");
  EXPECT_EQ(add.status, 0) << add.out;
  EXPECT_NE(add.out.find("staff"), std::string::npos);
  auto grant = run("user grant --login li.ming --role agent --region 999901001001");
  EXPECT_EQ(grant.status, 0) << grant.out;
  EXPECT_NE(grant.out.find("agent"), std::string::npos);
  auto list = run("user list");
  EXPECT_NE(list.out.find("li.ming"), std::string::npos);
  auto revoke = run("user revoke --login li.ming --role agent --region 999901001001");
  EXPECT_EQ(revoke.status, 0) << revoke.out;
  EXPECT_EQ(revoke.out.find("agent"), std::string::npos) << revoke.out;
  auto again = run("user revoke --login li.ming --role agent --region 999901001001");
  EXPECT_EQ(again.status, 1);
  EXPECT_NE(again.out.find("role.not_found"), std::string::npos);
  auto dup = run("user add --login li.ming --name 李明 --password a-long-password");
  EXPECT_EQ(dup.status, 1);
  EXPECT_NE(dup.out.find("account.duplicate_login"), std::string::npos);
  auto weak = run("user add --login wang --name 王 --password 123");
  EXPECT_NE(weak.out.find("auth.weak_password"), std::string::npos);
}

TEST_F(Cli, LedgerRootMatchesTheReferenceTree) {
  std::ofstream(dir / "leaves.txt")
      << "\n00\n10\n2021\n3031\n40414243\n5051525354555657\n606162636465666768696a6b6c6d6e6f\n";
  auto r = run("ledger root < " + (dir / "leaves.txt").string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328\n");
  std::ofstream(dir / "bad.txt") << "zz\n";
  EXPECT_EQ(run("ledger root < " + (dir / "bad.txt").string()).status, 1);
}

TEST_F(Cli, LedgerProofVerifiersExitZeroOnlyForValidProofs) {
  const std::string root8 = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  };
  std::string proof = R"(["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",)"
                      R"("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",)"
                      R"("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"])";
  auto good =
      write("inc.json", R"({"leaf":"","index":0,"size":8,"proof":)" + proof + R"(,"root":")" + root8 + "\"}");
  EXPECT_EQ(run("ledger verify-inclusion < " + good).status, 0);
  auto wrong = write("inc2.json",
                     R"({"leaf":"00","index":0,"size":8,"proof":)" + proof + R"(,"root":")" + root8 + "\"}");
  EXPECT_EQ(run("ledger verify-inclusion < " + wrong).status, 1);
  auto junk = write("junk.json", "not json");
  EXPECT_EQ(run("ledger verify-inclusion < " + junk).status, 1);
  // The reference consistency proof from size 2 to size 5; with a wrong first root it must fail.
  const std::string cons =
      R"({"size1":2,"size2":5,"root1":"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",)"
      R"("root2":"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",)"
      R"("proof":["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",)"
      R"("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]})";
  auto c = run("ledger verify-consistency < " + write("cons.json", cons));
  EXPECT_EQ(c.status, 0) << c.out;
  std::string forged = cons;
  forged.replace(forged.find("fac54203"), 8, "fac54204");
  EXPECT_EQ(run("ledger verify-consistency < " + write("forged.json", forged)).status, 1);
}

TEST_F(Cli, LedgerVerifyChecksAWholeDatabase) {
  ASSERT_EQ(run("demo").status, 0);
  auto v = run("ledger verify");
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("consistent:"), std::string::npos);
  auto note = (dir / "note.txt").string();
  std::ofstream(note) << "a note\n\n\xe2\x80\x94 nobody AAAA\n";
  EXPECT_EQ(
      run("ledger verify-note --key 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW' < " +
          note)
          .status,
      1);
}

TEST_F(Cli, ReportAnnualPrintsTheOrgansReportOrNamesAnUnknownOrgan) {
  ASSERT_EQ(run("demo").status, 0);
  auto json = run("report annual --year 2026 --organ QH006 --format json");
  ASSERT_EQ(json.status, 0) << json.out;
  auto report = nlohmann::json::parse(json.out);
  EXPECT_EQ(report["organ"]["name"], "县民政局");
  EXPECT_EQ(report["sections"].size(), 6u);
  auto html = run("report annual --year 2026 --organ QH006");
  EXPECT_NE(html.out.find("<h1>县民政局2026年政府信息公开工作年度报告</h1>"), std::string::npos);
  auto unknown = run("report annual --year 2026 --organ NOPE");
  EXPECT_EQ(unknown.status, 1);
  EXPECT_NE(unknown.out.find("organ.not_found"), std::string::npos);
}

// A later year's notice is a file given at run time: the same binary counts through it.
TEST_F(Cli, CalendarCountsThroughAYearFromAFile) {
  EXPECT_EQ(run("calendar deadline --from 2026-09-24 --days 20").out, "2026-10-29\n");
  EXPECT_EQ(run("calendar deadline --from 2026-12-31 --days 1").out, "2027-01-01\n");
  auto file = (dir / "holidays_2027.json").string();
  std::ofstream(file)
      << R"({"format":"cn-workday-calendar/1","years":{"2027":{"off":[{"date":"2027-01-01","name":"元旦"}],)"
         R"("work":[]}}})";
  EXPECT_EQ(run("calendar --calendar " + file + " deadline --from 2026-12-31 --days 1").out, "2027-01-04\n");
  auto year = run("calendar --calendar " + file + " year 2027");
  EXPECT_EQ(year.status, 0);
  EXPECT_NE(year.out.find("已载入"), std::string::npos) << year.out;
  EXPECT_NE(year.out.find("2027-01-01  休息  元旦"), std::string::npos) << year.out;
  EXPECT_NE(run("calendar year 2026").out.find("工作日 248 天"), std::string::npos);

  std::ofstream(file)
      << R"({"format":"cn-workday-calendar/1","years":{"2027":{"work":[{"date":"2027-01-04"}]}}})";
  auto bad = run("calendar --calendar " + file + " deadline --from 2026-12-31 --days 1");
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.out.find("calendar.invalid"), std::string::npos) << bad.out;
  EXPECT_NE(run("calendar --calendar " + (dir / "missing.json").string() + " year 2027")
                .out.find("calendar.unreadable"),
            std::string::npos);
  EXPECT_NE(run("calendar deadline --from 2026-02-30 --days 1").out.find("calendar.invalid_date"),
            std::string::npos);
  // The server refuses to start with a bad calendar rather than count deadlines wrongly.
  auto serve = run("serve --listen 127.0.0.1:1 --calendar " + file);
  EXPECT_EQ(serve.status, 1);
  EXPECT_NE(serve.out.find("calendar.invalid"), std::string::npos) << serve.out;
}

TEST_F(Cli, BadDatabaseUrlIsAClearError) {
  auto bad = run("migrate", "mysql://nowhere");
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.out.find("db.invalid_url"), std::string::npos) << bad.out;
}

}  // namespace
