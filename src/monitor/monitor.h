#pragma once
// A monitoring node: an independent process that follows one server's public ledger and verifies it.
//
// Each poll fetches the signed checkpoint, checks its signature against the pinned verifier key, checks that
// it extends the last verified checkpoint (consistency proof), fetches every entry, compares each with the
// copy kept from earlier polls, recomputes each leaf from the event the server publishes for it, and
// recomputes the root. Anything that does not hold raises an alert (kinds below); the node then keeps its
// last verified state, so what it serves is only ever what it verified. Its state lives in <state
// dir>/monitor.db.
#include <nlohmann/json.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "ledger/merkle.h"
#include "ledger/note.h"
#include "storage/database.h"

namespace fishbowl::monitor {

// Alert kinds:
//   bad_signature   the checkpoint is not signed by the pinned key
//   key_changed     the server publishes a different verifier key than the one pinned
//   shrank          the checkpoint is smaller than one already verified
//   fork            the checkpoint does not extend the last verified one (same size, other root; or no valid
//                   consistency proof)
//   root_mismatch   the entries do not hash to the signed root
//   entry_rewritten an entry differs from the copy verified earlier
//   entries_missing the server serves fewer entries than its checkpoint covers (a truncated log)
//   event_altered   the event the server publishes for an entry no longer matches the entry
struct Alert {
  std::string kind;
  std::string message;
  std::string raised_at;
};

struct Options {
  std::string url;        // the server's base URL, e.g. http://127.0.0.1:8080
  std::string state_dir;  // where the node keeps its copy
  std::string key;        // verifier key to pin; empty: trust the server's key on first use and pin it
};

struct NodeStatus {
  std::string url;
  std::uint64_t size = 0;  // verified tree size
  ledger::Hash root{};
  std::string checkpoint;  // the verified signed note
  std::string verified_at;
  std::size_t alerts = 0;
};

class Monitor {
 public:
  static Result<std::unique_ptr<Monitor>> open(const Options& options);
  // One round of checks. Returns the alerts it raised (also stored and logged); an error only when the server
  // cannot be reached or answers nonsense, which is not an alert by itself.
  Result<std::vector<Alert>> poll();
  NodeStatus status();
  std::vector<Alert> alerts(std::size_t limit = 100);
  Database& db() { return *db_; }

 private:
  Monitor(Options options, std::unique_ptr<Database> db) : options_(std::move(options)), db_(std::move(db)) {}
  Result<ledger::Verifier> verifier(std::vector<Alert>& alerts);
  void raise(std::vector<Alert>& alerts, const std::string& kind, const std::string& message);

  Options options_;
  std::unique_ptr<Database> db_;
  std::mutex mu_;  // one poll at a time; status reads take it too
  ledger::MemoryTree
      tree_;  // over the verified copy; its leaf hashes are what later entries are compared with
};

nlohmann::json to_json(const NodeStatus& s);
nlohmann::json to_json(const Alert& a);

}  // namespace fishbowl::monitor
