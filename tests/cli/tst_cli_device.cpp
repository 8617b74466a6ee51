// `ecalab run device` as a separate process against `ecalab emulator` in another, the way a script
// on a headless box uses it: the code, URL and QR code on stderr while it waits, the result on
// stdout, and the exit codes of the contract. The person is played through the emulator's admin
// API (/__emulator/device/approve|deny); the emulator polls at 1 s here so the suite stays quick.
#include "CliRun.h"
#include "EmulatorProcess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace ecalab::test;

namespace {
constexpr int kRunMs = 30'000;
constexpr int kPrintsCodeMs = 15'000;

// The user code, once printed ("  User code:  ABCD1234").
QString printedUserCode(const QByteArray &err)
{
    static const QRegularExpression line(u"User code:\\s+(\\S+)"_s);
    return line.match(QString::fromUtf8(err)).captured(1);
}
} // namespace

class TestCliDevice : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ecalabBinary()), "ECALAB_BINARY must point at the built ecalab");
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_emulator.start(m_dir.filePath(u"config"_s), &error), qPrintable(error));
        m_username = m_emulator.userName();
        m_clientId = m_emulator.profile()[u"clientId"].toString();
        m_profileFile = m_emulator.writeProfile(m_dir.path());
        QVERIFY(!m_profileFile.isEmpty());
    }

    void init()
    {
        const QJsonObject quick{{u"intervalSeconds"_s, 1}, {u"dialect"_s, u"salesforce"_s}};
        QCOMPARE(m_emulator.admin().changeDeviceSettings(quick).status, 200);
    }

    void cleanupTestCase() { QVERIFY(m_emulator.stop()); }

    void approvalGivesTokensOnStdout()
    {
        const auto run = start({u"--json"_s});
        QTRY_VERIFY_WITH_TIMEOUT(!printedUserCode(run->err()).isEmpty(), kPrintsCodeMs);
        const QString printed = QString::fromUtf8(run->err());
        QVERIFY2(printed.contains(myDomain() + u"/setup/connect"_s), qPrintable(printed));
        QVERIFY2(printed.contains(u"█"_s) && printed.contains(u"▀"_s), "a QR code in Unicode blocks");
        QVERIFY2(printed.contains(u"expires at"_s), qPrintable(printed));
        QCOMPARE(approve(printedUserCode(run->err())), 200);
        const CliResult r = run->finish(kRunMs);
        QVERIFY2(r.exitedNormally(), r.summary().constData());
        QVERIFY2(r.exitCode == 0, r.err.constData());

        const QJsonObject json = r.json();
        QVERIFY2(!json.isEmpty(), r.out.constData()); // stdout is the one JSON object, nothing else
        QCOMPARE(json[u"flow"].toString(), u"device"_s);
        QCOMPARE(json[u"ok"].toBool(), true);
        const QJsonObject token = json[u"token"].toObject();
        for (const QStringView key : {u"access_token", u"refresh_token", u"id_token", u"instance_url", u"id", u"signature"})
            QVERIFY2(!token[key].toString().isEmpty(), qPrintable(key.toString()));
        QCOMPARE(json[u"checks"][u"signature"].toString(), u"valid"_s);
        QCOMPARE(json[u"checks"][u"id_token"].toString(), u"valid"_s);
        QStringList stages;
        for (const QJsonValue &e : json[u"exchanges"].toArray())
            stages.append(e[u"stageId"].toString());
        QVERIFY2(stages.contains(u"device-request"_s) && stages.contains(u"wait-for-approval"_s), qPrintable(stages.join(u", "_s)));
        QVERIFY(!r.err.contains(token[u"access_token"].toString().toUtf8()));
        QVERIFY(!r.err.contains(token[u"refresh_token"].toString().toUtf8()));
        QVERIFY(!QJsonDocument(json[u"exchanges"].toArray()).toJson().contains(token[u"refresh_token"].toString().toUtf8()));
    }

    void humanOutputMasksTheTokens()
    {
        const auto run = start({});
        QTRY_VERIFY_WITH_TIMEOUT(!printedUserCode(run->err()).isEmpty(), kPrintsCodeMs);
        QCOMPARE(approve(printedUserCode(run->err())), 200);
        const CliResult r = run->finish(kRunMs);
        QVERIFY2(r.exitedNormally(), r.summary().constData());
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.startsWith(u"Device: token obtained"_s), qPrintable(out));
        QVERIFY2(out.contains(u"printed only with --json"_s), qPrintable(out));
        QVERIFY2(r.err.contains("poll 1: approved") || r.err.contains("approved"), r.err.constData());
    }

    void denialExitsFour()
    {
        const auto run = start({u"--json"_s});
        QTRY_VERIFY_WITH_TIMEOUT(!printedUserCode(run->err()).isEmpty(), kPrintsCodeMs);
        QCOMPARE(m_emulator.admin().denyDevice(printedUserCode(run->err())).status, 200);
        const CliResult r = run->finish(kRunMs);
        QVERIFY2(r.exitedNormally(), r.summary().constData());
        QCOMPARE(r.exitCode, 4);
        const QJsonObject error = r.json()[u"error"].toObject();
        QCOMPARE(error[u"kind"].toString(), u"Cancelled"_s);
        QCOMPARE(error[u"error"].toString(), u"access_denied"_s);
        QCOMPARE(error[u"stageId"].toString(), u"wait-for-approval"_s);
        QVERIFY2(error[u"explanation"].toString().contains(u"Deny"_s), qPrintable(error[u"explanation"].toString()));
    }

    void disabledFlowExitsOne()
    {
        QCOMPARE(m_emulator.admin().changeApp(m_clientId, {{u"isDeviceFlowEnabled"_s, false}}).status, 200);
        const CliResult r = start({u"--json"_s})->finish(kRunMs);
        QCOMPARE(m_emulator.admin().changeApp(m_clientId, {{u"isDeviceFlowEnabled"_s, true}}).status, 200);
        QVERIFY2(r.exitedNormally(), r.summary().constData());
        QCOMPARE(r.exitCode, 1);
        const QJsonObject error = r.json()[u"error"].toObject();
        QCOMPARE(error[u"errorDescription"].toString(), u"device flow is not enabled for the app"_s);
        QVERIFY(error[u"fix"].toString().contains(u"Enable Device Flow"_s));
        QVERIFY(printedUserCode(r.err).isEmpty()); // nothing to enter: no code was printed
    }

    // --timeout ends the wait on the person like the web server flow's: Expired, exit 4 (a wait on
    // the user, ARCHITECTURE.md exit codes), not a network timeout.
    void timeoutEndsTheWaitAsExpired()
    {
        const CliResult r = start({u"--json"_s, u"--timeout"_s, u"2"_s})->finish(kRunMs);
        QVERIFY2(r.exitedNormally(), r.summary().constData());
        QCOMPARE(r.exitCode, 4);
        const QJsonObject error = r.json()[u"error"].toObject();
        QCOMPARE(error[u"kind"].toString(), u"Expired"_s);
        QCOMPARE(error[u"stageId"].toString(), u"wait-for-approval"_s);
        QVERIFY2(error[u"fix"].toString().contains(u"Allow longer (--timeout SECONDS)"_s), qPrintable(error[u"fix"].toString()));
    }

    void rfc8628DialectShowsTheCompleteUrl()
    {
        QCOMPARE(m_emulator.admin().changeDeviceSettings({{u"dialect"_s, u"rfc8628"_s}}).status, 200);
        const auto run = start({u"--json"_s});
        QTRY_VERIFY_WITH_TIMEOUT(!printedUserCode(run->err()).isEmpty(), kPrintsCodeMs);
        QVERIFY2(run->err().contains("with the code filled in"), run->err().constData());
        QCOMPARE(approve(printedUserCode(run->err())), 200);
        const CliResult r = run->finish(kRunMs);
        QVERIFY2(r.exitedNormally(), r.summary().constData());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        bool usedDeviceEndpoint = false;
        for (const QJsonValue &e : r.json()[u"exchanges"].toArray())
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
        CliRun run({u"run"_s, u"device"_s, u"--profile"_s, m_profileFile, u"--json"_s, u"--browser"_s, script},
                   environment());
        QTRY_VERIFY_WITH_TIMEOUT(!printedUserCode(run.err()).isEmpty(), kPrintsCodeMs);
        const auto openedUrl = [&opened] {
            QFile result(opened);
            return result.open(QIODevice::ReadOnly) ? QString::fromUtf8(result.readAll()) : QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(openedUrl(), myDomain() + u"/setup/connect"_s, 10'000);
        QVERIFY2(run.err().contains("opened in your browser"), run.err().constData());
        QCOMPARE(approve(printedUserCode(run.err())), 200);
        const CliResult r = run.finish(kRunMs);
        QVERIFY2(r.exitedNormally(), r.summary().constData());
        QCOMPARE(r.exitCode, 0);
    }

private:
    // `ecalab run device` with the demo profile, --no-browser, and `extra`.
    std::unique_ptr<CliRun> start(const QStringList &extra) const
    {
        const QStringList args{u"run"_s, u"device"_s, u"--profile"_s, m_profileFile, u"--no-browser"_s};
        return std::make_unique<CliRun>(args + extra, environment());
    }
    QProcessEnvironment environment() const { return cliEnvironment(m_dir.filePath(u"config"_s)); }
    QString myDomain() const { return m_emulator.description()[u"myDomain"].toString(); }
    int approve(const QString &userCode) { return m_emulator.admin().approveDevice(userCode, m_username).status; }

    QTemporaryDir m_dir;
    EmulatorProcess m_emulator;
    QString m_profileFile;
    QString m_username;
    QString m_clientId;
};

QTEST_GUILESS_MAIN(TestCliDevice)
#include "tst_cli_device.moc"
