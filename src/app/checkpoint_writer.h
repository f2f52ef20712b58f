#pragma once
// While the server runs, signs a ledger checkpoint at start and then every interval in which the tree grew.
#include <chrono>
#include <thread>

#include "ledger/note.h"
#include "storage/database.h"

namespace fishbowl {

class CheckpointWriter {
 public:
  CheckpointWriter(Database& db, ledger::Signer signer, std::chrono::seconds every);

 private:
  std::jthread thread_;  // stopped and joined when the writer goes out of scope
};

}  // namespace fishbowl
