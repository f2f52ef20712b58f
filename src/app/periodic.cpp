#include "app/periodic.h"

#include <condition_variable>
#include <mutex>

namespace fishbowl {

Periodic::Periodic(std::chrono::seconds every, std::function<void()> task)
    : Periodic(every, [task = std::move(task)](const std::stop_token&) { task(); }) {}

Periodic::Periodic(std::chrono::seconds every, std::function<void(const std::stop_token&)> task)
    : thread_([every, task = std::move(task)](std::stop_token stop) {
        std::mutex mu;
        std::condition_variable_any wake;
        while (!stop.stop_requested()) {
          task(stop);
          std::unique_lock lock(mu);
          wake.wait_for(lock, stop, every, [] { return false; });  // returns early when stop is requested
        }
      }) {}

}  // namespace fishbowl
