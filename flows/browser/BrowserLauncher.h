#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace ecalab {

// Opens the authorize / verification URL in the user's own browser (RFC 8252 §4.1: never an
// embedded one). Injected: the desktop default lives in app/ (QtGui), a command from
// `--browser COMMAND`, none with `--no-browser`, a scripted HTTP client in tests.
class BrowserLauncher
{
public:
    struct Result
    {
        bool opened = false;
        QString note; // shown to the user when not opened: why, and what to do instead
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
// appended as its last argument, then started detached. Its stdout goes nowhere, so nothing it
// prints can mix with the --json object; its stderr is ECA Lab's.
class CommandBrowserLauncher final : public BrowserLauncher
{
public:
    explicit CommandBrowserLauncher(QString command) : m_command(std::move(command)) {}
    Result open(const QUrl &url) override;
    // Pure; tests assert on it. Empty when the command cannot be split (an unclosed quote).
    static QStringList commandLine(const QString &command, const QUrl &url);

private:
    QString m_command;
};

} // namespace ecalab
