#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

#include <functional>

namespace ecalab::e2e {

// The built `ecalab` (ECALAB_BINARY) and an environment that keeps it away from the user's files
// and keyring.
QString ecalabBinary();
QProcessEnvironment ecalabEnvironment(const QString &configDir);

// `ecalab emulator --json` in its own process, as a person runs it; its first stdout line
// describes the hosts, the demo profile and the users (see tests/cli/tst_cli.cpp).
class EmulatorProcess
{
public:
    EmulatorProcess() = default;
    ~EmulatorProcess();
    EmulatorProcess(const EmulatorProcess &) = delete;
    EmulatorProcess &operator=(const EmulatorProcess &) = delete;

    bool start(const QString &configDir, QString *error);
    bool stop(); // SIGTERM; true when it exited cleanly with 0

    QJsonObject description() const { return m_description; }
    QJsonObject profile() const { return m_description[u"profile"].toObject(); }
    QUrl myDomain() const { return QUrl(m_description[u"myDomain"].toString()); }
    QString userName() const;     // the demo profile's user
    QString userPassword() const; // that user's password, from the users list
    // Writes the demo profile (with `changes` merged over it) to a file and returns its path.
    QString writeProfile(const QString &directory, const QJsonObject &changes = {}) const;

    // Admin API (emulator/README.md): returns the HTTP status, 0 on transport errors.
    int admin(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    // A GET on the admin API (`path` may carry a query): the JSON answer, empty on errors.
    QJsonDocument adminGet(const QString &pathAndQuery);

private:
    QNetworkReply *adminRequest(const QByteArray &method, const QString &pathAndQuery, const QJsonObject &body);

    QProcess m_process;
    QJsonObject m_description;
    QNetworkAccessManager m_network;
};

// One `ecalab run …` in its own process, read while it waits for the person in the browser.
class CliRun
{
public:
    CliRun() = default;
    ~CliRun();
    CliRun(const CliRun &) = delete;
    CliRun &operator=(const CliRun &) = delete;

    bool start(const QStringList &arguments, const QProcessEnvironment &environment);
    // Waits (on the event loop) until `done(stderr so far)` holds; false on timeout or when the
    // process ended first.
    bool waitForStderr(const std::function<bool(const QString &)> &done, int timeoutMs);
    bool waitForExit(int timeoutMs); // true when it exited normally within the time

    int exitCode() const { return m_process.exitCode(); }
    QByteArray stdoutText() const { return m_stdout; }
    QByteArray stderrText() const { return m_stderr; }
    QJsonObject json() const;

private:
    void drain();

    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
};

// A loopback TCP port free right now (the test's callback port): listen on 0, close.
quint16 freeLoopbackPort();

} // namespace ecalab::e2e
