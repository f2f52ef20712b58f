#pragma once
// The background work of `serve`: a task run at start and then every interval on a thread of its own (signing
// ledger checkpoints, sending the SMS outbox), stopped and joined when it goes out of scope.
#include <chrono>
#include <functional>
#include <thread>

namespace fishbowl {

class Periodic {
 public:
  Periodic(std::chrono::seconds every, std::function<void()> task);
  // For a task that can take long: it is handed the stop token, to end early when `serve` stops.
  Periodic(std::chrono::seconds every, std::function<void(const std::stop_token&)> task);

 private:
  std::jthread thread_;
};

}  // namespace fishbowl
