// `ecalab run client-credentials` against servers that misbehave: garbage, resets,
// answers that never end or never come, HTML, redirects, bodies too big or too deep, error text
// that echoes the secret or carries terminal escapes, a token whose signature is wrong. Every run,
// with --json and without, must end with the contract's exit code within --timeout + 1.5 s, leak
// no form of the consumer secret, and write no control bytes to a terminal.
#include "CliRun.h"
#include "HostileServer.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;
using ecalab::test::CliResult;
using ecalab::test::HostileServer;
using Behaviour = ecalab::test::HostileServer::Behaviour;

Q_DECLARE_METATYPE(ecalab::test::HostileServer::Behaviour)

namespace {
const QString kClientId = u"hostile-client"_s;
// A space and a '!' so that the raw, percent- and form-encoded spellings all differ.
const QString kSecret = u"S3cr3t-Hostile 7d1f!"_s;
constexpr qint64 kTimeoutMs = 2000;
// A run must end soon after its --timeout, whatever the server sends; the margin is for reading,
// masking and printing a 10 MB answer, which AddressSanitizer makes several times slower (seen:
// 3.6 and 4.8 s on 2 busy cores), so the sanitized build gets a wider one. A hang still fails both.
#if defined(__SANITIZE_ADDRESS__)
constexpr qint64 kWallLimitMs = kTimeoutMs + 6000;
#else
constexpr qint64 kWallLimitMs = kTimeoutMs + 1500;
#endif
constexpr int kKillAfterMs = 20'000;

QByteArray because(const QString &what, const CliResult &r)
{
    return what.toUtf8() + " — " + r.summary();
}

// The human report's "Salesforce said:" part, up to the next field.
QByteArray salesforceSaid(const QByteArray &err)
{
    const qsizetype start = err.indexOf("Salesforce said:");
    if (start < 0)
        return {};
    const qsizetype end = err.indexOf("What it means:", start);
    return err.mid(start, end < 0 ? -1 : end - start);
}

bool anyLineStartsWith(const QByteArray &text, const QByteArray &prefix)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.trimmed().startsWith(prefix))
            return true;
    }
    return false;
}
} // namespace

class TestCliHostile : public QObject
{
    Q_OBJECT
    // One behaviour run twice: with --json (result/error parsed) and as a person sees it.
    struct Runs
    {
        CliResult json;
        CliResult human;
        QJsonObject result;
        QJsonObject error;
    };

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ecalab::test::ecalabBinary()), "ECALAB_BINARY must point at the built ecalab");
        QVERIFY(m_dir.isValid());
        QVERIFY(!ecalab::test::secretSpellings(kClientId, kSecret).isEmpty());
    }

    void transportFailuresExitThree_data()
    {
        QTest::addColumn<Behaviour>("behaviour");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("garbage") << Behaviour::Garbage << u"Transport"_s << QString();
        QTest::newRow("reset") << Behaviour::Reset << u"Transport"_s << QString();
        QTest::newRow("never answers") << Behaviour::NeverAnswers << u"Timeout"_s << QString();
        QTest::newRow("endless headers") << Behaviour::EndlessHeaders << u"Timeout"_s << QString();
        QTest::newRow("slow drip") << Behaviour::SlowDrip << u"Timeout"_s << QString();
        QTest::newRow("truncated body") << Behaviour::TruncatedBody << u"Transport"_s
                                        << u"ended before its declared length"_s;
    }
    void transportFailuresExitThree()
    {
        QFETCH(Behaviour, behaviour);
        QFETCH(QString, kind);
        QFETCH(QString, mentions);
        HostileServer server(behaviour);
        QVERIFY(server.isListening());
        Runs runs;
        runBoth(server, 3, &runs);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(server.connectionCount() >= 1, "the run never reached the server");
        QVERIFY2(runs.error[u"kind"].toString() == kind, because(u"kind should be "_s + kind, runs.json).constData());
        QVERIFY2(runs.error[u"explanation"].toString().contains(mentions),
                 because(u"explanation"_s, runs.json).constData());
        QVERIFY2(runs.human.err.contains("What it means:"), because(u"human report"_s, runs.human).constData());
    }

    void unusableAnswersExitOne_data()
    {
        QTest::addColumn<Behaviour>("behaviour");
        QTest::addColumn<QStringList>("mentions");
        QTest::addColumn<QString>("mustNotMention");
        QTest::newRow("html 200") << Behaviour::Html << QStringList{u"HTML"_s, u"proxy or a wrong URL"_s}
                                  << u", but The"_s;
        QTest::newRow("10 MB body") << Behaviour::HugeBody << QStringList() << QString();
        QTest::newRow("deep nesting") << Behaviour::DeepNesting << QStringList() << QString();
        QTest::newRow("invalid utf-8") << Behaviour::InvalidUtf8 << QStringList() << QString();
    }
    void unusableAnswersExitOne()
    {
        QFETCH(Behaviour, behaviour);
        QFETCH(QStringList, mentions);
        QFETCH(QString, mustNotMention);
        HostileServer server(behaviour);
        Runs runs;
        runBoth(server, 1, &runs);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(runs.result[u"ok"].toBool(true), false);
        QVERIFY(!runs.error[u"kind"].toString().isEmpty());
        const QString explanation = runs.error[u"explanation"].toString();
        for (const QString &text : mentions)
            QVERIFY2(explanation.contains(text),
                     because(u"explanation should mention "_s + text, runs.json).constData());
        if (!mustNotMention.isEmpty())
            QVERIFY2(!explanation.contains(mustNotMention),
                     because(u"explanation reads "_s + explanation, runs.json).constData());
        QVERIFY2(runs.human.err.contains("What it means:"), because(u"human report"_s, runs.human).constData());
    }

    void redirectIsReportedNotFollowed()
    {
        HostileServer server(Behaviour::Redirect);
        Runs runs;
        runBoth(server, 1, &runs);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(runs.error[u"explanation"].toString().contains(u"redirected"),
                 because(u"explanation"_s, runs.json).constData());
        QCOMPARE(runs.result[u"exchanges"].toArray().size(), 1); // elsewhere.invalid was never asked
        QCOMPARE(server.connectionCount(), 2);                   // one per mode
    }

    void echoedSecretsAreRedacted_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QByteArray>("sent"); // how the secret travelled, so the echo surely holds it
        QTest::newRow("secret in the body") << QStringList() << "client_secret=" + QUrl::toPercentEncoding(kSecret);
        QTest::newRow("Basic credential") << QStringList{u"--set"_s, u"clientAuth=basic"_s}
                                          << "Basic " + (kClientId + u':' + kSecret).toUtf8().toBase64();
    }
    void echoedSecretsAreRedacted()
    {
        QFETCH(QStringList, extra);
        QFETCH(QByteArray, sent);
        HostileServer server(Behaviour::Echo);
        Runs runs;
        runBoth(server, 1, &runs, extra);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(server.lastRequest().contains(sent), server.lastRequest().constData());
        const auto secrets = ecalab::test::secretSpellings(kClientId, kSecret);
        const QString description = runs.error[u"errorDescription"].toString();
        for (const QString &field : {u"errorDescription"_s, u"explanation"_s, u"fix"_s}) {
            const QString problem = ecalab::test::leakProblem(runs.error[field].toString().toUtf8(), secrets);
            QVERIFY2(problem.isEmpty(), qPrintable(field + u": "_s + problem));
        }
        QVERIFY2(description.contains(u"[redacted]"), qPrintable(description));
        QVERIFY2(description.contains(u"POST /services/oauth2/token"),
                 qPrintable(description)); // the text around it stays
        const QByteArray said = salesforceSaid(runs.human.err);
        QVERIFY2(said.contains("invalid_client"), because(u"Salesforce said"_s, runs.human).constData());
        QVERIFY2(ecalab::test::leakProblem(said, secrets).isEmpty(), said.constData());
    }

    void escapeCodesNeverReachTheTerminal()
    {
        HostileServer server(Behaviour::EscapeCodes);
        Runs runs;
        runBoth(server, 1, &runs); // (d): no control bytes in either human stream
        if (QTest::currentTestFailed())
            return;
        // The JSON keeps the server's words verbatim; only terminals are protected.
        const QString description = runs.error[u"errorDescription"].toString();
        QVERIFY(description.contains(QChar(0x1b)));
        QCOMPARE(description, HostileServer::escapeCodesDescription());
        QVERIFY2(salesforceSaid(runs.human.err).contains("invalid_client"),
                 because(u"human report"_s, runs.human).constData());
        QVERIFY2(!anyLineStartsWith(runs.human.err, "✔ Token obtained"), runs.human.err.constData()); // no spoofed line
    }

    void hugeDescriptionIsCutForHumans()
    {
        HostileServer server(Behaviour::HugeDescription);
        Runs runs;
        runBoth(server, 1, &runs);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(runs.human.err.size() < 100 * 1024, because(u"human stderr size"_s, runs.human).constData());
        QVERIFY2(runs.human.err.contains("authentication failure"), because(u"human report"_s, runs.human).constData());
        QVERIFY2(runs.human.err.contains("more bytes in --json"), because(u"human report"_s, runs.human).constData());
        QCOMPARE(runs.error[u"errorDescription"].toString().size(), HostileServer::kHugeDescriptionBytes);
    }

    void badSignatureFailsTheRun()
    {
        HostileServer server(Behaviour::BadSignature);
        Runs runs;
        runBoth(server, 1, &runs);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(runs.result[u"ok"].toBool(true), false);
        QVERIFY2(runs.result[u"token"].isObject(), because(u"token"_s, runs.json).constData());
        QCOMPARE(runs.result[u"token"][u"access_token"].toString(), u"00D000000000001!AQ"_s);
        QCOMPARE(runs.result[u"checks"][u"signature"].toString(), u"invalid"_s);
        QCOMPARE(runs.error[u"kind"].toString(), u"Protocol"_s);
        QVERIFY2(runs.error[u"explanation"].toString().contains(u"signature"),
                 because(u"explanation"_s, runs.json).constData());
        for (const QByteArray &text : {runs.human.out, runs.human.err}) // without --json the token is masked
            QVERIFY2(!text.contains("00D000000000001!AQ"), text.constData());
    }

private:
    CliResult runOnce(const HostileServer &server, bool json, const QStringList &extra) const
    {
        QStringList args{u"run"_s,   u"client-credentials"_s,    u"--set"_s,     u"loginUrl="_s + server.url(),
                         u"--set"_s, u"clientId="_s + kClientId, u"--timeout"_s, QString::number(kTimeoutMs / 1000)};
        if (json)
            args.append(u"--json"_s);
        QProcessEnvironment env = ecalab::test::cliEnvironment(m_dir.filePath(u"config"_s));
        env.insert(u"ECALAB_CLIENT_SECRET"_s, kSecret);
        return ecalab::test::runCli(args + extra, env, kKillAfterMs);
    }

    // Runs both modes, then checks (a) exit code, (b) wall time, (c) no secret, (d) clean output.
    void runBoth(const HostileServer &server, int expectedExit, Runs *runs, const QStringList &extra = {}) const
    {
        runs->json = runOnce(server, true, extra);
        runs->human = runOnce(server, false, extra);
        runs->result = ecalab::test::jsonObject(runs->json.out);
        runs->error = runs->result[u"error"].toObject();
        checkRun(runs->json, true, expectedExit);
        if (!QTest::currentTestFailed())
            checkRun(runs->human, false, expectedExit);
    }

    static void checkRun(const CliResult &r, bool json, int expectedExit)
    {
        const QString mode = json ? u"--json: "_s : u"human: "_s;
        QVERIFY2(r.ended && !r.crashed, because(mode + u"did not end by itself"_s, r).constData());
        QVERIFY2(r.exitCode == expectedExit, because(mode + u"expected exit %1"_s.arg(expectedExit), r).constData());
        QVERIFY2(r.elapsedMs <= kWallLimitMs, because(mode + u"slower than %1 ms"_s.arg(kWallLimitMs), r).constData());
        const auto secrets = ecalab::test::secretSpellings(kClientId, kSecret);
        for (const QByteArray *stream : {&r.out, &r.err}) {
            const QString leak = ecalab::test::leakProblem(*stream, secrets);
            QVERIFY2(leak.isEmpty(), because(mode + u"a secret leaked: "_s + leak, r).constData());
        }
        const QString errProblem = ecalab::test::controlByteProblem(r.err, true);
        QVERIFY2(errProblem.isEmpty(), because(mode + u"stderr has a "_s + errProblem, r).constData());
        const QString outProblem = ecalab::test::controlByteProblem(r.out, !json);
        QVERIFY2(outProblem.isEmpty(), because(mode + u"stdout has a "_s + outProblem, r).constData());
        if (json) {
            const QString shape = ecalab::test::singleJsonObjectProblem(r.out);
            QVERIFY2(shape.isEmpty(), because(mode + shape, r).constData());
        }
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCliHostile)
#include "tst_cli_hostile.moc"
