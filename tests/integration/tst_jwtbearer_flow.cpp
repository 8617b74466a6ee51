// The JWT bearer flow (§5) against the in-process emulator: the demo profile as it is, each
// refusal of §5.3 explained, and the key problems found before anything is sent (exit 2).
#include "EmulatorFixture.h"
#include "FlowRunner.h"

#include "crypto/KeyGeneration.h"
#include "grants/jwtbearer/JwtBearerFlow.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kFlow = u"jwt-bearer"_s;

// The openssl command line makes the fixtures the flow must refuse; its own output is the check.
bool openssl(const QStringList &arguments, QString *error)
{
    QProcess process;
    process.start(u"openssl"_s, arguments);
    if (!process.waitForFinished(60'000) || process.exitCode() != 0) {
        *error = u"openssl %1: %2"_s.arg(arguments.join(u' '), QString::fromLocal8Bit(process.readAllStandardError()));
        return false;
    }
    return true;
}

QJsonObject claimsOf(const Flow &flow)
{
    return flow.checks().value(u"assertion").toObject().value(u"claims").toObject();
}
} // namespace

class TestJwtBearerFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_emulator.emplace();
        m_dir.emplace();
        QVERIFY(m_dir->isValid());
    }
    void cleanup()
    {
        m_setupProblem.clear();
        m_emulator.reset();
        m_dir.reset();
    }

    void theDemoProfileRunsAsItIs()
    {
        const Profile profile = m_emulator->demoProfile();
        FlowRunner runner;
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        Flow *flow = runner.run(kFlow, profile);
        QVERIFY2(flow->status() == Flow::Status::Succeeded, qPrintable(flow->error() ? flow->error()->summary() + u" "_s +
                                                                                         flow->error()->explanation
                                                                                   : QString()));
        const TokenSet &t = *flow->result();
        QCOMPARE(t.accessToken.section(u'!', 0, 0).size(), 15);
        QVERIFY(t.refreshToken.isEmpty()); // §5.2: never for this grant
        QCOMPARE(t.tokenType, u"Bearer"_s);
        QVERIFY(!t.instanceUrl.isEmpty());

        const QJsonObject claims = claimsOf(*flow);
        QCOMPARE(claims.value(u"iss").toString(), profile.clientId);
        QCOMPARE(claims.value(u"sub").toString(), profile.username);
        QCOMPARE(claims.value(u"aud").toString(), u"https://login.salesforce.com"_s);
        const qint64 exp = claims.value(u"exp").toInteger();
        QVERIFY2(exp >= before + 180 && exp <= QDateTime::currentSecsSinceEpoch() + 180, qPrintable(QString::number(exp)));
        QCOMPARE(flow->checks().value(u"assertion").toObject().value(u"header").toObject(),
                 (QJsonObject{{u"alg"_s, u"RS256"_s}}));
        QVERIFY(flow->stages().at(JwtBearerFlow::BuildAssertion).detail.contains(u"aud https://login.salesforce.com"));

        const auto &exchanges = runner.session.log()->exchanges();
        QCOMPARE(exchanges.size(), 1);
        const Exchange &e = exchanges.first();
        QVERIFY(e.request.body.startsWith("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion="));
        QVERIFY2(e.request.body.endsWith("assertion=[redacted]"), e.request.body.constData());
        QVERIFY(e.request.header("Authorization").isEmpty());
        const QByteArray recorded = QJsonDocument(e.toJson()).toJson();
        QVERIFY2(!recorded.contains("eyJhbGciOiJSUzI1NiJ9."), recorded.constData()); // the signed assertion
        QVERIFY(!recorded.contains(t.accessToken.toUtf8()));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("explanationMentions");
        QTest::newRow("the token endpoint as aud") << u"wrong-aud"_s << u"invalid_grant"_s << u"login host"_s;
        QTest::newRow("clock behind: exp in the past") << u"expired"_s << u"invalid_grant"_s << u"clock"_s;
        QTest::newRow("unknown consumer key") << u"unknown-iss"_s << u"invalid_client_id"_s << u"iss"_s;
        QTest::newRow("user not approved") << u"not-approved"_s << u"invalid_grant"_s << u"prior approval"_s;
        QTest::newRow("key of another certificate") << u"other-key"_s << u"invalid_grant"_s << u"certificate"_s;
    }
    void refusals()
    {
        QFETCH(QString, setup);
        QFETCH(QString, error);
        QFETCH(QString, explanationMentions);
        const Profile profile = prepareRefusal(setup);
        QVERIFY2(m_setupProblem.isEmpty(), qPrintable(m_setupProblem));
        FlowRunner runner;
        Flow *flow = runner.run(kFlow, profile);
        QCOMPARE(flow->status(), Flow::Status::Failed);
        const FlowError &e = *flow->error();
        QCOMPARE(e.kind, FlowError::Kind::ServerRejected);
        QCOMPARE(e.exitCode(), 1);
        QCOMPARE(e.httpStatus, 400);
        QCOMPARE(e.error, error);
        QVERIFY2(e.explanation.contains(explanationMentions), qPrintable(e.summary() + u" | "_s + e.explanation));
        QVERIFY2(!e.explanation.contains(u"no explanation"), qPrintable(e.explanation));
        QCOMPARE(e.stageId, u"token-request"_s);
    }

    void refusedUsersAreExplained_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::newRow("unknown user") << u"unknown-user"_s;
        QTest::newRow("inactive user") << u"inactive-user"_s;
        QTest::newRow("flow disabled: no certificate") << u"no-certificate"_s;
    }
    void refusedUsersAreExplained()
    {
        QFETCH(QString, setup);
        const Profile profile = prepareRefusal(setup);
        QVERIFY2(m_setupProblem.isEmpty(), qPrintable(m_setupProblem));
        FlowRunner runner;
        Flow *flow = runner.run(kFlow, profile);
        QCOMPARE(flow->status(), Flow::Status::Failed);
        QCOMPARE(flow->error()->kind, FlowError::Kind::ServerRejected);
        QCOMPARE(flow->error()->exitCode(), 1);
        QVERIFY2(!flow->error()->explanation.contains(u"no explanation"), qPrintable(flow->error()->summary()));
    }

    void keyProblemsAreFoundBeforeSending_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no key file") << u"no-key"_s << u"no private key file"_s;
        QTest::newRow("missing file") << u"missing-file"_s << u"nothere.pem"_s;
        QTest::newRow("not a key") << u"garbage"_s << u"garbage.pem"_s;
        QTest::newRow("EC key") << u"ec-key"_s << u"RSA"_s;
        QTest::newRow("1024-bit key") << u"short-key"_s << u"2048"_s;
        QTest::newRow("certificate of another key") << u"mismatch"_s << u"does not belong"_s;
        QTest::newRow("expired certificate") << u"expired-certificate"_s << u"expired"_s;
        QTest::newRow("no username") << u"no-username"_s << u"username"_s;
    }
    void keyProblemsAreFoundBeforeSending()
    {
        QFETCH(QString, setup);
        QFETCH(QString, mentions);
        const Profile profile = prepareKeyProblem(setup);
        QVERIFY2(m_setupProblem.isEmpty(), qPrintable(m_setupProblem));
        FlowRunner runner;
        Flow *flow = runner.run(kFlow, profile);
        QCOMPARE(flow->status(), Flow::Status::Failed);
        QCOMPARE(flow->error()->kind, FlowError::Kind::Configuration);
        QCOMPARE(flow->error()->exitCode(), 2);
        QVERIFY2(flow->error()->explanation.contains(mentions, Qt::CaseInsensitive),
                 qPrintable(flow->error()->explanation));
        QVERIFY(!flow->error()->fix.isEmpty());
        QCOMPARE(runner.session.log()->rowCount(), 0);
        QVERIFY(JwtBearerConfig::validate(profile).size() > 0 || setup == u"expired-certificate");
    }

    void anEncryptedKeyAsksForItsPassphrase()
    {
        Profile profile = m_emulator->demoProfile();
        const QString encrypted = m_dir->filePath(u"encrypted.pem"_s);
        QString error;
        QVERIFY2(openssl({u"pkcs8"_s, u"-topk8"_s, u"-v2"_s, u"aes-256-cbc"_s, u"-in"_s, profile.privateKeyFile, u"-out"_s,
                          encrypted, u"-passout"_s, u"pass:Correct-Horse"_s},
                         &error),
                 qPrintable(error));
        profile.privateKeyFile = encrypted;
        FlowRunner runner;
        Flow *flow = runner.start(kFlow, profile);
        QCOMPARE(flow->status(), Flow::Status::WaitingForUser);
        QCOMPARE(flow->prompt().kind, UserPrompt::Kind::AskSecret);
        QCOMPARE(flow->prompt().id, u"passphrase"_s);
        QCOMPARE(flow->stages().at(JwtBearerFlow::LoadKey).state, Flow::StageState::WaitingForUser);
        QVERIFY(!flow->answer(u"otp"_s, u"x"_s)); // not what it asks
        QVERIFY(flow->answer(u"passphrase"_s, u"Correct-Horse"_s));
        FlowRunner::waitForEnd(flow);
        QVERIFY2(flow->status() == Flow::Status::Succeeded, qPrintable(flow->error() ? flow->error()->explanation : QString()));
        QVERIFY(flow->stages().at(JwtBearerFlow::LoadKey).detail.contains(u"encrypted"));

        Flow *second = runner.start(kFlow, profile);
        QVERIFY(second->answer(u"passphrase"_s, u"wrong"_s));
        FlowRunner::waitForEnd(second);
        QCOMPARE(second->error()->kind, FlowError::Kind::Configuration);
        QVERIFY2(second->error()->explanation.contains(u"passphrase"), qPrintable(second->error()->explanation));
    }

private:
    Profile prepareRefusal(const QString &setup)
    {
        Profile profile = m_emulator->demoProfile();
        EmulatorAdmin &admin = m_emulator->admin();
        if (setup == u"wrong-aud")
            profile.audience = profile.loginUrl.toString() + u"/services/oauth2/token"_s;
        else if (setup == u"expired")
            m_emulator->emulator().advanceClock(600); // the server is 10 minutes ahead of us
        else if (setup == u"unknown-iss")
            profile.clientId = u"3MVG9NoSuchApp"_s;
        else if (setup == u"not-approved") {
            const QJsonObject user{{u"username"_s, u"newcomer@ecalab.example"_s}, {u"password"_s, u"New-Pass-1234"_s}};
            need(admin.call("POST", u"/users"_s, user).status == 200, u"POST /users"_s);
            profile.username = u"newcomer@ecalab.example"_s;
        } else if (setup == u"other-key")
            profile.privateKeyFile = generatedPair().keyPath;
        else if (setup == u"unknown-user")
            profile.username = u"nobody@ecalab.example"_s;
        else if (setup == u"inactive-user")
            need(admin.changeUser(profile.username, {{u"active"_s, false}}).status == 200, u"PATCH /users"_s);
        else if (setup == u"no-certificate")
            need(admin.changeApp(profile.clientId, {{u"certificate"_s, u""_s}}).status == 200, u"PATCH /apps"_s);
        return profile;
    }

    Profile prepareKeyProblem(const QString &setup)
    {
        Profile profile = m_emulator->demoProfile();
        QString error;
        const QString path = m_dir->filePath(setup + u".pem"_s);
        if (setup == u"no-key")
            profile.privateKeyFile.clear();
        else if (setup == u"missing-file")
            profile.privateKeyFile = m_dir->filePath(u"nothere.pem"_s);
        else if (setup == u"garbage") {
            QFile file(path);
            need(file.open(QIODevice::WriteOnly) && file.write("not a key at all\n") > 0, u"write garbage"_s);
            profile.privateKeyFile = path;
        } else if (setup == u"ec-key") {
            need(openssl({u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s, u"-out"_s,
                          path},
                         &error),
                 error);
            profile.privateKeyFile = path;
        } else if (setup == u"short-key") {
            need(openssl({u"genpkey"_s, u"-algorithm"_s, u"RSA"_s, u"-pkeyopt"_s, u"rsa_keygen_bits:1024"_s, u"-out"_s,
                          path},
                         &error),
                 error);
            profile.privateKeyFile = path;
        } else if (setup == u"mismatch")
            profile.certificateFile = generatedPair().certificatePath;
        else if (setup == u"expired-certificate") {
            const auto files = generatedPair(QDateTime::currentDateTimeUtc().addDays(-30), 1);
            profile.privateKeyFile = files.keyPath;
            profile.certificateFile = files.certificatePath;
        } else if (setup == u"no-username")
            profile.username.clear();
        return profile;
    }

    crypto::WrittenKeyFiles generatedPair(const QDateTime &from = QDateTime::currentDateTimeUtc(), int days = 30)
    {
        auto pair = crypto::generateKeyPair(2048, u"Another key"_s, days, from);
        if (!pair) {
            need(false, pair.error().message);
            return {};
        }
        auto files = crypto::writeKeyPair(*pair, m_dir->filePath(u"pair-%1"_s.arg(++m_pairs)), false);
        need(bool(files), files ? QString() : files.error().message);
        return files ? *files : crypto::WrittenKeyFiles{};
    }

    // A fixture step that did not work fails the test at its next check (setUpWorked).
    void need(bool ok, const QString &what)
    {
        if (!ok && m_setupProblem.isEmpty())
            m_setupProblem = what;
    }

    std::optional<EmulatorFixture> m_emulator;
    std::optional<QTemporaryDir> m_dir;
    int m_pairs = 0;
    QString m_setupProblem;
};

QTEST_GUILESS_MAIN(TestJwtBearerFlow)
#include "tst_jwtbearer_flow.moc"
