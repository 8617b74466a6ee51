// `ecalab` as a person meets it first: help per command, "did you mean" for a mistyped command,
// option, flow or --set field, and `ecalab profiles list`. A --set field that does not exist
// must stop the run before anything is sent, or a script believes it tested another org.
#include "CliRun.h"
#include "EmulatorProcess.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace ecalab::test;

namespace {
constexpr int kRunMs = 30'000;
const QByteArray kFileSecret = "Usage-File-Secret-7f3a";

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray because(const char *what, const CliResult &r)
{
    return QByteArray(what) + " — " + r.summary();
}
} // namespace

class TestCliUsage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ecalabBinary()), "ECALAB_BINARY must point at the built ecalab");
        QVERIFY(m_dir.isValid());
    }

    void eachCommandHasItsOwnHelp()
    {
        const CliResult runHelp = run({u"run"_s, u"--help"_s});
        QCOMPARE(runHelp.exitCode, 0);
        for (const char *text : {"--profile", "--set", "--json", "--no-browser", "--browser", "--timeout",
                                 "client-credentials", "web-server", "device", "Exit codes"})
            QVERIFY2(runHelp.out.contains(text), because(text, runHelp));
        for (const char *text : {"--port", "--seed", "ecalab emulator", "ecalab help"})
            QVERIFY2(!runHelp.out.contains(text), because(text, runHelp));
        QCOMPARE(run({u"help"_s, u"run"_s}).out, runHelp.out);

        const CliResult emulatorHelp = run({u"emulator"_s, u"--help"_s});
        QCOMPARE(emulatorHelp.exitCode, 0);
        QVERIFY2(emulatorHelp.out.contains("--port") && emulatorHelp.out.contains("--seed"),
                 emulatorHelp.out.constData());
        QVERIFY2(!emulatorHelp.out.contains("--timeout") && !emulatorHelp.out.contains("--set"),
                 emulatorHelp.out.constData());

        const CliResult profilesHelp = run({u"profiles"_s, u"--help"_s});
        QCOMPARE(profilesHelp.exitCode, 0);
        QVERIFY2(profilesHelp.out.contains("ecalab profiles list"), profilesHelp.out.constData());
        QVERIFY(!profilesHelp.out.contains("--timeout"));

        const CliResult global = run({u"--help"_s});
        QCOMPARE(run({u"help"_s}).out, global.out);
        QVERIFY(global.out != runHelp.out);
        QVERIFY2(global.out.contains("ecalab emulator") && global.out.contains("ecalab profiles list"),
                 global.out.constData());
    }

    void aFlowsHelpListsItsFieldsTheRunOptionsAndExitCodes()
    {
        const CliResult r = run({u"run"_s, u"client-credentials"_s, u"--help"_s});
        QCOMPARE(r.exitCode, 0);
        for (const char *text : {"loginUrl", "clientId", "required", "--profile", "--no-browser", "--timeout",
                                 "Exit codes", "4 cancelled", "scopes", "not used"})
            QVERIFY2(r.out.contains(text), because(text, r));
    }

    void onlyBuiltFlowsAreListed()
    {
        const CliResult help = run({u"run"_s, u"--help"_s});
        for (const char *planned : {"token-exchange", "username-password", "not built"})
            QVERIFY2(!help.out.contains(planned), because(planned, help));
        QVERIFY2(help.out.contains("jwt-bearer"), because("jwt-bearer", help));         // built in issue 11
        QVERIFY2(help.out.contains("headless-login"), because("headless-login", help)); // built in issue 13
        const CliResult r = run({u"run"_s, u"token-exchange"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.json()[u"error"][u"explanation"].toString().contains(u"Unknown flow"_s), r.out.constData());
        QVERIFY2(r.json()[u"error"][u"fix"].toString().contains(u"client-credentials"_s), r.out.constData());
    }

    void aTypoGetsADidYouMean_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("suggestion");
        QTest::newRow("command") << QStringList{u"rn"_s, u"client-credentials"_s} << u"did you mean \"run\"?"_s;
        QTest::newRow("command in help") << QStringList{u"help"_s, u"emultor"_s} << u"did you mean \"emulator\"?"_s;
        QTest::newRow("global option") << QStringList{u"--hlep"_s} << u"did you mean --help?"_s;
        QTest::newRow("run option") << QStringList{u"run"_s, u"device"_s, u"--jsno"_s} << u"did you mean --json?"_s;
        QTest::newRow("run option with a value")
            << QStringList{u"run"_s, u"device"_s, u"--timout=5"_s} << u"did you mean --timeout?"_s;
        QTest::newRow("emulator option") << QStringList{u"emulator"_s, u"--prot"_s, u"0"_s}
                                         << u"did you mean --port?"_s;
        QTest::newRow("flow") << QStringList{u"run"_s, u"web-sever"_s} << u"did you mean web-server?"_s;
        QTest::newRow("flow in help") << QStringList{u"run"_s, u"devcie"_s, u"--help"_s} << u"did you mean device?"_s;
        QTest::newRow("profiles action") << QStringList{u"profiles"_s, u"lsit"_s} << u"did you mean \"list\"?"_s;
    }
    void aTypoGetsADidYouMean()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, suggestion);
        const CliResult r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(suggestion), because(qPrintable(suggestion), r));
        // The same with --json: one object on stdout carrying the message.
        const CliResult json = run(args + QStringList{u"--json"_s});
        QCOMPARE(json.exitCode, 2);
        QCOMPARE(json.json()[u"error"][u"kind"].toString(), u"Configuration"_s);
        QVERIFY2(json.json()[u"error"][u"explanation"].toString().contains(suggestion), json.out.constData());
    }

    void farFromEverythingGetsNoSuggestion()
    {
        const CliResult r = run({u"fly"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("Unknown command \"fly\"") && !r.err.contains("did you mean"), r.err.constData());
    }

    void anUnknownSetFieldStopsTheRunBeforeAnythingIsSent()
    {
        EmulatorProcess emulator;
        QString error;
        QVERIFY2(emulator.start(m_dir.filePath(u"emulator-config"_s), &error), qPrintable(error));
        const QString profile = emulator.writeProfile(m_dir.path());
        QVERIFY(!profile.isEmpty());
        const QString myDomain = emulator.myDomain().toString();
        const qint64 before = issuedTokens(emulator);
        QVERIFY(before >= 0);

        const CliResult typo = run({u"run"_s, u"client-credentials"_s, u"--profile"_s, profile, u"--set"_s,
                                    u"loginurl="_s + myDomain, u"--json"_s});
        QCOMPARE(typo.exitCode, 2);
        const QJsonObject json = typo.json();
        QCOMPARE(json[u"ok"].toBool(true), false);
        QCOMPARE(json[u"error"][u"kind"].toString(), u"Configuration"_s);
        QVERIFY2(json[u"error"][u"explanation"].toString().contains(u"did you mean loginUrl?"_s), typo.out.constData());
        QVERIFY(json[u"exchanges"].toArray().isEmpty());
        QCOMPARE(issuedTokens(emulator), before);

        const CliResult human =
            run({u"run"_s, u"client-credentials"_s, u"--profile"_s, profile, u"--set"_s, u"colour=blue"_s});
        QCOMPARE(human.exitCode, 2);
        QVERIFY2(human.err.contains("colour") && human.err.contains("not a profile field"), human.err.constData());
        QCOMPARE(issuedTokens(emulator), before);

        // The same run with the field spelt right reaches the org: the counter above can move.
        const CliResult right = run({u"run"_s, u"client-credentials"_s, u"--profile"_s, profile, u"--set"_s,
                                     u"loginUrl="_s + myDomain, u"--json"_s});
        QCOMPARE(right.exitCode, 0);
        QCOMPARE(issuedTokens(emulator), before + 1);
        QVERIFY(emulator.stop());
    }

    void profilesListShowsNameUrlAndClientIdButNoSecret()
    {
        const QString config = m_dir.filePath(u"profiles-config"_s);
        QVERIFY(QDir().mkpath(config + u"/profiles"_s));
        QVERIFY(writeFile(config + u"/profiles/acme.json"_s,
                          "{\"schema\":1,\"name\":\"Acme prod\",\"loginUrl\":\"https://acme.my.salesforce.com\","
                          "\"clientId\":\"3MVG9.acme\",\"clientSecret\":\"" +
                              kFileSecret + "\"}"));
        QVERIFY(writeFile(
            config + u"/profiles/demo.json"_s,
            "{\"schema\":1,\"name\":\"Demo org\",\"loginUrl\":\"http://127.0.0.1:9\",\"clientId\":\"3MVG9.demo\"}"));
        QVERIFY(writeFile(config + u"/profiles/broken.json"_s, "{\"schema\":1,"));
        const QProcessEnvironment env = cliEnvironment(config);

        const CliResult human = runCli({u"profiles"_s, u"list"_s}, env, kRunMs);
        QCOMPARE(human.exitCode, 0);
        for (const char *text :
             {"Acme prod", "https://acme.my.salesforce.com", "3MVG9.acme", "Demo org", "3MVG9.demo", "broken.json"})
            QVERIFY2(human.out.contains(text), because(text, human));
        QVERIFY(!human.out.contains(kFileSecret) && !human.err.contains(kFileSecret));
        QVERIFY(controlByteProblem(human.out, false).isEmpty());

        const CliResult json = runCli({u"profiles"_s, u"list"_s, u"--json"_s}, env, kRunMs);
        QCOMPARE(json.exitCode, 0);
        QVERIFY2(singleJsonObjectProblem(json.out).isEmpty(), json.out.constData());
        QVERIFY(!json.out.contains(kFileSecret) && !json.err.contains(kFileSecret));
        const QJsonArray profiles = json.json()[u"profiles"].toArray();
        QCOMPARE(profiles.size(), 3);
        QJsonObject acme;
        QJsonObject broken;
        for (const QJsonValue &p : profiles) {
            if (p[u"name"].toString() == u"Acme prod")
                acme = p.toObject();
            if (p[u"file"].toString().endsWith(u"broken.json"))
                broken = p.toObject();
        }
        QCOMPARE(acme[u"loginUrl"].toString(), u"https://acme.my.salesforce.com"_s);
        QCOMPARE(acme[u"clientId"].toString(), u"3MVG9.acme"_s);
        QVERIFY(acme[u"file"].toString().endsWith(u"acme.json"));
        QVERIFY2(!broken[u"error"].toString().isEmpty(), json.out.constData());
    }

    // `ecalab` alone hands the window over to the window program beside it or in libexec; a copy
    // of `ecalab` that has neither says what is missing and where it looked, with exit code 2.
    void withoutTheWindowProgramEcalabAloneSaysWhatIsMissing()
    {
        QTemporaryDir dir;
        const QString lone = dir.filePath(u"ecalab"_s);
        QVERIFY(QFile::copy(ecalabBinary(), lone));
        QVERIFY(QFile::setPermissions(lone, QFile::permissions(ecalabBinary())));
        QProcess process;
        process.setProcessEnvironment(cliEnvironment(m_dir.filePath(u"config"_s)));
        process.start(lone, {});
        QVERIFY(process.waitForFinished(kRunMs));
        QCOMPARE(process.exitCode(), 2);
        const QByteArray err = process.readAllStandardError();
        const bool windowBuild = QFile::exists(QFileInfo(ecalabBinary()).absoluteDir().filePath(u"ecalab-window"_s));
        if (windowBuild)
            QVERIFY2(err.contains("the window program is not installed") && err.contains(dir.path().toUtf8()) &&
                         err.contains("libexec/ecalab/ecalab-window"),
                     err.constData());
        else
            QVERIFY2(err.contains("this build has no window"), err.constData());
    }

    void noSavedProfilesIsNotAnError()
    {
        const QProcessEnvironment env = cliEnvironment(m_dir.filePath(u"empty-config"_s));
        const CliResult human = runCli({u"profiles"_s, u"list"_s}, env, kRunMs);
        QCOMPARE(human.exitCode, 0);
        QVERIFY2(human.out.contains("No saved profiles in") && human.out.contains("--profile FILE"),
                 human.out.constData());
        const CliResult json = runCli({u"profiles"_s, u"list"_s, u"--json"_s}, env, kRunMs);
        QCOMPARE(json.exitCode, 0);
        QVERIFY(json.json()[u"profiles"].isArray());
        QVERIFY(json.json()[u"profiles"].toArray().isEmpty());
    }

private:
    CliResult run(const QStringList &args) const
    {
        return runCli(args, cliEnvironment(m_dir.filePath(u"config"_s)), kRunMs);
    }

    // Access tokens the emulator has issued so far (its admin API's X-Total-Count), or -1.
    static qint64 issuedTokens(EmulatorProcess &emulator)
    {
        const Answer answer = emulator.admin().get(u"/tokens?type=access_token&limit=1"_s);
        bool ok = false;
        const qint64 count = answer.header("X-Total-Count").toLongLong(&ok);
        return answer.status == 200 && ok ? count : -1;
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCliUsage)
#include "tst_cli_usage.moc"
