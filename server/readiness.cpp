#include "readiness.hpp"

#include <systemd/sd-daemon.h>

namespace gazette::server {

// libsystemd's sd_notify: it finds NOTIFY_SOCKET itself and is a no-op without it.
void notify_ready() {
    sd_notify(0, "READY=1");
}

void notify_stopping() {
    sd_notify(0, "STOPPING=1");
}

} // namespace gazette::server
