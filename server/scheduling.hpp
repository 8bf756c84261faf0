#pragma once
// Thread scheduling for throughput. With the server's threads sharing a core, each search
// handed to a worker wakes the I/O thread twice, and by default a woken thread preempts the
// running one: two context switches per request. Batch scheduling (Linux SCHED_BATCH) keeps
// the fair share of CPU time but lets the running thread go on until it waits or its slice
// ends, so a worker finishes its search and the I/O thread then writes several responses in
// one go. Measured in bench/README.md (HTTP throughput); /health under full load then waits
// for a slice (milliseconds) instead of answering at once.

#include <string>

namespace gazette::server {

/// Schedules the calling thread, and the threads it starts from now on, as batch work.
/// Returns why not, or "" on success (elsewhere than on Linux: always a reason).
std::string use_batch_scheduling();

/// Whether the calling thread is scheduled as batch work.
bool batch_scheduled();

} // namespace gazette::server
