// `ecalab` run as a separate process, the way CI scripts use it: `ecalab emulator --json` in one
// process, `ecalab run …` in another, real HTTP between them.
#include "CliRun.h"
#include "EmulatorProcess.h"
#include "FreePort.h"
#include "SignatureChecks.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace ecalab::test;

namespace {
constexpr int kRunMs = 30'000;
} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ecalabBinary()), "ECALAB_BINARY must point at the built ecalab");
        QVERIFY(m_config.isValid());
        QString error;
        QVERIFY2(m_emulator.start(m_config.filePath(u"config"_s), &error), qPrintable(error));
        m_description = m_emulator.description();
        QVERIFY(!m_description.isEmpty());
        m_profileFile = m_emulator.writeProfile(m_config.path());
        QVERIFY(!m_profileFile.isEmpty());
    }

    void cleanupTestCase()
    {
        QVERIFY(m_emulator.stop()); // SIGTERM: the emulator stops cleanly, with exit code 0
    }

    void emulatorJsonHasTheContractShape()
    {
        for (const QStringView key : {u"login", u"myDomain", u"site", u"admin"})
            QVERIFY2(QUrl(m_description[key].toString()).isValid() && !m_description[key].toString().isEmpty(),
                     qPrintable(key.toString()));
        const QJsonObject profile = m_description[u"profile"].toObject();
        for (const QStringView key : {u"loginUrl", u"siteUrl", u"clientId", u"clientSecret", u"callbackUrl", u"username",
                               u"privateKeyFile"})
            QVERIFY2(!profile[key].toString().isEmpty(), qPrintable(key.toString()));
        QVERIFY(!profile[u"scopes"].toArray().isEmpty());
        QCOMPARE(profile[u"loginUrl"].toString(), m_description[u"myDomain"].toString());
        const QJsonArray users = m_description[u"users"].toArray();
        QVERIFY(!users.isEmpty());
        QVERIFY(!users.first()[u"username"].toString().isEmpty());
        QVERIFY(!users.first()[u"password"].toString().isEmpty());
    }

    void clientCredentialsSucceedsWithJson()
    {
        const CliResult r = run({u"run"_s, u"client-credentials"_s, u"--profile"_s, m_profileFile, u"--json"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject json = r.json();
        QCOMPARE(json[u"flow"].toString(), u"client-credentials"_s);
        QCOMPARE(json[u"ok"].toBool(), true);
        QVERIFY(json[u"error"].isNull());
        const QJsonObject token = json[u"token"].toObject();
        for (const QStringView key : {u"access_token", u"instance_url", u"id", u"token_type", u"issued_at", u"signature",
                               u"scope", u"api_instance_url"})
            QVERIFY2(!token[key].toString().isEmpty(), qPrintable(key.toString()));
        QVERIFY(!token.contains(u"refresh_token"));
        // The signature verifies with the app's consumer secret (§1.5), recomputed here independently.
        const QString secret = m_description[u"profile"][u"clientSecret"].toString();
        QCOMPARE(token[u"signature"].toString().toLatin1(),
                 expectedSignature(secret, token[u"id"].toString(), token[u"issued_at"].toString()));
        QCOMPARE(json[u"checks"][u"signature"].toString(), u"valid"_s);

        const QJsonArray exchanges = json[u"exchanges"].toArray();
        QCOMPARE(exchanges.size(), 1);
        const QJsonObject e = exchanges.first().toObject();
        for (const QStringView key : {u"stage", u"stageId", u"method", u"url", u"status", u"ms", u"request", u"response"})
            QVERIFY2(e.contains(key), qPrintable(key.toString()));
        QCOMPARE(e[u"status"].toInt(), 200);
        QCOMPARE(e[u"stageId"].toString(), u"token-request"_s);
        const QByteArray exchangeText = QJsonDocument(e).toJson();
        QVERIFY(!exchangeText.contains(secret.toUtf8()));
        QVERIFY(!exchangeText.contains(token[u"access_token"].toString().toUtf8()));
        QVERIFY(r.out.trimmed().endsWith('}')); // exactly one JSON object on stdout
        QCOMPARE(QJsonDocument::fromJson(r.out).isObject(), true);
    }

    void genericLoginHostIsRefusedWithExitOne()
    {
        const CliResult r = run({u"run"_s, u"client-credentials"_s, u"--profile"_s, m_profileFile, u"--set"_s,
                              u"loginUrl="_s + m_description[u"login"].toString(), u"--json"_s});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject error = r.json()[u"error"].toObject();
        QCOMPARE(error[u"kind"].toString(), u"ServerRejected"_s);
        QCOMPARE(error[u"error"].toString(), u"invalid_grant"_s);
        QCOMPARE(error[u"errorDescription"].toString(), u"request not supported on this domain"_s);
        QCOMPARE(error[u"httpStatus"].toInt(), 400);
        QVERIFY(error[u"explanation"].toString().contains(u"My Domain"));
        QVERIFY(!error[u"fix"].toString().isEmpty());
        QCOMPARE(r.json()[u"ok"].toBool(), false);
        QVERIFY(r.json()[u"token"].isNull());
    }

    void humanOutputNeverShowsSecrets()
    {
        const QString secret = m_description[u"profile"][u"clientSecret"].toString();
        const CliResult ok = run({u"run"_s, u"client-credentials"_s, u"--profile"_s, m_profileFile});
        QCOMPARE(ok.exitCode, 0);
        const CliResult refused = run({u"run"_s, u"client-credentials"_s, u"--profile"_s, m_profileFile, u"--set"_s,
                                    u"loginUrl="_s + m_description[u"login"].toString()});
        QCOMPARE(refused.exitCode, 1);
        static const QRegularExpression sessionToken(u"00D[0-9A-Za-z]{12}![0-9A-Za-z._]{8,}"_s);
        for (const QByteArray &text : {ok.out, ok.err, refused.out, refused.err}) {
            QVERIFY2(!text.contains(secret.toUtf8()), text.constData());
            QVERIFY2(!sessionToken.match(QString::fromUtf8(text)).hasMatch(), text.constData());
        }
        QVERIFY(ok.out.contains("access_token"));
        QVERIFY(ok.out.contains("[redacted]"));
        QVERIFY(refused.err.contains("request not supported on this domain"));
        QVERIFY(refused.err.contains("My Domain"));
    }

    void noFileTheAppWritesHoldsASecret()
    {
        // A saved profile used by name, with the secret from the environment.
        const QJsonObject profile = m_description[u"profile"].toObject();
        QJsonObject saved = profile;
        saved.remove(u"clientSecret"_s);
        saved.insert(u"name"_s, u"Saved demo"_s);
        QDir().mkpath(m_config.filePath(u"config/profiles"_s));
        QFile file(m_config.filePath(u"config/profiles/saved-demo.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(saved).toJson());
        file.close();
        QProcessEnvironment env = environment();
        env.insert(u"ECALAB_CLIENT_SECRET"_s, profile[u"clientSecret"].toString());
        const CliResult r = run({u"run"_s, u"client-credentials"_s, u"--profile"_s, u"Saved demo"_s, u"--json"_s}, env);
        QVERIFY2(r.exitCode == 0, r.out.constData());
        const QString token = r.json()[u"token"][u"access_token"].toString();
        QVERIFY(!token.isEmpty());
        QDirIterator it(m_config.filePath(u"config"_s), QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray content = f.readAll();
            QVERIFY2(!content.contains(profile[u"clientSecret"].toString().toUtf8()), qPrintable(f.fileName()));
            QVERIFY2(!content.contains(token.toUtf8()), qPrintable(f.fileName()));
            ++files;
        }
        QVERIFY(files >= 1);
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown flow") << QStringList{u"run"_s, u"telepathy"_s, u"--json"_s} << 2 << u"Unknown flow"_s;
        QTest::newRow("a flow this version does not have") << QStringList{u"run"_s, u"token-exchange"_s, u"--json"_s} << 2 << u"Unknown flow"_s;
        QTest::newRow("missing profile file") << QStringList{u"run"_s, u"client-credentials"_s, u"--profile"_s,
                                                             u"/nonexistent/p.json"_s, u"--json"_s}
                                              << 2 << u"Cannot open profile"_s;
        QTest::newRow("unknown saved profile") << QStringList{u"run"_s, u"client-credentials"_s, u"--profile"_s,
                                                              u"Nobody"_s, u"--json"_s}
                                               << 2 << u"No saved profile"_s;
        QTest::newRow("bad --set") << QStringList{u"run"_s, u"client-credentials"_s, u"--set"_s, u"pkce=maybe"_s, u"--json"_s}
                                   << 2 << u"pkce"_s;
        QTest::newRow("usage error in json") << QStringList{u"run"_s, u"--json"_s} << 2 << u"needs a flow"_s;
        QTest::newRow("missing secret") << QStringList{u"run"_s, u"client-credentials"_s, u"--set"_s,
                                                       u"loginUrl=http://127.0.0.1:9"_s, u"--set"_s, u"clientId=x"_s, u"--json"_s}
                                        << 2 << u"consumer secret"_s;
        QTest::newRow("http on a real host") << QStringList{u"run"_s, u"client-credentials"_s, u"--set"_s,
                                                            u"loginUrl=http://acme.my.salesforce.com"_s, u"--json"_s}
                                             << 2 << u"https"_s;
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        const CliResult r = run(args);
        QCOMPARE(r.exitCode, code);
        const QJsonObject json = r.json();
        QVERIFY2(!json.isEmpty(), r.out.constData()); // --json: one object even for usage errors
        QCOMPARE(json[u"ok"].toBool(true), false);
        QCOMPARE(json[u"error"][u"kind"].toString(), u"Configuration"_s);
        QVERIFY2(json[u"error"][u"explanation"].toString().contains(mentions), r.out.constData());
    }

    void networkFailureExitsThree()
    {
        const quint16 port = freeLoopbackPort(); // nothing listens there
        QVERIFY(port != 0);
        const CliResult r = run({u"run"_s, u"client-credentials"_s, u"--profile"_s, m_profileFile, u"--set"_s,
                              u"loginUrl=http://127.0.0.1:%1"_s.arg(port), u"--json"_s});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.json()[u"error"][u"kind"].toString(), u"Transport"_s);
    }

    void timeoutExitsThree()
    {
        const QJsonObject fault{{u"path"_s, u"/services/oauth2/token"_s}, {u"kind"_s, u"delay"_s}, {u"delayMs"_s, 4000}};
        QCOMPARE(m_emulator.admin().injectFault(fault).status, 200);
        const CliResult r =
            run({u"run"_s, u"client-credentials"_s, u"--profile"_s, m_profileFile, u"--timeout"_s, u"0.5"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.json()[u"error"][u"kind"].toString(), u"Timeout"_s);
    }

    void secretOnTheCommandLineWarns()
    {
        const QString secret = m_description[u"profile"][u"clientSecret"].toString();
        const CliResult r = run({u"run"_s, u"client-credentials"_s, u"--profile"_s, m_profileFile, u"--set"_s,
                              u"clientSecret="_s + secret, u"--json"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.contains("ECALAB_CLIENT_SECRET"));
    }

    void versionAndHelp()
    {
        const CliResult version = run({u"--version"_s});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("ecalab "));
        const CliResult help = run({u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        for (const char *text : {"ecalab run FLOW", "--profile", "--set", "--json", "--timeout", "ecalab emulator", "Exit codes"})
            QVERIFY2(help.out.contains(text), text);
        QCOMPARE(run({u"fly"_s}).exitCode, 2);
    }

private:
    QProcessEnvironment environment() const { return cliEnvironment(m_config.filePath(u"config"_s)); }
    CliResult run(const QStringList &args) const { return runCli(args, environment(), kRunMs); }
    CliResult run(const QStringList &args, const QProcessEnvironment &env) const { return runCli(args, env, kRunMs); }

    QTemporaryDir m_config;
    EmulatorProcess m_emulator;
    QJsonObject m_description;
    QString m_profileFile;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
