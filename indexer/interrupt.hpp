#pragma once
// Ctrl-C (SIGINT) and SIGTERM during a run: say what was kept before exiting with 128 + signal,
// rather than vanishing silently. The lock and the files are left as a killed run leaves them,
// which the next run handles.

namespace gazette::cli {

/// Installs the handlers; until set_interrupt_message(), nothing has been written.
void report_interrupts();

/// What an interruption from now on means for the index (a string that lives for the program).
void set_interrupt_message(const char* message);

} // namespace gazette::cli
