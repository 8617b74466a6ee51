#include "BrowserLauncher.h"

#include "core/ShellWords.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

void LaunchWatch::reportFailure(const QString &note)
{
    if (m_settled)
        return;
    m_settled = true;
    Q_EMIT failed(note);
}

BrowserLauncher::Result NoBrowserLauncher::open(const QUrl &)
{
    return {false, u"Not opened (--no-browser): open the URL in any browser on this machine."_s, false, {}};
}

QStringList CommandBrowserLauncher::commandLine(const QString &command, const QUrl &url)
{
    auto words = splitShellWords(command);
    if (!words)
        return {};
    words->append(url.toString(QUrl::FullyEncoded));
    return *words;
}

namespace {
// A QProcess that can let its child go: marked not running, it neither kills nor waits for it when
// deleted (QProcess::setProcessState is there for subclasses).
class LaunchedProcess final : public QProcess
{
public:
    using QProcess::QProcess;
    void release()
    {
        if (state() != QProcess::NotRunning)
            setProcessState(QProcess::NotRunning);
    }
};

bool isFindable(const QString &program)
{
    if (program.contains(u'/'))
        return QFileInfo(program).isExecutable();
    return !QStandardPaths::findExecutable(program).isEmpty();
}

// The process belongs to the watch, the watch to the launcher. A command still running when the
// window has passed is a browser the person is using: the watch stays until it exits.
LaunchWatch *watchProcess(QProcess *process, QObject *owner)
{
    auto *watch = new LaunchWatch(owner);
    process->setParent(watch);
    const QString program = process->program();
    QObject::connect(process, &QProcess::finished, watch, [watch, program](int code, QProcess::ExitStatus status) {
        if (status == QProcess::CrashExit)
            watch->reportFailure(u"\"%1\" stopped at once (it crashed)."_s.arg(program));
        else if (code != 0)
            watch->reportFailure(
                u"\"%1\" exited with status %2 at once: no browser took the URL."_s.arg(program).arg(code));
        watch->settle();
        watch->deleteLater();
    });
    QObject::connect(process, &QProcess::errorOccurred, watch, [watch, process, program](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart)
            return;
        watch->reportFailure(u"Could not start \"%1\": %2."_s.arg(program, process->errorString()));
        watch->deleteLater();
    });
    QTimer::singleShot(LaunchWatch::kLaunchFailureWindowMs, watch, [watch] { watch->settle(); });
    return watch;
}
} // namespace

CommandBrowserLauncher::CommandBrowserLauncher(QString command)
    : m_command(std::move(command)), m_watches(std::make_unique<QObject>())
{
}

CommandBrowserLauncher::~CommandBrowserLauncher()
{
    for (QProcess *process : m_watches->findChildren<QProcess *>()) // each one a LaunchedProcess
        static_cast<LaunchedProcess *>(process)->release();
}

BrowserLauncher::Result CommandBrowserLauncher::open(const QUrl &url)
{
    if (const auto split = splitShellWords(m_command); !split)
        return {false, u"The --browser command cannot be read: %1"_s.arg(split.error()), true, {}};
    QStringList words = commandLine(m_command, url);
    if (words.size() < 2)
        return {false, u"The --browser command is empty: give a program, e.g. --browser firefox."_s, true, {}};
    const QString program = words.takeFirst();
    if (!isFindable(program))
        return {
            false,
            u"Could not start \"%1\": no such program. Check the --browser command, or open the URL yourself."_s.arg(
                program),
            true,
            {}};
    auto *process = new LaunchedProcess;
    process->setProgram(program);
    process->setArguments(words);
    process->setStandardInputFile(QProcess::nullDevice());
    process->setStandardOutputFile(QProcess::nullDevice());
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    LaunchWatch *watch = watchProcess(process, m_watches.get());
    process->start();
    return {true, {}, false, watch};
}

} // namespace ecalab
