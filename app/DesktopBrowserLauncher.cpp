#include "DesktopBrowserLauncher.h"

#include "BrowserChoice.h"

#include <QDesktopServices>
#include <QGuiApplication>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

BrowserLauncher::Result DesktopBrowserLauncher::open(const QUrl &url)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return CommandBrowserLauncher(fallbackOpenCommand()).open(url);
    if (QDesktopServices::openUrl(url))
        return {true, {}};
    return {false, u"No default browser could be started: open the URL yourself, or use --browser COMMAND."_s};
}

} // namespace ecalab::app
