#include "BrowserChoice.h"

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
DesktopLauncherFactory g_desktopFactory = nullptr;
}

void setDesktopLauncherFactory(DesktopLauncherFactory factory)
{
    g_desktopFactory = factory;
}

QString fallbackOpenCommand()
{
#if defined(Q_OS_MACOS)
    return u"open"_s;
#else
    return u"xdg-open"_s;
#endif
}

std::unique_ptr<BrowserLauncher> chooseBrowserLauncher(const CommandLine &commandLine)
{
    if (commandLine.noBrowser)
        return std::make_unique<NoBrowserLauncher>();
    if (!commandLine.browserCommand.isEmpty())
        return std::make_unique<CommandBrowserLauncher>(commandLine.browserCommand);
    if (g_desktopFactory)
        return g_desktopFactory();
    return std::make_unique<CommandBrowserLauncher>(fallbackOpenCommand());
}

} // namespace ecalab::app
