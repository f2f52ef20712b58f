#include "app/checkpoint_writer.h"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <mutex>

#include "ledger/ledger.h"

namespace fishbowl {

CheckpointWriter::CheckpointWriter(Database& db, ledger::Signer signer, std::chrono::seconds every)
    : thread_([&db, signer = std::move(signer), every](std::stop_token stop) {
        std::mutex mu;
        std::condition_variable_any wake;
        while (!stop.stop_requested()) {
          auto made = ledger::make_checkpoint(db, signer);
          if (!made) spdlog::warn("checkpoint: {}", made.error().message);
          std::unique_lock lock(mu);
          wake.wait_for(lock, stop, every, [] { return false; });  // returns early when stop is requested
        }
      }) {}

}  // namespace fishbowl
