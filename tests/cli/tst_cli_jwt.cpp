// `ecalab run jwt-bearer` as CI pipelines call it, against `ecalab emulator` in another process:
// the demo profile as it is; `ecalab keys generate`, the certificate installed through the admin
// API (what an admin uploads in Setup), then a run with the new key; an encrypted key's
// passphrase from ECALAB_KEY_PASSPHRASE, or an Expired wait without it; key problems exit 2.
#include "CliRun.h"
#include "EmulatorProcess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace ecalab::test;

namespace {
constexpr int kRunMs = 30'000;
const QByteArray kSignedAssertionStart = "eyJhbGciOiJSUzI1NiJ9."; // base64url of {"alg":"RS256"} and its dot

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestCliJwt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ecalabBinary()), "ECALAB_BINARY must point at the built ecalab");
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_emulator.start(m_dir.filePath(u"config"_s), &error), qPrintable(error));
        m_profileFile = m_emulator.writeProfile(m_dir.path());
        QVERIFY(!m_profileFile.isEmpty());
        m_demoCertificate = readFile(u":/emulator/demo/demo-cert.pem"_s);
        QVERIFY(m_demoCertificate.startsWith("-----BEGIN CERTIFICATE-----"));
    }
    void cleanupTestCase() { QVERIFY(m_emulator.stop()); }

    void theDemoProfileRunsAsItIs()
    {
        const CliResult r = run({u"run"_s, u"jwt-bearer"_s, u"--profile"_s, m_profileFile, u"--json"_s});
        QVERIFY2(r.exitCode == 0, r.summary().constData());
        const QJsonObject json = r.json();
        QCOMPARE(json[u"flow"].toString(), u"jwt-bearer"_s);
        const QJsonObject token = json[u"token"].toObject();
        QVERIFY(!token[u"access_token"].toString().isEmpty());
        QVERIFY(!token.contains(u"refresh_token")); // §5.2
        const QJsonObject assertion = json[u"checks"][u"assertion"].toObject();
        QCOMPARE(assertion[u"claims"][u"aud"].toString(), u"https://login.salesforce.com"_s);
        QCOMPARE(assertion[u"claims"][u"sub"].toString(), m_emulator.userName());
        QVERIFY(!assertion[u"audienceReason"].toString().isEmpty());
        QVERIFY2(!r.out.contains(kSignedAssertionStart) && !r.err.contains(kSignedAssertionStart), r.out.constData());
        const QJsonObject exchange = json[u"exchanges"].toArray().first().toObject();
        QVERIFY(exchange[u"request"][u"body"].toString().endsWith(u"assertion=[redacted]"));
    }

    void humanOutputShowsTheAssertionBeforeSending()
    {
        const CliResult r = run({u"run"_s, u"jwt-bearer"_s, u"--profile"_s, m_profileFile});
        QVERIFY2(r.exitCode == 0, r.summary().constData());
        QVERIFY2(r.err.contains("aud https://login.salesforce.com"), r.err.constData());
        QVERIFY(r.err.contains("exp "));
        QVERIFY(!r.out.contains(kSignedAssertionStart) && !r.err.contains(kSignedAssertionStart));
    }

    void generatedKeysRunOnceTheirCertificateIsUploaded()
    {
        const QString keys = m_dir.filePath(u"generated"_s);
        const CliResult generated =
            run({u"keys"_s, u"generate"_s, u"--out"_s, keys, u"--cn"_s, u"CI pipeline"_s, u"--days"_s, u"30"_s});
        QVERIFY2(generated.exitCode == 0, generated.summary().constData());
        const QString keyFile = keys + u"/private.key"_s;
        const QString certificateFile = keys + u"/certificate.crt"_s;
        const QByteArray certificate = readFile(certificateFile);
        QVERIFY(certificate.startsWith("-----BEGIN CERTIFICATE-----"));

        const QStringList withNewKey{u"run"_s, u"jwt-bearer"_s, u"--profile"_s, m_profileFile, u"--set"_s,
                                     u"privateKeyFile="_s + keyFile, u"--set"_s, u"certificateFile="_s + certificateFile,
                                     u"--json"_s};
        const CliResult beforeUpload = run(withNewKey);
        QCOMPARE(beforeUpload.exitCode, 1); // the app still has the demo certificate
        QCOMPARE(beforeUpload.json()[u"error"][u"error"].toString(), u"invalid_grant"_s);

        const QString clientId = m_emulator.profile()[u"clientId"].toString();
        QCOMPARE(m_emulator.admin().changeApp(clientId, {{u"certificate"_s, QString::fromLatin1(certificate)}}).status, 200);
        const CliResult r = run(withNewKey);
        QVERIFY2(r.exitCode == 0, r.summary().constData());
        QVERIFY(!r.json()[u"token"][u"access_token"].toString().isEmpty());
        QVERIFY(!r.json()[u"token"].toObject().contains(u"refresh_token"));
        QCOMPARE(run({u"run"_s, u"jwt-bearer"_s, u"--profile"_s, m_profileFile}).exitCode, 1); // the demo key no longer

        QCOMPARE(m_emulator.admin()
                     .changeApp(clientId, {{u"certificate"_s, QString::fromLatin1(m_demoCertificate)}})
                     .status,
                 200);
    }

    void anEncryptedKeyTakesItsPassphraseFromTheEnvironment()
    {
        const QString encrypted = m_dir.filePath(u"encrypted.pem"_s);
        QProcess openssl;
        openssl.start(u"openssl"_s, {u"pkcs8"_s, u"-topk8"_s, u"-v2"_s, u"aes-256-cbc"_s, u"-in"_s,
                                     m_emulator.profile()[u"privateKeyFile"].toString(), u"-out"_s, encrypted,
                                     u"-passout"_s, u"pass:Correct-Horse"_s});
        QVERIFY(openssl.waitForFinished(30'000) && openssl.exitCode() == 0);
        const QStringList args{u"run"_s, u"jwt-bearer"_s, u"--profile"_s, m_profileFile, u"--set"_s,
                               u"privateKeyFile="_s + encrypted, u"--json"_s, u"--timeout"_s, u"3"_s};
        QProcessEnvironment env = cliEnvironment(m_dir.filePath(u"config"_s));
        env.insert(u"ECALAB_KEY_PASSPHRASE"_s, u"Correct-Horse"_s);
        const CliResult r = runCli(args, env, kRunMs, {QString(), QByteArray(), 0});
        QVERIFY2(r.exitCode == 0, r.summary().constData());
        QVERIFY(!r.out.contains("Correct-Horse") && !r.err.contains("Correct-Horse"));

        const CliResult unanswered = runCli(args, cliEnvironment(m_dir.filePath(u"config"_s)), kRunMs,
                                            {QString(), QByteArray(), 0});
        QCOMPARE(unanswered.exitCode, 4); // the wait on the person ran out (stdin gave nothing)
        QVERIFY2(unanswered.json()[u"error"][u"fix"].toString().contains(u"ECALAB_KEY_PASSPHRASE"),
                 unanswered.summary().constData());
    }

    void keyProblemsExitTwoBeforeSending()
    {
        const QString ecKey = m_dir.filePath(u"ec.pem"_s);
        QProcess openssl;
        openssl.start(u"openssl"_s, {u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
                                     u"-out"_s, ecKey});
        QVERIFY(openssl.waitForFinished(30'000) && openssl.exitCode() == 0);
        const CliResult r = run({u"run"_s, u"jwt-bearer"_s, u"--profile"_s, m_profileFile, u"--set"_s,
                                 u"privateKeyFile="_s + ecKey, u"--json"_s});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.json()[u"error"][u"kind"].toString(), u"Configuration"_s);
        QVERIFY2(r.json()[u"error"][u"explanation"].toString().contains(u"RSA"), r.summary().constData());
        QVERIFY(r.json()[u"exchanges"].toArray().isEmpty());
    }

private:
    CliResult run(const QStringList &args) const
    {
        return runCli(args, cliEnvironment(m_dir.filePath(u"config"_s)), kRunMs);
    }

    QTemporaryDir m_dir;
    EmulatorProcess m_emulator;
    QString m_profileFile;
    QByteArray m_demoCertificate;
};

QTEST_GUILESS_MAIN(TestCliJwt)
#include "tst_cli_jwt.moc"
