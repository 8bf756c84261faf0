#include "scheduling.hpp"

#include <cstring>

#if defined(__linux__)
#include <pthread.h>
#include <sched.h>
#endif

namespace gazette::server {

#if defined(__linux__)

std::string use_batch_scheduling() {
    sched_param param{};
    param.sched_priority = 0; // the only priority of SCHED_BATCH
    // New threads inherit the policy of the thread that creates them (PTHREAD_INHERIT_SCHED).
    if (const int error = pthread_setschedparam(pthread_self(), SCHED_BATCH, &param); error != 0)
        return std::strerror(error);
    return {};
}

bool batch_scheduled() {
    int policy = 0;
    sched_param param{};
    return pthread_getschedparam(pthread_self(), &policy, &param) == 0 && policy == SCHED_BATCH;
}

#else

std::string use_batch_scheduling() {
    return "batch scheduling is Linux only";
}

bool batch_scheduled() {
    return false;
}

#endif

} // namespace gazette::server
