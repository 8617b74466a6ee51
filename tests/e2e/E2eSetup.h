#pragma once

#include "EmulatorProcess.h"
#include "WebDriver.h"

#include <QTemporaryDir>

namespace ecalab::e2e {

// What every e2e suite starts first: `ecalab emulator --json`, with its config under `config`
// (config/), and chromedriver. Returns what did not start, or an empty string.
QString startEmulatorAndDriver(const QTemporaryDir &config, test::EmulatorProcess &emulator, ChromeDriver &driver);

} // namespace ecalab::e2e
