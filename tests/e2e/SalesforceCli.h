#pragma once

#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

namespace ecalab::e2e {

// The Salesforce CLI (`sf`, pinned in tests/e2e/salesforce-cli/package-lock.json and installed by
// its install.sh), run as a developer runs it — but with a home, a project and a "browser" of the
// test's own: HOME is a temporary folder (auth files, the CLI's generic keychain file), telemetry
// and update checks are off, the project's sfdx-project.json sets `oauthLocalPort` to a port free
// at start, and BROWSER is a script that writes the URL the CLI opens to a file the test reads
// (xdg-open, which the CLI calls, uses $BROWSER when no desktop is running).
class SalesforceCli
{
public:
    SalesforceCli() = default;
    ~SalesforceCli();
    SalesforceCli(const SalesforceCli &) = delete;
    SalesforceCli &operator=(const SalesforceCli &) = delete;

    static QString program(); // ECALAB_SF_CLI, set by tests/e2e/CMakeLists.txt
    bool prepare(QString *error);
    QUrl callbackUrl() const; // http://localhost:<oauthLocalPort>/OauthRedirect

    // One command in the background; `input` is written to its stdin, which is then closed.
    bool start(const QStringList &arguments, const QByteArray &input = {}, const QMap<QString, QString> &env = {});
    // The URL the CLI asked the browser to open, once it has (an empty URL after the timeout).
    QUrl waitForOpenedUrl(int timeoutMs);
    bool waitForExit(int timeoutMs); // true when it ended by itself within the time
    // start() + waitForExit() for the commands that need no browser.
    bool run(const QStringList &arguments, int timeoutMs, const QMap<QString, QString> &env = {});

    int exitCode() const { return m_process.exitCode(); }
    QByteArray output() const { return m_stdout; }
    QByteArray errors() const { return m_stderr; }
    // The --json document: the last top-level object on stdout, after whatever a prompt drew first.
    QJsonObject json() const;
    QString transcript() const; // the command, its stdout and stderr: for failure messages

private:
    QProcessEnvironment environment(const QMap<QString, QString> &extra) const;

    QTemporaryDir m_home;
    QTemporaryDir m_project;
    quint16 m_port = 0;
    QString m_openedUrlsFile;
    QProcess m_process;
    QStringList m_arguments;
    QByteArray m_stdout;
    QByteArray m_stderr;
};

} // namespace ecalab::e2e
