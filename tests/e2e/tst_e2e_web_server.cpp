// Issue 3, "It must show" 1: `ecalab run web-server` against `ecalab emulator`, with a person's
// part played by headless chromium: open the authorize URL the CLI prints, log in, Allow (or
// Deny), and land on the app's loopback receiver.
#include "BrowserSteps.h"
#include "E2eSetup.h"
#include "CliRun.h"
#include "EmulatorProcess.h"
#include "FreePort.h"
#include "WebDriver.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace ecalab::e2e;
using namespace ecalab::test;

namespace {
constexpr int kPrintsUrlMs = 20'000;
constexpr int kFlowEndsMs = 60'000;
} // namespace

class TestE2eWebServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = startEmulatorAndDriver(m_config, m_emulator, m_driver);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(!m_emulator.userPassword().isEmpty());
    }

    void init()
    {
        // Each run starts from the demo org (no remembered approvals or sessions) and a fresh
        // browser profile (no login cookie).
        QCOMPARE(m_emulator.admin().reset().status, 200);
        m_browser = std::make_unique<WebDriverSession>(m_driver.url());
        QVERIFY2(m_browser->open(), qPrintable(m_browser->lastError()));
    }

    void cleanup()
    {
        m_run.reset();
        QVERIFY2(m_browser->close(), qPrintable(m_browser->lastError()));
        m_browser.reset();
    }

    void cleanupTestCase() { QVERIFY(m_emulator.stop()); }

    void allowGivesTokens_data()
    {
        QTest::addColumn<QString>("callbackHost");
        QTest::newRow("localhost") << u"localhost"_s;
        QTest::newRow("127.0.0.1") << u"127.0.0.1"_s;
    }
    void allowGivesTokens()
    {
        QFETCH(QString, callbackHost);
        const QUrl callback = registerCallback(callbackHost);
        QVERIFY(callback.isValid());
        const QUrl authorize = startRun(callback);
        QVERIFY(authorize.isValid());
        QCOMPARE(authorize.host(), m_emulator.myDomain().host());

        QVERIFY2(m_browser->navigate(authorize), qPrintable(m_browser->lastError()));
        const QString loginProblem = logIn(*m_browser, m_emulator.userName(), m_emulator.userPassword());
        QVERIFY2(loginProblem.isEmpty(), qPrintable(loginProblem));
        const QString consentProblem = answerConsent(*m_browser, true);
        QVERIFY2(consentProblem.isEmpty(), qPrintable(consentProblem));

        const CliResult r = m_run->finish(kFlowEndsMs);
        QVERIFY2(r.exitedNormally(), r.err.constData());
        QVERIFY2(r.exitCode == 0, r.out.constData());
        // The browser ended on the app's own receiver, at exactly the registered callback.
        const QUrl landed = m_browser->currentUrl();
        QCOMPARE(landed.adjusted(QUrl::RemoveQuery), callback);

        const QJsonObject json = r.json();
        QCOMPARE(json[u"ok"].toBool(), true);
        QCOMPARE(json[u"flow"].toString(), u"web-server"_s);
        const QJsonObject token = json[u"token"].toObject();
        for (const QStringView key : {u"access_token", u"refresh_token", u"id_token", u"instance_url", u"id"})
            QVERIFY2(!token[key].toString().isEmpty(),
                     qPrintable(key.toString() + u" missing in "_s + json.keys().join(u',')));
        QCOMPARE(idTokenCheck(json), u"valid"_s);
        // The secrets stay out of what a person reads.
        const QByteArray human = r.err;
        QVERIFY(!human.contains(token[u"access_token"].toString().toUtf8()));
        QVERIFY(!human.contains(m_emulator.profile()[u"clientSecret"].toString().toUtf8()));
    }

    void denyExitsFour()
    {
        const QUrl callback = registerCallback(u"localhost"_s);
        QVERIFY(callback.isValid());
        const QUrl authorize = startRun(callback);
        QVERIFY(authorize.isValid());

        QVERIFY2(m_browser->navigate(authorize), qPrintable(m_browser->lastError()));
        const QString loginProblem = logIn(*m_browser, m_emulator.userName(), m_emulator.userPassword());
        QVERIFY2(loginProblem.isEmpty(), qPrintable(loginProblem));
        const QString consentProblem = answerConsent(*m_browser, false);
        QVERIFY2(consentProblem.isEmpty(), qPrintable(consentProblem));

        const CliResult r = m_run->finish(kFlowEndsMs);
        QVERIFY2(r.exitedNormally(), r.err.constData());
        QVERIFY2(r.exitCode == 4, r.out.constData());
        const QJsonObject json = r.json();
        QCOMPARE(json[u"ok"].toBool(true), false);
        QVERIFY(json[u"token"].isNull());
        // §3.2: the denial comes back on the callback as error=access_denied (or access-denied).
        QVERIFY2(json[u"error"][u"error"].toString().startsWith(u"access"), r.out.constData());
        QCOMPARE(m_browser->currentUrl().adjusted(QUrl::RemoveQuery), callback);
    }

private:
    // A callback on a port free right now, registered on the demo app as its only callback URL.
    QUrl registerCallback(const QString &host)
    {
        const quint16 port = freeLoopbackPort();
        const QUrl callback(u"http://%1:%2/OauthRedirect"_s.arg(host).arg(port));
        const QString clientId = m_emulator.profile()[u"clientId"].toString();
        const int status = m_emulator.admin().changeApp(clientId, {{u"callbackUrl"_s, callback.toString()}}).status;
        return port != 0 && status == 200 ? callback : QUrl();
    }

    // Starts `ecalab run web-server` and returns the authorize URL it prints on stderr.
    QUrl startRun(const QUrl &callback)
    {
        const QString profile = m_emulator.writeProfile(m_config.path());
        const QStringList args{
            u"run"_s,          u"web-server"_s, u"--profile"_s, profile,    u"--json"_s,
            u"--no-browser"_s, u"--timeout"_s,  u"60"_s,        u"--set"_s, u"callbackUrl="_s + callback.toString()};
        m_run = std::make_unique<CliRun>(args, cliEnvironment(m_config.filePath(u"config"_s)));
        const auto printedUrl = [](const QString &text) {
            return urlOnItsOwnLine(text, u"/services/oauth2/authorize"_s).isValid();
        };
        if (!m_run->waitForStderr(printedUrl, kPrintsUrlMs)) {
            qWarning("No authorize URL on stderr: %s", m_run->err().constData());
            return {};
        }
        return urlOnItsOwnLine(QString::fromUtf8(m_run->err()), u"/services/oauth2/authorize"_s);
    }

    // The id-token check in the JSON report, under whichever name the CLI gives it ("idToken"…).
    static QString idTokenCheck(const QJsonObject &json)
    {
        const QJsonObject checks = json[u"checks"].toObject();
        for (auto it = checks.begin(); it != checks.end(); ++it) {
            QString key = it.key().toLower();
            key.remove(u'_');
            if (key.startsWith(u"idtoken"))
                return it.value().isObject() ? it.value()[u"status"].toString() : it.value().toString();
        }
        return u"no id-token check in: "_s + QString::fromUtf8(QJsonDocument(checks).toJson(QJsonDocument::Compact));
    }

    QTemporaryDir m_config;
    EmulatorProcess m_emulator;
    ChromeDriver m_driver;
    std::unique_ptr<WebDriverSession> m_browser;
    std::unique_ptr<CliRun> m_run;
};

QTEST_GUILESS_MAIN(TestE2eWebServer)
#include "tst_e2e_web_server.moc"
