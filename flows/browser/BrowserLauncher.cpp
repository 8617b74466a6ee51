#include "BrowserLauncher.h"

#include <QProcess>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

BrowserLauncher::Result NoBrowserLauncher::open(const QUrl &)
{
    return {false, u"Not opened (--no-browser): open the URL in any browser on this machine."_s};
}

QStringList CommandBrowserLauncher::commandLine(const QString &command, const QUrl &url)
{
    QStringList words = QProcess::splitCommand(command);
    words.append(url.toString(QUrl::FullyEncoded));
    return words;
}

BrowserLauncher::Result CommandBrowserLauncher::open(const QUrl &url)
{
    QStringList words = commandLine(m_command, url);
    if (words.size() < 2)
        return {false, u"The --browser command is empty: give a program, e.g. --browser firefox."_s};
    const QString program = words.takeFirst();
    if (!QProcess::startDetached(program, words))
        return {false, u"Could not start \"%1\": check the --browser command, or open the URL yourself."_s.arg(program)};
    return {true, {}};
}

} // namespace ecalab
