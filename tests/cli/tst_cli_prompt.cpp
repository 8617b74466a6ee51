// The CLI side of the two-way prompt and the flow registry, with `ecalab_test_flows`: the real
// ecalab plus a test-only flow that asks for a one-time code. The answer comes from a line on
// stdin (a pipe here) or from --set otp=…; without one, --timeout ends the wait (exit 4).
#include "CliRun.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using ecalab::test::CliResult;

namespace {
const QString kFlow = u"test-ask-code"_s;
const QString kGoodCode = u"246810"_s;
constexpr int kRunMs = 30'000;

// Runs the test binary; `input` is written to its stdin, which is then closed.
CliResult run(const QStringList &args, const QByteArray &input = {})
{
    static const QTemporaryDir config;
    ecalab::test::CliLaunch launch;
    launch.program = QStringLiteral(ECALAB_TEST_FLOWS_BINARY);
    launch.input = input;
    return ecalab::test::runCli(args, ecalab::test::cliEnvironment(config.path()), kRunMs, launch);
}
} // namespace

class TestCliPrompt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aRegisteredFlowIsListedAndExplained()
    {
        const CliResult all = run({u"--help"_s});
        QCOMPARE(all.exitCode, 0);
        QVERIFY2(all.out.contains(kFlow.toUtf8()), all.out.constData());
        const CliResult one = run({u"run"_s, kFlow, u"--help"_s});
        QCOMPARE(one.exitCode, 0);
        QVERIFY2(one.out.contains("clientId") && one.out.contains("required"), one.out.constData());
        QVERIFY(one.out.contains("wait on the person"));
    }

    void aTypoGetsADidYouMean()
    {
        const CliResult r = run({u"run"_s, u"test-ask-cod"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.json()[u"error"][u"explanation"].toString().contains(u"did you mean test-ask-code?"_s), r.out.constData());
    }

    void theFlowsValidationRunsBeforeAnything()
    {
        const CliResult r = run({u"run"_s, kFlow, u"--json"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.json()[u"error"][u"explanation"].toString().contains(u"consumer key"_s), r.out.constData());
    }

    void theAnswerComesFromAPipe()
    {
        const CliResult r = run({u"run"_s, kFlow, u"--set"_s, u"clientId=x"_s, u"--json"_s, u"--timeout"_s, u"20"_s},
                             kGoodCode.toUtf8() + "\n");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json()[u"token"][u"access_token"].toString(), u"00DTEST!"_s + kGoodCode);
        QVERIFY2(r.err.contains("sent to j\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2@example.com"), r.err.constData());
        QVERIFY(r.err.contains("--set otp=VALUE"));
    }

    void theAnswerComesFromSet()
    {
        const CliResult r =
            run({u"run"_s, kFlow, u"--set"_s, u"clientId=x"_s, u"--set"_s, u"otp="_s + kGoodCode, u"--json"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json()[u"token"][u"access_token"].toString(), u"00DTEST!"_s + kGoodCode);
        QVERIFY(!r.err.contains("unknown")); // otp is an answer, not a profile field
    }

    void aWrongAnswerIsTheServersRefusal()
    {
        const CliResult r = run({u"run"_s, kFlow, u"--set"_s, u"clientId=x"_s, u"--json"_s}, "111111\n");
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json()[u"error"][u"error"].toString(), u"invalid_otp"_s);
    }

    void noAnswerEndsAtTheTimeout()
    {
        const CliResult r = run({u"run"_s, kFlow, u"--set"_s, u"clientId=x"_s, u"--json"_s, u"--timeout"_s, u"2"_s});
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.json()[u"error"][u"kind"].toString(), u"Expired"_s);
        QVERIFY2(r.elapsedMs < 6000, qPrintable(QString::number(r.elapsedMs)));
    }
};

QTEST_GUILESS_MAIN(TestCliPrompt)
#include "tst_cli_prompt.moc"
