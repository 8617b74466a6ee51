// The refresh_token grant over real HTTP (§7.1, §12.8) and everything an approval goes through:
// client authentication and the secret switch, rotation and reuse, revocation of a whole approval
// (§7.3), introspection of both token kinds (§7.4), the refresh-token policies and the session
// timeout (§7.2) on the emulator's clock, the approval limit, other apps, inactive users.
#include "DeviceSteps.h"
#include "WebLogin.h"

#include "Emulator.h"

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kAda = u"ada@ecalab.example"_s;
const QString kIntegration = u"integration@ecalab.example"_s;
const QString kScope = u"api refresh_token openid"_s;
const QString kDemoApp = u"ECA_Lab_Demo"_s;
const QString kCallback = u"http://localhost:1717/OauthRedirect"_s;
const QString kNone = u"<none>"_s; // a parameter left out
const auto kExpired = qMakePair(u"invalid_grant"_s, u"expired access/refresh token"_s);
const auto kBadSecret = qMakePair(u"invalid_client"_s, u"invalid client credentials"_s);
constexpr int kHour = 3600;
constexpr int kDay = 24 * kHour;

using Params = QList<QPair<QString, QString>>;

// One approval: the first token answer of a user grant that granted refresh_token.
struct Approval
{
    QString access;
    QString refresh;
    QJsonObject answer;
    bool ok() const { return !access.isEmpty() && !refresh.isEmpty(); }
};

} // namespace

class TestEmulatorRefresh : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_emulator.emplace();
        QVERIFY(startWithAdmin(*m_emulator, m_admin));
        m_clientId = m_emulator->demoProfile()[u"clientId"].toString();
        m_secret = m_emulator->demoProfile()[u"clientSecret"].toString();
        QVERIFY(!m_secret.isEmpty());
    }
    void cleanup() { m_emulator.reset(); }

    void refreshAnswersSection71sFields_data()
    {
        QTest::addColumn<bool>("onLoginHost");
        QTest::addColumn<bool>("basic");
        QTest::addColumn<bool>("codeVerifier");
        QTest::newRow("secret in the body, My Domain") << false << false << false;
        QTest::newRow("secret in the body, login host") << true << false << false;
        QTest::newRow("Basic auth") << false << true << false;
        QTest::newRow("jsforce's extra code_verifier") << false << false << true;
    }
    void refreshAnswersSection71sFields()
    {
        QFETCH(bool, onLoginHost);
        QFETCH(bool, basic);
        QFETCH(bool, codeVerifier);
        const Approval a = approve();
        QVERIFY(a.ok());
        const QUrl host = onLoginHost ? m_emulator->loginUrl() : m_emulator->myDomainUrl();
        Params params = refreshParams(a.refresh);
        Headers headers;
        if (basic) {
            params.removeIf([](const auto &p) { return p.first.startsWith(u"client_"); });
            headers.append({"Authorization", Http::basic(m_clientId, m_secret)});
        }
        if (codeVerifier) // §11: jsforce appends it to every token POST; Salesforce ignores it
            params.append({u"code_verifier"_s, u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s});
        const Answer r = token(params, headers, host);
        QCOMPARE(r.status, 200);
        // §7.1: these fields in this order, and no refresh_token without rotation.
        QCOMPARE(jsonKeysInOrder(r.body), (QStringList{u"access_token"_s, u"signature"_s, u"scope"_s, u"id_token"_s,
                                                       u"instance_url"_s, u"id"_s, u"token_type"_s, u"issued_at"_s}));
        const QJsonObject o = r.json();
        QCOMPARE(o[u"scope"].toString(), a.answer[u"scope"].toString()); // the approval's scopes
        QCOMPARE(o[u"instance_url"].toString(), m_emulator->myDomainUrl().toString());
        QCOMPARE(o[u"id"].toString(), host.toString() + u"/id/"_s + a.answer[u"id"].toString().section(u'/', -2));
        QCOMPARE(o[u"token_type"].toString(), u"Bearer"_s);
        QCOMPARE(o[u"signature"].toString().toLatin1(),
                 expectedSignature(m_secret, o[u"id"].toString(), o[u"issued_at"].toString())); // §1.5
        const QJsonObject claims = jwtClaims(o[u"id_token"].toString());
        QCOMPARE(claims[u"aud"].toString(), m_clientId);
        QCOMPARE(claims[u"iss"].toString(), host.toString()); // §12.1: follows the host called
        QVERIFY(o[u"access_token"].toString() != a.access);
        QCOMPARE(rest(o[u"access_token"].toString()), 200);
        QCOMPARE(rest(a.access), 200);
        QCOMPARE(refresh(a.refresh).status, 200); // §7.1: the old refresh token stays valid
    }

    void refusalsWhileTheSecretIsRequired_data()
    {
        QTest::addColumn<QString>("clientId");     // empty: the demo app's
        QTest::addColumn<QString>("secret");       // empty: the demo app's
        QTest::addColumn<QString>("refreshToken"); // empty: the approval's
        QTest::addColumn<bool>("basic");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        // §7.1, §10.2: "Require Secret for Refresh Token Flow" is on by default.
        QTest::newRow("secret missing") << QString() << kNone << QString() << false << kBadSecret.first
                                        << kBadSecret.second;
        QTest::newRow("secret wrong") << QString() << u"0000"_s << QString() << false << kBadSecret.first
                                      << kBadSecret.second;
        QTest::newRow("secret wrong, Basic")
            << QString() << u"0000"_s << QString() << true << kBadSecret.first << kBadSecret.second;
        QTest::newRow("unknown client") << u"3MVG9nobody"_s << QString() << QString() << false << u"invalid_client_id"_s
                                        << u"client identifier invalid"_s;
        QTest::newRow("refresh_token missing")
            << QString() << QString() << kNone << false << kExpired.first << kExpired.second;
        QTest::newRow("unknown refresh token")
            << QString() << QString() << u"5Aep861nothing"_s << false << kExpired.first << kExpired.second;
    }
    void refusalsWhileTheSecretIsRequired()
    {
        QFETCH(QString, clientId);
        QFETCH(QString, secret);
        QFETCH(QString, refreshToken);
        QFETCH(bool, basic);
        QFETCH(QString, error);
        QFETCH(QString, description);
        const Approval a = approve();
        QVERIFY(a.ok());
        const QString id = clientId.isEmpty() ? m_clientId : clientId;
        const QString key = secret.isEmpty() ? m_secret : secret;
        Params params{{u"grant_type"_s, u"refresh_token"_s}};
        if (refreshToken != kNone)
            params.append({u"refresh_token"_s, refreshToken.isEmpty() ? a.refresh : refreshToken});
        Headers headers;
        if (basic)
            headers.append({"Authorization", Http::basic(id, key)});
        else
            params.append({u"client_id"_s, id});
        if (!basic && key != kNone)
            params.append({u"client_secret"_s, key});
        const Answer r = token(params, headers);
        QCOMPARE(r.status, 400);
        QCOMPARE(oauthError(r), qMakePair(error, description));
        QCOMPARE(refresh(a.refresh).status, 200); // a refusal spends nothing
    }

    void secretNotNeededWhenNotRequiredButAWrongOneFails()
    {
        const Approval a = approve();
        QVERIFY(a.ok());
        QCOMPARE(patchApp({{u"isSecretRequiredForRefreshToken"_s, false}}), 200);
        const Params noSecret{
            {u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, a.refresh}, {u"client_id"_s, m_clientId}};
        const Answer r = token(noSecret); // as the Mobile SDK sends it (§7.1)
        QCOMPARE(r.status, 200);
        QCOMPARE(rest(r.json()[u"access_token"].toString()), 200);
        const Answer wrong = token(noSecret + Params{{u"client_secret"_s, u"0000"_s}});
        QCOMPARE(wrong.status, 400);
        QCOMPARE(oauthError(wrong), kBadSecret);
        const Answer basic = token({{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, a.refresh}},
                                   {{"Authorization", Http::basic(m_clientId, m_secret)}});
        QCOMPARE(basic.status, 200);
    }

    void rotationAnswersANewRefreshTokenEachTime()
    {
        QCOMPARE(patchApp({{u"isRefreshTokenRotationEnabled"_s, true}}), 200);
        const Approval a = approve();
        QVERIFY(a.ok());
        QStringList seen{a.refresh};
        QString current = a.refresh;
        for (int i = 0; i < 3; ++i) {
            const Answer r = refresh(current);
            QCOMPARE(r.status, 200);
            // §7.1 with rotation: refresh_token right after access_token.
            QCOMPARE(jsonKeysInOrder(r.body),
                     (QStringList{u"access_token"_s, u"refresh_token"_s, u"signature"_s, u"scope"_s, u"id_token"_s,
                                  u"instance_url"_s, u"id"_s, u"token_type"_s, u"issued_at"_s}));
            current = r.json()[u"refresh_token"].toString();
            QVERIFY(current.startsWith(u"5Aep861"_s));
            QVERIFY2(!seen.contains(current), qPrintable(current));
            seen << current;
            QCOMPARE(rest(r.json()[u"access_token"].toString()), 200);
        }
        QCOMPARE(introspect(current).json()[u"active"].toBool(), true);
        QCOMPARE(introspect(seen[1]).json()[u"active"].toBool(), false); // rotated away
    }

    void reusingARotatedTokenRevokesTheApproval()
    {
        QCOMPARE(patchApp({{u"isRefreshTokenRotationEnabled"_s, true}}), 200);
        const Approval a = approve();
        const Approval other = approve(); // another approval of the same user and app
        QVERIFY(a.ok() && other.ok());
        const QJsonObject first = refresh(a.refresh).json();
        const QString current = first[u"refresh_token"].toString();
        QVERIFY(!current.isEmpty());
        QCOMPARE(rest(first[u"access_token"].toString()), 200);

        const Answer reuse = refresh(a.refresh);
        QCOMPARE(reuse.status, 400);
        QCOMPARE(oauthError(reuse), kExpired);
        // §7.1: reuse revokes the current refresh token and the approval's access tokens.
        QCOMPARE(oauthError(refresh(current)), kExpired);
        QCOMPARE(rest(a.access), 401);
        QCOMPARE(rest(first[u"access_token"].toString()), 401);
        QCOMPARE(rest(other.access), 200);
        QCOMPARE(refresh(other.refresh).status, 200);
    }

    void revokingARefreshTokenEndsItsApproval_data()
    {
        QTest::addColumn<bool>("rotation");
        QTest::newRow("without rotation") << false;
        QTest::newRow("with rotation, the current token") << true;
    }
    void revokingARefreshTokenEndsItsApproval()
    {
        QFETCH(bool, rotation);
        QCOMPARE(patchApp({{u"isRefreshTokenRotationEnabled"_s, rotation}}), 200);
        const Approval a = approve();
        const Approval other = approve();
        QVERIFY(a.ok() && other.ok());
        const QJsonObject refreshed = refresh(a.refresh).json();
        const QString fromRefresh = refreshed[u"access_token"].toString();
        const QString current = rotation ? refreshed[u"refresh_token"].toString() : a.refresh;
        QCOMPARE(rest(fromRefresh), 200);

        const Answer revoked = revoke(current);
        QCOMPARE(revoked.status, 200); // §7.3: 200, empty body
        QVERIFY(revoked.body.isEmpty());
        // §7.3: every access token issued with or from it ends.
        QCOMPARE(rest(a.access), 401);
        QCOMPARE(rest(fromRefresh), 401);
        QCOMPARE(oauthError(refresh(current)), kExpired);
        QCOMPARE(introspect(current).body, QByteArray("{\"active\":false}"));
        QCOMPARE(rest(other.access), 200);
        QCOMPARE(refresh(other.refresh).status, 200);
    }

    void introspectsAccessAndRefreshTokens()
    {
        const Approval a = approve();
        QVERIFY(a.ok());
        const qint64 now = m_emulator->nowMs() / 1000;
        const QString sub = a.answer[u"id"].toString();
        const QJsonObject access = introspect(a.access).json();
        QCOMPARE(access[u"active"].toBool(), true);
        QCOMPARE(access[u"token_type"].toString(), u"access_token"_s); // §7.4: the kind, not Bearer
        QCOMPARE(access[u"client_id"].toString(), m_clientId);
        QCOMPARE(access[u"username"].toString(), kAda);
        QCOMPARE(access[u"sub"].toString(), sub);
        QCOMPARE(access[u"scope"].toString(), kScope);
        QVERIFY(qAbs(access[u"iat"].toInteger() - now) <= 5); // epoch seconds
        QCOMPARE(access[u"exp"].toInteger() - access[u"iat"].toInteger(), 7200);

        // §7.4: token_type_hint is only a hint.
        const QJsonObject refresh = introspect(a.refresh, u"access_token"_s).json();
        QCOMPARE(refresh[u"active"].toBool(), true);
        QCOMPARE(refresh[u"token_type"].toString(), u"refresh_token"_s);
        QCOMPARE(refresh[u"client_id"].toString(), m_clientId);
        QCOMPARE(refresh[u"username"].toString(), kAda);
        QCOMPARE(refresh[u"sub"].toString(), sub);
        QVERIFY(qAbs(refresh[u"iat"].toInteger() - now) <= 5);
        QVERIFY2(!refresh.contains(u"exp"), "Infinite: valid until revoked");

        QCOMPARE(revoke(a.refresh).status, 200);
        QCOMPARE(introspect(a.refresh).body, QByteArray("{\"active\":false}"));
        QCOMPARE(introspect(a.access).body, QByteArray("{\"active\":false}"));
    }

    void refreshTokenExpCountsFromTheApproval_data()
    {
        QTest::addColumn<int>("period");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("2 Hours") << 2 << u"Hours"_s << qint64(2 * kHour);
        QTest::newRow("3 Days") << 3 << u"Days"_s << qint64(3 * kDay);
        QTest::newRow("1 Months (30 days)") << 1 << u"Months"_s << qint64(30 * kDay);
    }
    void refreshTokenExpCountsFromTheApproval()
    {
        QFETCH(int, period);
        QFETCH(QString, unit);
        QFETCH(qint64, seconds);
        QCOMPARE(patchApp({{u"refreshTokenPolicyType"_s, u"SpecificLifetime"_s},
                           {u"refreshTokenValidityPeriod"_s, period},
                           {u"refreshTokenValidityUnit"_s, unit}}),
                 200);
        const qint64 approvedAt = m_emulator->nowMs() / 1000;
        const Approval a = approve();
        QVERIFY(a.ok());
        const QJsonObject before = introspect(a.refresh).json();
        QVERIFY(qAbs(before[u"exp"].toInteger() - (approvedAt + seconds)) <= 2);
        m_emulator->advanceClock(kHour); // using it does not move a lifetime's end
        QCOMPARE(refresh(a.refresh).status, 200);
        const QJsonObject after = introspect(a.refresh).json();
        QCOMPARE(after[u"active"].toBool(), true);
        QCOMPARE(after[u"exp"].toInteger(), before[u"exp"].toInteger());
    }

    void refreshTokenPoliciesOnTheEmulatorClock_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<int>("period");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QList<int>>("advances"); // seconds before each refresh
        QTest::addColumn<QList<bool>>("usable");  // what each refresh finds
        QTest::newRow("Infinite") << u"Infinite"_s << 0 << QString() << QList<int>{400 * kDay} << QList<bool>{true};
        QTest::newRow("Zero") << u"Zero"_s << 0 << QString() << QList<int>{0} << QList<bool>{false};
        QTest::newRow("SpecificLifetime 2 Hours")
            << u"SpecificLifetime"_s << 2 << u"Hours"_s << QList<int>{kHour, kHour - 60, 61}
            << QList<bool>{true, true, false};
        QTest::newRow("SpecificLifetime 1 Days")
            << u"SpecificLifetime"_s << 1 << u"Days"_s << QList<int>{kDay - 60, 61} << QList<bool>{true, false};
        QTest::newRow("SpecificLifetime 1 Months")
            << u"SpecificLifetime"_s << 1 << u"Months"_s << QList<int>{30 * kDay - 60, 61} << QList<bool>{true, false};
        QTest::newRow("SpecificInactivity 2 Hours")
            << u"SpecificInactivity"_s << 2 << u"Hours"_s << QList<int>{90 * 60, 90 * 60, 2 * kHour + 1}
            << QList<bool>{true, true, false};
    }
    void refreshTokenPoliciesOnTheEmulatorClock()
    {
        QFETCH(QString, policy);
        QFETCH(int, period);
        QFETCH(QString, unit);
        QFETCH(QList<int>, advances);
        QFETCH(QList<bool>, usable);
        QJsonObject changes{{u"refreshTokenPolicyType"_s, policy}};
        if (period > 0) {
            changes.insert(u"refreshTokenValidityPeriod"_s, period);
            changes.insert(u"refreshTokenValidityUnit"_s, unit);
        }
        QCOMPARE(patchApp(changes), 200);
        const Approval a = approve();
        QVERIFY(a.ok());
        for (qsizetype i = 0; i < advances.size(); ++i) {
            QCOMPARE(m_admin.advanceClock(advances[i]).status, 200);
            const Answer r = refresh(a.refresh);
            QVERIFY2(r.status == (usable[i] ? 200 : 400),
                     qPrintable(u"step %1: "_s.arg(i) + QString::fromUtf8(r.body)));
            if (!usable[i])
                QCOMPARE(oauthError(r), kExpired);
        }
        if (!usable.last()) { // README: a refresh token over its policy ends its approval
            QCOMPARE(patchApp({{u"refreshTokenPolicyType"_s, u"Infinite"_s}}), 200);
            QCOMPARE(oauthError(refresh(a.refresh)), kExpired);
        }
    }

    void accessTokensLastTheSessionTimeoutThenARefreshHelps()
    {
        const Approval a = approve();
        QVERIFY(a.ok());
        m_emulator->advanceClock(119 * 60);
        QCOMPARE(rest(a.access), 200);
        m_emulator->advanceClock(61); // §7.2: a session lives the org's 120 minutes
        const Answer expired = m_http.get(join(m_emulator->myDomainUrl(), u"/services/data/v62.0/"_s),
                                          {{"Authorization", Http::bearer(a.access)}});
        QCOMPARE(expired.status, 401);
        QCOMPARE(expired.body, kSessionExpired);
        const Answer r = refresh(a.refresh);
        QCOMPARE(r.status, 200);
        QCOMPARE(rest(r.json()[u"access_token"].toString()), 200);
        QCOMPARE(introspect(a.access).json()[u"active"].toBool(true), false);
    }

    void theSixthApprovalRevokesTheOldest()
    {
        const Approval integration = approve(kIntegration); // oldest of all, but another user's
        QVERIFY(integration.ok());
        QList<Approval> ada;
        QString refreshedFromOldest;
        for (int i = 0; i < 6; ++i) {
            ada.append(approve());
            QVERIFY(ada.last().ok());
            if (i == 0) // an access token issued from the oldest approval's refresh token, not with it
                refreshedFromOldest = refresh(ada[0].refresh).json()[u"access_token"].toString();
            QCOMPARE(rest(ada[0].access), i < 5 ? 200 : 401); // the 5th approval still keeps it
        }
        // §7.1 [obs]: 5 approvals per user per app; the 6th revokes the oldest — its refresh token
        // and every access token of it (§7.3).
        QCOMPARE(oauthError(refresh(ada[0].refresh)), kExpired);
        QCOMPARE(introspect(ada[0].refresh, u"refresh_token"_s).json(), (QJsonObject{{u"active"_s, false}}));
        QCOMPARE(rest(ada[0].access), 401);
        QVERIFY(!refreshedFromOldest.isEmpty());
        QCOMPARE(rest(refreshedFromOldest), 401);
        QCOMPARE(introspect(refreshedFromOldest).json(), (QJsonObject{{u"active"_s, false}}));
        QCOMPARE(rest(ada[1].access), 200);
        for (int i = 1; i < 6; ++i)
            QCOMPARE(refresh(ada[i].refresh).status, 200);
        QCOMPARE(refresh(integration.refresh).status, 200);
        QCOMPARE(m_admin.get(u"/state"_s).json()[u"tokenCounts"][u"refresh_token"].toInt(), 6);
    }

    void anotherAppsClientIdCannotUseThisAppsRefreshToken()
    {
        const Answer created = m_admin.call("POST", u"/apps"_s,
                                     {{u"fullName"_s, u"Other_App"_s},
                                      {u"consumerKey"_s, u"3MVG9OtherApp"_s},
                                      {u"consumerSecret"_s, u"Other_Secret_123"_s},
                                      {u"callbackUrl"_s, kCallback},
                                      {u"commaSeparatedOauthScopes"_s, u"Api, RefreshToken"_s}});
        QCOMPARE(created.status, 200);
        const Approval a = approve();
        QVERIFY(a.ok());
        const Answer r = token({{u"grant_type"_s, u"refresh_token"_s},
                                {u"refresh_token"_s, a.refresh},
                                {u"client_id"_s, u"3MVG9OtherApp"_s},
                                {u"client_secret"_s, u"Other_Secret_123"_s}});
        QCOMPARE(r.status, 400);
        QCOMPARE(oauthError(r), kExpired);
        QCOMPARE(refresh(a.refresh).status, 200); // still its own app's
    }

    void aDeactivatedUsersRefreshIsRefusedUntilReactivated()
    {
        const Approval a = approve();
        QVERIFY(a.ok());
        const QString user = u"/users/"_s + kAda;
        QCOMPARE(m_admin.call("PATCH", user, {{u"active"_s, false}}).status, 200);
        QCOMPARE(oauthError(refresh(a.refresh)), kExpired); // §7.1: the user was deactivated
        QCOMPARE(rest(a.access), 401);
        QCOMPARE(m_admin.call("PATCH", user, {{u"active"_s, true}}).status, 200);
        const Answer r = refresh(a.refresh); // the approval survives a deactivation
        QCOMPARE(r.status, 200);
        QCOMPARE(rest(r.json()[u"access_token"].toString()), 200);
    }

    void aUserNoLongerAssignedGetsInvalidAppAccess()
    {
        const Approval a = approve();
        QVERIFY(a.ok());
        QCOMPARE(patchApp({{u"permittedUsersPolicyType"_s, u"AdminApprovedPreAuthorized"_s}}), 200);
        QCOMPARE(refresh(a.refresh).status, 200); // Ada is assigned to the app
        QCOMPARE(m_admin.changeUser(kAda, {{u"permittedApps"_s, QJsonArray()}}).status, 200);
        const Answer r = refresh(a.refresh);
        QCOMPARE(r.status, 400);
        QCOMPARE(oauthError(r), qMakePair(u"invalid_app_access"_s, u"user is not admin approved to access this app"_s));
    }

    void theSalesforceClisAppRefreshesWithoutASecret()
    {
        // §11: sfdx-core logs in as PlatformCLI with an empty secret, PKCE and refresh_token api web.
        const QString verifier = QString::fromLatin1(
            QByteArray(64, '\x42').toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        QUrl url = join(m_emulator->loginUrl(), u"/services/oauth2/authorize"_s);
        url.setQuery(QString::fromLatin1(Http::encode({{u"response_type"_s, u"code"_s},
                                                       {u"client_id"_s, u"PlatformCLI"_s},
                                                       {u"redirect_uri"_s, kCallback},
                                                       {u"scope"_s, u"refresh_token api web"_s},
                                                       {u"state"_s, u"0123456789ab"_s},
                                                       {u"prompt"_s, u"login"_s},
                                                       {u"code_challenge"_s, s256Challenge(verifier)}})));
        Browser browser;
        Answer page = browser.get(url);
        page = browser.login(url, page.body, kAda, u"Demo-Pass-1234"_s);
        if (page.body.contains("id=\"oaapprove\""))
            page = browser.consent(url, page.body, true);
        QCOMPARE(page.status, 302);
        const QString code = callbackQuery(page).queryItemValue(u"code"_s, QUrl::FullyDecoded);
        const Answer tokens = token({{u"grant_type"_s, u"authorization_code"_s},
                                     {u"code"_s, code},
                                     {u"client_id"_s, u"PlatformCLI"_s},
                                     {u"redirect_uri"_s, kCallback},
                                     {u"code_verifier"_s, verifier}},
                                    {}, m_emulator->loginUrl());
        QCOMPARE(tokens.status, 200);
        const QString refreshToken = tokens.json()[u"refresh_token"].toString();
        QVERIFY(!refreshToken.isEmpty());
        const Answer r = token({{u"grant_type"_s, u"refresh_token"_s},
                                {u"refresh_token"_s, refreshToken},
                                {u"client_id"_s, u"PlatformCLI"_s}},
                               {}, m_emulator->loginUrl());
        QCOMPARE(r.status, 200);
        QCOMPARE(rest(r.json()[u"access_token"].toString()), 200);
    }

private:
    // A device-flow approval (DeviceSteps): the quickest user grant with a refresh token.
    Approval approve(const QString &username = kAda)
    {
        DeviceSteps steps(m_http, m_clientId);
        const QJsonObject code = steps.requestCode(m_emulator->loginUrl(), kScope).json();
        if (m_admin.approveDevice(code[u"user_code"].toString(), username).status != 200)
            qWarning("device approval failed for %s", qPrintable(username));
        const Answer answer = steps.poll(m_emulator->loginUrl(), code[u"device_code"].toString());
        const QJsonObject o = answer.json();
        return {o[u"access_token"].toString(), o[u"refresh_token"].toString(), o};
    }
    Params refreshParams(const QString &refreshToken) const
    {
        return {{u"grant_type"_s, u"refresh_token"_s},
                {u"refresh_token"_s, refreshToken},
                {u"client_id"_s, m_clientId},
                {u"client_secret"_s, m_secret}};
    }
    Answer token(const Params &params, const Headers &headers = {}, const QUrl &host = {})
    {
        const QUrl base = host.isEmpty() ? m_emulator->myDomainUrl() : host;
        return m_http.postForm(join(base, u"/services/oauth2/token"_s), params, headers);
    }
    Answer refresh(const QString &refreshToken) { return token(refreshParams(refreshToken)); }
    int rest(const QString &accessToken)
    {
        return m_http
            .get(join(m_emulator->myDomainUrl(), u"/services/data/v62.0/"_s),
                 {{"Authorization", Http::bearer(accessToken)}})
            .status;
    }
    Answer introspect(const QString &value, const QString &hint = {})
    {
        Params params{{u"token"_s, value}, {u"client_id"_s, m_clientId}, {u"client_secret"_s, m_secret}};
        if (!hint.isEmpty())
            params.append({u"token_type_hint"_s, hint});
        return m_http.postForm(join(m_emulator->myDomainUrl(), u"/services/oauth2/introspect"_s), params);
    }
    Answer revoke(const QString &value)
    {
        return m_http.postForm(join(m_emulator->loginUrl(), u"/services/oauth2/revoke"_s), {{u"token"_s, value}});
    }
    int patchApp(const QJsonObject &changes) { return m_admin.changeApp(kDemoApp, changes).status; }

    std::optional<Emulator> m_emulator;
    Http m_http;
    EmulatorAdmin m_admin;
    QString m_clientId;
    QString m_secret;
};

QTEST_GUILESS_MAIN(TestEmulatorRefresh)
#include "tst_emulator_refresh.moc"
