#include "CliRun.h"

#include <QJsonDocument>
#include <QTest>
#include <QUrl>

#include <algorithm>
#include <csignal>
#include <sys/resource.h>

namespace ecalab::test {

using namespace Qt::Literals::StringLiterals;

namespace {
// AddressSanitizer reserves terabytes of shadow address space at start, so an address-space cap
// would stop the sanitized ecalab before main(); there the wall-clock deadline alone bounds a run.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kUnderAddressSanitizer = true;
#else
constexpr bool kUnderAddressSanitizer = false;
#endif

QByteArray shortened(const QByteArray &text)
{
    constexpr qsizetype kKeep = 600;
    QByteArray oneLine = text.left(kKeep);
    oneLine.replace('\n', "\\n");
    return text.size() > kKeep ? oneLine + "…(" + QByteArray::number(text.size()) + " bytes)" : oneLine;
}
} // namespace

QByteArray CliResult::summary() const
{
    if (!startError.isEmpty())
        return "did not start: " + startError.toUtf8();
    const QByteArray how = !ended    ? "killed at the deadline"
                           : crashed ? "crashed"
                                     : "exit " + QByteArray::number(exitCode);
    return how + " after " + QByteArray::number(elapsedMs) + " ms; stdout: " + shortened(out) +
           "; stderr: " + shortened(err);
}

QJsonObject CliResult::json() const
{
    return jsonObject(out);
}

QString ecalabBinary()
{
    return qEnvironmentVariable("ECALAB_BINARY");
}

QProcessEnvironment cliEnvironment(const QString &configDir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"ECALAB_CONFIG_DIR"_s, configDir);
    env.insert(u"ECALAB_SECRET_STORE"_s, u"memory"_s);
    for (const QString &name :
         {u"ECALAB_CLIENT_SECRET"_s, u"ECALAB_PASSWORD"_s, u"ECALAB_KEY_PASSPHRASE"_s, u"ECALAB_REFRESH_TOKEN"_s,
          u"BROWSER"_s})
        env.remove(name);
    return env;
}

CliRun::CliRun(const QStringList &args, const QProcessEnvironment &env, const CliLaunch &launch)
{
    m_process.setProcessEnvironment(env);
    if (const qint64 bytes = launch.maxAddressSpaceBytes; bytes > 0 && !kUnderAddressSanitizer) {
        m_process.setChildProcessModifier([bytes] {
            const rlimit cap{rlim_t(bytes), rlim_t(bytes)};
            ::setrlimit(RLIMIT_AS, &cap);
        });
    }
    m_clock.start();
    m_process.start(launch.program.isEmpty() ? ecalabBinary() : launch.program, args);
    if (m_process.waitForStarted() && launch.input) {
        m_process.write(*launch.input);
        m_process.closeWriteChannel();
    }
}

CliRun::~CliRun()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void CliRun::signal(int signalNumber)
{
    if (m_process.state() == QProcess::Running)
        ::kill(pid_t(m_process.processId()), signalNumber);
}

void CliRun::write(const QByteArray &text)
{
    m_process.write(text);
    m_process.waitForBytesWritten(5'000);
}

void CliRun::drain()
{
    m_out += m_process.readAllStandardOutput();
    m_err += m_process.readAllStandardError();
}

QByteArray CliRun::err()
{
    drain();
    return m_err;
}

bool CliRun::waitForStderr(const std::function<bool(const QString &)> &done, int timeoutMs)
{
    bool satisfied = false;
    const bool settled = QTest::qWaitFor(
        [&] {
            satisfied = done(QString::fromUtf8(err()));
            return satisfied || m_process.state() == QProcess::NotRunning;
        },
        timeoutMs);
    return settled && satisfied;
}

CliResult CliRun::finish(int ms)
{
    CliResult r;
    if (m_process.error() == QProcess::FailedToStart) {
        r.startError = m_process.errorString();
        return r;
    }
    r.ended = QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; }, ms);
    r.elapsedMs = m_clock.elapsed();
    if (!r.ended) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    r.crashed = m_process.exitStatus() == QProcess::CrashExit;
    r.exitCode = r.ended && !r.crashed ? m_process.exitCode() : -1;
    drain();
    r.out = m_out;
    r.err = m_err;
    return r;
}

CliResult runCli(const QStringList &args, const QProcessEnvironment &env, int deadlineMs, const CliLaunch &launch)
{
    CliRun run(args, env, launch);
    return run.finish(deadlineMs);
}

QString controlByteProblem(const QByteArray &text, bool allowTab)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto byte = uchar(text.at(i));
        const bool allowed = byte == '\n' || (allowTab && byte == '\t');
        if ((byte < 0x20 || byte == 0x7f) && !allowed)
            return u"control byte 0x%1 at offset %2"_s.arg(byte, 2, 16, QChar(u'0')).arg(i);
        if (byte == 0xc2 && i + 1 < text.size() && uchar(text.at(i + 1)) >= 0x80 && uchar(text.at(i + 1)) <= 0x9f)
            return u"C1 control U+00%1 at offset %2"_s.arg(uchar(text.at(i + 1)), 2, 16, QChar(u'0')).arg(i);
    }
    return {};
}

QString singleJsonObjectProblem(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return u"not one JSON document: %1 at byte %2 of %3"_s.arg(error.errorString())
            .arg(error.offset)
            .arg(text.size());
    if (!doc.isObject())
        return u"the JSON document is not an object"_s;
    return {};
}

QJsonObject jsonObject(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

QString leakProblem(const QByteArray &text, const QList<QByteArray> &needles)
{
    for (const QByteArray &needle : needles) {
        if (text.contains(needle))
            return u"contains \"%1\""_s.arg(QString::fromUtf8(needle));
    }
    return {};
}

QList<QByteArray> secretSpellings(const QString &clientId, const QString &secret)
{
    const QByteArray percent = QUrl::toPercentEncoding(secret);
    QByteArray form = percent;
    form.replace("%20", "+");
    const QByteArray percentId = QUrl::toPercentEncoding(clientId);
    QList<QByteArray> spellings{secret.toUtf8(),
                                percent,
                                form,
                                (clientId + u':' + secret).toUtf8().toBase64(),
                                (percentId + ':' + percent).toBase64(),
                                (percentId + ':' + form).toBase64()};
    std::sort(spellings.begin(), spellings.end());
    spellings.erase(std::unique(spellings.begin(), spellings.end()), spellings.end());
    return spellings;
}

} // namespace ecalab::test
