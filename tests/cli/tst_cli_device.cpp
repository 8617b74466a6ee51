// `ecalab run device` as a separate process against `ecalab emulator` in another, the way a script
// on a headless box uses it: the code, URL and QR code on stderr while it waits, the result on
// stdout, and the exit codes of the contract. The person is played through the emulator's admin
// API (/__emulator/device/approve|deny); the emulator polls at 1 s here so the suite stays quick.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
QString binary()
{
    return qEnvironmentVariable("ECALAB_BINARY");
}

// One `ecalab run device …` in flight; stderr is read as it comes.
class DeviceRun
{
public:
    DeviceRun(const QStringList &args, const QProcessEnvironment &env)
    {
        m_process.setProcessEnvironment(env);
        m_process.start(binary(), args);
    }
    ~DeviceRun()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    QString err()
    {
        m_err += m_process.readAllStandardError();
        return QString::fromUtf8(m_err);
    }
    // The user code, once printed ("  User code:  ABCD1234").
    QString userCode()
    {
        static const QRegularExpression line(u"User code:\\s+(\\S+)"_s);
        return line.match(err()).captured(1);
    }
    bool waitForExit(int ms = 30'000) { return m_process.waitForFinished(ms); }
    int exitCode() const { return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1; }
    QByteArray out() { return m_out += m_process.readAllStandardOutput(); }
    QJsonObject json() { return QJsonDocument::fromJson(out()).object(); }

private:
    QProcess m_process;
    QByteArray m_err;
    QByteArray m_out;
};
} // namespace

class TestCliDevice : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(binary()), "ECALAB_BINARY must point at the built ecalab");
        QVERIFY(m_dir.isValid());
        m_emulator.setProgram(binary());
        m_emulator.setArguments({u"emulator"_s, u"--json"_s});
        m_emulator.setProcessEnvironment(environment());
        m_emulator.start();
        QVERIFY(m_emulator.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_emulator.canReadLine(), 10'000);
        m_description = QJsonDocument::fromJson(m_emulator.readLine()).object();
        const QJsonObject profile = m_description[u"profile"].toObject();
        m_username = profile[u"username"].toString();
        m_clientId = profile[u"clientId"].toString();
        m_profileFile = m_dir.filePath(u"demo-profile.json"_s);
        QFile file(m_profileFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(profile).toJson());
    }

    void init() { QCOMPARE(admin("PATCH", u"/device/settings"_s, {{u"intervalSeconds"_s, 1}, {u"dialect"_s, u"salesforce"_s}}), 200); }

    void cleanupTestCase()
    {
        m_emulator.terminate();
        QVERIFY(m_emulator.waitForFinished(5000));
    }

    void approvalGivesTokensOnStdout()
    {
        DeviceRun run(args({u"--json"_s}), environment());
        QTRY_VERIFY_WITH_TIMEOUT(!run.userCode().isEmpty(), 15'000);
        const QString printed = run.err();
        QVERIFY2(printed.contains(m_description[u"myDomain"].toString() + u"/setup/connect"_s), qPrintable(printed));
        QVERIFY2(printed.contains(u"█"_s) && printed.contains(u"▀"_s), "a QR code in Unicode blocks");
        QVERIFY2(printed.contains(u"expires at"_s), qPrintable(printed));
        QCOMPARE(approve(run.userCode()), 200);
        QVERIFY(run.waitForExit());
        QVERIFY2(run.exitCode() == 0, qPrintable(run.err()));

        const QJsonObject json = run.json();
        QVERIFY2(!json.isEmpty(), run.out().constData()); // stdout is the one JSON object, nothing else
        QCOMPARE(json[u"flow"].toString(), u"device"_s);
        QCOMPARE(json[u"ok"].toBool(), true);
        const QJsonObject token = json[u"token"].toObject();
        for (const QStringView key : {u"access_token", u"refresh_token", u"id_token", u"instance_url", u"id", u"signature"})
            QVERIFY2(!token[key].toString().isEmpty(), qPrintable(key.toString()));
        QCOMPARE(json[u"checks"][u"signature"].toString(), u"valid"_s);
        QCOMPARE(json[u"checks"][u"id_token"].toString(), u"valid"_s);
        QStringList stages;
        for (const QJsonValue &e : json[u"exchanges"].toArray())
            stages.append(e[u"stage"].toString());
        QVERIFY2(stages.contains(u"Device request"_s) && stages.contains(u"Wait for approval"_s), qPrintable(stages.join(u", "_s)));
        QVERIFY(!run.err().contains(token[u"access_token"].toString()));
        QVERIFY(!run.err().contains(token[u"refresh_token"].toString()));
        QVERIFY(!QJsonDocument(json[u"exchanges"].toArray()).toJson().contains(token[u"refresh_token"].toString().toUtf8()));
    }

    void humanOutputMasksTheTokens()
    {
        DeviceRun run(args({}), environment());
        QTRY_VERIFY_WITH_TIMEOUT(!run.userCode().isEmpty(), 15'000);
        QCOMPARE(approve(run.userCode()), 200);
        QVERIFY(run.waitForExit());
        QCOMPARE(run.exitCode(), 0);
        const QString out = QString::fromUtf8(run.out());
        QVERIFY2(out.startsWith(u"Device: token obtained"_s), qPrintable(out));
        QVERIFY2(out.contains(u"printed only with --json"_s), qPrintable(out));
        QVERIFY2(run.err().contains(u"poll 1: approved"_s) || run.err().contains(u"approved"_s), qPrintable(run.err()));
    }

    void denialExitsFour()
    {
        DeviceRun run(args({u"--json"_s}), environment());
        QTRY_VERIFY_WITH_TIMEOUT(!run.userCode().isEmpty(), 15'000);
        QCOMPARE(admin("POST", u"/device/deny"_s, {{u"userCode"_s, run.userCode()}}), 200);
        QVERIFY(run.waitForExit());
        QCOMPARE(run.exitCode(), 4);
        const QJsonObject error = run.json()[u"error"].toObject();
        QCOMPARE(error[u"kind"].toString(), u"Cancelled"_s);
        QCOMPARE(error[u"error"].toString(), u"access_denied"_s);
        QCOMPARE(error[u"stage"].toString(), u"Wait for approval"_s);
        QVERIFY2(error[u"explanation"].toString().contains(u"Deny"_s), qPrintable(error[u"explanation"].toString()));
    }

    void disabledFlowExitsOne()
    {
        QCOMPARE(admin("PATCH", u"/apps/"_s + m_clientId, {{u"isDeviceFlowEnabled"_s, false}}), 200);
        DeviceRun run(args({u"--json"_s}), environment());
        QVERIFY(run.waitForExit());
        QCOMPARE(admin("PATCH", u"/apps/"_s + m_clientId, {{u"isDeviceFlowEnabled"_s, true}}), 200);
        QCOMPARE(run.exitCode(), 1);
        const QJsonObject error = run.json()[u"error"].toObject();
        QCOMPARE(error[u"errorDescription"].toString(), u"device flow is not enabled for the app"_s);
        QVERIFY(error[u"fix"].toString().contains(u"Enable Device Flow"_s));
        QVERIFY(run.userCode().isEmpty()); // nothing to enter: no code was printed
    }

    // --timeout ends the wait on the person like the web server flow's: Expired, exit 4 (a wait on
    // the user, ARCHITECTURE.md exit codes), not a network timeout.
    void timeoutEndsTheWaitAsExpired()
    {
        DeviceRun run(args({u"--json"_s, u"--timeout"_s, u"2"_s}), environment());
        QVERIFY(run.waitForExit());
        QCOMPARE(run.exitCode(), 4);
        const QJsonObject error = run.json()[u"error"].toObject();
        QCOMPARE(error[u"kind"].toString(), u"Expired"_s);
        QCOMPARE(error[u"stage"].toString(), u"Wait for approval"_s);
        QVERIFY2(error[u"fix"].toString().contains(u"--timeout"_s), qPrintable(error[u"fix"].toString()));
    }

    void rfc8628DialectShowsTheCompleteUrl()
    {
        QCOMPARE(admin("PATCH", u"/device/settings"_s, {{u"dialect"_s, u"rfc8628"_s}}), 200);
        DeviceRun run(args({u"--json"_s}), environment());
        QTRY_VERIFY_WITH_TIMEOUT(!run.userCode().isEmpty(), 15'000);
        QVERIFY2(run.err().contains(u"with the code filled in"_s), qPrintable(run.err()));
        QCOMPARE(approve(run.userCode()), 200);
        QVERIFY(run.waitForExit());
        QVERIFY2(run.exitCode() == 0, qPrintable(run.err()));
        bool usedDeviceEndpoint = false;
        for (const QJsonValue &e : run.json()[u"exchanges"].toArray())
            usedDeviceEndpoint |= e[u"url"].toString().endsWith(u"/services/oauth2/device/authorize"_s);
        QVERIFY(usedDeviceEndpoint);
    }

    void browserCommandOpensTheVerificationUrl()
    {
        // --browser COMMAND gets the URL as its last argument (ARCHITECTURE.md command line).
        const QString opened = m_dir.filePath(u"opened.txt"_s);
        const QString script = m_dir.filePath(u"browser.sh"_s);
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(u"#!/bin/sh\nprintf '%s' \"$1\" > '%1'\n"_s.arg(opened).toUtf8());
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        DeviceRun run({u"run"_s, u"device"_s, u"--profile"_s, m_profileFile, u"--json"_s, u"--browser"_s, script},
                      environment());
        QTRY_VERIFY_WITH_TIMEOUT(!run.userCode().isEmpty(), 15'000);
        const auto openedUrl = [&opened] {
            QFile result(opened);
            return result.open(QIODevice::ReadOnly) ? QString::fromUtf8(result.readAll()) : QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(openedUrl(), m_description[u"myDomain"].toString() + u"/setup/connect"_s, 10'000);
        QVERIFY2(run.err().contains(u"opened in your browser"_s), qPrintable(run.err()));
        QCOMPARE(approve(run.userCode()), 200);
        QVERIFY(run.waitForExit());
        QCOMPARE(run.exitCode(), 0);
    }

private:
    QStringList args(const QStringList &extra) const
    {
        return QStringList{u"run"_s, u"device"_s, u"--profile"_s, m_profileFile, u"--no-browser"_s} + extra;
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"ECALAB_CONFIG_DIR"_s, m_dir.filePath(u"config"_s));
        env.insert(u"ECALAB_SECRET_STORE"_s, u"memory"_s);
        env.remove(u"ECALAB_CLIENT_SECRET"_s);
        return env;
    }

    int admin(const QByteArray &method, const QString &path, const QJsonObject &body)
    {
        QNetworkRequest request(QUrl(m_description[u"admin"].toString() + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(10'000))
            return 0;
        reply->deleteLater();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    int approve(const QString &userCode)
    {
        return admin("POST", u"/device/approve"_s, {{u"userCode"_s, userCode}, {u"username"_s, m_username}});
    }

    QTemporaryDir m_dir;
    QProcess m_emulator;
    QNetworkAccessManager m_network;
    QJsonObject m_description;
    QString m_profileFile;
    QString m_username;
    QString m_clientId;
};

QTEST_GUILESS_MAIN(TestCliDevice)
#include "tst_cli_device.moc"
