// The authorization_code grant over real HTTP (§3.3–3.5, §1.4–1.6, §7.7–7.8, §10.2): codes from
// the authorize pages exchanged at the token endpoint; PKCE, secrets, redirect binding, single
// use and expiry; refresh and ID tokens, the ID token verified with OpenSSL against /id/keys.
#include "WebLogin.h"

#include "Emulator.h"

#include <QDateTime>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr char16_t kCallback[] = u"http://localhost:1717/OauthRedirect";
// 171 characters: base64url of 128 bytes, as the Mobile SDK and jsforce send (§3.3).
const QString kLongVerifier = QString::fromLatin1(
    QByteArray(128, '\x5a').toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
} // namespace

class TestEmulatorAuthCode : public QObject
{
    Q_OBJECT

    // Logs in (once per browser) and approves; returns the decoded code.
    QString obtainCode(Browser &browser, const QUrl &base, const QString &scope, const QString &verifier,
                       const QString &nonce = {})
    {
        QList<QPair<QString, QString>> params{{u"response_type"_s, u"code"_s},
                                              {u"client_id"_s, m_clientId},
                                              {u"redirect_uri"_s, QString::fromUtf16(kCallback)},
                                              {u"state"_s, u"s"_s},
                                              {u"scope"_s, scope}};
        if (!verifier.isEmpty())
            params.append({u"code_challenge"_s, s256Challenge(verifier)});
        if (!nonce.isEmpty())
            params.append({u"nonce"_s, nonce});
        QUrl url = join(base, u"/services/oauth2/authorize"_s);
        url.setQuery(QString::fromLatin1(Http::encode(params)));
        Answer a = browser.get(url);
        if (a.body.contains("id=\"Login\""))
            a = browser.login(url, a.body, u"ada@ecalab.example"_s, u"Demo-Pass-1234"_s);
        if (a.body.contains("id=\"oaapprove\""))
            a = browser.consent(url, a.body, true);
        return callbackQuery(a).queryItemValue(u"code"_s, QUrl::FullyDecoded);
    }
    Answer redeem(const QUrl &base, const QString &code, const QList<QPair<QString, QString>> &overrides = {},
                  const QStringList &drop = {})
    {
        QList<QPair<QString, QString>> params{{u"grant_type"_s, u"authorization_code"_s},
                                              {u"code"_s, code},
                                              {u"client_id"_s, m_clientId},
                                              {u"client_secret"_s, m_secret},
                                              {u"redirect_uri"_s, QString::fromUtf16(kCallback)},
                                              {u"code_verifier"_s, m_verifier}};
        for (const auto &[name, value] : overrides) {
            params.removeIf([&name](const auto &p) { return p.first == name; });
            params.append({name, value});
        }
        params.removeIf([&drop](const auto &p) { return drop.contains(p.first); });
        return m_http.postForm(join(base, u"/services/oauth2/token"_s), params);
    }
    static void expectError(const Answer &a, const QString &error, const QString &description)
    {
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json()[u"error"].toString(), error);
        QCOMPARE(a.json()[u"error_description"].toString(), description);
    }

private Q_SLOTS:
    void init()
    {
        m_emulator = std::make_unique<Emulator>();
        QVERIFY(startWithAdmin(*m_emulator, m_admin));
        const QJsonObject profile = m_emulator->demoProfile();
        m_clientId = profile[u"clientId"].toString();
        const QJsonObject app = m_emulator->state()[u"apps"].toArray().at(0).toObject();
        m_secret = app[u"consumerSecret"].toString();
        QVERIFY(!m_secret.isEmpty());
        m_verifier = u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s;
    }
    void cleanup() { m_emulator.reset(); }

    void fullResponseWithVerifiedIdToken_data()
    {
        QTest::addColumn<int>("host");
        QTest::newRow("login host") << 0;
        QTest::newRow("My Domain") << 1;
        QTest::newRow("site") << 2;
    }
    void fullResponseWithVerifiedIdToken()
    {
        QFETCH(int, host);
        const QUrl base = host == 0   ? m_emulator->loginUrl()
                          : host == 1 ? m_emulator->myDomainUrl()
                                      : m_emulator->siteUrl();
        Browser browser;
        const qint64 before = m_emulator->nowMs() / 1000;
        const QString code =
            obtainCode(browser, base, u"refresh_token openid api email profile"_s, m_verifier, u"n-0S6_WzA2Mj"_s);
        QVERIFY(code.endsWith(u"=="));
        const Answer a = redeem(base, code);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("Cache-Control"), QByteArray("no-cache,must-revalidate,max-age=0,no-store,private"));
        const QJsonObject r = a.json();
        // §1.6 order: access_token, refresh_token, signature, scope, id_token, instance_url, id, token_type, issued_at.
        const QByteArray body = a.body;
        qsizetype last = -1;
        for (const char *field : {"\"access_token\"", "\"refresh_token\"", "\"signature\"", "\"scope\"", "\"id_token\"",
                                  "\"instance_url\"", "\"id\"", "\"token_type\"", "\"issued_at\""}) {
            const qsizetype at = body.indexOf(field);
            QVERIFY2(at > last, field);
            last = at;
        }
        QVERIFY(!r.contains(u"expires_in"));
        QVERIFY(r[u"access_token"].toString().startsWith(u"00D5g00000EcaLb!"));
        QVERIFY(r[u"refresh_token"].toString().startsWith(u"5Aep861"));
        QCOMPARE(r[u"scope"].toString(), u"refresh_token openid api email profile"_s);
        QCOMPARE(r[u"instance_url"].toString(), m_emulator->myDomainUrl().toString(QUrl::StripTrailingSlash));
        const QString id = r[u"id"].toString();
        QVERIFY(id.startsWith(base.toString(QUrl::StripTrailingSlash) + u"/id/00D5g00000EcaLb"_s));
        const QString issuedAt = r[u"issued_at"].toString();
        QCOMPARE(issuedAt.size(), 13);
        QCOMPARE(r[u"signature"].toString().toLatin1(), expectedSignature(m_secret, id, issuedAt));
        QCOMPARE(r.contains(u"sfdc_community_url"), host == 2);

        // The ID token: RS256 by a key of /id/keys on the same host, claims per §7.7.
        const QString idToken = r[u"id_token"].toString();
        const QJsonArray keys = m_http.get(join(base, u"/id/keys"_s)).json()[u"keys"].toArray();
        QVERIFY(verifyJwt(idToken, keys));
        QString tampered = idToken;
        tampered[idToken.indexOf(u'.') + 5] = tampered[idToken.indexOf(u'.') + 5] == u'A' ? u'B' : u'A';
        QVERIFY(!verifyJwt(tampered, keys));
        const QJsonObject header = QJsonDocument::fromJson(fromBase64Url(idToken.section(u'.', 0, 0))).object();
        QCOMPARE(header[u"kid"].toString(), u"248"_s);
        QCOMPARE(header[u"typ"].toString(), u"JWT"_s);
        const QJsonObject claims = jwtClaims(idToken);
        const QString issuer =
            m_http.get(join(base, u"/.well-known/openid-configuration"_s)).json()[u"issuer"].toString();
        QCOMPARE(claims[u"iss"].toString(), issuer);
        QCOMPARE(claims[u"sub"].toString(), id);
        QCOMPARE(claims[u"aud"].toString(), m_clientId);
        QCOMPARE(claims[u"nonce"].toString(), u"n-0S6_WzA2Mj"_s);
        const qint64 iat = claims[u"iat"].toInteger();
        QVERIFY(iat >= before && iat <= before + 60);
        QVERIFY(claims[u"exp"].toInteger() > iat);
        QVERIFY(claims[u"auth_time"].toInteger() >= before && claims[u"auth_time"].toInteger() <= iat);
        const QByteArray digest =
            QCryptographicHash::hash(r[u"access_token"].toString().toLatin1(), QCryptographicHash::Sha256);
        QCOMPARE(claims[u"at_hash"].toString().toLatin1(),
                 digest.left(16).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        QCOMPARE(claims[u"email"].toString(), u"ada@ecalab.example"_s);
        QCOMPARE(claims[u"given_name"].toString(), u"Ada"_s);
        QCOMPARE(claims[u"preferred_username"].toString(), u"ada@ecalab.example"_s);

        // The access token is a live session.
        const Answer userInfo = m_http.get(join(base, u"/services/oauth2/userinfo"_s),
                                           {{"Authorization", Http::bearer(r[u"access_token"].toString())}});
        QCOMPARE(userInfo.status, 200);
        QCOMPARE(userInfo.json()[u"sub"].toString(), id);
    }

    void scopesDecideRefreshAndIdToken()
    {
        Browser browser;
        const QUrl base = m_emulator->myDomainUrl();
        const QJsonObject apiOnly = redeem(base, obtainCode(browser, base, u"api"_s, m_verifier)).json();
        QVERIFY(apiOnly.contains(u"access_token"));
        QVERIFY(!apiOnly.contains(u"refresh_token"));
        QVERIFY(!apiOnly.contains(u"id_token"));
        const QJsonObject offline = redeem(base, obtainCode(browser, base, u"api offline_access"_s, m_verifier)).json();
        QVERIFY(offline.contains(u"refresh_token"));
        // No nonce sent: none in the token; no profile scope: no profile claims.
        const QJsonObject openId = redeem(base, obtainCode(browser, base, u"openid"_s, m_verifier)).json();
        const QJsonObject claims = jwtClaims(openId[u"id_token"].toString());
        QVERIFY(!claims.contains(u"nonce"));
        QVERIFY(!claims.contains(u"email"));
        QVERIFY(!openId.contains(u"refresh_token"));
        // Omitted scope: the app's selected scopes (Api, RefreshToken, OpenID, Basic, Web).
        const QJsonObject all = redeem(base, obtainCode(browser, base, QString(), m_verifier)).json();
        QCOMPARE(all[u"scope"].toString(), u"api refresh_token openid id web"_s);
        QVERIFY(all.contains(u"refresh_token") && all.contains(u"id_token"));
        const QJsonArray tokens = m_admin.get(u"/tokens"_s).jsonArray();
        int refreshTokens = 0;
        for (const QJsonValue &t : tokens)
            refreshTokens += t[u"type"].toString() == u"refresh_token";
        QCOMPARE(refreshTokens, 2);
    }

    void codeIsSingleUse()
    {
        Browser browser;
        const QUrl base = m_emulator->loginUrl();
        const QString code = obtainCode(browser, base, u"api"_s, m_verifier);
        QCOMPARE(redeem(base, code).status, 200);
        expectError(redeem(base, code), u"invalid_grant"_s, u"expired authorization code"_s);
        QCOMPARE(m_admin.get(u"/codes"_s).jsonArray().at(0)[u"used"].toBool(), true);
    }

    void doubleEncodedOrUnknownCode()
    {
        Browser browser;
        const QUrl base = m_emulator->loginUrl();
        const QString code = obtainCode(browser, base, u"api"_s, m_verifier);
        const QString doubleEncoded = QString::fromLatin1(QUrl::toPercentEncoding(code));
        QVERIFY(doubleEncoded != code);
        expectError(redeem(base, doubleEncoded), u"invalid_grant"_s, u"expired authorization code"_s);
        expectError(redeem(base, u"aPrxNotACode=="_s), u"invalid_grant"_s, u"expired authorization code"_s);
        expectError(redeem(base, QString(), {}, {u"code"_s}), u"invalid_grant"_s, u"expired authorization code"_s);
    }

    void codeExpiresOnTheAdminClock()
    {
        Browser browser;
        const QUrl base = m_emulator->loginUrl();
        const QString fresh = obtainCode(browser, base, u"api"_s, m_verifier);
        const QString stale = obtainCode(browser, base, u"api"_s, m_verifier);
        const Answer moved = m_admin.advanceClock(840);
        QCOMPARE(moved.status, 200);
        QCOMPARE(redeem(base, fresh).status, 200); // 14 minutes: still good
        m_emulator->advanceClock(61);
        expectError(redeem(base, stale), u"invalid_grant"_s, u"expired authorization code"_s);
    }

    void clientSecretRules()
    {
        Browser browser;
        const QUrl base = m_emulator->loginUrl();
        expectError(redeem(base, obtainCode(browser, base, u"api"_s, m_verifier), {}, {u"client_secret"_s}),
                    u"invalid_client"_s, u"invalid client credentials"_s);
        expectError(redeem(base, obtainCode(browser, base, u"api"_s, m_verifier), {{u"client_secret"_s, u"wrong"_s}}),
                    u"invalid_client"_s, u"invalid client credentials"_s);
        expectError(redeem(base, obtainCode(browser, base, u"api"_s, m_verifier), {{u"client_id"_s, u"3MVG9nope"_s}}),
                    u"invalid_client_id"_s, u"client identifier invalid"_s);
        // Basic auth works as well as the body.
        const QString code = obtainCode(browser, base, u"api"_s, m_verifier);
        const Answer basic = m_http.postForm(join(base, u"/services/oauth2/token"_s),
                                             {{u"grant_type"_s, u"authorization_code"_s},
                                              {u"code"_s, code},
                                              {u"redirect_uri"_s, QString::fromUtf16(kCallback)},
                                              {u"code_verifier"_s, m_verifier}},
                                             {{"Authorization", Http::basic(m_clientId, m_secret)}});
        QCOMPARE(basic.status, 200);

        // "Require Secret for Web Server Flow" off: a public client sends none; a wrong one still fails.
        QVERIFY(m_emulator->changeApp(m_clientId, {{u"isConsumerSecretOptional"_s, true}}));
        QCOMPARE(redeem(base, obtainCode(browser, base, u"api"_s, m_verifier), {}, {u"client_secret"_s}).status, 200);
        expectError(redeem(base, obtainCode(browser, base, u"api"_s, m_verifier), {{u"client_secret"_s, u"wrong"_s}}),
                    u"invalid_client"_s, u"invalid client credentials"_s);
    }

    void pkceMatrix()
    {
        Browser browser;
        const QUrl base = m_emulator->myDomainUrl();
        expectError(redeem(base, obtainCode(browser, base, u"api"_s, m_verifier), {}, {u"code_verifier"_s}),
                    u"invalid_grant"_s, u"invalid code verifier"_s);
        expectError(
            redeem(base, obtainCode(browser, base, u"api"_s, m_verifier), {{u"code_verifier"_s, m_verifier + u"x"_s}}),
            u"invalid_grant"_s, u"invalid code verifier"_s);
        // A 171-character verifier is accepted (§3.3).
        QCOMPARE(kLongVerifier.size(), 171);
        QCOMPARE(redeem(base, obtainCode(browser, base, u"api"_s, kLongVerifier), {{u"code_verifier"_s, kLongVerifier}})
                     .status,
                 200);
        // The failed attempt spent the code: the right verifier afterwards is too late.
        const QString code = obtainCode(browser, base, u"api"_s, m_verifier);
        QCOMPARE(redeem(base, code, {{u"code_verifier"_s, u"wrong"_s}}).status, 400);
        expectError(redeem(base, code), u"invalid_grant"_s, u"expired authorization code"_s);
        // No challenge at authorize (PKCE not required): no verifier needed, a stray one ignored.
        QVERIFY(m_emulator->changeApp(m_clientId, {{u"isPkceRequired"_s, false}}));
        QCOMPARE(redeem(base, obtainCode(browser, base, u"api"_s, QString()), {}, {u"code_verifier"_s}).status, 200);
        QCOMPARE(redeem(base, obtainCode(browser, base, u"api"_s, QString())).status, 200);
    }

    void redirectUriMustMatch()
    {
        Browser browser;
        const QUrl base = m_emulator->loginUrl();
        expectError(redeem(base, obtainCode(browser, base, u"api"_s, m_verifier),
                           {{u"redirect_uri"_s, u"http://localhost:1717/OauthRedirect/"_s}}),
                    u"redirect_uri_mismatch"_s, u"redirect_uri must match configuration"_s);
        expectError(redeem(base, obtainCode(browser, base, u"api"_s, m_verifier), {}, {u"redirect_uri"_s}),
                    u"redirect_uri_mismatch"_s, u"redirect_uri must match configuration"_s);
    }

    void anotherAppsCodeIsRefused()
    {
        Browser browser;
        const QUrl base = m_emulator->loginUrl();
        const QString code = obtainCode(browser, base, u"api"_s, m_verifier);
        QJsonObject other{
            {u"fullName"_s, u"Other_App"_s},
            {u"consumerKey"_s, u"3MVG9OtherApp_ForTests_Only_000000000000000000000000000000000000000000001"_s},
            {u"consumerSecret"_s, u"OTHERSECRET"_s},
            {u"callbackUrl"_s, QString::fromUtf16(kCallback)},
            {u"commaSeparatedOauthScopes"_s, u"Api"_s}};
        QCOMPARE(m_admin.call("POST", u"/apps"_s, other).status, 200);
        expectError(
            redeem(base, code,
                   {{u"client_id"_s, other[u"consumerKey"].toString()}, {u"client_secret"_s, u"OTHERSECRET"_s}}),
            u"invalid_grant"_s, u"expired authorization code"_s);
        QCOMPARE(redeem(base, code).status, 200); // not spent by the other app's attempt
    }

    void userDeactivatedBeforeRedeeming()
    {
        Browser browser;
        const QUrl base = m_emulator->loginUrl();
        const QString code = obtainCode(browser, base, u"api"_s, m_verifier);
        QVERIFY(m_emulator->changeUser(u"ada@ecalab.example"_s, {{u"active"_s, false}}));
        expectError(redeem(base, code), u"inactive_user"_s, u"user is inactive"_s);
    }

private:
    std::unique_ptr<Emulator> m_emulator;
    QString m_clientId;
    QString m_secret;
    QString m_verifier;
    Http m_http;
    EmulatorAdmin m_admin;
};

QTEST_GUILESS_MAIN(TestEmulatorAuthCode)
#include "tst_emulator_authcode.moc"
