// `ecalab run web-server` as a separate process against `ecalab emulator`: the URL on
// stderr with --no-browser, the --browser command receiving it, a scripted browser finishing the
// login, and the exit codes 0 / 2 / 4 of ARCHITECTURE.md.
#include "CliRun.h"
#include "EmulatorProcess.h"
#include "FreePort.h"
#include "ScriptedBrowser.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace ecalab::test;

namespace {
constexpr int kWaitMs = 20'000;

// The authorize URL the CLI printed on its own line of stderr.
QUrl printedAuthorizeUrl(const QString &err)
{
    static const QRegularExpression re(u"^\\s+(http\\S+/services/oauth2/authorize\\S+)$"_s,
                                       QRegularExpression::MultilineOption);
    const auto match = re.match(err);
    return match.hasMatch() ? QUrl(match.captured(1), QUrl::StrictMode) : QUrl();
}
QUrl printedAuthorizeUrl(const QByteArray &err)
{
    return printedAuthorizeUrl(QString::fromUtf8(err));
}
bool printedTheAuthorizeUrl(const QString &err)
{
    return printedAuthorizeUrl(err).isValid();
}
} // namespace

class TestCliWebServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_emulator.start(m_dir.filePath(u"config"_s), &error), qPrintable(error));
        m_callback = u"http://127.0.0.1:%1/OauthRedirect"_s.arg(freeLoopbackPort());
        const QString clientId = m_emulator.profile()[u"clientId"].toString();
        QCOMPARE(m_emulator.admin().changeApp(clientId, {{u"callbackUrl"_s, m_callback}}).status, 200);
        m_profileFile = m_emulator.writeProfile(
            m_dir.path(),
            {{u"callbackUrl"_s, m_callback}, {u"scopes"_s, QJsonArray{u"api"_s, u"refresh_token"_s, u"openid"_s}}});
        QVERIFY(!m_profileFile.isEmpty());
    }
    void cleanupTestCase() { QVERIFY(m_emulator.stop()); }

    void noBrowserPrintsTheUrlAndAScriptedBrowserFinishes()
    {
        const auto cli = start({u"--no-browser"_s});
        QVERIFY(cli->waitForStderr(printedTheAuthorizeUrl, kWaitMs));
        QVERIFY(cli->err().contains("Waiting for the callback on " + m_callback.toUtf8()));
        QVERIFY(cli->err().contains("--no-browser"));
        ScriptedBrowser browser;
        login(browser);
        browser.open(printedAuthorizeUrl(cli->err()));
        const CliResult r = cli->finish(kWaitMs);
        QVERIFY2(r.exitedNormally(), r.summary().constData());
        QCOMPARE(r.exitCode, 0);
        const QJsonObject json = r.json();
        QCOMPARE(json[u"ok"].toBool(), true);
        QVERIFY(!json[u"token"][u"access_token"].toString().isEmpty());
        QVERIFY(!json[u"token"][u"refresh_token"].toString().isEmpty());
        QVERIFY(!json[u"token"][u"id_token"].toString().isEmpty());
        QCOMPARE(json[u"checks"][u"id_token"].toString(), u"valid"_s);
    }

    void browserCommandGetsTheUrlAsItsLastArgument()
    {
        // A stand-in browser: a script that writes the URL it was given to a file.
        const QString urlFile = m_dir.filePath(u"opened-url.txt"_s);
        const QString script = m_dir.filePath(u"fake-browser.sh"_s);
        QFile scriptFile(script);
        QVERIFY(scriptFile.open(QIODevice::WriteOnly));
        scriptFile.write("#!/bin/sh\nprintf %s \"$1\" > \"" + urlFile.toUtf8() + "\"\n");
        scriptFile.close();
        QVERIFY(scriptFile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        const auto cli = start({u"--browser"_s, script});
        QVERIFY(QTest::qWaitFor([&] { return QFileInfo(urlFile).size() > 0; }, kWaitMs));
        QFile file(urlFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QUrl opened = QUrl::fromEncoded(file.readAll());
        QVERIFY(cli->waitForStderr(printedTheAuthorizeUrl, kWaitMs));
        QCOMPARE(opened, printedAuthorizeUrl(cli->err()));
        QVERIFY(cli->err().contains("Opened the browser"));
        ScriptedBrowser browser;
        login(browser);
        browser.open(opened);
        const CliResult r = cli->finish(kWaitMs);
        QVERIFY2(r.exitedNormally(), r.summary().constData());
        QCOMPARE(r.exitCode, 0);
    }

    void denyExitsFour()
    {
        // The approval of the runs above is remembered: prompt=consent asks again (§3.1).
        const auto cli = start({u"--no-browser"_s, u"--set"_s, u"prompt=consent"_s});
        QVERIFY(cli->waitForStderr(printedTheAuthorizeUrl, kWaitMs));
        ScriptedBrowser browser;
        login(browser);
        browser.setDecision(ScriptedBrowser::Decision::Deny);
        browser.open(printedAuthorizeUrl(cli->err()));
        QVERIFY(QUrlQuery(printedAuthorizeUrl(cli->err())).queryItemValue(u"prompt"_s) == u"consent"_s);
        const CliResult r = cli->finish(kWaitMs);
        QVERIFY2(r.exitedNormally(), r.summary().constData());
        QCOMPARE(r.exitCode, 4);
        const QJsonObject error = r.json()[u"error"].toObject();
        QCOMPARE(error[u"error"].toString(), u"access_denied"_s);
        QVERIFY(!error[u"explanation"].toString().isEmpty());
    }

    void noCallbackWithinTimeoutExitsFour()
    {
        const CliResult r = start({u"--no-browser"_s, u"--timeout"_s, u"1"_s})->finish(kWaitMs);
        QVERIFY2(r.exitedNormally(), r.summary().constData());
        QCOMPARE(r.exitCode, 4);
        const QJsonObject error = r.json()[u"error"].toObject();
        QCOMPARE(error[u"kind"].toString(), u"Expired"_s);
        QCOMPARE(error[u"stageId"].toString(), u"wait-for-callback"_s);
        QVERIFY2(error[u"fix"].toString().contains(u"allow longer (--timeout SECONDS)"_s), qPrintable(error[u"fix"].toString()));
    }

    // A --browser command that exits non-zero at once is reported on stderr; the run still waits
    // (the URL can be pasted) and ends by its --timeout, not by the failed launch.
    void aBrowserCommandThatFailsIsReported()
    {
        const CliResult r = start({u"--browser"_s, u"false"_s, u"--timeout"_s, u"2"_s})->finish(kWaitMs);
        QVERIFY2(r.exitedNormally(), r.summary().constData());
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.json()[u"error"].toObject()[u"kind"].toString(), u"Expired"_s);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(u"Could not open your browser — copy the URL and open it yourself"_s), r.summary().constData());
        QVERIFY(err.contains(u"exited with status 1"_s));
    }

    void badCallbackUrlOrBusyPortExitsTwo_data()
    {
        QTest::addColumn<QString>("callback");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not loopback") << u"http://example.com:8080/cb"_s << u"loopback"_s;
        QTest::newRow("https") << u"https://localhost:8443/cb"_s << u"not http"_s;
        QTest::newRow("port 0") << u"http://127.0.0.1:0/cb"_s << u"port is 0"_s;
        QTest::newRow("port in use") << QString() << u"already in use"_s;
    }
    void badCallbackUrlOrBusyPortExitsTwo()
    {
        QFETCH(QString, callback);
        QFETCH(QString, mentions);
        QTcpServer squatter;
        if (callback.isEmpty()) {
            QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
            callback = u"http://127.0.0.1:%1/OauthRedirect"_s.arg(squatter.serverPort());
        }
        const CliResult r = start({u"--no-browser"_s, u"--set"_s, u"callbackUrl="_s + callback})->finish(kWaitMs);
        QVERIFY2(r.exitedNormally(), r.summary().constData());
        QCOMPARE(r.exitCode, 2);
        const QJsonObject error = r.json()[u"error"].toObject();
        QCOMPARE(error[u"kind"].toString(), u"Configuration"_s);
        QVERIFY2(error[u"explanation"].toString().contains(mentions), qPrintable(error[u"explanation"].toString()));
        QVERIFY(printedAuthorizeUrl(r.err).isEmpty()); // refused before anything was opened
    }

private:
    // `ecalab run web-server` with the test's profile, --json, and `extra`.
    std::unique_ptr<CliRun> start(const QStringList &extra) const
    {
        const QStringList args{u"run"_s, u"web-server"_s, u"--profile"_s, m_profileFile, u"--json"_s};
        return std::make_unique<CliRun>(args + extra, cliEnvironment(m_dir.filePath(u"config"_s)));
    }
    void login(ScriptedBrowser &browser) const
    {
        const QJsonObject user = m_emulator.description()[u"users"].toArray().first().toObject();
        browser.setCredentials(user[u"username"].toString(), user[u"password"].toString());
    }

    QTemporaryDir m_dir;
    EmulatorProcess m_emulator;
    QString m_callback;
    QString m_profileFile;
};

QTEST_GUILESS_MAIN(TestCliWebServer)
#include "tst_cli_webserver.moc"
