// The WebDriver client against a real headless chromium, before any flow depends on it: the browser
// opens pages served by `ecalab emulator`, fills and submits a form, and cannot reach the internet.
#include "E2eSetup.h"
#include "EmulatorProcess.h"
#include "WebDriver.h"

#include <QTemporaryDir>

#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace ecalab::e2e;
using ecalab::test::EmulatorProcess;

class TestE2eBrowser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = startEmulatorAndDriver(m_config, m_emulator, m_driver);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void init()
    {
        m_browser = std::make_unique<WebDriverSession>(m_driver.url());
        QVERIFY2(m_browser->open(), qPrintable(m_browser->lastError()));
    }

    void cleanup()
    {
        QVERIFY2(m_browser->close(), qPrintable(m_browser->lastError()));
        m_browser.reset();
    }

    void cleanupTestCase() { QVERIFY(m_emulator.stop()); }

    void readsTheEmulatorsDiscoveryDocument()
    {
        QUrl discovery = m_emulator.myDomain();
        discovery.setPath(u"/.well-known/openid-configuration"_s);
        QVERIFY2(m_browser->navigate(discovery), qPrintable(m_browser->lastError()));
        QCOMPARE(m_browser->currentUrl(), discovery);
        const QString source = m_browser->pageSource();
        // Chromium shows JSON as text inside <pre>; the issuer is the host called (§7.9, §12.1).
        const QString issuer = m_emulator.myDomain().toString(QUrl::StripTrailingSlash);
        QVERIFY2(source.contains(u"\"issuer\":\"%1\""_s.arg(issuer)), qPrintable(source.left(2000)));
        QVERIFY(source.contains(u"/services/oauth2/authorize"));
    }

    void fillsAndSubmitsAForm()
    {
        // A plain GET form (no JavaScript), like the emulator's pages, that submits to the emulator.
        QUrl target = m_emulator.myDomain();
        target.setPath(u"/.well-known/openid-configuration"_s);
        const QString html = u"<!doctype html><title>Form</title><form method=\"get\" action=\"%1\">"
                             "<input id=\"username\" name=\"username\"><input type=\"password\" id=\"password\" "
                             "name=\"password\"><input type=\"submit\" id=\"Login\" name=\"Login\" value=\"Log In\">"
                             "</form>"_s.arg(target.toString());
        QUrl page(u"data:text/html;charset=utf-8,"_s + QString::fromLatin1(QUrl::toPercentEncoding(html)));
        QVERIFY2(m_browser->navigate(page), qPrintable(m_browser->lastError()));
        QCOMPARE(m_browser->title(), u"Form"_s);
        QVERIFY2(m_browser->type(u"#username"_s, u"ada@ecalab.example"_s), qPrintable(m_browser->lastError()));
        QVERIFY2(m_browser->type(u"#password"_s, u"p&ss:w0rd!"_s), qPrintable(m_browser->lastError()));
        QVERIFY2(m_browser->clickOn(u"#Login"_s), qPrintable(m_browser->lastError()));

        QTRY_COMPARE_WITH_TIMEOUT(m_browser->currentUrl().path(), target.path(), 10'000);
        const QUrlQuery sent(m_browser->currentUrl());
        QCOMPARE(sent.queryItemValue(u"username"_s, QUrl::FullyDecoded), u"ada@ecalab.example"_s);
        QCOMPARE(sent.queryItemValue(u"password"_s, QUrl::FullyDecoded), u"p&ss:w0rd!"_s);
        QVERIFY(m_browser->pageSource().contains(u"\"jwks_uri\""));
    }

    void missingElementIsAClearError()
    {
        QVERIFY(m_browser->navigate(QUrl(u"data:text/html,<p id=here>here</p>"_s)));
        QVERIFY(!m_browser->findElement(u"#here"_s).isEmpty());
        QVERIFY2(m_browser->setImplicitWait(300), qPrintable(m_browser->lastError()));
        QVERIFY(m_browser->findElement(u"#nowhere"_s).isEmpty());
        QVERIFY2(m_browser->lastError().contains(u"no such element"), qPrintable(m_browser->lastError()));
    }

    void cannotReachTheInternet()
    {
        // Every name but localhost fails to resolve (hermeticChromiumArguments), so a public
        // address ends on chromium's error page instead of the network.
        QVERIFY(!m_browser->navigate(QUrl(u"http://example.com/"_s)));
        QVERIFY2(m_browser->lastError().contains(u"ERR_NAME_NOT_RESOLVED"), qPrintable(m_browser->lastError()));
    }

private:
    QTemporaryDir m_config;
    EmulatorProcess m_emulator;
    ChromeDriver m_driver;
    std::unique_ptr<WebDriverSession> m_browser;
};

QTEST_GUILESS_MAIN(TestE2eBrowser)
#include "tst_e2e_browser.moc"
