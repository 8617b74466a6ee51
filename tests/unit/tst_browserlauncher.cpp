// The browser launchers' command lines (--browser COMMAND, the URL as the last argument, never
// through a shell) and --no-browser's note.
#include "browser/BrowserLauncher.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

class TestBrowserLauncher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void commandLine_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("plain") << u"firefox"_s << QStringList{u"firefox"_s};
        QTest::newRow("arguments") << u"chromium --incognito"_s << QStringList{u"chromium"_s, u"--incognito"_s};
        QTest::newRow("quoted path") << u"\"/opt/My Browser/run\" --new-tab"_s
                                     << QStringList{u"/opt/My Browser/run"_s, u"--new-tab"_s};
        QTest::newRow("single-quoted script") << u"sh -c 'echo x' b"_s << QStringList{u"sh"_s, u"-c"_s, u"echo x"_s, u"b"_s};
    }
    void commandLine()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, words);
        const QUrl url(u"http://127.0.0.1:1717/services/oauth2/authorize?state=a%2Bb&scope=api%20web"_s);
        const QStringList line = CommandBrowserLauncher::commandLine(command, url);
        QCOMPARE(line.mid(0, line.size() - 1), words);
        // One argument, fully encoded, so no shell or browser splits it at '&' or ' '.
        QCOMPARE(line.last(), u"http://127.0.0.1:1717/services/oauth2/authorize?state=a%2Bb&scope=api%20web"_s);
    }

    void emptyCommandIsNotOpened()
    {
        CommandBrowserLauncher launcher(u"  "_s);
        const auto result = launcher.open(QUrl(u"http://127.0.0.1/"_s));
        QVERIFY(!result.opened);
        QVERIFY(result.note.contains(u"--browser"_s));
    }

    void unclosedQuoteIsExplained()
    {
        QVERIFY(CommandBrowserLauncher::commandLine(u"sh -c 'echo"_s, QUrl(u"http://127.0.0.1/"_s)).isEmpty());
        CommandBrowserLauncher launcher(u"sh -c 'echo"_s);
        const auto result = launcher.open(QUrl(u"http://127.0.0.1/"_s));
        QVERIFY(!result.opened);
        QVERIFY2(result.note.contains(u"single quote is not closed"_s), qPrintable(result.note));
    }

    void missingProgramIsExplained()
    {
        CommandBrowserLauncher launcher(u"/nonexistent/ecalab-no-such-browser"_s);
        const auto result = launcher.open(QUrl(u"http://127.0.0.1/"_s));
        QVERIFY(!result.opened);
        QVERIFY(result.failed);
        QVERIFY(result.note.contains(u"ecalab-no-such-browser"_s));
    }

    // A command that exits non-zero at once did not open anything: reported through the watch.
    void nonZeroExitAtOnceIsAFailure()
    {
        CommandBrowserLauncher launcher(u"false"_s);
        const auto result = launcher.open(QUrl(u"http://127.0.0.1/"_s));
        QVERIFY(result.opened); // not known yet
        QVERIFY(result.watch);
        QSignalSpy failed(result.watch.data(), &LaunchWatch::failed);
        QVERIFY(failed.wait(LaunchWatch::kLaunchFailureWindowMs));
        QVERIFY2(failed.first().first().toString().contains(u"exited with status 1"_s),
                 qPrintable(failed.first().first().toString()));
        QTRY_VERIFY(!result.watch); // gone once the command has ended
    }

    void zeroExitIsNoFailure()
    {
        CommandBrowserLauncher launcher(u"true"_s);
        const auto result = launcher.open(QUrl(u"http://127.0.0.1/"_s));
        QVERIFY(result.watch);
        QSignalSpy failed(result.watch.data(), &LaunchWatch::failed);
        QTRY_VERIFY(!result.watch);
        QCOMPARE(failed.size(), 0);
    }

    // A command still running when the launcher goes is a browser in use: it is not killed.
    void aRunningBrowserOutlivesTheLauncher()
    {
        QTemporaryDir dir;
        const QString mark = dir.filePath(u"still-ran"_s);
        {
            CommandBrowserLauncher launcher(u"sh -c 'sleep 0.5; touch %1' sh"_s.arg(mark));
            QVERIFY(launcher.open(QUrl(u"http://127.0.0.1/"_s)).opened);
            QTest::qWait(100);
        }
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(mark), 5000);
    }

    void noBrowserSaysWhy()
    {
        NoBrowserLauncher launcher;
        const auto result = launcher.open(QUrl(u"http://127.0.0.1/"_s));
        QVERIFY(!result.opened);
        QVERIFY(!result.failed); // the person's choice, not a failure
        QVERIFY(result.note.contains(u"--no-browser"_s));
    }
};

QTEST_GUILESS_MAIN(TestBrowserLauncher)
#include "tst_browserlauncher.moc"
