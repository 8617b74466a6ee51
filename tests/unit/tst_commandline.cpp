#include "CommandLine.h"

#include <QTest>

using namespace ecalab::app;
using namespace Qt::Literals::StringLiterals;

class TestCommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesARun()
    {
        QString error;
        const auto cl = CommandLine::parse({u"run"_s, u"client-credentials"_s, u"--profile"_s, u"p.json"_s, u"--set"_s,
                                            u"scopes=[\"api\"]"_s, u"--set=pkce=false"_s, u"--json"_s, u"--timeout"_s, u"2.5"_s},
                                           &error);
        QVERIFY2(cl, qPrintable(error));
        QCOMPARE(cl->command, CommandLine::Command::Run);
        QCOMPARE(cl->flow, u"client-credentials"_s);
        QCOMPARE(cl->profile, u"p.json"_s);
        QCOMPARE(cl->sets.size(), 2);
        QCOMPARE(cl->sets.at(0), (QPair<QString, QString>{u"scopes"_s, u"[\"api\"]"_s}));
        QCOMPARE(cl->sets.at(1), (QPair<QString, QString>{u"pkce"_s, u"false"_s}));
        QVERIFY(cl->json);
        QCOMPARE(*cl->timeoutSeconds, 2.5);
    }

    void parsesOtherCommands_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("command");
        QTest::newRow("nothing opens the window") << QStringList{} << int(CommandLine::Command::Gui);
        QTest::newRow("gui") << QStringList{u"gui"_s, u"--profile"_s, u"Acme"_s} << int(CommandLine::Command::Gui);
        QTest::newRow("emulator") << QStringList{u"emulator"_s, u"--port"_s, u"0"_s, u"--json"_s} << int(CommandLine::Command::Emulator);
        QTest::newRow("version") << QStringList{u"--version"_s} << int(CommandLine::Command::Version);
        QTest::newRow("help wins") << QStringList{u"run"_s, u"--help"_s} << int(CommandLine::Command::Help);
        QTest::newRow("planned") << QStringList{u"doctor"_s} << int(CommandLine::Command::Planned);
        QTest::newRow("profiles list") << QStringList{u"profiles"_s, u"list"_s, u"--json"_s} << int(CommandLine::Command::Profiles);
        QTest::newRow("help command") << QStringList{u"help"_s} << int(CommandLine::Command::Help);
        QTest::newRow("keys inspect") << QStringList{u"keys"_s, u"inspect"_s, u"a.key"_s} << int(CommandLine::Command::Keys);
        QTest::newRow("keys --help") << QStringList{u"keys"_s, u"--help"_s} << int(CommandLine::Command::Help);
    }

    void parsesKeysGenerate()
    {
        QString error;
        const auto cl = CommandLine::parse({u"keys"_s, u"generate"_s, u"--out=dir"_s, u"--cn"_s, u"My App"_s, u"--days"_s,
                                            u"30"_s, u"--bits"_s, u"4096"_s, u"--force"_s},
                                           &error);
        QVERIFY2(cl, qPrintable(error));
        QCOMPARE(cl->keysAction, u"generate"_s);
        QCOMPARE(cl->outDir, u"dir"_s);
        QCOMPARE(cl->commonName, u"My App"_s);
        QCOMPARE(cl->days.value_or(0), 30);
        QCOMPARE(cl->bits.value_or(0), 4096);
        QVERIFY(cl->force);
        const auto inspect = CommandLine::parse({u"keys"_s, u"inspect"_s, u"a.key"_s, u"b.crt"_s}, &error);
        QVERIFY(inspect);
        QCOMPARE(inspect->keyFiles, (QStringList{u"a.key"_s, u"b.crt"_s}));
        QVERIFY(!CommandLine::parse({u"keys"_s, u"generate"_s, u"--out"_s, u"d"_s, u"--bits"_s, u"-1"_s}, &error));
        QVERIFY2(error.contains(u"--bits"_s), qPrintable(error));
    }

    void helpNamesItsTopic_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QString>("flow");
        QTest::newRow("--help") << QStringList{u"--help"_s} << QString() << QString();
        QTest::newRow("help") << QStringList{u"help"_s} << QString() << QString();
        QTest::newRow("gui --help is the overview") << QStringList{u"gui"_s, u"--help"_s} << QString() << QString();
        QTest::newRow("run --help") << QStringList{u"run"_s, u"--help"_s} << u"run"_s << QString();
        QTest::newRow("help run") << QStringList{u"help"_s, u"run"_s} << u"run"_s << QString();
        QTest::newRow("run FLOW --help") << QStringList{u"run"_s, u"device"_s, u"--help"_s} << u"run"_s << u"device"_s;
        QTest::newRow("help run FLOW") << QStringList{u"help"_s, u"run"_s, u"device"_s} << u"run"_s << u"device"_s;
        QTest::newRow("emulator -h") << QStringList{u"emulator"_s, u"-h"_s} << u"emulator"_s << QString();
        QTest::newRow("help profiles") << QStringList{u"help"_s, u"profiles"_s} << u"profiles"_s << QString();
        QTest::newRow("profiles list --help") << QStringList{u"profiles"_s, u"list"_s, u"--help"_s} << u"profiles"_s << QString();
    }
    void helpNamesItsTopic()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, topic);
        QFETCH(QString, flow);
        QString error;
        const auto cl = CommandLine::parse(args, &error);
        QVERIFY2(cl, qPrintable(error));
        QCOMPARE(cl->command, CommandLine::Command::Help);
        QCOMPARE(cl->helpTopic, topic);
        QCOMPARE(cl->flow, flow);
    }
    void parsesOtherCommands()
    {
        QFETCH(QStringList, args);
        QFETCH(int, command);
        QString error;
        const auto cl = CommandLine::parse(args, &error);
        QVERIFY2(cl, qPrintable(error));
        QCOMPARE(int(cl->command), command);
    }

    void reportsUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("run without flow") << QStringList{u"run"_s} << u"needs a flow"_s;
        QTest::newRow("unknown command") << QStringList{u"fly"_s} << u"Unknown command"_s;
        QTest::newRow("unknown option") << QStringList{u"run"_s, u"x"_s, u"--colour"_s} << u"--colour"_s;
        QTest::newRow("missing value") << QStringList{u"run"_s, u"x"_s, u"--profile"_s} << u"--profile needs a value"_s;
        QTest::newRow("bad set") << QStringList{u"run"_s, u"x"_s, u"--set"_s, u"novalue"_s} << u"KEY=VALUE"_s;
        QTest::newRow("bad timeout") << QStringList{u"run"_s, u"x"_s, u"--timeout"_s, u"-1"_s} << u"above 0"_s;
        // Past the bound every timer's milliseconds would overflow an int and never fire.
        for (const QString &value : {u"86401"_s, u"2147484"_s, u"1e9"_s, u"inf"_s, u"nan"_s, u"0"_s})
            QTest::newRow(qPrintable(u"timeout "_s + value)) << QStringList{u"run"_s, u"x"_s, u"--timeout"_s, value} << u"86400"_s;
        QTest::newRow("browser with an open quote") << QStringList{u"run"_s, u"x"_s, u"--browser"_s, u"sh -c 'x"_s}
                                                    << u"single quote is not closed"_s;
        QTest::newRow("bad port") << QStringList{u"emulator"_s, u"--port"_s, u"http"_s} << u"port"_s;
        QTest::newRow("extra argument") << QStringList{u"run"_s, u"x"_s, u"y"_s} << u"Unexpected argument"_s;
        QTest::newRow("command typo") << QStringList{u"rn"_s, u"x"_s} << u"did you mean \"run\"?"_s;
        QTest::newRow("help of an unknown command") << QStringList{u"help"_s, u"emultor"_s} << u"did you mean \"emulator\"?"_s;
        QTest::newRow("--help of an unknown command") << QStringList{u"emultor"_s, u"--help"_s} << u"did you mean \"emulator\"?"_s;
        QTest::newRow("option typo") << QStringList{u"run"_s, u"x"_s, u"--jsno"_s} << u"did you mean --json?"_s;
        QTest::newRow("option typo points at run's help") << QStringList{u"run"_s, u"x"_s, u"--jsno"_s} << u"ecalab run --help"_s;
        QTest::newRow("option typo with =") << QStringList{u"run"_s, u"x"_s, u"--porfile=a"_s} << u"did you mean --profile?"_s;
        QTest::newRow("emulator option typo") << QStringList{u"emulator"_s, u"--sede"_s, u"f"_s} << u"did you mean --seed?"_s;
        QTest::newRow("global option typo") << QStringList{u"--hlep"_s} << u"did you mean --help?"_s;
        QTest::newRow("profiles without action") << QStringList{u"profiles"_s} << u"needs an action: list"_s;
        QTest::newRow("profiles action typo") << QStringList{u"profiles"_s, u"lits"_s} << u"did you mean \"list\"?"_s;
        QTest::newRow("profiles extra argument") << QStringList{u"profiles"_s, u"list"_s, u"x"_s} << u"Unexpected argument"_s;
    }
    void reportsUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!CommandLine::parse(args, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
