#pragma once
// The leaf-hash index (ledger_leaf_hashes) keys each leaf by the first hex digits of its hash: enough to make
// a lookup's candidates almost always one leaf; the full hash is compared after. Written by store.cpp,
// checked by verify.cpp.
#include <cstddef>

namespace fishbowl::ledger {

inline constexpr std::size_t kHashPrefixDigits = 16;

}  // namespace fishbowl::ledger
