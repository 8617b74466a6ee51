#include "E2eSetup.h"

namespace ecalab::e2e {

using namespace Qt::Literals::StringLiterals;

QString startEmulatorAndDriver(const QTemporaryDir &config, test::EmulatorProcess &emulator, ChromeDriver &driver)
{
    if (!config.isValid())
        return u"No temporary directory: %1"_s.arg(config.errorString());
    QString error;
    if (!emulator.start(config.filePath(u"config"_s), &error) || !driver.start(&error))
        return error;
    return {};
}

} // namespace ecalab::e2e
