#pragma once

#include "CommandLine.h"

namespace ecalab::app {

// `ecalab emulator [--port N] [--seed FILE] [--json]`: serve the org on loopback until SIGINT/SIGTERM.
// Returns the process exit code.
int runEmulatorCommand(const CommandLine &commandLine);
QString emulatorHelpText(); // `ecalab emulator --help`

} // namespace ecalab::app
