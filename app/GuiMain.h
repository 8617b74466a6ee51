#pragma once

#include "CommandLine.h"

namespace ecalab::app {
int runGui(int argc, char **argv, const CommandLine &commandLine);
}
