// Black-box tests: the real `fishbowl serve` process on a loopback port, spoken to over plain sockets.
// They cover what only the real server can show: limits on size and time, rate limits, the access log,
// shutdown.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "blackbox/server_process.h"
#include "core/crypto.h"

namespace {

using fishbowl::testing::Server;

std::string post(const std::string& path, const std::string& body,
                 const std::string& type = "application/json") {
  return "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override { server.start(); }
  Server server;
};

TEST_F(ServerTest, OversizeBodyGets413WithErrorBody) {
  std::string big(200 * 1024, 'x');
  auto res = server.request(post("/api/v1/auth/login", "{\"login\":\"" + big + "\"}"));
  EXPECT_NE(res.find("HTTP/1.1 413"), std::string::npos) << res.substr(0, 200);
  EXPECT_NE(res.find("\"code\":\"request.too_large\""), std::string::npos);
}

TEST_F(ServerTest, SlowClientIsCutOff) {
  int fd = server.connect_socket();
  ASSERT_GE(fd, 0);
  std::string start = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  send(fd, start.data(), start.size(), MSG_NOSIGNAL);
  auto begin = std::chrono::steady_clock::now();
  char buf[256];
  ssize_t n = recv(fd, buf, sizeof buf, 0);  // the header never ends: the server must close the connection
  auto waited = std::chrono::steady_clock::now() - begin;
  close(fd);
  EXPECT_LE(n, 0);
  EXPECT_LT(waited, std::chrono::seconds(14));
}

TEST_F(ServerTest, LoginAttemptsAreRateLimitedPerAddress) {
  int limited = 0;
  std::string last;
  for (int i = 0; i < 14; ++i) {
    last = server.request(post("/api/v1/auth/login", R"({"login":"nobody","password":"wrong-password"})"));
    if (last.find("HTTP/1.1 429") != std::string::npos) ++limited;
  }
  EXPECT_GE(limited, 3);
  EXPECT_NE(last.find("Retry-After:"), std::string::npos);
  EXPECT_NE(last.find("\"code\":\"request.rate_limited\""), std::string::npos);
}

// A deployment behind a proxy, where every client has the proxy's address, raises the limit.
TEST(ServerOptions, TheLoginRateIsAnOption) {
  Server server;
  server.start(false, {"--login-rate", "30"});
  int limited = 0;
  for (int i = 0; i < 14; ++i)
    if (server.request(post("/api/v1/auth/login", R"({"login":"nobody","password":"wrong-password"})"))
            .find("HTTP/1.1 429") != std::string::npos)
      ++limited;
  EXPECT_EQ(limited, 0);
  EXPECT_NE(fishbowl::testing::run_fishbowl("serve --login-rate 0").out.find("--login-rate"),
            std::string::npos);
}

// Anyone may send files for tickets, so each address gets only a few a minute, signed in or not.
TEST_F(ServerTest, TicketUploadsAreRateLimitedPerAddress) {
  int created = 0, limited = 0;
  for (int i = 0; i < 16; ++i) {
    std::string png = fishbowl::base64(std::string("\x89PNG\r\n\x1A\n", 8) + std::to_string(i));
    std::string reply = server.request(
        post("/api/v1/tickets/attachments", R"({"file_name":"photo.png","content_base64":")" + png + "\"}"));
    if (reply.find("HTTP/1.1 201") != std::string::npos) ++created;
    if (reply.find("HTTP/1.1 429") != std::string::npos) ++limited;
  }
  EXPECT_GE(created, 1);
  EXPECT_LE(created, 13);
  EXPECT_GE(limited, 3);
}

// A ticket's number with a wrong last four digits is not found; a few a minute, then it is refused outright,
// while another number is still answered.
TEST_F(ServerTest, GuessingOneTrackingNumberIsRateLimited) {
  auto track = [&](const std::string& no) {
    return server.request(
        post("/api/v1/tickets/track", R"({"ticket_no":")" + no + R"(","phone_last4":"1234"})"));
  };
  int not_found = 0, limited = 0;
  for (int i = 0; i < 9; ++i) {
    std::string reply = track("12345-20261205-0001");
    if (reply.find("HTTP/1.1 404") != std::string::npos) ++not_found;
    if (reply.find("HTTP/1.1 429") != std::string::npos) ++limited;
  }
  EXPECT_GE(not_found, 5);
  EXPECT_LE(not_found, 7);
  EXPECT_GE(limited, 2);
  EXPECT_NE(track("12345-20261205-0002").find("HTTP/1.1 404"), std::string::npos);
}

TEST_F(ServerTest, AccessLogIsJsonWithoutSecretsOrPaths) {
  server.request(post("/api/v1/auth/login", R"({"login":"someone","password":"secret-password-1"})"));
  server.request(
      "GET /api/v1/regions/424242?phone=13800001111 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::string log = server.log();
  EXPECT_NE(log.find("\"route\":\"/api/v1/regions/{id}\""), std::string::npos) << log;
  EXPECT_EQ(log.find("secret-password-1"), std::string::npos);
  EXPECT_EQ(log.find("13800001111"), std::string::npos);
  EXPECT_EQ(log.find("424242"), std::string::npos);
  EXPECT_EQ(log.find("127.0.0.1\""), std::string::npos);
}

TEST_F(ServerTest, StopsCleanlyOnSigterm) {
  EXPECT_EQ(server.stop(), 0);
}

TEST_F(ServerTest, BrokenRequestsGetErrorsNotCrashes) {
  auto bad_json = server.request(post("/api/v1/auth/login", "{\"login\":"));
  EXPECT_NE(bad_json.find("HTTP/1.1 400"), std::string::npos);
  auto bad_utf8 = server.request(post("/api/v1/auth/login", "{\"login\":\"\xff\xfe\"}"));
  EXPECT_NE(bad_utf8.find("\"code\":\"request.invalid_utf8\""), std::string::npos);
  auto form = server.request(post("/api/v1/auth/login", "login=x", "application/x-www-form-urlencoded"));
  EXPECT_NE(form.find("HTTP/1.1 415"), std::string::npos);
  auto health = server.request("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(health.find("HTTP/1.1 200"), std::string::npos);
}

}  // namespace
