#pragma once
// A real `fishbowl serve` process on a loopback port for black-box tests, spoken to over plain sockets.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fishbowl::testing {

struct Server {
  pid_t pid = -1;
  int port = 0;
  std::string db;
  std::string key;
  std::string key_from;  // when set, the server signs with a copy of this key file (another server's key)
  std::filesystem::path dir;
  std::string log_path;

  // Starts `fishbowl serve` on a fresh SQLite database (with the demo county when demo is true).
  void start(bool demo = false, std::vector<std::string> extra = {}) {
    static int instance = 0;
    dir = std::filesystem::temp_directory_path() /
          ("fishbowl-bb-" + std::to_string(::getpid()) + "-" + std::to_string(instance++));
    std::filesystem::create_directories(dir);
    log_path = (dir / "server.log").string();
    std::mt19937 rng(std::random_device{}());
    db = "sqlite://" + (dir / "t.db").string();
    key = (dir / "ledger.key").string();
    if (!key_from.empty()) std::filesystem::copy_file(key_from, key);
    if (demo) {
      std::string cmd = std::string(FISHBOWL_BINARY) + " --db " + db + " demo > /dev/null 2>&1";
      ASSERT_EQ(std::system(cmd.c_str()), 0);
    }
    // A random port may be taken by another test process: when the server exits (it could not bind), try
    // another.
    for (int attempt = 0; attempt < 5; ++attempt) {
      port = 20000 + static_cast<int>(rng() % 20000);
      pid = fork();
      if (pid == 0) {
        FILE* f = std::freopen(log_path.c_str(), "w", stdout);
        (void)f;
        dup2(fileno(stdout), 2);
        std::string listen = "127.0.0.1:" + std::to_string(port);
        std::vector<std::string> argv_s{FISHBOWL_BINARY, "--db",         db, "serve", "--listen",
                                        listen,          "--ledger-key", key};
        for (auto& e : extra) argv_s.push_back(e);
        std::vector<char*> argv;
        for (auto& a : argv_s) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(FISHBOWL_BINARY, argv.data());
        _exit(127);
      }
      bool exited = false;
      for (int i = 0; i < 200 && !exited; ++i) {
        int status = 0;
        exited = waitpid(pid, &status, WNOHANG) == pid;  // exited: the port was taken
        if (exited) break;
        if (request("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").find(" 200 ") !=
            std::string::npos)
          return;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      if (!exited) {  // alive but never healthy: do not leave it running
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
      }
    }
    pid = -1;
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

// Runs the binary with the given arguments (through the shell, so redirections work) and collects its output.
struct CommandResult {
  int status;
  std::string out;
};

inline CommandResult run_fishbowl(const std::string& args) {
  std::string cmd = std::string(FISHBOWL_BINARY) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace fishbowl::testing
