// The `ecalab` binary at the edges a server cannot reach: --timeout values out of range,
// SIGTERM / SIGINT mid-request, profile and seed "files" that never end, credentials in the login
// URL, a secret on the command line, what a launched --browser command inherits, and the device
// flow running out of --timeout.
#include "CliRun.h"
#include "EmulatorProcess.h"
#include "FreePort.h"
#include "HostileServer.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>

using namespace Qt::Literals::StringLiterals;
using ecalab::test::CliResult;
using ecalab::test::CliRun;
using ecalab::test::EmulatorProcess;
using ecalab::test::freeLoopbackPort;
using ecalab::test::HostileServer;

namespace {
constexpr int kPromptMs = 3000;                        // "within 3 s"
constexpr int kGraceMs = 3000;                         // then the test kills the process
constexpr qint64 kEndlessFileAddressSpace = 1LL << 30; // a run reading /dev/zero fails at 1 GiB, not the machine
const QString kClientSecret = u"Edge-Client-Secret-5b2e"_s;
const QString kPassword = u"Edge-Password-91c4"_s;
const QString kPassphrase = u"Edge-Passphrase-3a7d"_s;

ecalab::test::CliLaunch cappedLaunch()
{
    ecalab::test::CliLaunch launch;
    launch.maxAddressSpaceBytes = kEndlessFileAddressSpace;
    return launch;
}

QByteArray because(const QString &what, const CliResult &r)
{
    return what.toUtf8() + " — " + r.summary();
}

QString errorKind(const CliResult &r)
{
    return ecalab::test::jsonObject(r.out)[u"error"][u"kind"].toString();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestCliEdges : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ecalab::test::ecalabBinary()), "ECALAB_BINARY must point at the built ecalab");
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_emulator.start(m_dir.filePath(u"config"_s), &error), qPrintable(error));
        QVERIFY(!m_emulator.profile().isEmpty());
        m_profileFile = m_emulator.writeProfile(m_dir.path());
        QVERIFY(!m_profileFile.isEmpty());
    }

    void cleanupTestCase() { QVERIFY(m_emulator.stop()); }

    void timeoutOutOfRangeIsAUsageError_data()
    {
        QTest::addColumn<QString>("value");
        for (const char *value : {"2147484", "1e9", "inf", "nan", "0", "-1", "abc"})
            QTest::newRow(value) << QString::fromLatin1(value);
    }
    void timeoutOutOfRangeIsAUsageError()
    {
        QFETCH(QString, value);
        const QString loginUrl = u"loginUrl=http://127.0.0.1:%1"_s.arg(freeLoopbackPort());
        const QStringList args{u"run"_s,   u"client-credentials"_s,   u"--set"_s,     loginUrl,
                               u"--set"_s, u"clientId=edge-client"_s, u"--timeout"_s, value};
        const CliResult human = ecalab::test::runCli(args, secretEnvironment(), 10'000);
        QVERIFY2(human.exitCode == 2, because(u"expected exit 2"_s, human).constData());
        QVERIFY2(human.err.contains("86400"), because(u"stderr should name the maximum"_s, human).constData());
        const CliResult json = ecalab::test::runCli(args + QStringList{u"--json"_s}, secretEnvironment(), 10'000);
        QVERIFY2(json.exitCode == 2, because(u"expected exit 2"_s, json).constData());
        QVERIFY2(json.err.contains("86400"), because(u"stderr should name the maximum"_s, json).constData());
        const QString shape = ecalab::test::singleJsonObjectProblem(json.out);
        QVERIFY2(shape.isEmpty(), because(shape, json).constData());
        QCOMPARE(errorKind(json), u"Configuration"_s);
    }

    void terminationSignalCancelsTheRun_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }
    void terminationSignalCancelsTheRun()
    {
        QFETCH(int, signalNumber);
        HostileServer server(HostileServer::Behaviour::NeverAnswers);
        QVERIFY(server.isListening());
        CliRun run({u"run"_s, u"client-credentials"_s, u"--set"_s, u"loginUrl="_s + server.url(), u"--set"_s,
                    u"clientId=edge-client"_s, u"--timeout"_s, u"30"_s, u"--json"_s},
                   secretEnvironment());
        QTest::qWait(1000);
        QVERIFY2(server.connectionCount() >= 1, "the request was not in flight when the signal came");
        const qint64 signalledAt = run.elapsedMs();
        run.signal(signalNumber);
        const CliResult r = run.finish(kPromptMs + kGraceMs);
        QVERIFY2(r.ended && !r.crashed, because(u"should exit by itself"_s, r).constData());
        QVERIFY2(r.exitCode == 4, because(u"expected exit 4"_s, r).constData());
        QVERIFY2(r.elapsedMs - signalledAt <= kPromptMs, because(u"slow to stop"_s, r).constData());
        const QString shape = ecalab::test::singleJsonObjectProblem(r.out);
        QVERIFY2(shape.isEmpty(), because(shape, r).constData());
        QCOMPARE(errorKind(r), u"Cancelled"_s);
    }

    void profileThatIsNotARegularFileIsRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("/dev/zero") << u"/dev/zero"_s << u"not a regular file"_s;
        const QString fifo = m_dir.filePath(u"profile-fifo"_s);
        QFile::remove(fifo);
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QTest::newRow("FIFO with no writer") << fifo << QString();
    }
    void profileThatIsNotARegularFileIsRefused()
    {
        QFETCH(QString, path);
        QFETCH(QString, mentions);
        const CliResult r = ecalab::test::runCli({u"run"_s, u"client-credentials"_s, u"--profile"_s, path, u"--json"_s},
                                                 secretEnvironment(), kPromptMs + kGraceMs, cappedLaunch());
        QVERIFY2(r.ended && !r.crashed, because(u"should exit by itself"_s, r).constData());
        QVERIFY2(r.exitCode == 2, because(u"expected exit 2"_s, r).constData());
        QVERIFY2(r.elapsedMs <= kPromptMs, because(u"slow to refuse"_s, r).constData());
        const QString explanation = ecalab::test::jsonObject(r.out)[u"error"][u"explanation"].toString();
        QVERIFY2(explanation.contains(mentions), because(u"explanation"_s, r).constData());
    }

    void emulatorSeedThatNeverEndsIsRefused()
    {
        const CliResult r = ecalab::test::runCli({u"emulator"_s, u"--seed"_s, u"/dev/zero"_s}, environment(),
                                                 kPromptMs + kGraceMs, cappedLaunch());
        QVERIFY2(r.ended && !r.crashed, because(u"should exit by itself"_s, r).constData());
        QVERIFY2(r.exitCode == 2, because(u"expected exit 2"_s, r).constData());
        QVERIFY2(r.elapsedMs <= kPromptMs, because(u"slow to refuse"_s, r).constData());
    }

    void credentialsInTheLoginUrlNeverShow()
    {
        const QStringList args{u"run"_s,       u"client-credentials"_s,
                               u"--set"_s,     u"loginUrl=https://user:hunter2pw@acme.my.salesforce.com"_s,
                               u"--set"_s,     u"clientId=edge-client"_s,
                               u"--timeout"_s, u"2"_s};
        for (const QStringList &mode : {QStringList(), QStringList{u"--json"_s}}) {
            const CliResult r = ecalab::test::runCli(args + mode, secretEnvironment(), 10'000);
            QVERIFY2(r.exitCode == 2, because(u"expected exit 2"_s, r).constData());
            QVERIFY2(!r.out.contains("hunter2pw") && !r.err.contains("hunter2pw"),
                     because(u"password shown"_s, r).constData());
        }
    }

    void secretOnTheCommandLineWarnsAboutTheProcessList()
    {
        const CliResult r = ecalab::test::runCli(
            {u"run"_s, u"client-credentials"_s, u"--set"_s, u"loginUrl=http://127.0.0.1:%1"_s.arg(freeLoopbackPort()),
             u"--set"_s, u"clientId=edge-client"_s, u"--set"_s, u"clientSecret=xyz"_s, u"--json"_s},
            environment(), 10'000);
        QVERIFY2(r.ended, because(u"should exit by itself"_s, r).constData());
        QVERIFY2(r.err.contains("process list"), because(u"warning"_s, r).constData());
        QVERIFY2(r.err.contains("ECALAB_CLIENT_SECRET"), because(u"warning"_s, r).constData());
    }

    void browserInheritsNoSecretsAndNoStdout()
    {
        const QString envFile = m_dir.filePath(u"browser-env.txt"_s);
        const QString browser = u"sh -c 'env > %1; echo LEAK-OUT; echo LEAK-ERR >&2' sh"_s.arg(envFile);
        QProcessEnvironment env = secretEnvironment();
        env.insert(u"ECALAB_PASSWORD"_s, kPassword);
        env.insert(u"ECALAB_KEY_PASSPHRASE"_s, kPassphrase);
        const QString callback = u"callbackUrl=http://127.0.0.1:%1/OauthRedirect"_s.arg(freeLoopbackPort());
        const QStringList args{u"run"_s,     u"web-server"_s, u"--profile"_s, m_profileFile, u"--json"_s, u"--timeout"_s,
                               u"3"_s,       u"--browser"_s,  browser,        u"--set"_s,    callback};
        const CliResult r = ecalab::test::runCli(args, env, 3000 + kPromptMs + kGraceMs);
        QVERIFY2(r.ended && !r.crashed, because(u"should exit by itself"_s, r).constData());
        const QString shape = ecalab::test::singleJsonObjectProblem(r.out);
        QVERIFY2(shape.isEmpty(), because(shape, r).constData());
        QVERIFY2(!r.out.contains("LEAK"), because(u"the browser wrote to our stdout"_s, r).constData());
        QTRY_VERIFY2_WITH_TIMEOUT(QFileInfo(envFile).size() > 0,
                                  qPrintable(u"the --browser command did not run: "_s + QString::fromUtf8(r.err)),
                                  5000);
        const QByteArray inherited = readFile(envFile);
        for (const QString &text : {u"ECALAB_CLIENT_SECRET"_s, u"ECALAB_PASSWORD"_s, u"ECALAB_KEY_PASSPHRASE"_s,
                                    kClientSecret, kPassword, kPassphrase})
            QVERIFY2(!inherited.contains(text.toUtf8()), qPrintable(u"the browser inherited "_s + text));
        // The callback is not one the demo app registers: the authorize probe sees the error page
        // the browser shows (§3.2) and ends the run with it, well before --timeout.
        QVERIFY2(r.exitCode == 1, because(u"expected exit 1"_s, r).constData());
        QCOMPARE(errorKind(r), u"ServerRejected"_s);
        QVERIFY2(r.out.contains("redirect_uri_mismatch"), because(u"stdout"_s, r).constData());
        QVERIFY2(r.elapsedMs < 3000, because(u"the probe should end the run before --timeout"_s, r).constData());
        QVERIFY2(!r.err.contains("was cancelled"), because(u"stderr"_s, r).constData());
    }

    void deviceFlowRunsOutOfTimeoutAsExpired()
    {
        const CliResult r = ecalab::test::runCli({u"run"_s, u"device"_s, u"--profile"_s, m_profileFile,
                                                  u"--no-browser"_s, u"--json"_s, u"--timeout"_s, u"2"_s},
                                                 environment(), 2000 + kPromptMs + kGraceMs);
        QVERIFY2(r.ended && !r.crashed, because(u"should exit by itself"_s, r).constData());
        QVERIFY2(r.exitCode == 4, because(u"expected exit 4"_s, r).constData());
        QCOMPARE(errorKind(r), u"Expired"_s);
        QVERIFY2(r.elapsedMs <= 2000 + 1500, because(u"slower than --timeout + 1.5 s"_s, r).constData());
    }

private:
    QProcessEnvironment environment() const { return ecalab::test::cliEnvironment(m_dir.filePath(u"config"_s)); }
    QProcessEnvironment secretEnvironment() const
    {
        QProcessEnvironment env = environment();
        env.insert(u"ECALAB_CLIENT_SECRET"_s, kClientSecret);
        return env;
    }

    QTemporaryDir m_dir;
    EmulatorProcess m_emulator;
    QString m_profileFile;
};

QTEST_GUILESS_MAIN(TestCliEdges)
#include "tst_cli_edges.moc"
