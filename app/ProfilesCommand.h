#pragma once

#include "CommandLine.h"

#include <QString>

namespace ecalab::app {

// `ecalab profiles list [--json]`: the saved profiles of ProfileStore's directory — name, login
// URL, client id and file; never a secret. A file that cannot be read is listed with its problem.
// Returns the process exit code.
int runProfilesCommand(const CommandLine &commandLine);
QString profilesHelpText(); // `ecalab profiles --help`

} // namespace ecalab::app
