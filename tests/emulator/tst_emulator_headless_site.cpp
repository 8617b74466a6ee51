// The headless flows' org and site settings (§6.1): the org toggle allowCodeCredentialsFlows, the
// seed's "site" object validated like every seed field, GET/PATCH /__emulator/site, state and the
// seed export, Emulator::changeSite/changeOrg, the demo org's switches, and callbackUrl entries
// with {site}, {myDomain} and {login} compared expanded but shown as given.
#include "HeadlessSteps.h"

#include "Emulator.h"

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QJsonObject kDemoSite{{u"headlessRegistration"_s, true},
                            {u"headlessPasswordlessLogin"_s, true},
                            {u"headlessForgotPassword"_s, true},
                            {u"registrationRequiresAuth"_s, false},
                            {u"passwordlessLoginRequiresAuth"_s, false},
                            {u"forgotPasswordRequiresAuth"_s, false},
                            {u"recaptchaRequired"_s, false},
                            {u"guestAccess"_s, false},
                            {u"otpLifetimeSeconds"_s, 600},
                            {u"registrationUserType"_s, u"CSP_LITE_PORTAL"_s}};

QJsonObject minimalSeed(const QJsonObject &site = {}, const QJsonObject &orgExtra = {})
{
    QJsonObject org{{u"id"_s, u"00Dxx0000001gPL"_s}};
    for (auto it = orgExtra.begin(); it != orgExtra.end(); ++it)
        org.insert(it.key(), it.value());
    QJsonObject seed{{u"schema"_s, 1}, {u"org"_s, org}};
    if (!site.isEmpty())
        seed.insert(u"site"_s, site);
    return seed;
}
} // namespace

class TestEmulatorHeadlessSite : public QObject
{
    Q_OBJECT

    QString loadError(const QJsonObject &seed)
    {
        Emulator fresh;
        QString error;
        return fresh.loadSeed(seed, &error) ? QString() : error;
    }

private Q_SLOTS:
    void init()
    {
        m_emulator.emplace();
        QVERIFY(startWithAdmin(*m_emulator, m_admin));
        m_steps.emplace(*m_emulator);
    }
    void cleanup()
    {
        m_steps.reset();
        m_emulator.reset();
    }

    void theDemoOrgHasTheFlowOn()
    {
        const Answer site = m_admin.get(u"/site"_s);
        QCOMPARE(site.status, 200);
        QCOMPARE(site.json(), kDemoSite);
        const QJsonObject state = m_emulator->state();
        QCOMPARE(state[u"site"].toObject(), kDemoSite);
        QCOMPARE(state[u"org"][u"allowCodeCredentialsFlows"].toBool(), true);
        const QJsonObject app = state[u"apps"][0].toObject();
        QCOMPARE(app[u"isCodeCredFlowEnabled"].toBool(), true);
        // The echo endpoint is the demo app's second callback, as given; the profile keeps the first.
        QCOMPARE(app[u"callbackUrl"].toString(), u"http://localhost:1717/OauthRedirect\n{site}/services/oauth2/echo"_s);
        QCOMPARE(m_emulator->demoProfile()[u"callbackUrl"].toString(), u"http://localhost:1717/OauthRedirect"_s);
    }

    void aSeedWithoutASiteHasEverythingOff()
    {
        Emulator other;
        QString error;
        QVERIFY2(other.loadSeed(minimalSeed(), &error), qPrintable(error));
        const QJsonObject site = other.state()[u"site"].toObject();
        QCOMPARE(site[u"headlessRegistration"].toBool(), false);
        QCOMPARE(site[u"guestAccess"].toBool(), false);
        QCOMPARE(site[u"otpLifetimeSeconds"].toInt(), 600);
        QCOMPARE(site[u"registrationUserType"].toString(), u"CSP_LITE_PORTAL"_s);
        QCOMPARE(other.state()[u"org"][u"allowCodeCredentialsFlows"].toBool(), false);
    }

    void seedErrorsNameTheField_data()
    {
        QTest::addColumn<QJsonObject>("seed");
        QTest::addColumn<QString>("error");
        QTest::newRow("switch not a bool") << minimalSeed({{u"guestAccess"_s, u"yes"_s}})
                                           << u"Invalid seed: site.guestAccess: expected true or false, got \"yes\""_s;
        QTest::newRow("unknown field")
            << minimalSeed({{u"captcha"_s, true}})
            << u"Invalid seed: site.captcha: unknown field (known: headlessRegistration, "
               u"headlessPasswordlessLogin, headlessForgotPassword, registrationRequiresAuth, "
               u"passwordlessLoginRequiresAuth, forgotPasswordRequiresAuth, "
               u"recaptchaRequired, guestAccess, otpLifetimeSeconds, registrationUserType)"_s;
        QTest::newRow("lifetime 0") << minimalSeed({{u"otpLifetimeSeconds"_s, 0}})
                                    << u"Invalid seed: site.otpLifetimeSeconds: expected a whole number from 1 to "
                                       u"86400, got 0"_s;
        QTest::newRow("user type") << minimalSeed({{u"registrationUserType"_s, u"ADMIN"_s}})
                                   << u"Invalid seed: site.registrationUserType: expected one of STANDARD, "
                                      u"POWER_PARTNER, POWER_CUSTOMER_SUCCESS, CUSTOMER_SUCCESS, CSP_LITE_PORTAL, "
                                      u"CSN_ONLY, GUEST, got \"ADMIN\""_s;
        QJsonObject notObject = minimalSeed();
        notObject.insert(u"site"_s, true);
        QTest::newRow("site not an object") << notObject << u"Invalid seed: site: expected an object, got true"_s;
        QTest::newRow("org toggle") << minimalSeed({}, {{u"allowCodeCredentialsFlows"_s, 1}})
                                    << u"Invalid seed: org.allowCodeCredentialsFlows: expected true or false, got 1"_s;
        QJsonObject badCallback = minimalSeed();
        badCallback.insert(u"apps"_s, QJsonArray{QJsonObject{{u"fullName"_s, u"A"_s},
                                                             {u"callbackUrl"_s, u"{portal}/services/oauth2/echo"_s}}});
        QTest::newRow("unknown placeholder")
            << badCallback
            << u"Invalid seed: apps[0].callbackUrl: \"{portal}/services/oauth2/echo\" is not an "
               u"absolute URL"_s;
    }
    void seedErrorsNameTheField()
    {
        QFETCH(QJsonObject, seed);
        QFETCH(QString, error);
        QCOMPARE(loadError(seed), error);
    }

    void patchSiteKeepsOnlyValidChanges()
    {
        const Answer bad = m_admin.changeSite({{u"guestAccess"_s, true}, {u"otpLifetimeSeconds"_s, 1.5}});
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.json()[u"error"].toString(),
                 u"site.otpLifetimeSeconds: expected a whole number from 1 to 86400, got 1.5"_s);
        QCOMPARE(m_admin.get(u"/site"_s).json(), kDemoSite); // nothing changed
        const Answer good = m_admin.call("POST", u"/site"_s, {{u"guestAccess"_s, true}, {u"otpLifetimeSeconds"_s, 60}});
        QCOMPARE(good.status, 200);
        QCOMPARE(good.json()[u"guestAccess"].toBool(), true);
        QCOMPARE(m_admin.get(u"/site"_s).json()[u"otpLifetimeSeconds"].toInt(), 60);
        QCOMPARE(m_admin.call("DELETE", u"/site"_s).status, 404);
        QCOMPARE(m_admin.reset().json()[u"site"].toObject(), kDemoSite); // a reset restores the seed's site
    }

    void theCppAccessorsChangeSiteAndOrg()
    {
        QString error;
        QVERIFY(!m_emulator->changeSite({{u"recaptchaRequired"_s, u"on"_s}}, &error));
        QCOMPARE(error, u"site.recaptchaRequired: expected true or false, got \"on\""_s);
        QVERIFY(m_emulator->changeSite({{u"recaptchaRequired"_s, true}}, &error));
        QCOMPARE(m_emulator->state()[u"site"][u"recaptchaRequired"].toBool(), true);
        QVERIFY(!m_emulator->changeOrg({{u"allowCodeCredentialsFlows"_s, u"no"_s}}, &error));
        QCOMPARE(error, u"org.allowCodeCredentialsFlows: expected true or false, got \"no\""_s);
        QVERIFY(m_emulator->changeOrg({{u"allowCodeCredentialsFlows"_s, false}}, &error));
        EXPECT_HEADLESS_ERROR(m_steps->namedUser(), 400, "invalid_request", "code credentials flow is not enabled");
    }

    void theSeedExportReadsBackTheSame()
    {
        QCOMPARE(m_admin.changeSite({{u"guestAccess"_s, true}}).status, 200);
        const QJsonObject seed = m_admin.get(u"/seed"_s).json();
        QCOMPARE(seed[u"site"][u"guestAccess"].toBool(), true);
        QCOMPARE(seed[u"org"][u"allowCodeCredentialsFlows"].toBool(), true);
        QVERIFY(seed[u"apps"][0][u"callbackUrl"].toString().endsWith(u"\n{site}/services/oauth2/echo"_s));
        const QJsonObject before = m_emulator->state();
        QCOMPARE(m_admin.call("POST", u"/seed"_s, seed).status, 200);
        const QJsonObject after = m_emulator->state();
        QCOMPARE(after[u"site"], before[u"site"]);
        QCOMPARE(after[u"org"], before[u"org"]);
        QCOMPARE(after[u"apps"], before[u"apps"]);
    }

    void placeholdersAreComparedExpanded()
    {
        QCOMPARE(m_admin
                     .changeApp(m_steps->clientId,
                                {{u"callbackUrl"_s, QJsonArray{u"{myDomain}/callback"_s, u"{login}/cb?x=1"_s,
                                                               u"{site}/services/oauth2/echo"_s}}})
                     .status,
                 200);
        for (const QString &redirect : {m_emulator->myDomainUrl().toString() + u"/callback"_s,
                                        m_emulator->loginUrl().toString() + u"/cb?x=1"_s, m_steps->echoUrl()}) {
            const Answer a = m_steps->authorize("Named-User", basicStandard(kAda, kAdaPassword), {},
                                                {{u"redirect_uri"_s, redirect}});
            QCOMPARE(a.status, 302);
            QVERIFY(a.header("Location").startsWith(redirect.toUtf8()));
        }
        // The placeholder itself is no URL a client may send.
        EXPECT_HEADLESS_ERROR(m_steps->authorize("Named-User", basicStandard(kAda, kAdaPassword), {},
                                                 {{u"redirect_uri"_s, u"{site}/services/oauth2/echo"_s}}),
                              400, "redirect_uri_mismatch", "redirect_uri must match configuration");
        // The web server flow's GET /authorize compares the same way (§3.1): the login page, not an error page.
        Browser browser;
        QUrl url = join(m_emulator->myDomainUrl(), u"/services/oauth2/authorize"_s);
        url.setQuery(QString::fromLatin1(
            Http::encode({{u"response_type"_s, u"code"_s},
                          {u"client_id"_s, m_steps->clientId},
                          {u"redirect_uri"_s, m_emulator->myDomainUrl().toString() + u"/callback"_s},
                          {u"code_challenge"_s, s256Challenge(kVerifier)}})));
        const Answer page = browser.get(url);
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains("id=\"username\""));
        QCOMPARE(m_admin.get(u"/apps/"_s + m_steps->clientId).json()[u"callbackUrl"].toString(),
                 u"{myDomain}/callback\n{login}/cb?x=1\n{site}/services/oauth2/echo"_s);
    }

private:
    std::optional<Emulator> m_emulator;
    std::optional<HeadlessSteps> m_steps;
    EmulatorAdmin m_admin;
};

QTEST_GUILESS_MAIN(TestEmulatorHeadlessSite)
#include "tst_emulator_headless_site.moc"
