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
