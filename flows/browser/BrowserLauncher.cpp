#include "BrowserLauncher.h"

#include "core/ShellWords.h"

#include <QProcess>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

BrowserLauncher::Result NoBrowserLauncher::open(const QUrl &)
{
    return {false, u"Not opened (--no-browser): open the URL in any browser on this machine."_s};
}

QStringList CommandBrowserLauncher::commandLine(const QString &command, const QUrl &url)
{
    auto words = splitShellWords(command);
    if (!words)
        return {};
    words->append(url.toString(QUrl::FullyEncoded));
    return *words;
}

BrowserLauncher::Result CommandBrowserLauncher::open(const QUrl &url)
{
    if (const auto split = splitShellWords(m_command); !split)
        return {false, u"The --browser command cannot be read: %1"_s.arg(split.error())};
    QStringList words = commandLine(m_command, url);
    if (words.size() < 2)
        return {false, u"The --browser command is empty: give a program, e.g. --browser firefox."_s};
    QProcess process;
    process.setProgram(words.takeFirst());
    process.setArguments(words);
    process.setStandardOutputFile(QProcess::nullDevice());
    if (!process.startDetached())
        return {false, u"Could not start \"%1\": check the --browser command, or open the URL yourself."_s.arg(process.program())};
    return {true, {}};
}

} // namespace ecalab
