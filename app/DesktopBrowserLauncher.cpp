#include "DesktopBrowserLauncher.h"

#include "BrowserChoice.h"

#include <QDesktopServices>
#include <QGuiApplication>
#include <QStandardPaths>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
// On Linux and the BSDs QDesktopServices starts xdg-open detached and reports success whatever
// xdg-open answers (exit 3: no handler for http), so the window would claim "opened". The opener
// is started watched instead when it is there; QDesktopServices stays for the other platforms,
// where openUrl's answer is the system's.
bool usesWatchedOpener()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    return !QStandardPaths::findExecutable(fallbackOpenCommand()).isEmpty();
#else
    return false;
#endif
}
} // namespace

DesktopBrowserLauncher::DesktopBrowserLauncher() : m_opener(fallbackOpenCommand())
{
}

BrowserLauncher::Result DesktopBrowserLauncher::open(const QUrl &url)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()) || usesWatchedOpener())
        return m_opener.open(url);
    if (QDesktopServices::openUrl(url))
        return {true, {}, false, {}};
    return {
        false, u"No default browser could be started: open the URL yourself, or use --browser COMMAND."_s, true, {}};
}

} // namespace ecalab::app
