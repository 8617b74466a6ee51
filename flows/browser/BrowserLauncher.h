#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace ecalab {

// A launch whose outcome is not known yet when open() returns: an opener command that was started
// and may still say it failed (exit non-zero, or not start at all). Emits failed(note) at most once.
// Lives while the command runs (at least until the window has passed), then deletes itself.
class LaunchWatch : public QObject
{
    Q_OBJECT
public:
    // How long after the start a non-zero exit still counts as "could not open". xdg-open answers
    // in well under a second when no handler is registered (exit 3) or the handler fails (exit 4);
    // a browser started directly keeps running, and one handed to a running instance exits 0.
    // 3 s leaves room for a slow desktop session (xdg-open runs gio or kde-open) while the screen
    // does not claim "opened" for long; a later exit is the browser closing, not a failed launch.
    static constexpr int kLaunchFailureWindowMs = 3000;

    explicit LaunchWatch(QObject *parent = nullptr) : QObject(parent) {}

    bool isSettled() const { return m_settled; }
    // Reports the failure (once), unless the outcome was already settled.
    void reportFailure(const QString &note);
    void settle() { m_settled = true; } // the window passed or the command exited 0

Q_SIGNALS:
    void failed(const QString &note);

private:
    bool m_settled = false;
};

// Opens the authorize / verification URL in the user's own browser (RFC 8252 §4.1: never an
// embedded one). Injected: the desktop default lives in app/ (QtGui), a command from
// `--browser COMMAND`, none with `--no-browser`, a scripted HTTP client in tests.
class BrowserLauncher
{
public:
    struct Result
    {
        bool opened = false;
        QString note;        // shown to the user when not opened: why, and what to do instead
        bool failed = false; // a launch was tried and did not work (not --no-browser's choice)
        // Set when the launch may still fail: connect to LaunchWatch::failed. Null once settled.
        QPointer<LaunchWatch> watch;
    };
    virtual ~BrowserLauncher() = default;
    virtual Result open(const QUrl &url) = 0;
};

// --no-browser: the URL is shown and the person opens it wherever they like.
class NoBrowserLauncher final : public BrowserLauncher
{
public:
    Result open(const QUrl &url) override;
};

// --browser COMMAND: COMMAND is split as a POSIX shell splits words (splitShellWords) and the URL
// appended as its last argument, then started (never through a shell). Its stdout goes nowhere,
// so nothing it prints can mix with the --json object; its stderr is ECA Lab's. The process is
// watched for LaunchWatch::kLaunchFailureWindowMs: a non-zero exit or a failed start in that time
// is reported through Result::watch.
// The watches in flight belong to the launcher; a command still running when the launcher goes is
// a browser the person uses, and is left running (never killed with ECA Lab).
class CommandBrowserLauncher final : public BrowserLauncher
{
public:
    explicit CommandBrowserLauncher(QString command);
    ~CommandBrowserLauncher() override;
    Result open(const QUrl &url) override;
    // Pure; tests assert on it. Empty when the command cannot be split (an unclosed quote).
    static QStringList commandLine(const QString &command, const QUrl &url);

private:
    QString m_command;
    std::unique_ptr<QObject> m_watches; // parent of the LaunchWatches (and their processes)
};

} // namespace ecalab
