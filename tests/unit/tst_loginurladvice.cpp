#include "oauth/Endpoints.h"
#include "profile/LoginUrlAdvice.h"

#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

class TestLoginUrlAdvice : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void advises_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("note");
        QTest::addColumn<bool>("warning");
        QTest::addColumn<QString>("messageContains");
        QTest::addColumn<QString>("suggestion");
        // Login hosts as they should be typed.
        QTest::newRow("my domain") << u"https://acme.my.salesforce.com"_s << u"My Domain ✓"_s << false << QString()
                                   << QString();
        QTest::newRow("my domain, trailing slash")
            << u"https://acme.my.salesforce.com/"_s << u"My Domain ✓"_s << false << QString() << QString();
        QTest::newRow("sandbox my domain") << u"https://acme--dev.sandbox.my.salesforce.com"_s
                                           << u"Sandbox My Domain ✓"_s << false << QString() << QString();
        QTest::newRow("scratch org") << u"https://power-page-1234.scratch.my.salesforce.com"_s << u"Scratch org ✓"_s
                                     << false << QString() << QString();
        QTest::newRow("developer edition") << u"https://acme-dev-ed.develop.my.salesforce.com"_s
                                           << u"Developer Edition My Domain ✓"_s << false << QString() << QString();
        QTest::newRow("gov cloud") << u"https://agency.my.salesforce.mil"_s << u"My Domain ✓"_s << false << QString()
                                   << QString();
        QTest::newRow("login") << u"https://login.salesforce.com"_s << u"Generic login host"_s << false << QString()
                               << QString();
        QTest::newRow("test") << u"https://test.salesforce.com"_s << u"Generic login host"_s << false << QString()
                              << QString();
        QTest::newRow("site with prefix")
            << u"https://acme.my.site.com/customers"_s << u"Experience Cloud site"_s << false << QString() << QString();
        QTest::newRow("force.com site") << u"https://acme.force.com/partners"_s << u"Experience Cloud site"_s << false
                                        << QString() << QString();
        QTest::newRow("loopback") << u"http://127.0.0.1:4000"_s << u"This machine (emulator)"_s << false << QString()
                                  << QString();
        QTest::newRow("custom host") << u"https://login.acme.example"_s << u"Custom host"_s << false << QString()
                                     << QString();
        QTest::newRow("empty") << u"  "_s << QString() << false << QString() << QString();

        // The browser's address bar: an org page host, with the My Domain derived from it.
        QTest::newRow("lightning setup page")
            << u"https://acme.lightning.force.com/lightning/setup/SetupOneHome/home"_s
            << u"Lightning page, not a login URL"_s << true << u"Setup page"_s << u"https://acme.my.salesforce.com"_s;
        QTest::newRow("lightning record page") << u"https://acme.lightning.force.com/lightning/r/Account/001/view"_s
                                               << u"Lightning page, not a login URL"_s << true << u"Lightning page"_s
                                               << u"https://acme.my.salesforce.com"_s;
        QTest::newRow("sandbox lightning")
            << u"https://acme--dev.sandbox.lightning.force.com/lightning/page/home"_s
            << u"Lightning page, not a login URL"_s << true << u"not the org's login URL"_s
            << u"https://acme--dev.sandbox.my.salesforce.com"_s;
        QTest::newRow("scratch lightning")
            << u"https://power-page-1234.scratch.lightning.force.com/lightning/page/home"_s
            << u"Lightning page, not a login URL"_s << true << u"Lightning page"_s
            << u"https://power-page-1234.scratch.my.salesforce.com"_s;
        QTest::newRow("lightning without scheme")
            << u"acme.lightning.force.com/lightning/setup/SetupOneHome/home"_s << u"Lightning page, not a login URL"_s
            << true << u"Setup page"_s << u"https://acme.my.salesforce.com"_s;
        QTest::newRow("visualforce") << u"https://acme--c.vf.force.com/apex/MyPage"_s
                                     << u"Visualforce page, not a login URL"_s << true << u"Visualforce page"_s
                                     << u"https://acme.my.salesforce.com"_s;
        QTest::newRow("sandbox visualforce")
            << u"https://acme--dev--c.sandbox.vf.force.com/apex/MyPage"_s << u"Visualforce page, not a login URL"_s
            << true << u"Visualforce"_s << u"https://acme--dev.sandbox.my.salesforce.com"_s;
        QTest::newRow("older visualforce")
            << u"https://acme--c.na139.visual.force.com/apex/MyPage"_s << u"Visualforce page, not a login URL"_s << true
            << u"Visualforce"_s << u"https://acme.my.salesforce.com"_s;
        QTest::newRow("visualforce without my domain")
            << u"https://c.na139.visual.force.com/apex/MyPage"_s << u"Visualforce page, not a login URL"_s << true
            << u"Setup → My Domain"_s << QString();
        QTest::newRow("setup domain") << u"https://acme.my.salesforce-setup.com/lightning/setup/SetupOneHome/home"_s
                                      << u"Setup page, not a login URL"_s << true << u"Setup page"_s
                                      << u"https://acme.my.salesforce.com"_s;

        // Typing slips on a login host.
        QTest::newRow("no scheme") << u"acme.my.salesforce.com"_s << u"My Domain ✓"_s << true << u"https://"_s
                                   << u"https://acme.my.salesforce.com"_s;
        QTest::newRow("no scheme, loopback") << u"127.0.0.1:4000"_s << u"This machine (emulator)"_s << true
                                             << u"https://"_s << u"http://127.0.0.1:4000"_s;
        QTest::newRow("plain http") << u"http://acme.my.salesforce.com"_s << u"My Domain ✓"_s << true << u"http://"_s
                                    << u"https://acme.my.salesforce.com"_s;
        QTest::newRow("token path") << u"https://acme.my.salesforce.com/services/oauth2/token"_s << u"My Domain ✓"_s
                                    << true << u"only https://host"_s << u"https://acme.my.salesforce.com"_s;
        QTest::newRow("query") << u"https://login.salesforce.com/?locale=us"_s << u"Generic login host"_s << true
                               << u"only https://host"_s << u"https://login.salesforce.com"_s;
        QTest::newRow("loopback path") << u"http://localhost:4000/services/oauth2/authorize"_s
                                       << u"This machine (emulator)"_s << true << u"only https://host"_s
                                       << u"http://localhost:4000"_s;
        QTest::newRow("site login page") << u"https://acme.my.site.com/customers/s/login/?language=en_US"_s
                                         << u"Experience Cloud site"_s << true << u"path prefix"_s
                                         << u"https://acme.my.site.com/customers"_s;
        QTest::newRow("not a url") << u"acme my salesforce"_s << QString() << true << u"not a URL"_s << QString();
    }
    void advises()
    {
        QFETCH(QString, typed);
        QFETCH(QString, note);
        QFETCH(bool, warning);
        QFETCH(QString, messageContains);
        QFETCH(QString, suggestion);
        const LoginUrlAdvice advice = adviseLoginUrl(typed);
        QCOMPARE(advice.note, note);
        QCOMPARE(advice.warning, warning);
        QCOMPARE(advice.message.isEmpty(), !warning);
        QVERIFY2(advice.message.contains(messageContains), qPrintable(advice.message));
        QCOMPARE(advice.suggestion.toString(), suggestion);
        if (!advice.suggestion.isEmpty()) // following a suggestion ends the warning
            QVERIFY2(!adviseLoginUrl(advice.suggestion.toString()).warning, qPrintable(advice.suggestion.toString()));
    }

    // The flows' coarse kind agrees with the advice: a page host is never taken for a site.
    void pageHostsAreNotSites()
    {
        for (const QString &host : {u"acme.lightning.force.com"_s, u"acme--c.vf.force.com"_s,
                                    u"acme.my.salesforce-setup.com"_s, u"acme--c.na1.visual.force.com"_s}) {
            QCOMPARE(int(classifyLoginHost(QUrl(u"https://"_s + host))), int(LoginHostKind::OrgPage));
            QVERIFY(adviseLoginUrl(host).warning);
        }
    }
};

QTEST_GUILESS_MAIN(TestLoginUrlAdvice)
#include "tst_loginurladvice.moc"
