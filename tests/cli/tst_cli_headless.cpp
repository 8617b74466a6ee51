// `ecalab run` for the headless family (§6) against `ecalab emulator` in another process, as a
// CI script or a person at a terminal runs it: the password from ECALAB_PASSWORD, the one-time
// code typed on stdin once the site has sent it (read here from the emulator's outbox), and no
// output — --json, human, stderr — that carries the password or the code.
#include "CliRun.h"
#include "EmulatorProcess.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace ecalab::test;

namespace {
constexpr int kRunMs = 30'000;
const QString kNewUser = u"cli.newcomer@ecalab.example"_s;
const QByteArray kNewPassword = "Cli-Fresh-Pass-77";
} // namespace

class TestCliHeadless : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_emulator.start(m_dir.filePath(u"config"_s), &error), qPrintable(error));
        m_profileFile = m_emulator.writeProfile(m_dir.path());
        QVERIFY(!m_profileFile.isEmpty());
    }
    void cleanupTestCase() { QVERIFY(m_emulator.stop()); }

    void headlessLoginWithThePasswordFromTheEnvironment()
    {
        const CliResult r = runCli({u"run"_s, u"headless-login"_s, u"--profile"_s, m_profileFile, u"--json"_s},
                                   environmentWith(u"ECALAB_PASSWORD"_s, m_emulator.userPassword()), kRunMs);
        QVERIFY2(r.exitCode == 0, r.summary().constData());
        const QJsonObject json = r.json();
        QVERIFY(!json[u"token"][u"access_token"].toString().isEmpty());
        QCOMPARE(json[u"token"][u"sfdc_community_url"].toString(), m_emulator.description()[u"site"].toString());
        const QJsonArray exchanges = json[u"exchanges"].toArray();
        QVERIFY(exchanges.size() >= 3); // authorize, echo, token, then the ID token's discovery and keys
        QVERIFY(exchanges[0][u"url"].toString().endsWith(u"/services/oauth2/authorize"_s));
        QVERIFY(exchanges[1][u"url"].toString().contains(u"/services/oauth2/echo?"_s));
        QVERIFY(exchanges[2][u"url"].toString().endsWith(u"/services/oauth2/token"_s));
        QVERIFY(json[u"checks"].toObject().contains(u"id_token"_s));
        // the 302 and the echo's JSON decoded, the code masked like every secret
        const QJsonObject answer = json[u"checks"][u"authorizeAnswer"].toObject();
        QCOMPARE(answer[u"status"].toInt(), 302);
        QVERIFY(answer[u"redirect"].toString().endsWith(u"/services/oauth2/echo"_s));
        QCOMPARE(answer[u"fields"][u"code"].toString(), u"[redacted]"_s);
        QCOMPARE(answer[u"fields"][u"sfdc_community_url"].toString(), m_emulator.description()[u"site"].toString());
        QCOMPARE(json[u"checks"][u"echoAnswer"][u"code"].toString(), u"[redacted]"_s);
        const QJsonObject authorize = exchanges.first()[u"request"].toObject(); // headers and body
        QVERIFY2(QJsonDocument(authorize).toJson().contains("Basic [redacted]"), QJsonDocument(authorize).toJson().constData());
        assertNoSecret(r, m_emulator.userPassword().toUtf8());
    }

    void registrationWithTheCodeOnStdin()
    {
        CliRun run({u"run"_s, u"headless-registration"_s, u"--profile"_s, m_profileFile, u"--set"_s,
                    u"username="_s + kNewUser, u"--set"_s, u"lastName=Comer"_s, u"--json"_s, u"--timeout"_s, u"60"_s},
                   environmentWith(u"ECALAB_PASSWORD"_s, QString::fromUtf8(kNewPassword)));
        QVERIFY2(run.waitForStderr([](const QString &err) { return err.contains(u"--set otp=VALUE"_s); }, kRunMs),
                 run.err().constData());
        QVERIFY2(run.err().contains("c\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2@ecalab.example"), run.err().constData());
        const QString otp = m_emulator.admin().lastOtpSentTo(kNewUser);
        QCOMPARE(otp.size(), 6);
        run.write(otp.toUtf8() + "\n");
        const CliResult r = run.finish(kRunMs);
        QVERIFY2(r.exitCode == 0, r.summary().constData());
        QVERIFY(!r.json()[u"token"][u"access_token"].toString().isEmpty());
        assertNoSecret(r, kNewPassword);
        assertNoSecret(r, otp.toUtf8());
        QCOMPARE(m_emulator.admin().get(u"/users/"_s + kNewUser).status, 200);
    }

    void passwordlessLoginHumanOutput()
    {
        CliRun run({u"run"_s, u"passwordless-login"_s, u"--profile"_s, m_profileFile},
                   cliEnvironment(m_dir.filePath(u"config"_s)));
        QVERIFY2(run.waitForStderr([](const QString &err) { return err.contains(u"--set otp=VALUE"_s); }, kRunMs),
                 run.err().constData());
        const QString otp = m_emulator.admin().lastOtpSentTo(m_emulator.userName());
        QCOMPARE(otp.size(), 6);
        run.write(otp.toUtf8() + "\n");
        const CliResult r = run.finish(kRunMs);
        QVERIFY2(r.exitCode == 0, r.summary().constData());
        QVERIFY2(r.err.contains("Enter the code") && r.err.contains("Read the code"), r.err.constData());
        assertNoSecret(r, otp.toUtf8());
    }

    void aWrongCodeFromSetIsTheSitesRefusal()
    {
        const CliResult r = runCli({u"run"_s, u"passwordless-login"_s, u"--profile"_s, m_profileFile, u"--set"_s,
                                    u"otp=000000"_s, u"--json"_s},
                                   cliEnvironment(m_dir.filePath(u"config"_s)), kRunMs);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json()[u"error"][u"errorDescription"].toString(), u"invalid verification code"_s);
    }

    void forgotPasswordWithTheNewPasswordFromTheEnvironment()
    {
        const QString user = u"grace@ecalab.example"_s;
        CliRun run({u"run"_s, u"forgot-password"_s, u"--profile"_s, m_profileFile, u"--set"_s, u"username="_s + user,
                    u"--json"_s},
                   environmentWith(u"ECALAB_NEW_PASSWORD"_s, u"Grace-New-Pass-42"_s));
        QVERIFY2(run.waitForStderr([](const QString &err) { return err.contains(u"--set otp=VALUE"_s); }, kRunMs),
                 run.err().constData());
        const QString otp = m_emulator.admin().lastOtpSentTo(user);
        QCOMPARE(otp.size(), 6);
        run.write(otp.toUtf8() + "\n");
        const CliResult r = run.finish(kRunMs);
        QVERIFY2(r.exitCode == 0, r.summary().constData());
        assertNoSecret(r, "Grace-New-Pass-42");
        assertNoSecret(r, otp.toUtf8());
    }

    void noCodeWithinTheTimeoutIsExit4()
    {
        CliRun run({u"run"_s, u"passwordless-login"_s, u"--profile"_s, m_profileFile, u"--timeout"_s, u"2"_s,
                    u"--json"_s},
                   cliEnvironment(m_dir.filePath(u"config"_s)));
        const CliResult r = run.finish(kRunMs);
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.json()[u"error"][u"kind"].toString(), u"Expired"_s);
    }

    void myDomainAsTheSiteIsExit2()
    {
        const CliResult r = runCli({u"run"_s, u"headless-login"_s, u"--profile"_s, m_profileFile, u"--set"_s,
                                    u"siteUrl="_s + m_emulator.myDomain().toString(), u"--json"_s},
                                   environmentWith(u"ECALAB_PASSWORD"_s, u"x"_s), kRunMs);
        // the emulator's hosts are all loopback: the field check cannot tell them apart, the site can
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json()[u"error"][u"error"].toString(), u"unsupported_response_type"_s);
        const CliResult named = runCli({u"run"_s, u"headless-login"_s, u"--profile"_s, m_profileFile, u"--set"_s,
                                        u"siteUrl=https://acme.my.salesforce.com"_s, u"--json"_s},
                                       environmentWith(u"ECALAB_PASSWORD"_s, u"x"_s), kRunMs);
        QCOMPARE(named.exitCode, 2);
        QVERIFY(named.json()[u"exchanges"].toArray().isEmpty());
    }

    void helpListsTheRegistrationFields()
    {
        const CliResult r = runCli({u"run"_s, u"headless-registration"_s, u"--help"_s},
                                   cliEnvironment(m_dir.filePath(u"config"_s)), kRunMs);
        QCOMPARE(r.exitCode, 0);
        for (const char *field : {"siteUrl", "lastName", "verificationMethod", "customData", "recaptchaToken"})
            QVERIFY2(r.out.contains(field), r.out.constData());
    }

private:
    QProcessEnvironment environmentWith(const QString &name, const QString &value) const
    {
        QProcessEnvironment env = cliEnvironment(m_dir.filePath(u"config"_s));
        env.insert(name, value);
        return env;
    }

    static void assertNoSecret(const CliResult &r, const QByteArray &secret)
    {
        QVERIFY(!secret.isEmpty());
        QVERIFY2(!r.out.contains(secret), r.out.constData());
        QVERIFY2(!r.err.contains(secret), r.err.constData());
        QVERIFY(!r.out.contains(secret.toBase64()) && !r.out.contains(QUrl::toPercentEncoding(QString::fromUtf8(secret))));
    }

    QTemporaryDir m_dir;
    EmulatorProcess m_emulator;
    QString m_profileFile;
};

QTEST_GUILESS_MAIN(TestCliHeadless)
#include "tst_cli_headless.moc"
