#pragma once
// How the process asks memory of the system. Each command allocates and frees a few hundred kilobytes
// (statements, JSON, ledger nodes); with glibc's defaults the freed top of the heap goes back to the system
// after nearly every command and is faulted in again by the next, and on a machine with several cores
// every return costs a TLB shootdown. Measured with bench/cases, that was a third of the time of a command.
namespace fishbowl {

// Keeps up to 64 MiB of freed heap for reuse and serves allocations below 32 MiB from the heap.
void keep_freed_memory();

}  // namespace fishbowl
