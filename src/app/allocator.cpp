#include "app/allocator.h"

#include <malloc.h>

namespace fishbowl {

void keep_freed_memory() {
  // Setting either also stops glibc from moving the thresholds on its own.
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

}  // namespace fishbowl
