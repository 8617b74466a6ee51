#pragma once

#include "grants/FlowRegistry.h"

#include <QString>

namespace ecalab::app {

// What `ecalab --help` / `ecalab help` prints: every command, and run's options.
QString globalHelpText();
// `ecalab run --help` / `ecalab help run`: run's options, the flows and the exit codes.
QString runHelpText();
// `ecalab run FLOW --help`: what FLOW reads from the profile, then run's options and exit codes.
QString flowHelpText(const FlowDescriptor &flow);

} // namespace ecalab::app
