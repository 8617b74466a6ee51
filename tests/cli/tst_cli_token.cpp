// `ecalab token …` and `ecalab run refresh` as separate processes against `ecalab emulator` in
// another: an emulator ID token verifies and a tampered one exits 1 with the reason; introspect →
// revoke → introspect shows active then inactive; `token decode -` reads stdin; a refresh token
// from ECALAB_REFRESH_TOKEN gets a new access token (and, with rotation, a new refresh token), a bad
// one exits 1 explained; the token is never in human stdout or stderr. The tokens come from
// `ecalab run device`, approved through the emulator's admin API as tst_cli_device does.
#include "CliRun.h"
#include "EmulatorProcess.h"
#include "FreePort.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace ecalab::test;

namespace {
constexpr int kRunMs = 30'000;

QByteArray because(const char *what, const CliResult &r)
{
    return QByteArray(what) + " — " + r.summary();
}

QString printedUserCode(const QByteArray &err)
{
    static const QRegularExpression line(u"User code:\\s+(\\S+)"_s);
    return line.match(QString::fromUtf8(err)).captured(1);
}

// The JWT with one claim of its payload changed and the signature kept: what an attacker makes.
QString tampered(const QString &jwt)
{
    QStringList parts = jwt.split(u'.');
    QJsonObject claims = QJsonDocument::fromJson(QByteArray::fromBase64(parts.value(1).toLatin1(), QByteArray::Base64UrlEncoding)).object();
    claims.insert(u"email"_s, u"mallory@evil.example"_s);
    parts[1] = QString::fromLatin1(QJsonDocument(claims).toJson(QJsonDocument::Compact)
                                       .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    return parts.join(u'.');
}

QStringList stageIds(const QJsonObject &json)
{
    QStringList ids;
    for (const QJsonValue &exchange : json[u"exchanges"].toArray())
        ids.append(exchange[u"stageId"].toString());
    return ids;
}
} // namespace

class TestCliToken : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ecalabBinary()), "ECALAB_BINARY must point at the built ecalab");
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_emulator.start(m_dir.filePath(u"config"_s), &error), qPrintable(error));
        m_clientId = m_emulator.profile()[u"clientId"].toString();
        m_profileFile = m_emulator.writeProfile(m_dir.path());
        QVERIFY(!m_profileFile.isEmpty());
        const QJsonObject quick{{u"intervalSeconds"_s, 1}, {u"dialect"_s, u"salesforce"_s}};
        QCOMPARE(m_emulator.admin().changeDeviceSettings(quick).status, 200);
    }
    void cleanupTestCase() { QVERIFY(m_emulator.stop()); }

    void verifyOfAnEmulatorIdTokenPasses()
    {
        const QString idToken = obtainTokens()[u"id_token"].toString();
        QVERIFY(!idToken.isEmpty());
        const CliResult human = token({u"verify"_s, u"-"_s}, idToken);
        QVERIFY2(human.exitCode == 0, because("verify", human).constData());
        for (const char *text : {"Token: JWT (", "not shown", "✔ Verified", "signature RS256", "iss", "aud", "Claims:"})
            QVERIFY2(human.out.contains(text), because(text, human));
        QVERIFY2(leakProblem(human.out + human.err, {idToken.toUtf8()}).isEmpty(), "the token was printed");

        const CliResult json = token({u"verify"_s, u"--json"_s, idToken});
        QCOMPARE(json.exitCode, 0);
        QVERIFY2(singleJsonObjectProblem(json.out).isEmpty(), json.out.constData());
        const QJsonObject result = json.json();
        QCOMPARE(result[u"command"].toString(), u"token verify"_s);
        QCOMPARE(result[u"ok"].toBool(), true);
        QVERIFY(result[u"error"].isNull());
        QCOMPARE(result[u"verdict"][u"valid"].toBool(), true);
        QCOMPARE(result[u"verdict"][u"check"].toString(), u"valid"_s);
        QCOMPARE(result[u"decoded"][u"format"].toString(), u"jwt"_s);
        QCOMPARE(result[u"status"][u"source"].toString(), u"exp claim"_s);
        // Discovery and the JWKS, as recorded exchanges of the verification.
        const QJsonArray exchanges = result[u"exchanges"].toArray();
        QVERIFY2(exchanges.size() >= 2, json.out.constData());
        QVERIFY(stageIds(result).contains(u"verify"_s));
        const QString urls = QString::fromUtf8(QJsonDocument(exchanges).toJson());
        QVERIFY2(urls.contains(u"/.well-known/openid-configuration"_s) && urls.contains(u"/id/keys"_s), qPrintable(urls));
    }

    void aTamperedIdTokenExitsOneWithTheReason()
    {
        const QString forged = tampered(obtainTokens()[u"id_token"].toString());
        const CliResult human = token({u"verify"_s, u"-"_s}, forged);
        QCOMPARE(human.exitCode, 1);
        QVERIFY2(human.err.contains("failed verification") && human.err.contains("signature"), because("reason", human));
        QVERIFY2(human.out.contains("✖ Not verified"), because("verdict", human));
        QVERIFY(leakProblem(human.out + human.err, {forged.toUtf8()}).isEmpty());

        const CliResult json = token({u"verify"_s, u"--json"_s, u"-"_s}, forged);
        QCOMPARE(json.exitCode, 1);
        const QJsonObject result = json.json();
        QCOMPARE(result[u"ok"].toBool(), false);
        QCOMPARE(result[u"verdict"][u"valid"].toBool(), false);
        QVERIFY(result[u"verdict"][u"problem"].toString().contains(u"signature"_s));
        QCOMPARE(result[u"error"][u"check"].toString(), u"token"_s);
        QCOMPARE(result[u"error"][u"kind"].toString(), u"Protocol"_s);
    }

    void anotherAppsClientIdIsTheWrongAudience()
    {
        const QString idToken = obtainTokens()[u"id_token"].toString();
        const CliResult r = token({u"verify"_s, u"--set"_s, u"clientId=3MVGanotherApp"_s, u"--json"_s, u"-"_s}, idToken);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.json()[u"verdict"][u"problem"].toString().contains(u"aud"_s), r.out.constData());
    }

    void introspectRevokeIntrospectShowsTheStateChange()
    {
        const QString accessToken = obtainTokens()[u"access_token"].toString();
        QVERIFY(!accessToken.isEmpty());
        const CliResult before = token({u"introspect"_s, u"--json"_s, u"-"_s}, accessToken);
        QVERIFY2(before.exitCode == 0, because("introspect", before).constData());
        QCOMPARE(before.json()[u"command"].toString(), u"token introspect"_s);
        QCOMPARE(before.json()[u"result"][u"fields"][u"active"].toBool(), true);
        QCOMPARE(before.json()[u"status"][u"state"].toString(), u"active"_s);
        QVERIFY(stageIds(before.json()).contains(u"introspect"_s));
        const QByteArray exchanges = QJsonDocument(before.json()[u"exchanges"].toArray()).toJson();
        QVERIFY2(!exchanges.contains(accessToken.toUtf8()), "the token in the recorded request");

        const CliResult revoked = token({u"revoke"_s, u"-"_s}, accessToken);
        QVERIFY2(revoked.exitCode == 0, because("revoke", revoked).constData());
        QVERIFY2(revoked.out.contains("State: revoked"), because("revoked", revoked));
        QVERIFY(leakProblem(revoked.out + revoked.err, {accessToken.toUtf8()}).isEmpty());

        const CliResult after = token({u"introspect"_s, u"-"_s}, accessToken);
        QVERIFY2(after.exitCode == 0, because("introspect", after).constData());
        QVERIFY2(after.out.contains("State: inactive"), because("inactive", after));
        QVERIFY(leakProblem(after.out + after.err, {accessToken.toUtf8()}).isEmpty());
        const CliResult json = token({u"introspect"_s, u"--json"_s, accessToken});
        QCOMPARE(json.json()[u"result"][u"fields"][u"active"].toBool(), false);
        QCOMPARE(json.json()[u"status"][u"state"].toString(), u"inactive"_s);
    }

    void aRefreshTokenIsIntrospectedWithRefresh()
    {
        const QString refreshToken = obtainTokens()[u"refresh_token"].toString();
        const CliResult r = token({u"introspect"_s, u"--refresh"_s, u"--json"_s, u"-"_s}, refreshToken);
        QVERIFY2(r.exitCode == 0, because("introspect --refresh", r).constData());
        QCOMPARE(r.json()[u"result"][u"fields"][u"token_type"].toString(), u"refresh_token"_s);
        QVERIFY(!r.out.contains(refreshToken.toUtf8()));
    }

    void userinfoAndIdentityAnswer()
    {
        const QJsonObject tokens = obtainTokens();
        const QString accessToken = tokens[u"access_token"].toString();
        const CliResult userinfo = token({u"userinfo"_s, u"--json"_s, u"-"_s}, accessToken);
        QVERIFY2(userinfo.exitCode == 0, because("userinfo", userinfo).constData());
        QCOMPARE(userinfo.json()[u"result"][u"fields"][u"preferred_username"].toString(), m_emulator.userName());
        const CliResult identity = token({u"identity"_s, u"--id"_s, tokens[u"id"].toString(), u"-"_s}, accessToken);
        QVERIFY2(identity.exitCode == 0, because("identity", identity).constData());
        QVERIFY2(identity.out.contains(m_emulator.userName().toUtf8()), because("username", identity));
        QVERIFY(leakProblem(identity.out + identity.err, {accessToken.toUtf8()}).isEmpty());
    }

    void decodeReadsTheTokenFromStdin()
    {
        const QString idToken = obtainTokens()[u"id_token"].toString();
        const CliResult human = token({u"decode"_s, u"-"_s}, idToken);
        QVERIFY2(human.exitCode == 0, because("decode", human).constData());
        for (const char *text : {"Token: JWT (", "Header:", "alg", "RS256", "Claims:", "aud", "exp"})
            QVERIFY2(human.out.contains(text), because(text, human));
        QVERIFY(human.out.contains(m_clientId.toUtf8())); // the aud claim, not the token
        QVERIFY(leakProblem(human.out + human.err, {idToken.toUtf8(), idToken.section(u'.', 2).toUtf8()}).isEmpty());
        const CliResult json = token({u"decode"_s, u"--json"_s, u"-"_s}, idToken);
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(json.json()[u"command"].toString(), u"token decode"_s);
        QCOMPARE(json.json()[u"decoded"][u"claims"][u"aud"].toString(), m_clientId);
        QVERIFY(json.json()[u"exchanges"].toArray().isEmpty()); // decoding sends nothing

        // A session token is opaque: its org ID, and nothing of the rest.
        const QString sessionToken = obtainTokens()[u"access_token"].toString();
        const CliResult session = token({u"decode"_s, u"-"_s}, sessionToken);
        QCOMPARE(session.exitCode, 0);
        QVERIFY2(session.out.contains("00D…!…") && session.out.contains(sessionToken.section(u'!', 0, 0).toUtf8()),
                 because("org id", session));
        QVERIFY(leakProblem(session.out + session.err, {sessionToken.toUtf8(), sessionToken.section(u'!', 1).toUtf8()}).isEmpty());
    }

    void noTokenIsAUsageError_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no argument") << QStringList{u"decode"_s} << QByteArray() << u"needs a token"_s;
        QTest::newRow("empty stdin") << QStringList{u"decode"_s, u"-"_s} << QByteArray() << u"No token on stdin"_s;
        QTest::newRow("blank line") << QStringList{u"verify"_s, u"-"_s} << QByteArray("  \n") << u"No token on stdin"_s;
        QTest::newRow("identity without --id") << QStringList{u"identity"_s, u"x"_s} << QByteArray() << u"--id URL"_s;
        QTest::newRow("--refresh with userinfo") << QStringList{u"userinfo"_s, u"--refresh"_s, u"x"_s} << QByteArray()
                                                 << u"--refresh"_s;
        QTest::newRow("mistyped action") << QStringList{u"introspct"_s, u"x"_s} << QByteArray()
                                         << u"did you mean \"introspect\"?"_s;
        QTest::newRow("mistyped option") << QStringList{u"verify"_s, u"--refrsh"_s, u"x"_s} << QByteArray()
                                         << u"did you mean --refresh?"_s;
        QTest::newRow("no loginUrl") << QStringList{u"introspect"_s, u"x"_s} << QByteArray() << u"loginUrl"_s;
    }
    void noTokenIsAUsageError()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, input);
        QFETCH(QString, mentions);
        CliLaunch launch;
        launch.input = input;
        const CliResult r = runCli(QStringList{u"token"_s} + args + QStringList{u"--json"_s}, env(), kRunMs, launch);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(singleJsonObjectProblem(r.out).isEmpty(), r.out.constData());
        QCOMPARE(r.json()[u"ok"].toBool(), false);
        QCOMPARE(r.json()[u"error"][u"kind"].toString(), u"Configuration"_s);
        QVERIFY2(r.json()[u"error"][u"explanation"].toString().contains(mentions), r.out.constData());
        QVERIFY2(r.json()[u"command"].toString().startsWith(u"token"_s), r.out.constData());
    }

    void nothingListeningExitsThree_data()
    {
        QTest::addColumn<QString>("action");
        QTest::newRow("verify") << u"verify"_s;
        QTest::newRow("introspect") << u"introspect"_s;
    }
    void nothingListeningExitsThree()
    {
        QFETCH(QString, action);
        const QString idToken = action == u"verify" ? obtainTokens()[u"id_token"].toString() : u"00Dx!y"_s;
        const QString nowhere = u"loginUrl=http://127.0.0.1:%1"_s.arg(freeLoopbackPort());
        const CliResult r = token({action, u"--set"_s, nowhere, u"--timeout"_s, u"5"_s, u"--json"_s, u"-"_s}, idToken);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.json()[u"error"][u"kind"].toString(), u"Transport"_s);
    }

    void helpNamesEveryAction()
    {
        const CliResult help = runCli({u"help"_s, u"token"_s}, env(), kRunMs);
        QCOMPARE(help.exitCode, 0);
        QCOMPARE(runCli({u"token"_s, u"--help"_s}, env(), kRunMs).out, help.out);
        for (const char *text : {"decode", "verify", "introspect", "userinfo", "identity", "revoke", "--refresh", "--id URL",
                                 "Exit codes", "stdin"})
            QVERIFY2(help.out.contains(text), because(text, help));
        const CliResult global = runCli({u"--help"_s}, env(), kRunMs);
        QVERIFY2(global.out.contains("ecalab token decode|verify|introspect|userinfo|identity|revoke"), global.out.constData());
        QVERIFY2(global.out.contains("ECALAB_REFRESH_TOKEN"), global.out.constData());
    }

    void runRefreshTakesTheRefreshTokenFromTheEnvironment()
    {
        const QJsonObject tokens = obtainTokens();
        const QString refreshToken = tokens[u"refresh_token"].toString();
        QProcessEnvironment environment = env();
        environment.insert(u"ECALAB_REFRESH_TOKEN"_s, refreshToken);
        const CliResult json = runCli({u"run"_s, u"refresh"_s, u"--profile"_s, m_profileFile, u"--json"_s}, environment, kRunMs);
        QVERIFY2(json.exitCode == 0, because("run refresh", json).constData());
        const QString accessToken = json.json()[u"token"][u"access_token"].toString();
        QVERIFY(!accessToken.isEmpty());
        QVERIFY(accessToken != tokens[u"access_token"].toString());
        QVERIFY(!json.err.contains(refreshToken.toUtf8()));

        const CliResult human = runCli({u"run"_s, u"refresh"_s, u"--profile"_s, m_profileFile}, environment, kRunMs);
        QVERIFY2(human.exitCode == 0, because("run refresh", human).constData());
        QVERIFY2(human.out.contains("printed only with --json"), because("masked", human));
        QVERIFY(leakProblem(human.out + human.err, {refreshToken.toUtf8()}).isEmpty());
    }

    void withRotationTheNewRefreshTokenIsTheProduct()
    {
        QCOMPARE(m_emulator.admin().changeApp(m_clientId, {{u"isRefreshTokenRotationEnabled"_s, true}}).status, 200);
        const QString refreshToken = obtainTokens()[u"refresh_token"].toString();
        const CliResult r = runCli({u"run"_s, u"refresh"_s, u"--profile"_s, m_profileFile, u"--json"_s, u"--timeout"_s, u"10"_s},
                                   env(), kRunMs, stdinOf(refreshToken));
        const CliResult human = runCli({u"run"_s, u"refresh"_s, u"--profile"_s, m_profileFile},
                                       env(), kRunMs, stdinOf(r.json()[u"token"][u"refresh_token"].toString()));
        QCOMPARE(m_emulator.admin().changeApp(m_clientId, {{u"isRefreshTokenRotationEnabled"_s, false}}).status, 200);
        QVERIFY2(r.exitCode == 0, because("run refresh from stdin", r).constData());
        const QString rotated = r.json()[u"token"][u"refresh_token"].toString();
        QVERIFY(!rotated.isEmpty());
        QVERIFY(rotated != refreshToken);
        QVERIFY2(human.exitCode == 0, because("the rotated one refreshes", human).constData());
        QVERIFY2(human.out.contains("refresh_token"), because("listed", human));
        QVERIFY(leakProblem(human.out + human.err, {rotated.toUtf8()}).isEmpty());
    }

    void aBadRefreshTokenExitsOneExplained()
    {
        const CliResult r = runCli({u"run"_s, u"refresh"_s, u"--profile"_s, m_profileFile, u"--set"_s,
                                    u"refreshToken=5Aep861NotARealRefreshToken"_s, u"--json"_s},
                                   env(), kRunMs);
        QCOMPARE(r.exitCode, 1);
        const QJsonObject error = r.json()[u"error"].toObject();
        QCOMPARE(error[u"error"].toString(), u"invalid_grant"_s);
        QVERIFY(!error[u"explanation"].toString().isEmpty());
        QVERIFY(!error[u"fix"].toString().isEmpty());
        QVERIFY2(r.err.contains("set ECALAB_REFRESH_TOKEN instead"), because("the --set warning", r));
        QVERIFY(!r.err.contains("5Aep861NotARealRefreshToken"));
    }

private:
    // cliEnvironment() without this suite's own secret either: a developer's shell may set it.
    QProcessEnvironment env() const
    {
        QProcessEnvironment environment = cliEnvironment(m_dir.filePath(u"config"_s));
        environment.remove(u"ECALAB_REFRESH_TOKEN"_s);
        return environment;
    }

    static CliLaunch stdinOf(const QString &line)
    {
        CliLaunch launch;
        launch.input = line.toUtf8() + '\n';
        return launch;
    }

    // `ecalab token ARGS --profile <the demo profile>`, with `input` as a line on stdin.
    CliResult token(const QStringList &args, const QString &input = {}) const
    {
        const QStringList all = QStringList{u"token"_s} + args + QStringList{u"--profile"_s, m_profileFile};
        return runCli(all, env(), kRunMs, stdinOf(input));
    }

    // A fresh token response of the demo user: `ecalab run device`, approved through the admin API.
    QJsonObject obtainTokens()
    {
        CliRun run({u"run"_s, u"device"_s, u"--profile"_s, m_profileFile, u"--json"_s}, env());
        if (!run.waitForStderr([](const QString &err) { return !printedUserCode(err.toUtf8()).isEmpty(); }, kRunMs))
            return {};
        if (m_emulator.admin().approveDevice(printedUserCode(run.err()), m_emulator.userName()).status != 200)
            return {};
        const CliResult r = run.finish(kRunMs);
        return r.exitCode == 0 ? r.json()[u"token"].toObject() : QJsonObject();
    }

    QTemporaryDir m_dir;
    EmulatorProcess m_emulator;
    QString m_clientId;
    QString m_profileFile;
};

QTEST_GUILESS_MAIN(TestCliToken)
#include "tst_cli_token.moc"
