// The headless authorize (§6.2, §6.6, §12.13) over real HTTP: a named user's username and password
// in Basic (standard and URL-safe unpadded base64) → a 302 with a code the site's token endpoint
// trades with PKCE (+ the site fields); the echo endpoint (§6.8); every refusal of the contract in
// its order; the flow refused on the login host and My Domain; guest codes behind their switches.
#include "HeadlessSteps.h"

#include "Emulator.h"

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kBob = u"bob@ecalab.example"_s;
const QString kBobPassword = u"Bob-Pass-1234?>"_s; // base64 of bob's credentials holds '/' and "=="
const QString kSiteNetworkId18 = u"0DB5g00000EcaLbGAJ"_s;
} // namespace

class TestEmulatorHeadlessLogin : public QObject
{
    Q_OBJECT

    QUrlQuery locationQuery(const Answer &a) const { return callbackQuery(a); }
    void createBob(const QJsonObject &more = {})
    {
        QJsonObject bob{{u"username"_s, kBob}, {u"password"_s, kBobPassword}};
        for (auto it = more.begin(); it != more.end(); ++it)
            bob.insert(it.key(), it.value());
        QCOMPARE(m_admin.call("POST", u"/users"_s, bob).status, 200);
    }
    void expectCode(const Answer &a)
    {
        QCOMPARE(a.status, 302);
        QCOMPARE(a.header("Cache-Control"), QByteArray("no-store"));
        QVERIFY2(a.header("Location").startsWith(m_steps->echoUrl().toUtf8() + "?code="), a.header("Location"));
        QVERIFY(!locationQuery(a).queryItemValue(u"code"_s).isEmpty());
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

    void namedUserCodeTradesOnTheSiteWithPkce()
    {
        const Answer a = m_steps->namedUser();
        expectCode(a);
        const QUrlQuery query = locationQuery(a);
        QCOMPARE(query.queryItemValue(u"state"_s), u"xyz"_s);
        QCOMPARE(query.queryItemValue(u"sfdc_community_url"_s, QUrl::FullyDecoded), m_emulator->siteUrl().toString());
        QCOMPARE(query.queryItemValue(u"sfdc_community_id"_s), kSiteNetworkId18);
        // The code goes out percent-encoded (it holds '+', '/' and "=="), like the web server flow's.
        QVERIFY(a.header("Location").contains("%3D%3D"));
        const QString code = query.queryItemValue(u"code"_s, QUrl::FullyDecoded);

        const Answer token = m_steps->exchange(code);
        QCOMPARE(token.status, 200);
        const QJsonObject fields = token.json();
        QVERIFY(fields[u"access_token"].toString().startsWith(u"00D5g00000EcaLb!"_s));
        QVERIFY(fields.contains(u"refresh_token"_s));
        QVERIFY(fields.contains(u"id_token"_s));
        QCOMPARE(fields[u"scope"].toString(), u"openid api refresh_token"_s);
        QCOMPARE(fields[u"sfdc_community_url"].toString(), m_emulator->siteUrl().toString());
        QCOMPARE(fields[u"sfdc_community_id"].toString(), kSiteNetworkId18);
        QCOMPARE(fields[u"instance_url"].toString(), m_emulator->myDomainUrl().toString());

        // §6.2: then UserInfo on the site with the Bearer token.
        const Answer info = m_http.get(m_steps->site(u"/services/oauth2/userinfo"_s),
                                       {{"Authorization", Http::bearer(fields[u"access_token"].toString())}});
        QCOMPARE(info.status, 200);
        QCOMPARE(info.json()[u"user_id"].toString(), m_admin.get(u"/users/"_s + kAda).json()[u"id18"].toString());
        // The code is single use, as every authorization code (§3.2).
        QCOMPARE(m_steps->exchange(code).json()[u"error"].toString(), u"invalid_grant"_s);
    }

    void theCodeChecksVerifierAndRedirectLikeTheWebServerFlow()
    {
        const QString first = locationQuery(m_steps->namedUser()).queryItemValue(u"code"_s, QUrl::FullyDecoded);
        const Answer wrongVerifier = m_steps->exchange(first, u"not-the-verifier-but-long-enough-to-be-one-0123"_s);
        QCOMPARE(wrongVerifier.status, 400);
        QCOMPARE(wrongVerifier.json()[u"error_description"].toString(), u"invalid code verifier"_s);
        const QString second = locationQuery(m_steps->namedUser()).queryItemValue(u"code"_s, QUrl::FullyDecoded);
        const Answer wrongRedirect = m_steps->exchange(second, kVerifier, u"http://localhost:1717/OauthRedirect"_s);
        QCOMPARE(wrongRedirect.status, 400);
        QCOMPARE(wrongRedirect.json()[u"error"].toString(), u"redirect_uri_mismatch"_s);
    }

    void standardBase64BasicLogsIn()
    {
        createBob();
        const QByteArray basic = basicStandard(kBob, kBobPassword);
        QVERIFY(basic.contains('/') && basic.endsWith("=="));
        expectCode(m_steps->authorize("Named-User", basic));
    }

    void urlSafeUnpaddedBasicLogsIn()
    {
        // §6.2: the Mobile SDK's URL_SAFE | NO_PADDING encoding, which Salesforce accepts.
        createBob();
        const QByteArray basic = basicUrlSafe(kBob, kBobPassword);
        QVERIFY(basic.contains('_') && !basic.contains('='));
        expectCode(m_steps->authorize("Named-User", basic));
    }

    void requestTypeIsCaseInsensitive()
    {
        expectCode(m_steps->authorize("named-user", basicStandard(kAda, kAdaPassword)));
    }

    void wrongCredentialsAndInactiveUsers()
    {
        EXPECT_HEADLESS_ERROR(m_steps->namedUser(kAda, u"wrong"_s), 401, "invalid_grant", "authentication failure");
        EXPECT_HEADLESS_ERROR(m_steps->namedUser(u"nobody@ecalab.example"_s), 401, "invalid_grant",
                              "authentication failure");
        QCOMPARE(m_admin.changeUser(kAda, {{u"active"_s, false}}).status, 200);
        EXPECT_HEADLESS_ERROR(m_steps->namedUser(), 400, "inactive_user", "user is inactive");
    }

    void refusalsInTheContractsOrder_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value"); // a null string removes the parameter
        QTest::addColumn<QByteArray>("error");
        QTest::addColumn<QByteArray>("description");
        QTest::newRow("unknown client") << u"client_id"_s << u"3MVG9nope"_s << QByteArray("invalid_client_id")
                                        << QByteArray("client identifier invalid");
        QTest::newRow("no redirect_uri") << u"redirect_uri"_s << QString() << QByteArray("redirect_uri_missing")
                                         << QByteArray("redirect_uri not provided");
        QTest::newRow("unregistered redirect_uri")
            << u"redirect_uri"_s << u"http://evil.example/echo"_s << QByteArray("redirect_uri_mismatch")
            << QByteArray("redirect_uri must match configuration");
        QTest::newRow("no code_challenge") << u"code_challenge"_s << QString() << QByteArray("invalid_request")
                                           << QByteArray("missing required code challenge");
        QTest::newRow("plain challenge method")
            << u"code_challenge_method"_s << u"plain"_s << QByteArray("invalid_request")
            << QByteArray("unsupported code challenge method");
        QTest::newRow("scope the app lacks") << u"scope"_s << u"api wave_api"_s << QByteArray("invalid_scope")
                                             << QByteArray("requested scope is invalid, unknown, or malformed");
    }
    void refusalsInTheContractsOrder()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QByteArray, error);
        QFETCH(QByteArray, description);
        const Answer a = m_steps->authorize("Named-User", basicStandard(kAda, kAdaPassword), {}, {{name, value}});
        QCOMPARE(a.status, 400);
        QCOMPARE(a.header("Content-Type"), QByteArray("application/json;charset=UTF-8"));
        QCOMPARE(a.body, errorJson(QString::fromLatin1(error), QString::fromLatin1(description)));
    }

    void theSwitchesComeBeforeTheCredentials()
    {
        QCOMPARE(m_admin.changeOrg({{u"allowCodeCredentialsFlows"_s, false}}).status, 200);
        EXPECT_HEADLESS_ERROR(m_steps->namedUser(kAda, u"wrong"_s), 400, "invalid_request",
                              "code credentials flow is not enabled");
        QCOMPARE(m_admin.changeOrg({{u"allowCodeCredentialsFlows"_s, true}}).status, 200);
        QCOMPARE(m_admin.changeApp(m_steps->clientId, {{u"isCodeCredFlowEnabled"_s, false}}).status, 200);
        EXPECT_HEADLESS_ERROR(m_steps->namedUser(), 400, "invalid_request", "code credentials flow is not enabled");
        QCOMPARE(m_admin.changeApp(m_steps->clientId, {{u"isCodeCredFlowEnabled"_s, true}, {u"isInstalled"_s, false}})
                     .status,
                 200);
        EXPECT_HEADLESS_ERROR(m_steps->namedUser(), 400, "invalid_request", "code credentials flow is not enabled");
        QCOMPARE(m_admin.changeApp(m_steps->clientId, {{u"isInstalled"_s, true}, {u"isEnabled"_s, false}}).status, 200);
        EXPECT_HEADLESS_ERROR(m_steps->namedUser(), 400, "invalid_client_id", "client identifier invalid");
    }

    void pkceOptionalWhenTheAppDoesNotRequireIt()
    {
        QCOMPARE(m_admin.changeApp(m_steps->clientId, {{u"isPkceRequired"_s, false}}).status, 200);
        const Answer a = m_steps->authorize("Named-User", basicStandard(kAda, kAdaPassword), {},
                                            {{u"code_challenge"_s, QString()}, {u"state"_s, QString()}});
        expectCode(a);
        QVERIFY(!locationQuery(a).hasQueryItem(u"state"_s)); // state only when sent
    }

    void requestTypeAndCredentialRefusals()
    {
        const QByteArray ada = basicStandard(kAda, kAdaPassword);
        EXPECT_HEADLESS_ERROR(m_steps->authorize({}, ada), 400, "invalid_request", "invalid auth request type");
        EXPECT_HEADLESS_ERROR(m_steps->authorize("Named-Users", ada), 400, "invalid_request",
                              "invalid auth request type");
        EXPECT_HEADLESS_ERROR(m_steps->authorize("Named-User", {}), 400, "invalid_request",
                              "missing or malformed credentials");
        EXPECT_HEADLESS_ERROR(m_steps->authorize("Named-User", "Basic %%%not-base64"), 400, "invalid_request",
                              "missing or malformed credentials");
        EXPECT_HEADLESS_ERROR(m_steps->authorize("Named-User", "Basic " + QByteArray("no colon").toBase64()), 400,
                              "invalid_request", "missing or malformed credentials");
        EXPECT_HEADLESS_ERROR(m_steps->authorize("Named-User", Http::bearer(u"00D!x"_s)), 400, "invalid_request",
                              "missing or malformed credentials");
    }

    void adminApprovedAppsNeedTheUserAssigned()
    {
        createBob();
        QCOMPARE(
            m_admin.changeApp(m_steps->clientId, {{u"permittedUsersPolicyType"_s, u"AdminApprovedPreAuthorized"_s}})
                .status,
            200);
        EXPECT_HEADLESS_ERROR(m_steps->authorize("Named-User", basicStandard(kBob, kBobPassword)), 400,
                              "invalid_app_access", "user is not admin approved to access this app");
        expectCode(m_steps->namedUser()); // ada is assigned in the demo org
    }

    void onlyTheSiteServesTheHeadlessPaths_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("login") << u"login"_s;
        QTest::newRow("My Domain") << u"myDomain"_s;
    }
    void onlyTheSiteServesTheHeadlessPaths()
    {
        QFETCH(QString, host);
        const QUrl base = host == u"login" ? m_emulator->loginUrl() : m_emulator->myDomainUrl();
        EXPECT_HEADLESS_ERROR(m_steps->authorize("Named-User", basicStandard(kAda, kAdaPassword), {}, {}, base), 400,
                              "unsupported_response_type", "response type not supported");
        for (const char *path : {kRegistrationPath, kPasswordlessPath, kForgotPasswordPath}) {
            const Answer a = m_steps->postJson(path, {{u"username"_s, kAda}}, {}, base);
            QCOMPARE(a.status, 404);
            QVERIFY(a.body.contains("URL No Longer Exists"));
        }
        QCOMPARE(m_http.get(m_steps->onHost(base, u"/services/oauth2/echo?code=x"_s)).status, 404);
        QCOMPARE(m_emulator->outbox().size(), 0);
    }

    void echoAnswersTheQueryAsJson()
    {
        const Answer empty = m_http.get(m_steps->site(u"/services/oauth2/echo"_s));
        QCOMPARE(empty.status, 200);
        QCOMPARE(empty.header("Content-Type"), QByteArray("application/json;charset=UTF-8"));
        QCOMPARE(empty.body, QByteArray("{}"));
        const Answer some = m_http.get(m_steps->site(u"/services/oauth2/echo?error=access_denied&error_description="
                                                     u"end-user%20denied%20authorization&state=s%2B1"_s));
        QCOMPARE(some.json(), (QJsonObject{{u"error"_s, u"access_denied"_s},
                                           {u"error_description"_s, u"end-user denied authorization"_s},
                                           {u"state"_s, u"s+1"_s}}));
        // Following a headless 302 to the echo endpoint reads the code as JSON (§6.2, §6.8).
        const Answer redirect = m_steps->namedUser();
        const Answer echoed = m_http.get(QUrl(QString::fromUtf8(redirect.header("Location"))));
        QCOMPARE(echoed.status, 200);
        const QJsonObject json = echoed.json();
        QCOMPARE(json.keys(), (QStringList{u"code"_s, u"sfdc_community_id"_s, u"sfdc_community_url"_s, u"state"_s}));
        QCOMPARE(json[u"code"].toString(), locationQuery(redirect).queryItemValue(u"code"_s, QUrl::FullyDecoded));
        QCOMPARE(m_steps->exchange(json[u"code"].toString()).status, 200);
    }

    void guestCodesNeedGuestAccessAndJwtTokens()
    {
        const QByteArray uvid = "UVID 3f2504e0-4f89-41d3-9a0c-0305e82c3301";
        auto guest = [&](const Headers &headers, const Pairs &changes = {}) {
            return m_steps->authorize("guest", {}, headers, changes);
        };
        EXPECT_HEADLESS_ERROR(guest({{"Uvid-Hint", uvid}}), 400, "invalid_request", "guest access is not enabled");
        QCOMPARE(m_admin.changeSite({{u"guestAccess"_s, true}}).status, 200);
        EXPECT_HEADLESS_ERROR(guest({{"Uvid-Hint", uvid}}), 400, "invalid_request", "guest access is not enabled");
        QCOMPARE(m_admin.changeApp(m_steps->clientId, {{u"isNamedUserJwtEnabled"_s, true}}).status, 200);
        EXPECT_HEADLESS_ERROR(guest({}), 400, "invalid_request", "missing or malformed credentials");
        EXPECT_HEADLESS_ERROR(guest({{"Uvid-Hint", "UVID not-a-uuid"}}), 400, "invalid_request",
                              "missing or malformed credentials");
        const Answer byHeader = guest({{"Uvid-Hint", uvid}});
        expectCode(byHeader);
        expectCode(guest({}, {{u"uvid_hint"_s, u"3f2504e0-4f89-41d3-9a0c-0305e82c3301"_s}}));
        const Answer token = m_steps->exchange(locationQuery(byHeader).queryItemValue(u"code"_s, QUrl::FullyDecoded));
        QCOMPARE(token.status, 200);
        QCOMPARE(token.json()[u"access_token"].toString().count(u'.'), 2); // a JWT access token
        // For the site's guest user, which the emulator added as the demo seed has none.
        const QString guestUser = u"guest@demo.ecalab-demo.site.example"_s;
        const QJsonObject user = m_admin.get(u"/users/"_s + guestUser).json();
        QCOMPARE(user[u"userType"].toString(), u"GUEST"_s);
        QCOMPARE(user[u"lastName"].toString(), u"Site Guest User"_s);
        QCOMPARE(token.json()[u"id"].toString().section(u'/', -1), user[u"id18"].toString());
        QCOMPARE(m_admin.changeUser(guestUser, {{u"active"_s, false}}).status, 200);
        EXPECT_HEADLESS_ERROR(guest({{"Uvid-Hint", uvid}}), 400, "invalid_request", "guest access is not enabled");
    }

private:
    std::optional<Emulator> m_emulator;
    std::optional<HeadlessSteps> m_steps;
    EmulatorAdmin m_admin;
    Http m_http;
};

QTEST_GUILESS_MAIN(TestEmulatorHeadlessLogin)
#include "tst_emulator_headless_login.moc"
