// Black-box tests: the real `fishbowl serve` process on a loopback port, spoken to over plain sockets.
// They cover what only the real server can show: limits on size and time, rate limits, the access log,
// shutdown.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>

namespace {

struct Server {
  pid_t pid = -1;
  int port = 0;
  std::filesystem::path dir;
  std::string log_path;

  void start() {
    dir = std::filesystem::temp_directory_path() / ("fishbowl-bb-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    log_path = (dir / "server.log").string();
    std::mt19937 rng(std::random_device{}());
    port = 20000 + static_cast<int>(rng() % 20000);
    std::string db = "sqlite://" + (dir / "t.db").string();
    pid = fork();
    if (pid == 0) {
      FILE* f = std::freopen(log_path.c_str(), "w", stdout);
      (void)f;
      dup2(fileno(stdout), 2);
      std::string listen = "127.0.0.1:" + std::to_string(port);
      execl(FISHBOWL_BINARY, FISHBOWL_BINARY, "--db", db.c_str(), "serve", "--listen", listen.c_str(),
            nullptr);
      _exit(127);
    }
    for (int i = 0; i < 100; ++i) {
      if (request("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").find(" 200 ") !=
          std::string::npos)
        return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL() << "server did not become healthy";
  }

  int stop() {
    if (pid <= 0) return -1;
    kill(pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100; ++i) {
      if (waitpid(pid, &status, WNOHANG) == pid) {
        pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    pid = -1;
    return -9;
  }

  int connect_socket() const {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      close(fd);
      return -1;
    }
    timeval tv{15, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
  }

  // Sends raw bytes and reads until the server closes the connection.
  std::string request(const std::string& raw) const {
    int fd = connect_socket();
    if (fd < 0) return {};
    std::size_t sent = 0;
    while (sent < raw.size()) {
      ssize_t n = send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    std::string out;
    char buf[8192];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<std::size_t>(n));
    close(fd);
    return out;
  }

  std::string log() const {
    std::ifstream f(log_path);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }

  ~Server() {
    stop();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

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
