// Issue 4, "It must show" 2: `ecalab run device` against `ecalab emulator`. The CLI waits and prints
// the user code and verification URL; headless chromium plays the person on another device: opens
// the URL, types the code, logs in and approves, and the CLI's polling then gets the tokens.
#include "BrowserSteps.h"
#include "E2eSetup.h"
#include "CliRun.h"
#include "EmulatorProcess.h"
#include "WebDriver.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace ecalab::e2e;
using namespace ecalab::test;

namespace {
constexpr int kPrintsCodeMs = 20'000;
// Polling every `interval` (5 s in the demo org, §4.1) after the approval: a few polls at most.
constexpr int kFlowEndsMs = 60'000;
} // namespace

class TestE2eDevice : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = startEmulatorAndDriver(m_config, m_emulator, m_driver);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_browser = std::make_unique<WebDriverSession>(m_driver.url());
        QVERIFY2(m_browser->open(), qPrintable(m_browser->lastError()));
    }

    void cleanupTestCase()
    {
        m_run.reset();
        if (m_browser)
            QVERIFY2(m_browser->close(), qPrintable(m_browser->lastError()));
        QVERIFY(m_emulator.stop());
    }

    void approvalInTheBrowserGivesTokens()
    {
        const QString profile = m_emulator.writeProfile(m_config.path());
        m_run = std::make_unique<CliRun>(
            QStringList{u"run"_s, u"device"_s, u"--profile"_s, profile, u"--json"_s, u"--no-browser"_s, u"--timeout"_s,
                        u"90"_s},
            cliEnvironment(m_config.filePath(u"config"_s)));

        // Wait until both the verification URL and the user code have been printed.
        const auto printedBoth = [](const QString &text) {
            return longestUrlWithPath(text, u"/setup/connect"_s).isValid() && !userCodeIn(text).isEmpty();
        };
        QVERIFY2(m_run->waitForStderr(printedBoth, kPrintsCodeMs), m_run->err().constData());
        const QString printed = QString::fromUtf8(m_run->err());
        const QUrl url = longestUrlWithPath(printed, u"/setup/connect"_s);
        const QString userCode = userCodeIn(printed);
        QVERIFY2(url.isValid() && !userCode.isEmpty(), qPrintable(printed));
        QCOMPARE(url.host(), m_emulator.myDomain().host());

        QVERIFY2(m_browser->navigate(url), qPrintable(m_browser->lastError()));
        const QString codeProblem = enterUserCode(*m_browser, userCode);
        QVERIFY2(codeProblem.isEmpty(), qPrintable(codeProblem));
        const QString loginProblem = logIn(*m_browser, m_emulator.userName(), m_emulator.userPassword());
        QVERIFY2(loginProblem.isEmpty(), qPrintable(loginProblem));
        const QString consentProblem = answerConsent(*m_browser, true);
        QVERIFY2(consentProblem.isEmpty(), qPrintable(consentProblem));

        const CliResult r = m_run->finish(kFlowEndsMs);
        QVERIFY2(r.exitedNormally(), r.err.constData());
        QVERIFY2(r.exitCode == 0, r.out.constData());
        const QJsonObject json = r.json();
        QCOMPARE(json[u"ok"].toBool(), true);
        QCOMPARE(json[u"flow"].toString(), u"device"_s);
        const QJsonObject token = json[u"token"].toObject();
        for (const QStringView key : {u"access_token", u"refresh_token", u"instance_url", u"id"})
            QVERIFY2(!token[key].toString().isEmpty(), qPrintable(key.toString()));
        QVERIFY(!r.err.contains(token[u"access_token"].toString().toUtf8()));
    }

private:
    QTemporaryDir m_config;
    EmulatorProcess m_emulator;
    ChromeDriver m_driver;
    std::unique_ptr<WebDriverSession> m_browser;
    std::unique_ptr<CliRun> m_run;
};

QTEST_GUILESS_MAIN(TestE2eDevice)
#include "tst_e2e_device.moc"
