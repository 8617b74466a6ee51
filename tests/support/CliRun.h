#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QStringList>

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
};

QString ecalabBinary(); // $ECALAB_BINARY
// The system environment with a private config dir and the in-memory secret store, and none of
// the ECALAB_* secrets set.
QProcessEnvironment cliEnvironment(const QString &configDir);

// One `ecalab` process in flight. Its address space can be capped, so a run that reads an
// endless file fails on allocation instead of taking the machine's memory.
class CliRun
{
public:
    CliRun(const QStringList &args, const QProcessEnvironment &env, qint64 maxAddressSpaceBytes = 0);
    ~CliRun();
    CliRun(const CliRun &) = delete;
    CliRun &operator=(const CliRun &) = delete;

    void signal(int signalNumber); // kill(2) on the running process
    // Waits up to `ms` for the process to end by itself; kills it after that. Blocks the caller.
    CliResult finish(int ms);
    qint64 elapsedMs() const { return m_clock.elapsed(); }

private:
    QProcess m_process;
    QElapsedTimer m_clock;
};

CliResult runCli(const QStringList &args, const QProcessEnvironment &env, int deadlineMs,
                 qint64 maxAddressSpaceBytes = 0);

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
