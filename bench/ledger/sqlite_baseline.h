#pragma once
// The storage ceiling for the appends figure: the rows that the real path wrote (events, leaves, nodes),
// inserted again into a fresh database of the same schema with SQLite's C API and prepared statements, in
// the same batches, with nothing else done. The real path's rate read against this one shows what the
// ledger costs beyond the storage itself on this machine.
#include <soci/soci.h>

#include <cstdint>
#include <string>

namespace fishbowl::bench {

// Reads every row from source (untimed), then times inserting them into the migrated, empty SQLite database
// at target_path. Returns the seconds taken.
double raw_sqlite_seconds(soci::session& source, const std::string& target_path, std::uint64_t batch);

}  // namespace fishbowl::bench
