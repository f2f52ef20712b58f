// Monitoring nodes against a real server: three nodes on loopback follow one server and agree; an event
// edited in the database, and a truncated log, are reported by every node at its next poll.
#include <gtest/gtest.h>

#include <array>

#include "blackbox/server_process.h"
#include "storage/database.h"

namespace {

using fishbowl::testing::CommandResult;
using fishbowl::testing::run_fishbowl;
using fishbowl::testing::Server;

class Monitors : public ::testing::Test {
 protected:
  void SetUp() override {
    server.start(true, {"--checkpoint-interval", "1"});
    // Wait for the first checkpoint over the demo county.
    for (int i = 0; i < 50; ++i) {
      if (server.request("GET /api/v1/ledger/checkpoint HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
              .find(" 200 ") != std::string::npos)
        return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL() << "no checkpoint";
  }

  CommandResult poll(int node) {
    return run_fishbowl("monitor --once --url http://127.0.0.1:" + std::to_string(server.port) + " --state " +
                        (server.dir / ("node" + std::to_string(node))).string());
  }

  // Someone with write access to the database, going around the application.
  void tamper(const std::vector<std::string>& statements) {
    auto db = fishbowl::Database::open(server.db, 1);
    ASSERT_TRUE(db.ok());
    auto r = (*db)->write([&](soci::session& sql) -> fishbowl::Status {
      for (const auto& s : statements) sql << s;
      return fishbowl::ok_status();
    });
    ASSERT_TRUE(r.ok()) << r.error().message;
  }

  Server server;
};

TEST_F(Monitors, ThreeNodesAgreeThenAllReportAnEditedEvent) {
  std::array<CommandResult, 3> first;
  for (int n = 0; n < 3; ++n) {
    first[n] = poll(n);
    ASSERT_EQ(first[n].status, 0) << first[n].out;
    EXPECT_NE(first[n].out.find("verified size "), std::string::npos);
  }
  // Each node prints the size and root it verified on its last line.
  auto verdict = [](const std::string& out) { return out.substr(out.rfind("verified size ")); };
  EXPECT_EQ(verdict(first[0].out), verdict(first[1].out));
  EXPECT_EQ(verdict(first[1].out), verdict(first[2].out));

  tamper({"DROP TRIGGER events_no_update", "UPDATE events SET payload = '{\"name\":\"篡改\"}' WHERE id = 7"});
  for (int n = 0; n < 3; ++n) {
    auto again = poll(n);
    EXPECT_EQ(again.status, 1) << again.out;
    EXPECT_NE(again.out.find("ALERT event_altered"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("事件 7"), std::string::npos) << again.out;
  }
}

TEST_F(Monitors, ATruncatedLogIsReported) {
  ASSERT_EQ(poll(0).status, 0);
  tamper({"DROP TRIGGER ledger_leaves_no_delete", "DROP TRIGGER ledger_nodes_no_delete",
          "DELETE FROM ledger_leaves WHERE idx = (SELECT MAX(idx) FROM ledger_leaves)",
          "UPDATE ledger_state SET size = size - 1"});
  auto after = poll(0);
  EXPECT_EQ(after.status, 1) << after.out;
  EXPECT_NE(after.out.find("ALERT entries_missing"), std::string::npos) << after.out;
}

TEST_F(Monitors, ARewrittenEntryIsReported) {
  ASSERT_EQ(poll(1).status, 0);
  tamper(
      {"DROP TRIGGER ledger_leaves_no_update", "UPDATE ledger_leaves SET data = data || ' ' WHERE idx = 3"});
  auto after = poll(1);
  EXPECT_EQ(after.status, 1) << after.out;
  EXPECT_NE(after.out.find("ALERT entry_rewritten"), std::string::npos) << after.out;
  EXPECT_NE(after.out.find("ALERT root_mismatch"), std::string::npos) << after.out;
}

// Whoever holds the signing key can sign a second history. A node that verified the first one catches the
// second, which does not extend what it saw, even though every signature on it is valid.
TEST_F(Monitors, ASecondHistorySignedWithTheSameKeyIsAFork) {
  ASSERT_EQ(poll(2).status, 0);
  Server other;
  other.key_from = server.key;
  other.start(true, {"--checkpoint-interval", "1"});
  // The other history grows past the verified size, so only the consistency proof can tell them apart.
  auto before =
      other.request("GET /api/v1/ledger/checkpoint HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(run_fishbowl("--db " + other.db + " user add --login fork" + std::to_string(i) +
                           " --name 分叉 --password a-long-password")
                  .status,
              0);
  std::string after;
  for (int i = 0; i < 50 && (after.empty() || after == before); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    after = other.request("GET /api/v1/ledger/checkpoint HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  }
  ASSERT_NE(after, before) << "the other server made no new checkpoint";

  auto forked = run_fishbowl("monitor --once --url http://127.0.0.1:" + std::to_string(other.port) +
                             " --state " + (server.dir / "node2").string());
  EXPECT_EQ(forked.status, 1) << forked.out;
  EXPECT_NE(forked.out.find("ALERT"), std::string::npos) << forked.out;
  EXPECT_NE(forked.out.find(" fork: "), std::string::npos) << forked.out;
  EXPECT_EQ(forked.out.find("bad_signature"), std::string::npos) << forked.out;
}

TEST_F(Monitors, AServingNodeShowsWhatItVerified) {
  Server node;  // reuse the process helper's sockets for the node's listener
  std::string status;
  // A port may be taken by another test process: when the node exits (it could not bind), try another.
  for (int attempt = 0; attempt < 5 && status.empty(); ++attempt) {
    node.port = 20000 + (server.port + 7 + 977 * attempt) % 20000;
    pid_t pid = fork();
    if (pid == 0) {
      std::string url = "http://127.0.0.1:" + std::to_string(server.port);
      std::string state = (server.dir / "served").string();
      std::string listen = "127.0.0.1:" + std::to_string(node.port);
      FILE* f = std::freopen((server.dir / "node.log").c_str(), "w", stdout);
      (void)f;
      execl(FISHBOWL_BINARY, FISHBOWL_BINARY, "monitor", "--url", url.c_str(), "--state", state.c_str(),
            "--listen", listen.c_str(), "--interval", "1", nullptr);
      _exit(127);
    }
    node.pid = pid;
    for (int i = 0; i < 100; ++i) {
      if (waitpid(pid, nullptr, WNOHANG) == pid) {  // exited: the port was taken
        node.pid = -1;
        status.clear();
        break;
      }
      status = node.request("GET /monitor/v1/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      if (status.find("\"size\":0") == std::string::npos && status.find(" 200 ") != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (status.empty() && node.pid > 0) node.stop();  // alive but never answering: do not leave it running
  }
  EXPECT_NE(status.find("\"alerts\":0"), std::string::npos) << status;
  auto cp = node.request("GET /monitor/v1/checkpoint HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(cp.find("\xe2\x80\x94 fishbowl/"), std::string::npos) << cp;
  EXPECT_EQ(node.stop(), 0);
}

}  // namespace
