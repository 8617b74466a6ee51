// JWT-based access tokens (eca-metadata.md §3.3 `isNamedUserJwtEnabled`, §3.4 `namedUserJwtTimeout`;
// §0): an app that asks for them gets an RS256 JWT signed with the org's current key, which the
// test verifies itself (OpenSSL, SignatureChecks) against /id/keys — and the token still works on
// every endpoint an opaque one does (§7.2–§7.6). Switched off, tokens stay opaque `00D…!…`.
#include "DeviceSteps.h"
#include "WebLogin.h"

#include "Emulator.h"

#include <QRegularExpression>

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kDemoApp = u"ECA_Lab_Demo"_s;
const QString kAda = u"ada@ecalab.example"_s;
const QString kCallback = u"http://localhost:1717/OauthRedirect"_s;
const QRegularExpression kOpaque(u"^00D5g00000EcaLb!AQ[A-Za-z0-9._]{96}$"_s);
} // namespace

class TestEmulatorJwtAccess : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_emulator.emplace();
        QVERIFY(startWithAdmin(*m_emulator, m_admin));
        m_clientId = m_emulator->demoProfile()[u"clientId"].toString();
        m_secret = m_emulator->demoProfile()[u"clientSecret"].toString();
        m_jwks = m_http.get(join(m_emulator->myDomainUrl(), u"/id/keys"_s)).json()[u"keys"].toArray();
        QVERIFY(!m_jwks.isEmpty());
    }
    void cleanup() { m_emulator.reset(); }

    void switchedOffTokensStayOpaque()
    {
        QCOMPARE(appSetting(u"isNamedUserJwtEnabled"_s), QJsonValue(false)); // the default
        QVERIFY(kOpaque.match(clientCredentials()[u"access_token"].toString()).hasMatch());
        const QJsonObject device = deviceApproval(u"api refresh_token"_s);
        QVERIFY(kOpaque.match(device[u"access_token"].toString()).hasMatch());
        QVERIFY(kOpaque.match(refresh(device[u"refresh_token"].toString())[u"access_token"].toString()).hasMatch());
    }

    void theTokenIsAJwtSignedWithTheOrgKey()
    {
        QCOMPARE(switchOn().status, 200);
        QCOMPARE(appSetting(u"isNamedUserJwtEnabled"_s), QJsonValue(true));
        const QJsonObject answer = clientCredentials();
        const QString jwt = answer[u"access_token"].toString();
        QCOMPARE(jwt.count(u'.'), 2);
        QCOMPARE(jwtHeader(jwt), (QJsonObject{{u"kid"_s, u"248"_s}, {u"typ"_s, u"JWT"_s}, {u"alg"_s, u"RS256"_s}}));
        QVERIFY(verifyJwt(jwt, m_jwks)); // against /id/keys, with the test's own OpenSSL check
        QString tampered = jwt;
        const qsizetype middle = jwt.indexOf(u'.') + 5;
        tampered[middle] = tampered[middle] == u'A' ? u'B' : u'A';
        QVERIFY(!verifyJwt(tampered, m_jwks));

        const QJsonObject claims = jwtClaims(jwt);
        QStringList names{u"iss"_s, u"sub"_s, u"aud"_s, u"client_id"_s, u"scp"_s,
                          u"iat"_s, u"nbf"_s, u"exp"_s, u"jti"_s};
        names.sort();
        QCOMPARE(claims.keys(), names);
        const QString myDomain = m_emulator->myDomainUrl().toString();
        QCOMPARE(claims[u"iss"].toString(), myDomain); // the host the token endpoint was called on
        QCOMPARE(claims[u"sub"].toString(), answer[u"id"].toString());
        QCOMPARE(claims[u"aud"].toString(), myDomain); // instance_url
        QCOMPARE(claims[u"client_id"].toString(), m_clientId);
        QCOMPARE(claims[u"scp"].toArray(), (QJsonArray{u"api"_s, u"openid"_s, u"id"_s}));
        const qint64 iat = claims[u"iat"].toInteger();
        QCOMPARE(iat, answer[u"issued_at"].toString().toLongLong() / 1000);
        QCOMPARE(claims[u"nbf"].toInteger(), iat);
        QCOMPARE(claims[u"exp"].toInteger() - iat, 7200); // the org's 2-hour user session
        QVERIFY(!claims[u"jti"].toString().isEmpty());
        QVERIFY(jwtClaims(clientCredentials()[u"access_token"].toString())[u"jti"] != claims[u"jti"]);
        // The response around it is unchanged (§2): signature over id + issued_at, no expires_in.
        QCOMPARE(answer[u"signature"].toString().toLatin1(),
                 expectedSignature(m_secret, answer[u"id"].toString(), answer[u"issued_at"].toString()));
        QVERIFY(!answer.contains(u"expires_in"));
    }

    void theJwtWorksWhereverAnOpaqueTokenDoes()
    {
        QCOMPARE(switchOn().status, 200);
        const QJsonObject answer = clientCredentials();
        const QString jwt = answer[u"access_token"].toString();
        const Headers auth{{"Authorization", Http::bearer(jwt)}};
        QCOMPARE(rest(jwt), 200);
        const Answer info = m_http.get(join(m_emulator->myDomainUrl(), u"/services/oauth2/userinfo"_s), auth);
        QCOMPARE(info.status, 200);
        QCOMPARE(info.json()[u"sub"].toString(), answer[u"id"].toString());
        QCOMPARE(m_http.get(QUrl(answer[u"id"].toString()), auth).json()[u"username"].toString(),
                 u"integration@ecalab.example"_s);

        const QJsonObject live = introspect(jwt);
        QCOMPARE(live[u"active"].toBool(), true);
        QCOMPARE(live[u"token_type"].toString(), u"access_token"_s);
        QCOMPARE(live[u"exp"].toInteger(), jwtClaims(jwt)[u"exp"].toInteger());
        QCOMPARE(live[u"scope"].toString(), u"api openid id"_s);

        QCOMPARE(revoke(jwt).status, 200); // §7.3: works for JWT-based access tokens
        QCOMPARE(introspect(jwt), (QJsonObject{{u"active"_s, false}}));
        QCOMPARE(rest(jwt), 401);
        QCOMPARE(m_http.get(join(m_emulator->myDomainUrl(), u"/services/oauth2/userinfo"_s), auth).status, 403);
        QVERIFY(verifyJwt(jwt, m_jwks)); // still a genuine signature: only the session is over
    }

    void userGrantsAndRefreshIssueJwts()
    {
        QCOMPARE(switchOn().status, 200);
        const QJsonObject code = authorizationCode(u"api refresh_token openid"_s);
        const QJsonObject device = deviceApproval(u"api refresh_token openid"_s);
        for (const QJsonObject &answer : {code, device}) {
            const QString jwt = answer[u"access_token"].toString();
            QVERIFY2(verifyJwt(jwt, m_jwks), qPrintable(jwt));
            QCOMPARE(jwtClaims(jwt)[u"sub"].toString(), answer[u"id"].toString());
            QVERIFY(answer[u"refresh_token"].toString().startsWith(u"5Aep861")); // refresh tokens stay opaque
            const QByteArray digest = QCryptographicHash::hash(jwt.toLatin1(), QCryptographicHash::Sha256);
            const QString atHash = QString::fromLatin1(
                digest.left(16).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
            QCOMPARE(jwtClaims(answer[u"id_token"].toString())[u"at_hash"].toString(), atHash); // §7.7
            QCOMPARE(rest(jwt), 200);
        }
        const QString refreshToken = device[u"refresh_token"].toString();
        const QString refreshed = refresh(refreshToken)[u"access_token"].toString();
        QVERIFY(verifyJwt(refreshed, m_jwks));
        QCOMPARE(rest(refreshed), 200);
        // §7.3: revoking the refresh token ends every access token of its approval, JWTs included.
        QCOMPARE(revoke(refreshToken).status, 200);
        QCOMPARE(introspect(refreshed)[u"active"].toBool(true), false);
        QCOMPARE(introspect(device[u"access_token"].toString())[u"active"].toBool(true), false);
        QCOMPARE(rest(code[u"access_token"].toString()), 200); // another approval
    }

    void lifetimeFollowsNamedUserJwtTimeout()
    {
        // The app's sessionTimeoutInMinutes applies to opaque tokens only (eca-metadata.md §3.4).
        QCOMPARE(m_admin.changeApp(kDemoApp, {{u"sessionTimeoutInMinutes"_s, 15}}).status, 200);
        QCOMPARE(lifetimeSeconds(clientCredentials()[u"access_token"].toString()), 900);
        QCOMPARE(switchOn().status, 200);
        const QString userSession = clientCredentials()[u"access_token"].toString();
        QCOMPARE(lifetimeSeconds(userSession), 7200);
        QCOMPARE(m_admin.changeApp(kDemoApp, {{u"namedUserJwtTimeout"_s, 5}}).status, 200);
        const QString custom = clientCredentials()[u"access_token"].toString();
        QCOMPARE(lifetimeSeconds(custom), 300);
        QCOMPARE(jwtClaims(custom)[u"exp"].toInteger() - jwtClaims(custom)[u"iat"].toInteger(), 300);
        m_emulator->advanceClock(301);
        QCOMPARE(introspect(custom)[u"active"].toBool(true), false);
        QCOMPARE(rest(custom), 401);
        QCOMPARE(rest(userSession), 200);
    }

    void theSettingsAreValidated_data()
    {
        QTest::addColumn<QJsonObject>("changes");
        QTest::addColumn<QString>("error");
        QTest::newRow("not a bool") << QJsonObject{{u"isNamedUserJwtEnabled"_s, u"yes"_s}}
                                    << u"app.isNamedUserJwtEnabled: expected true or false, got \"yes\""_s;
        QTest::newRow("not an allowed timeout")
            << QJsonObject{{u"namedUserJwtTimeout"_s, 7}}
            << u"app.namedUserJwtTimeout: expected 0 or one of 1, 5, 10, 15, 30, 60, 90, 120, 240, 480, 720 "
               u"minutes, got 7"_s;
        QTest::newRow("over the range") << QJsonObject{{u"namedUserJwtTimeout"_s, 1440}}
                                        << u"app.namedUserJwtTimeout: expected a whole number from 0 to 720 (0: "
                                           u"the user session), got 1440"_s;
    }
    void theSettingsAreValidated()
    {
        QFETCH(QJsonObject, changes);
        QFETCH(QString, error);
        const Answer a = m_admin.changeApp(kDemoApp, changes);
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json()[u"error"].toString(), error);
        QCOMPARE(appSetting(u"isNamedUserJwtEnabled"_s), QJsonValue(false)); // nothing changed
    }

    void theSeedCarriesTheSwitch()
    {
        QCOMPARE(
            m_admin.changeApp(kDemoApp, {{u"isNamedUserJwtEnabled"_s, true}, {u"namedUserJwtTimeout"_s, 30}}).status,
            200);
        const QJsonObject seed = m_admin.get(u"/seed"_s).json();
        QCOMPARE(m_admin.call("POST", u"/seed"_s, seed).status, 200); // the export loads again
        QCOMPARE(appSetting(u"isNamedUserJwtEnabled"_s), QJsonValue(true));
        QCOMPARE(appSetting(u"namedUserJwtTimeout"_s), QJsonValue(30));
        QCOMPARE(lifetimeSeconds(clientCredentials()[u"access_token"].toString()), 1800);
    }

private:
    Answer switchOn() { return m_admin.changeApp(kDemoApp, {{u"isNamedUserJwtEnabled"_s, true}}); }
    QJsonValue appSetting(const QString &name) { return m_admin.get(u"/apps/"_s + kDemoApp).json()[name]; }
    QUrl tokenUrl() const { return join(m_emulator->myDomainUrl(), u"/services/oauth2/token"_s); }
    QJsonObject clientCredentials()
    {
        return m_http
            .postForm(tokenUrl(), {{u"grant_type"_s, u"client_credentials"_s},
                                   {u"client_id"_s, m_clientId},
                                   {u"client_secret"_s, m_secret}})
            .json();
    }
    QJsonObject deviceApproval(const QString &scope)
    {
        DeviceSteps steps(m_http, m_clientId);
        const QJsonObject code = steps.requestCode(m_emulator->loginUrl(), scope).json();
        if (m_admin.approveDevice(code[u"user_code"].toString(), kAda).status != 200)
            qWarning("device approval failed");
        return steps.poll(m_emulator->loginUrl(), code[u"device_code"].toString()).json();
    }
    QJsonObject authorizationCode(const QString &scope)
    {
        const QString verifier = QString::fromLatin1(
            QByteArray(64, '\x43').toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        QUrl url = join(m_emulator->myDomainUrl(), u"/services/oauth2/authorize"_s);
        url.setQuery(QString::fromLatin1(Http::encode({{u"response_type"_s, u"code"_s},
                                                       {u"client_id"_s, m_clientId},
                                                       {u"redirect_uri"_s, kCallback},
                                                       {u"scope"_s, scope},
                                                       {u"code_challenge"_s, s256Challenge(verifier)}})));
        Browser browser;
        Answer page = browser.login(url, browser.get(url).body, kAda, u"Demo-Pass-1234"_s);
        if (page.body.contains("id=\"oaapprove\""))
            page = browser.consent(url, page.body, true);
        const QString code = callbackQuery(page).queryItemValue(u"code"_s, QUrl::FullyDecoded);
        return m_http
            .postForm(tokenUrl(), {{u"grant_type"_s, u"authorization_code"_s},
                                   {u"code"_s, code},
                                   {u"client_id"_s, m_clientId},
                                   {u"client_secret"_s, m_secret},
                                   {u"redirect_uri"_s, kCallback},
                                   {u"code_verifier"_s, verifier}})
            .json();
    }
    QJsonObject refresh(const QString &refreshToken)
    {
        return m_http
            .postForm(tokenUrl(), {{u"grant_type"_s, u"refresh_token"_s},
                                   {u"refresh_token"_s, refreshToken},
                                   {u"client_id"_s, m_clientId},
                                   {u"client_secret"_s, m_secret}})
            .json();
    }
    QJsonObject introspect(const QString &token)
    {
        return m_http
            .postForm(join(m_emulator->myDomainUrl(), u"/services/oauth2/introspect"_s),
                      {{u"token"_s, token}, {u"client_id"_s, m_clientId}, {u"client_secret"_s, m_secret}})
            .json();
    }
    qint64 lifetimeSeconds(const QString &token)
    {
        const QJsonObject o = introspect(token);
        return o[u"exp"].toInteger() - o[u"iat"].toInteger();
    }
    Answer revoke(const QString &token)
    {
        return m_http.postForm(join(m_emulator->loginUrl(), u"/services/oauth2/revoke"_s), {{u"token"_s, token}});
    }
    int rest(const QString &token)
    {
        return m_http
            .get(join(m_emulator->myDomainUrl(), u"/services/data/v62.0/"_s), {{"Authorization", Http::bearer(token)}})
            .status;
    }

    std::optional<Emulator> m_emulator;
    Http m_http;
    EmulatorAdmin m_admin;
    QString m_clientId;
    QString m_secret;
    QJsonArray m_jwks;
};

QTEST_GUILESS_MAIN(TestEmulatorJwtAccess)
#include "tst_emulator_jwt_access.moc"
