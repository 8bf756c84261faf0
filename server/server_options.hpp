#pragma once
// Command line and config file of gazette-server.

#include "config.hpp"

namespace gazette::server {

/// Fills `config` from the command line (and --config FILE). Returns -1 to go on, or the exit
/// code to end with (0 after --help, 64 for bad options).
int parse_server_options(int argc, char** argv, ServerConfig& config);

} // namespace gazette::server
