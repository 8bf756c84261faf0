#include "interrupt.hpp"

#include <atomic>
#include <csignal>
#include <cstring>
#include <unistd.h>

namespace gazette::cli {

namespace {

// Read by the signal handler: a lock-free pointer, the only state a handler may touch.
std::atomic<const char*> interrupt_message{"gazette-index: interrupted before anything was written\n"};

extern "C" void on_interrupt(int signal) {
    const char* message = interrupt_message.load();
    // write() and _exit() are async-signal-safe; stdio and exit() are not.
    if (::write(STDERR_FILENO, message, std::strlen(message)) < 0) {
    }
    ::_exit(128 + signal);
}

} // namespace

void report_interrupts() {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

void set_interrupt_message(const char* message) {
    interrupt_message.store(message);
}

} // namespace gazette::cli
