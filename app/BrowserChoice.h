#pragma once

#include "CommandLine.h"

#include "browser/BrowserLauncher.h"

#include <memory>

namespace ecalab::app {

// The default desktop launcher lives with QtGui (DesktopBrowserLauncher, GUI builds only); the
// executable registers it at start-up so the CLI library stays free of QtGui.
using DesktopLauncherFactory = std::unique_ptr<BrowserLauncher> (*)();
void setDesktopLauncherFactory(DesktopLauncherFactory factory);

// The command that opens URLs when no desktop launcher is registered (a core-only build).
QString fallbackOpenCommand(); // "xdg-open" on Linux and BSD, "open" on macOS

// --no-browser → none; --browser COMMAND → that command; else the desktop default, else
// the platform's opener command.
std::unique_ptr<BrowserLauncher> chooseBrowserLauncher(const CommandLine &commandLine);

} // namespace ecalab::app
