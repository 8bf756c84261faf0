#pragma once
// Tells the service manager how the server is doing (systemd's sd_notify protocol): ready once
// it listens, stopping when it drains. Nothing happens when not started by systemd.

namespace gazette::server {

/// Listening and serving ("Type=notify" units start their dependents now).
void notify_ready();
/// Draining and about to exit.
void notify_stopping();

} // namespace gazette::server
