#pragma once
// The public ledger: every event is a leaf of an append-only Merkle log (RFC 9162 hashing, see merkle.h) with
// signed checkpoints (note.h). Leaves are appended by Command::record in the transaction of their event; on
// PostgreSQL the row lock on ledger_state orders appends from several servers into one sequence.
//
// Leaf bytes are canonical JSON of the event: keys sorted, no insignificant whitespace, UTF-8 (nlohmann's
// dump of an object with sorted keys). Personal data appears only under "personal" as commitments
// hex(SHA-256(salt || field || 0x00 || value)) with the event's salt; the clear values stay on the event row.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "ledger/merkle.h"
#include "ledger/note.h"
#include "storage/database.h"

namespace fishbowl::ledger {

// Appends the leaves of one transaction, which may hold a group of commands (see Database::batch). add()
// only queues (and hashes) a leaf; write(), just before the commit, takes the size row's lock, numbers the
// queued leaves from the current size and writes them and every subtree they complete in bulk. Taking the
// lock at the end keeps it held as briefly as possible on PostgreSQL, and one write reads the tree's right
// edge once for the whole transaction instead of once per leaf or per command.
class Appender final : public CommitBatch {
 public:
  explicit Appender(Backend backend) : backend_(backend) {}
  void add(long long event_id, std::string data);
  std::size_t mark() const override { return data_.size(); }
  void undo_to(std::size_t mark) override;
  void write(soci::session& sql) override;

 private:
  Backend backend_;
  std::vector<long long> event_ids_;
  std::vector<std::string> data_;
  std::vector<Hash> hashes_;
};
// The commitment to one personal field, as it appears in a leaf.
std::string commitment(const std::string& salt_hex, const std::string& field, const std::string& value);

struct Entry {
  std::uint64_t index = 0;
  long long event_id = 0;
  std::string data;  // the leaf bytes
  Hash leaf_hash{};
  // The canonical bytes of the event row as it is now: equal to data unless someone edited the event since.
  // Publishing both lets any monitor catch such an edit. nullopt when the event row is gone.
  std::optional<std::string> event;
};

Result<std::uint64_t> tree_size(Database& db);
// Entries [start, end), at most 1000.
Result<std::vector<Entry>> entries(Database& db, std::uint64_t start, std::uint64_t end);
// The first leaf with this hash: looked up in the leaf-hash index, and among the leaves not indexed yet.
Result<std::optional<std::uint64_t>> index_of_leaf(Database& db, const Hash& leaf);
// Adds the leaves appended since the last call to the leaf-hash index, in transactions of at most `chunk`
// leaves, and returns how many it added. Appends do not index their leaves: keys in hash order land at random
// places of the index, and a few thousand of them sorted together cost far less than one at a time. The
// server calls it before each checkpoint.
Result<std::uint64_t> index_leaf_hashes(Database& db, std::uint64_t chunk = 50000);
Result<std::optional<std::uint64_t>> index_of_event(Database& db, long long event_id);
Result<Hash> root_at(Database& db, std::uint64_t size);
// Errors: ledger.invalid_range (422) when the sizes do not fit the tree.
Result<std::vector<Hash>> inclusion(Database& db, std::uint64_t index, std::uint64_t size);
Result<std::vector<Hash>> consistency(Database& db, std::uint64_t size1, std::uint64_t size2);

struct StoredCheckpoint {
  std::uint64_t size = 0;
  Hash root{};
  std::string note;  // the signed note, as published
  std::string created_at;
};
Result<std::optional<StoredCheckpoint>> latest_checkpoint(Database& db);
// Signs and stores a checkpoint when the tree has grown since the last one; returns it (or the last one).
Result<std::optional<StoredCheckpoint>> make_checkpoint(Database& db, const Signer& signer);

// Recomputes everything stored (leaf hashes from leaf bytes, every node, every checkpoint root, each leaf
// against its event) and names the first inconsistency; "" when everything agrees.
Result<std::string> verify_store(Database& db, const std::optional<Verifier>& verifier);

}  // namespace fishbowl::ledger
