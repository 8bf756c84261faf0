#pragma once
// A program run by a test in a process group of its own, so that signals reach the processes
// it forks too (xapian-tcpsrv forks one per connection). Output goes to /dev/null. The
// destructor kills the group and reaps the program.

#include <sys/types.h>

#include <string>
#include <vector>

namespace gazette::test {

class ChildProcess {
  public:
    /// @throws std::runtime_error if it cannot be started.
    explicit ChildProcess(std::vector<std::string> argv);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// True while the program has not exited (it is reaped if it has).
    bool running();
    /// SIGKILL to the group, then the program reaped.
    void kill();
    void pause();  ///< SIGSTOP to the group
    void resume(); ///< SIGCONT to the group

  private:
    pid_t pid_ = -1;
};

/// A port on 127.0.0.1 that nothing listens on right now.
unsigned free_port();
/// True if something accepts connections on 127.0.0.1:port.
bool accepts(unsigned port);
/// True if `program` is on the PATH.
bool have_program(const std::string& program);

} // namespace gazette::test
