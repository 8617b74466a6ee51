// `ecalab run web-server` as a separate process against `ecalab emulator`: the URL on
// stderr with --no-browser, the --browser command receiving it, a scripted browser finishing the
// login, and the exit codes 0 / 2 / 4 of ARCHITECTURE.md.
#include "ScriptedBrowser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;
using ecalab::test::ScriptedBrowser;

namespace {
constexpr int kWaitMs = 20'000;

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// The authorize URL the CLI printed on its own line of stderr.
QUrl printedAuthorizeUrl(const QByteArray &err)
{
    static const QRegularExpression re(u"^\\s+(http\\S+/services/oauth2/authorize\\S+)$"_s,
                                       QRegularExpression::MultilineOption);
    const auto match = re.match(QString::fromUtf8(err));
    return match.hasMatch() ? QUrl(match.captured(1), QUrl::StrictMode) : QUrl();
}
} // namespace

class TestCliWebServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator.setProgram(qEnvironmentVariable("ECALAB_BINARY"));
        m_emulator.setArguments({u"emulator"_s, u"--json"_s});
        m_emulator.setProcessEnvironment(environment());
        m_emulator.start();
        QVERIFY(m_emulator.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_emulator.canReadLine(), 10'000);
        m_description = QJsonDocument::fromJson(m_emulator.readLine()).object();
        QVERIFY(!m_description.isEmpty());
        m_callback = u"http://127.0.0.1:%1/OauthRedirect"_s.arg(freePort());
        QCOMPARE(admin("PATCH", u"/apps/"_s + profile()[u"clientId"].toString(), {{u"callbackUrl"_s, m_callback}}), 200);
        QJsonObject p = profile();
        p.insert(u"callbackUrl"_s, m_callback);
        p.insert(u"scopes"_s, QJsonArray{u"api"_s, u"refresh_token"_s, u"openid"_s});
        m_profileFile = m_dir.filePath(u"web-profile.json"_s);
        QFile file(m_profileFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(p).toJson());
    }
    void cleanupTestCase()
    {
        m_emulator.terminate();
        QVERIFY(m_emulator.waitForFinished(5000));
    }

    void noBrowserPrintsTheUrlAndAScriptedBrowserFinishes()
    {
        QProcess cli;
        start(cli, {u"--no-browser"_s});
        QVERIFY(QTest::qWaitFor([&] { return !printedAuthorizeUrl(m_err).isEmpty(); }, kWaitMs));
        QVERIFY(m_err.contains("Waiting for the callback on " + m_callback.toUtf8()));
        QVERIFY(m_err.contains("--no-browser"));
        ScriptedBrowser browser;
        login(browser);
        browser.open(printedAuthorizeUrl(m_err));
        QVERIFY(finish(cli));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonObject json = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
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
        QProcess cli;
        start(cli, {u"--browser"_s, script});
        QVERIFY(QTest::qWaitFor([&] { return QFileInfo(urlFile).size() > 0; }, kWaitMs));
        QFile file(urlFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QUrl opened = QUrl::fromEncoded(file.readAll());
        QVERIFY(QTest::qWaitFor([&] { return !printedAuthorizeUrl(m_err).isEmpty(); }, kWaitMs));
        QCOMPARE(opened, printedAuthorizeUrl(m_err));
        QVERIFY(m_err.contains("Opened the browser"));
        ScriptedBrowser browser;
        login(browser);
        browser.open(opened);
        QVERIFY(finish(cli));
        QCOMPARE(cli.exitCode(), 0);
    }

    void denyExitsFour()
    {
        QProcess cli;
        // The approval of the runs above is remembered: prompt=consent asks again (§3.1).
        start(cli, {u"--no-browser"_s, u"--set"_s, u"prompt=consent"_s});
        QVERIFY(QTest::qWaitFor([&] { return !printedAuthorizeUrl(m_err).isEmpty(); }, kWaitMs));
        ScriptedBrowser browser;
        login(browser);
        browser.setDecision(ScriptedBrowser::Decision::Deny);
        browser.open(printedAuthorizeUrl(m_err));
        QVERIFY(QUrlQuery(printedAuthorizeUrl(m_err)).queryItemValue(u"prompt"_s) == u"consent"_s);
        QVERIFY(finish(cli));
        QCOMPARE(cli.exitCode(), 4);
        const QJsonObject error = QJsonDocument::fromJson(cli.readAllStandardOutput()).object()[u"error"].toObject();
        QCOMPARE(error[u"error"].toString(), u"access_denied"_s);
        QVERIFY(!error[u"explanation"].toString().isEmpty());
    }

    void noCallbackWithinTimeoutExitsFour()
    {
        QProcess cli;
        start(cli, {u"--no-browser"_s, u"--timeout"_s, u"1"_s});
        QVERIFY(finish(cli));
        QCOMPARE(cli.exitCode(), 4);
        const QJsonObject error = QJsonDocument::fromJson(cli.readAllStandardOutput()).object()[u"error"].toObject();
        QCOMPARE(error[u"kind"].toString(), u"Expired"_s);
        QCOMPARE(error[u"stage"].toString(), u"Wait for callback"_s);
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
        QProcess cli;
        start(cli, {u"--no-browser"_s, u"--set"_s, u"callbackUrl="_s + callback});
        QVERIFY(finish(cli));
        QCOMPARE(cli.exitCode(), 2);
        const QJsonObject error = QJsonDocument::fromJson(cli.readAllStandardOutput()).object()[u"error"].toObject();
        QCOMPARE(error[u"kind"].toString(), u"Configuration"_s);
        QVERIFY2(error[u"explanation"].toString().contains(mentions), qPrintable(error[u"explanation"].toString()));
        QVERIFY(printedAuthorizeUrl(m_err).isEmpty()); // refused before anything was opened
    }

private:
    QJsonObject profile() const { return m_description[u"profile"].toObject(); }
    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"ECALAB_CONFIG_DIR"_s, m_dir.filePath(u"config"_s));
        env.insert(u"ECALAB_SECRET_STORE"_s, u"memory"_s);
        env.remove(u"ECALAB_CLIENT_SECRET"_s);
        return env;
    }
    void start(QProcess &cli, const QStringList &extra)
    {
        m_err.clear();
        connect(&cli, &QProcess::readyReadStandardError, this, [this, &cli] { m_err += cli.readAllStandardError(); });
        cli.setProcessEnvironment(environment());
        cli.start(qEnvironmentVariable("ECALAB_BINARY"),
                  QStringList{u"run"_s, u"web-server"_s, u"--profile"_s, m_profileFile, u"--json"_s} + extra);
        QVERIFY(cli.waitForStarted());
    }
    bool finish(QProcess &cli)
    {
        const bool ended = QTest::qWaitFor([&] { return cli.state() == QProcess::NotRunning; }, kWaitMs);
        if (!ended)
            cli.kill();
        m_err += cli.readAllStandardError();
        return ended && cli.exitStatus() == QProcess::NormalExit;
    }
    void login(ScriptedBrowser &browser) const
    {
        const QJsonObject user = m_description[u"users"].toArray().first().toObject();
        browser.setCredentials(user[u"username"].toString(), user[u"password"].toString());
    }
    int admin(const QByteArray &method, const QString &path, const QJsonObject &body)
    {
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(m_description[u"admin"].toString() + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QNetworkReply *reply = network.sendCustomRequest(request, method, QJsonDocument(body).toJson());
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!done.wait(10'000))
            return 0;
        reply->deleteLater();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    QTemporaryDir m_dir;
    QProcess m_emulator;
    QJsonObject m_description;
    QString m_callback;
    QString m_profileFile;
    QByteArray m_err;
};

QTEST_GUILESS_MAIN(TestCliWebServer)
#include "tst_cli_webserver.moc"
