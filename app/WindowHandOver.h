#pragma once

// The command line and the window are two programs (issue 15): `ecalab` links Qt Core and
// Network only, so `ecalab run …` never loads Gui, Widgets or their ~40 libraries, and it hands
// `ecalab` with no command over to the window program, which is the same main() built with the
// window (README, "Architecture notes").
namespace ecalab::app {

// Replaces this process with the window program, given the same arguments (POSIX execv), or
// starts it detached (Windows, where the console program must give the prompt back). Returns
// only when that failed, with the exit code to use after it printed why.
int handOverToWindow(int argc, char **argv);

} // namespace ecalab::app
