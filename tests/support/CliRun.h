#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QStringList>

#include <functional>
#include <optional>

namespace ecalab::test {

// What one `ecalab …` process did.
struct CliResult
{
    QString startError; // set when the binary could not be started at all
    bool ended = false; // ended by itself before the deadline (else it was killed)
    bool crashed = false;
    int exitCode = -1;
    qint64 elapsedMs = 0;
    QByteArray out;
    QByteArray err;

    // One line for failure messages: "exit 3 after 2011 ms; stdout: …; stderr: …" (shortened).
    QByteArray summary() const;
    bool exitedNormally() const { return ended && !crashed; }
    QJsonObject json() const; // stdout as the --json object (empty when it is not one)
};

QString ecalabBinary(); // $ECALAB_BINARY
// The system environment with a private config dir and the in-memory secret store, none of the
// ECALAB_* secrets set, and no BROWSER: nothing a test starts may open the desktop's browser.
QProcessEnvironment cliEnvironment(const QString &configDir);

// How a run starts, beyond its arguments and environment.
struct CliLaunch
{
    QString program;                 // empty: ecalabBinary(); else another build of app/main.cpp
    std::optional<QByteArray> input; // written to stdin, which is then closed; none: stdin left open
    // A cap on its address space (0: none), so a run that reads an endless file fails on
    // allocation instead of taking the machine's memory.
    qint64 maxAddressSpaceBytes = 0;
};

// One `ecalab` process in flight (`ecalab run …` waiting for a person, or one that ends at once).
// Every wait spins the event loop, so this thread can play the person meanwhile (a scripted
// browser, an in-process server).
class CliRun
{
public:
    CliRun(const QStringList &args, const QProcessEnvironment &env, const CliLaunch &launch = {});
    ~CliRun();
    CliRun(const CliRun &) = delete;
    CliRun &operator=(const CliRun &) = delete;

    void signal(int signalNumber); // kill(2) on the running process
    // Types `text` on its stdin (left open when the launch had no input): a person answering a prompt.
    void write(const QByteArray &text);
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    QByteArray err(); // stderr so far
    // Waits until `done(stderr so far)` holds; false on timeout or when the process ended first.
    bool waitForStderr(const std::function<bool(const QString &)> &done, int timeoutMs);
    // Waits up to `ms` more for the process to end by itself; kills it after that.
    CliResult finish(int ms);

private:
    void drain();

    QProcess m_process;
    QElapsedTimer m_clock;
    QByteArray m_out;
    QByteArray m_err;
};

CliResult runCli(const QStringList &args, const QProcessEnvironment &env, int deadlineMs, const CliLaunch &launch = {});

// Output checks. Each returns a description of the first problem found, or an empty string.
// Control bytes other than \n (and \t when allowed), and C1 controls spelled in UTF-8 (C2 80..9F).
QString controlByteProblem(const QByteArray &text, bool allowTab);
// `text` must be exactly one JSON object (whitespace around it allowed).
QString singleJsonObjectProblem(const QByteArray &text);
QJsonObject jsonObject(const QByteArray &text);
// The first of `needles` found in `text`.
QString leakProblem(const QByteArray &text, const QList<QByteArray> &needles);

// The ways a consumer secret can leave a client: raw, percent- and form-encoded, and the Basic
// credential built from the raw and from the percent-encoded key and secret.
QList<QByteArray> secretSpellings(const QString &clientId, const QString &secret);

} // namespace ecalab::test
