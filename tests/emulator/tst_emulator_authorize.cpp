// The authorize endpoint of the web server flow over real HTTP (§3.1–3.2, §3.4–3.5, §12.4): the
// login and consent pages of the HTML contract, the sid session, remembered approval, prompt,
// login_hint, immediate, and every error — on an error page or on the redirect, as Salesforce does.
#include "WebLogin.h"

#include "Emulator.h"

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr char16_t kCallback[] = u"http://localhost:1717/OauthRedirect";
constexpr char16_t kUser[] = u"ada@ecalab.example";
constexpr char16_t kPassword[] = u"Demo-Pass-1234";
const QString kVerifier = u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s; // RFC 7636 appendix B
} // namespace

class TestEmulatorAuthorize : public QObject
{
    Q_OBJECT

    QUrl authorizeUrl(const QUrl &base, const QList<QPair<QString, QString>> &overrides = {},
                      const QStringList &drop = {}) const
    {
        QList<QPair<QString, QString>> params{{u"response_type"_s, u"code"_s},
                                              {u"client_id"_s, m_clientId},
                                              {u"redirect_uri"_s, QString::fromUtf16(kCallback)},
                                              {u"state"_s, u"st-1/2 3"_s},
                                              {u"scope"_s, u"api refresh_token openid"_s},
                                              {u"code_challenge"_s, s256Challenge(kVerifier)}};
        for (const auto &[name, value] : overrides) {
            params.removeIf([&name](const auto &p) { return p.first == name; });
            params.append({name, value});
        }
        params.removeIf([&drop](const auto &p) { return drop.contains(p.first); });
        QUrl url = join(base, u"/services/oauth2/authorize"_s);
        url.setQuery(QString::fromLatin1(Http::encode(params)));
        return url;
    }
    static void expectRedirectError(const Answer &a, const QString &error, const QString &description)
    {
        QCOMPARE(a.status, 302);
        QVERIFY(a.header("Location").startsWith("http://localhost:1717/OauthRedirect?"));
        const QUrlQuery q = callbackQuery(a);
        QCOMPARE(q.queryItemValue(u"error"_s, QUrl::FullyDecoded), error);
        QCOMPARE(q.queryItemValue(u"error_description"_s, QUrl::FullyDecoded), description);
        QCOMPARE(q.queryItemValue(u"state"_s, QUrl::FullyDecoded), u"st-1/2 3"_s);
        QVERIFY(!q.hasQueryItem(u"code"_s));
    }
    static void expectErrorPage(const Answer &a, const QByteArray &error, const QByteArray &description)
    {
        QCOMPARE(a.status, 200);
        QVERIFY(a.header("Location").isEmpty()); // never a redirect to an untrusted place
        QVERIFY(a.header("Content-Type").startsWith("text/html"));
        QVERIFY2(a.body.contains("<code id=\"error\">" + error + "</code>"), a.body.constData());
        QVERIFY(a.body.contains("<code id=\"error_description\">" + description + "</code>"));
    }

private Q_SLOTS:
    void init()
    {
        m_emulator = std::make_unique<Emulator>();
        QVERIFY(startWithAdmin(*m_emulator, m_admin));
        m_clientId = m_emulator->demoProfile()[u"clientId"].toString();
        QVERIFY(!m_clientId.isEmpty());
    }
    void cleanup() { m_emulator.reset(); }

    void loginConsentAndCode_data()
    {
        QTest::addColumn<int>("host"); // 0 login, 1 My Domain, 2 site
        QTest::newRow("login host") << 0;
        QTest::newRow("My Domain") << 1;
        QTest::newRow("site") << 2;
    }
    void loginConsentAndCode()
    {
        QFETCH(int, host);
        const QUrl base = host == 0   ? m_emulator->loginUrl()
                          : host == 1 ? m_emulator->myDomainUrl()
                                      : m_emulator->siteUrl();
        Browser browser;
        const QUrl start = authorizeUrl(base);
        const Answer login = browser.get(start);
        QCOMPARE(login.status, 200);
        QVERIFY(login.header("Content-Type").startsWith("text/html"));
        for (const QByteArray id : {"id=\"username\"", "id=\"password\"", "id=\"Login\"", "name=\"username\""})
            QVERIFY2(login.body.contains(id), id.constData());
        QVERIFY(!login.body.contains("<script"));
        const PageForm form = formOf(login.body);
        QCOMPARE(form.action, start.path());
        QVERIFY(form.hidden.contains(qMakePair(u"state"_s, u"st-1/2 3"_s)));

        const Answer consent =
            browser.login(start, login.body, QString::fromUtf16(kUser), QString::fromUtf16(kPassword));
        QCOMPARE(consent.status, 200);
        QVERIFY(consent.header("Set-Cookie").startsWith("sid="));
        QVERIFY(consent.header("Set-Cookie").contains("HttpOnly"));
        QVERIFY(consent.body.contains("id=\"oaapprove\"") && consent.body.contains("id=\"oadeny\""));
        QVERIFY(consent.body.contains("ECA Lab Demo"));
        QVERIFY(!consent.body.contains(QByteArrayView(u"Demo-Pass-1234"_s.toUtf8()))); // the password is not echoed

        const Answer callback = browser.consent(start, consent.body, true);
        QCOMPARE(callback.status, 302);
        const QByteArray location = callback.header("Location");
        QVERIFY(location.startsWith("http://localhost:1717/OauthRedirect?code="));
        // §3.2: codes end in "==", sent percent-encoded; they also hold '+' or '/'.
        QVERIFY2(location.contains("%3D%3D"), location.constData());
        QVERIFY(location.contains("%2B") || location.contains("%2F"));
        QVERIFY(!location.contains("=="));
        const QUrlQuery q = callbackQuery(callback);
        const QString code = q.queryItemValue(u"code"_s, QUrl::FullyDecoded);
        QVERIFY(code.startsWith(u"aPrx"));
        QVERIFY(code.endsWith(u"=="));
        QCOMPARE(q.queryItemValue(u"state"_s, QUrl::FullyDecoded), u"st-1/2 3"_s);
        QCOMPARE(q.hasQueryItem(u"sfdc_community_url"_s), host == 2);
        if (host == 2)
            QCOMPARE(q.queryItemValue(u"sfdc_community_url"_s, QUrl::FullyDecoded), m_emulator->siteUrl().toString());

        const QJsonArray codes = m_admin.get(u"/codes"_s).jsonArray();
        QCOMPARE(codes.size(), 1);
        QCOMPARE(codes.at(0)[u"code"].toString(), code);
        QCOMPARE(codes.at(0)[u"username"].toString(), QString::fromUtf16(kUser));
        QCOMPARE(codes.at(0)[u"scope"].toString(), u"api refresh_token openid"_s);
        QCOMPARE(codes.at(0)[u"codeChallengeMethod"].toString(), u"S256"_s);
        QCOMPARE(m_admin.get(u"/logins"_s).jsonArray().size(), 1);
    }

    void rememberedApprovalAndPrompts()
    {
        Browser browser;
        const QUrl base = m_emulator->myDomainUrl();
        const Answer login = browser.get(authorizeUrl(base));
        const Answer consent =
            browser.login(authorizeUrl(base), login.body, QString::fromUtf16(kUser), QString::fromUtf16(kPassword));
        QCOMPARE(browser.consent(authorizeUrl(base), consent.body, true).status, 302);
        const QJsonArray approvals = m_admin.get(u"/approvals"_s).jsonArray();
        QCOMPARE(approvals.size(), 1);
        QCOMPARE(approvals.at(0)[u"username"].toString(), QString::fromUtf16(kUser));

        // Same session, same scopes: straight back with a code.
        const Answer again = browser.get(authorizeUrl(base, {{u"state"_s, u"second"_s}}));
        QCOMPARE(again.status, 302);
        QVERIFY(callbackQuery(again).hasQueryItem(u"code"_s));
        QCOMPARE(callbackQuery(again).queryItemValue(u"state"_s), u"second"_s);
        // A scope not yet approved asks again.
        const Answer wider = browser.get(authorizeUrl(base, {{u"scope"_s, u"api refresh_token openid web"_s}}));
        QCOMPARE(wider.status, 200);
        QVERIFY(wider.body.contains("id=\"oaapprove\""));
        // prompt=consent asks again; prompt=login shows the login page despite the session.
        const Answer consentAgain = browser.get(authorizeUrl(base, {{u"prompt"_s, u"consent"_s}}));
        QCOMPARE(consentAgain.status, 200);
        QVERIFY(consentAgain.body.contains("id=\"oaapprove\""));
        const Answer both = browser.get(authorizeUrl(base, {{u"prompt"_s, u"login consent"_s}}));
        QVERIFY(both.body.contains("id=\"Login\""));
        const Answer afterLogin =
            browser.login(authorizeUrl(base), both.body, QString::fromUtf16(kUser), QString::fromUtf16(kPassword));
        QVERIFY(afterLogin.body.contains("id=\"oaapprove\"")); // consent, as prompt=consent asked
        const Answer loginOnly = browser.get(authorizeUrl(base, {{u"prompt"_s, u"login"_s}}));
        QVERIFY(loginOnly.body.contains("id=\"Login\""));
        const Answer relogged =
            browser.login(authorizeUrl(base), loginOnly.body, QString::fromUtf16(kUser), QString::fromUtf16(kPassword));
        QCOMPARE(relogged.status, 302); // approval remembered: no consent page

        // Forgetting approvals brings the consent page back.
        QCOMPARE(m_admin.call("DELETE", u"/approvals?username=ada@ecalab.example"_s).json()[u"forgotten"].toInt(), 1);
        QCOMPARE(m_admin.get(u"/approvals"_s).jsonArray().size(), 0);
        QVERIFY(browser.get(authorizeUrl(base)).body.contains("id=\"oaapprove\""));
        // Logging everyone out brings the login page back.
        QVERIFY(m_admin.call("DELETE", u"/logins"_s).json()[u"forgotten"].toInt() >= 1);
        QVERIFY(browser.get(authorizeUrl(base)).body.contains("id=\"Login\""));
    }

    void denyRedirectsAccessDenied()
    {
        Browser browser;
        const QUrl start = authorizeUrl(m_emulator->loginUrl());
        const Answer consent =
            browser.login(start, browser.get(start).body, QString::fromUtf16(kUser), QString::fromUtf16(kPassword));
        const Answer denied = browser.consent(start, consent.body, false);
        expectRedirectError(denied, u"access_denied"_s, u"end-user denied authorization"_s);
        QCOMPARE(m_admin.get(u"/approvals"_s).jsonArray().size(), 0);
        QCOMPARE(m_admin.get(u"/codes"_s).jsonArray().size(), 0);
    }

    void wrongPasswordAndInactiveUser()
    {
        Browser browser;
        const QUrl start = authorizeUrl(m_emulator->loginUrl());
        const Answer login = browser.get(start);
        const Answer wrong = browser.login(start, login.body, QString::fromUtf16(kUser), u"not-it"_s);
        QCOMPARE(wrong.status, 200);
        QVERIFY(wrong.header("Set-Cookie").isEmpty());
        QVERIFY(wrong.body.contains("Please check your username and password."));
        QVERIFY(wrong.body.contains("id=\"Login\""));
        QVERIFY(wrong.body.contains("value=\"ada@ecalab.example\"")); // the username is kept
        QVERIFY(!wrong.body.contains("not-it"));
        const Answer unknown = browser.login(start, login.body, u"nobody@ecalab.example"_s, u"x"_s);
        QVERIFY(unknown.body.contains("Please check your username and password."));
        // The form still works after a failure.
        QVERIFY(formOf(wrong.body).hidden.contains(qMakePair(u"client_id"_s, m_clientId)));

        QVERIFY(m_emulator->changeUser(QString::fromUtf16(kUser), {{u"active"_s, false}}));
        const Answer inactive =
            browser.login(start, login.body, QString::fromUtf16(kUser), QString::fromUtf16(kPassword));
        QCOMPARE(inactive.status, 200);
        QVERIFY(inactive.header("Set-Cookie").isEmpty());
        QVERIFY(inactive.body.contains("Your account is inactive or frozen."));
    }

    void loginHintPrefillsAndDisplayIsAccepted()
    {
        Browser browser;
        const Answer page = browser.get(authorizeUrl(
            m_emulator->loginUrl(), {{u"login_hint"_s, u"grace@ecalab.example"_s}, {u"display"_s, u"popup"_s}}));
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains(
            "id=\"username\" name=\"username\" autocomplete=\"username\" value=\"grace@ecalab.example\""));
        const Answer hostile =
            browser.get(authorizeUrl(m_emulator->loginUrl(), {{u"login_hint"_s, u"\"><script>x</script>"_s}}));
        QVERIFY(!hostile.body.contains("<script>"));
        QVERIFY(hostile.body.contains("&quot;&gt;&lt;script&gt;"));
    }

    void errorPagesWithoutRedirect_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value"); // "<drop>" removes the parameter
        QTest::addColumn<QByteArray>("error");
        QTest::addColumn<QByteArray>("description");
        QTest::newRow("unknown client") << u"client_id"_s << u"3MVG9nope"_s << QByteArray("invalid_client_id")
                                        << QByteArray("client identifier invalid");
        QTest::newRow("no client") << u"client_id"_s << u"<drop>"_s << QByteArray("invalid_client_id")
                                   << QByteArray("client identifier invalid");
        QTest::newRow("no redirect") << u"redirect_uri"_s << u"<drop>"_s << QByteArray("redirect_uri_missing")
                                     << QByteArray("redirect_uri not provided");
        for (const QString &wrong :
             {u"http://localhost:1717/OauthRedirect/"_s, u"http://localhost:1718/OauthRedirect"_s,
              u"http://127.0.0.1:1717/OauthRedirect"_s, u"https://localhost:1717/OauthRedirect"_s,
              u"http://localhost:1717/oauthredirect"_s, u"http://evil.example/OauthRedirect"_s})
            QTest::newRow(qPrintable(wrong)) << u"redirect_uri"_s << wrong << QByteArray("redirect_uri_mismatch")
                                             << QByteArray("redirect_uri must match configuration");
    }
    void errorPagesWithoutRedirect()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QByteArray, error);
        QFETCH(QByteArray, description);
        Browser browser;
        const bool drop = value == u"<drop>";
        const QUrl url = drop ? authorizeUrl(m_emulator->loginUrl(), {}, {name})
                              : authorizeUrl(m_emulator->loginUrl(), {{name, value}});
        expectErrorPage(browser.get(url), error, description);
    }

    void appNotInstalledIsAnErrorPage()
    {
        QVERIFY(m_emulator->changeApp(m_clientId, {{u"isInstalled"_s, false}}));
        Browser browser;
        expectErrorPage(browser.get(authorizeUrl(m_emulator->loginUrl())), "invalid_client",
                        "app must be installed into org");
    }

    void errorsOnTheRedirect_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        QTest::newRow("response_type=token")
            << u"response_type"_s << u"token"_s << u"unsupported_response_type"_s << u"response type not supported"_s;
        QTest::newRow("scope the app lacks") << u"scope"_s << u"api pardot_api"_s << u"invalid_scope"_s
                                             << u"requested scope is invalid, unknown, or malformed"_s;
        QTest::newRow("PKCE required, no challenge")
            << u"code_challenge"_s << u"<drop>"_s << u"invalid_request"_s << u"missing required code challenge"_s;
        QTest::newRow("plain method") << u"code_challenge_method"_s << u"plain"_s << u"invalid_request"_s
                                      << u"unsupported code challenge method"_s;
        QTest::newRow("malformed challenge")
            << u"code_challenge"_s << u"too-short"_s << u"invalid_request"_s << u"invalid code challenge"_s;
        QTest::newRow("immediate, no session")
            << u"immediate"_s << u"true"_s << u"immediate_unsuccessful"_s << u"immediate unsuccessful"_s;
    }
    void errorsOnTheRedirect()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, error);
        QFETCH(QString, description);
        Browser browser;
        const QUrl url = value == u"<drop>" ? authorizeUrl(m_emulator->loginUrl(), {}, {name})
                                            : authorizeUrl(m_emulator->loginUrl(), {{name, value}});
        expectRedirectError(browser.get(url), error, description);
    }

    // What ECA Lab's authorize probe relies on: a GET without cookies shows what the browser will
    // see (the login page, the error page, the error on the redirect) and leaves nothing behind.
    void aCookielessGetLeavesNoSessionOrCode_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("status");
        QTest::newRow("valid: the login page") << QString() << QString() << 200;
        QTest::newRow("unregistered callback: the error page")
            << u"redirect_uri"_s << u"http://localhost:1718/OauthRedirect"_s << 200;
        QTest::newRow("scope the app lacks: the redirect") << u"scope"_s << u"api pardot_api"_s << 302;
    }
    void aCookielessGetLeavesNoSessionOrCode()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(int, status);
        Browser browser;
        const Answer a = browser.get(name.isEmpty() ? authorizeUrl(m_emulator->myDomainUrl())
                                                    : authorizeUrl(m_emulator->myDomainUrl(), {{name, value}}));
        QCOMPARE(a.status, status);
        QVERIFY(a.header("Set-Cookie").isEmpty());
        QCOMPARE(a.body.contains("type=\"password\""), name.isEmpty());
        QCOMPARE(m_admin.get(u"/logins"_s).jsonArray().size(), 0);
        QCOMPARE(m_admin.get(u"/codes"_s).jsonArray().size(), 0);
    }

    void immediateWithSession()
    {
        Browser browser;
        const QUrl base = m_emulator->loginUrl();
        const Answer consent = browser.login(authorizeUrl(base), browser.get(authorizeUrl(base)).body,
                                             QString::fromUtf16(kUser), QString::fromUtf16(kPassword));
        QVERIFY(consent.body.contains("id=\"oaapprove\""));
        // Logged in but not approved yet: consent would be needed.
        expectRedirectError(browser.get(authorizeUrl(base, {{u"immediate"_s, u"true"_s}})), u"immediate_unsuccessful"_s,
                            u"immediate unsuccessful"_s);
        QCOMPARE(browser.consent(authorizeUrl(base), consent.body, true).status, 302);
        const Answer quiet = browser.get(authorizeUrl(base, {{u"immediate"_s, u"true"_s}}));
        QCOMPARE(quiet.status, 302);
        QVERIFY(callbackQuery(quiet).hasQueryItem(u"code"_s));
    }

    void withoutPkceWhenNotRequired()
    {
        QVERIFY(m_emulator->changeApp(m_clientId, {{u"isPkceRequired"_s, false}}));
        Browser browser;
        const QUrl start = authorizeUrl(m_emulator->loginUrl(), {}, {u"code_challenge"_s});
        const Answer consent =
            browser.login(start, browser.get(start).body, QString::fromUtf16(kUser), QString::fromUtf16(kPassword));
        const Answer callback = browser.consent(start, consent.body, true);
        QCOMPARE(callback.status, 302);
        QVERIFY(callbackQuery(callback).hasQueryItem(u"code"_s));
        QCOMPARE(m_admin.get(u"/codes"_s).jsonArray().at(0)[u"codeChallenge"].toString(), QString());
    }

    void adminApprovedApp()
    {
        QVERIFY(m_emulator->changeApp(m_clientId, {{u"permittedUsersPolicyType"_s, u"AdminApprovedPreAuthorized"_s}}));
        QVERIFY(m_emulator->changeUser(u"grace@ecalab.example"_s, {{u"permittedApps"_s, QJsonArray()}}));
        const QUrl start = authorizeUrl(m_emulator->loginUrl());
        Browser grace;
        const Answer refused =
            grace.login(start, grace.get(start).body, u"grace@ecalab.example"_s, u"Grace-Pass-1234"_s);
        expectRedirectError(refused, u"invalid_app_access"_s, u"user is not admin approved to access this app"_s);
        // A pre-authorized user is not asked for consent.
        Browser ada;
        const Answer direct =
            ada.login(start, ada.get(start).body, QString::fromUtf16(kUser), QString::fromUtf16(kPassword));
        QCOMPARE(direct.status, 302);
        QVERIFY(callbackQuery(direct).hasQueryItem(u"code"_s));
    }

    void loopbackIpCallbackViaAdminApi()
    {
        const QString ip = u"http://127.0.0.1:1717/OauthRedirect"_s;
        const Answer patched = m_admin.changeApp(m_clientId,
                                     {{u"callbackUrl"_s, QJsonArray{QString::fromUtf16(kCallback), ip}}});
        QCOMPARE(patched.status, 200);
        Browser browser;
        const QUrl start = authorizeUrl(m_emulator->loginUrl(), {{u"redirect_uri"_s, ip}});
        const Answer consent =
            browser.login(start, browser.get(start).body, QString::fromUtf16(kUser), QString::fromUtf16(kPassword));
        const Answer callback = browser.consent(start, consent.body, true);
        QCOMPARE(callback.status, 302);
        QVERIFY(callback.header("Location").startsWith("http://127.0.0.1:1717/OauthRedirect?code="));
    }

    void otherMethodsAreRefused()
    {
        Browser browser;
        expectErrorPage(browser.send("DELETE", authorizeUrl(m_emulator->loginUrl())), "invalid_request",
                        "must use HTTP GET");
    }

private:
    std::unique_ptr<Emulator> m_emulator;
    QString m_clientId;
    Http m_http;
    EmulatorAdmin m_admin;
};

QTEST_GUILESS_MAIN(TestEmulatorAuthorize)
#include "tst_emulator_authorize.moc"
