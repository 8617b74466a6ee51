// The username-password grant over real HTTP (§8.5, §0, §10.2, §12.15): off unless the org allows
// it, never for External Client Apps, never on a site; a connected app in an org with the switch
// on gets §8.5's fields (no refresh token) with a signature verified here (§1.5).
#include "DeviceSteps.h"

#include "Emulator.h"

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kAda = u"ada@ecalab.example"_s;
const QString kAdaPassword = u"Demo-Pass-1234"_s;
const QString kConnectedApp = u"Legacy_Integration"_s;
const QString kConnectedKey = u"3MVG9LegacyConnectedApp"_s;
const QString kConnectedSecret = u"Legacy_Secret_0123456789"_s;
const auto kAuthFailure = qMakePair(u"invalid_grant"_s, u"authentication failure"_s);

using Params = QList<QPair<QString, QString>>;
} // namespace

class TestEmulatorPassword : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_emulator.emplace();
        QVERIFY(startWithAdmin(*m_emulator, m_admin));
        m_ecaId = m_emulator->demoProfile()[u"clientId"].toString();
        m_ecaSecret = m_emulator->demoProfile()[u"clientSecret"].toString();
        const Answer created = m_admin.call("POST", u"/apps"_s,
                                     {{u"fullName"_s, kConnectedApp},
                                      {u"type"_s, u"ConnectedApp"_s},
                                      {u"consumerKey"_s, kConnectedKey},
                                      {u"consumerSecret"_s, kConnectedSecret},
                                      {u"commaSeparatedOauthScopes"_s, u"Api, RefreshToken, Web"_s}});
        QCOMPARE(created.status, 200);
        QCOMPARE(created.json()[u"type"].toString(), u"ConnectedApp"_s);
    }
    void cleanup() { m_emulator.reset(); }

    void offByDefaultForEveryApp_data()
    {
        QTest::addColumn<bool>("connectedApp");
        QTest::newRow("External Client App") << false;
        QTest::newRow("connected app") << true;
    }
    void offByDefaultForEveryApp()
    {
        QFETCH(bool, connectedApp);
        // §0: orgs created Summer '23 or later have "Allow OAuth Username-Password Flows" off.
        QCOMPARE(m_admin.get(u"/org"_s).json()[u"allowUsernamePasswordFlows"].toBool(true), false);
        const Answer a = connectedApp ? password() : password(passwordParams(m_ecaId, m_ecaSecret));
        QCOMPARE(a.status, 400);
        QCOMPARE(oauthError(a), kAuthFailure);
    }

    void externalClientAppsStayRefusedWithTheSwitchOn()
    {
        allowPasswordFlows(true);
        // §0 [obs]: ECAs do not support the username-password flow.
        const Answer a = password(passwordParams(m_ecaId, m_ecaSecret));
        QCOMPARE(a.status, 400);
        QCOMPARE(oauthError(a), kAuthFailure);
        QCOMPARE(password().status, 200); // while a connected app gets a token
    }

    void aConnectedAppGetsSection85sFields_data()
    {
        QTest::addColumn<bool>("onLoginHost");
        QTest::addColumn<bool>("basic");
        QTest::addColumn<bool>("codeVerifier");
        QTest::newRow("My Domain, secret in the body") << false << false << false;
        QTest::newRow("login host") << true << false << false;
        QTest::newRow("Basic auth") << false << true << false;
        QTest::newRow("jsforce's extra code_verifier") << false << false << true;
    }
    void aConnectedAppGetsSection85sFields()
    {
        QFETCH(bool, onLoginHost);
        QFETCH(bool, basic);
        QFETCH(bool, codeVerifier);
        allowPasswordFlows(true);
        const QUrl host = onLoginHost ? m_emulator->loginUrl() : m_emulator->myDomainUrl();
        Params params = passwordParams(kConnectedKey, kConnectedSecret);
        Headers headers;
        if (basic) {
            params.removeIf([](const auto &p) { return p.first.startsWith(u"client_"); });
            headers.append({"Authorization", Http::basic(kConnectedKey, kConnectedSecret)});
        }
        if (codeVerifier) // §11: jsforce appends it to every token POST
            params.append({u"code_verifier"_s, u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s});
        const qint64 before = m_emulator->nowMs();
        const Answer a = password(params, headers, host);
        QCOMPARE(a.status, 200);
        // §8.5: exactly these, in this order: no refresh_token (§1.4, §12.3a), no scope.
        QCOMPARE(jsonKeysInOrder(a.body), (QStringList{u"access_token"_s, u"instance_url"_s, u"id"_s, u"token_type"_s,
                                                       u"issued_at"_s, u"signature"_s}));
        const QJsonObject o = a.json();
        QVERIFY(o[u"access_token"].toString().startsWith(u"00D5g00000EcaLb!"_s));
        QCOMPARE(o[u"instance_url"].toString(), m_emulator->myDomainUrl().toString());
        QCOMPARE(o[u"id"].toString(), host.toString() + u"/id/00D5g00000EcaLbEAJ/0055g00000AdaL1"_s + adaSuffix());
        QCOMPARE(o[u"token_type"].toString(), u"Bearer"_s);
        const QString issuedAt = o[u"issued_at"].toString();
        QCOMPARE(issuedAt.size(), 13); // §1.3: epoch ms as a string
        QVERIFY(qAbs(issuedAt.toLongLong() - before) < 5000);
        // §1.5: base64(HMAC-SHA256(consumer secret, id + issued_at)), computed here.
        QCOMPARE(o[u"signature"].toString().toLatin1(),
                 expectedSignature(kConnectedSecret, o[u"id"].toString(), issuedAt));

        const Headers bearer{{"Authorization", Http::bearer(o[u"access_token"].toString())}};
        QCOMPARE(m_http.get(join(m_emulator->myDomainUrl(), u"/services/data/v62.0/"_s), bearer).status, 200);
        const Answer info = m_http.get(join(m_emulator->myDomainUrl(), u"/services/oauth2/userinfo"_s), bearer);
        // The session is Ada's (Api, RefreshToken, Web grant no profile claims, §9: user_id only).
        QCOMPARE(info.json()[u"user_id"].toString(), o[u"id"].toString().section(u'/', -1));
        QVERIFY(!info.json().contains(u"preferred_username"));
    }

    void refusalsAreAuthenticationFailures_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("pass");
        QTest::addColumn<QString>("host");     // login | myDomain | site
        QTest::addColumn<QJsonObject>("user"); // changes to Ada first
        QTest::addColumn<QJsonObject>("app");  // changes to the connected app first
        // §8.5, §10.2: every failure reads invalid_grant / authentication failure.
        QTest::newRow("wrong password") << kAda << u"Not-Her-Password"_s << u"myDomain"_s << QJsonObject()
                                        << QJsonObject();
        QTest::newRow("unknown user") << u"nobody@ecalab.example"_s << kAdaPassword << u"myDomain"_s << QJsonObject()
                                      << QJsonObject();
        QTest::newRow("inactive user") << kAda << kAdaPassword << u"login"_s << QJsonObject{{u"active"_s, false}}
                                       << QJsonObject();
        QTest::newRow("site host") << kAda << kAdaPassword << u"site"_s << QJsonObject() << QJsonObject(); // §1.1
        QTest::newRow("user not assigned to an admin-approved app")
            << kAda << kAdaPassword << u"myDomain"_s << QJsonObject()
            << QJsonObject{{u"permittedUsersPolicyType"_s, u"AdminApprovedPreAuthorized"_s}};
    }
    void refusalsAreAuthenticationFailures()
    {
        QFETCH(QString, username);
        QFETCH(QString, pass);
        QFETCH(QString, host);
        QFETCH(QJsonObject, user);
        QFETCH(QJsonObject, app);
        allowPasswordFlows(true);
        if (!user.isEmpty())
            QCOMPARE(m_admin.changeUser(kAda, user).status, 200);
        if (!app.isEmpty())
            QCOMPARE(m_admin.changeApp(kConnectedApp, app).status, 200);
        const QUrl base = host == u"site"    ? m_emulator->siteUrl()
                          : host == u"login" ? m_emulator->loginUrl()
                                             : m_emulator->myDomainUrl();
        Params params = passwordParams(kConnectedKey, kConnectedSecret);
        params.removeIf([](const auto &p) { return p.first == u"username" || p.first == u"password"; });
        params += Params{{u"username"_s, username}, {u"password"_s, pass}};
        const Answer a = password(params, {}, base);
        QCOMPARE(a.status, 400);
        QCOMPARE(oauthError(a), kAuthFailure);
    }

    void clientAuthenticationComesFirst_data()
    {
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QString>("secret"); // empty: left out
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        const QString badSecret = u"invalid client credentials"_s;
        QTest::newRow("wrong secret") << true << kConnectedKey << u"Wrong_Secret_000"_s << u"invalid_client"_s
                                      << badSecret;
        QTest::newRow("missing secret") << true << kConnectedKey << QString() << u"invalid_client"_s << badSecret;
        QTest::newRow("wrong secret, switch off")
            << false << kConnectedKey << u"Wrong_Secret_000"_s << u"invalid_client"_s << badSecret;
        QTest::newRow("unknown client") << true << u"3MVG9nobody"_s << kConnectedSecret << u"invalid_client_id"_s
                                        << u"client identifier invalid"_s;
    }
    void clientAuthenticationComesFirst()
    {
        QFETCH(bool, allowed);
        QFETCH(QString, clientId);
        QFETCH(QString, secret);
        QFETCH(QString, error);
        QFETCH(QString, description);
        allowPasswordFlows(allowed);
        Params params = passwordParams(clientId, secret);
        if (secret.isEmpty())
            params.removeIf([](const auto &p) { return p.first == u"client_secret"; });
        const Answer a = password(params);
        QCOMPARE(a.status, 400);
        QCOMPARE(oauthError(a), qMakePair(error, description));
    }

    void switchingTheOrgSettingOffAgainRefuses()
    {
        allowPasswordFlows(true);
        QCOMPARE(password().status, 200);
        allowPasswordFlows(false);
        QCOMPARE(oauthError(password()), kAuthFailure);
    }

private:
    void allowPasswordFlows(bool on)
    {
        const Answer a = m_admin.changeOrg({{u"allowUsernamePasswordFlows"_s, on}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json()[u"allowUsernamePasswordFlows"].toBool(!on), on);
    }
    static Params passwordParams(const QString &clientId, const QString &secret)
    {
        return {{u"grant_type"_s, u"password"_s},
                {u"client_id"_s, clientId},
                {u"client_secret"_s, secret},
                {u"username"_s, kAda},
                {u"password"_s, kAdaPassword}};
    }
    Answer password(const Params &params = passwordParams(kConnectedKey, kConnectedSecret), const Headers &headers = {},
                    const QUrl &host = {})
    {
        const QUrl base = host.isEmpty() ? m_emulator->myDomainUrl() : host;
        return m_http.postForm(join(base, u"/services/oauth2/token"_s), params, headers);
    }
    // The 18-character form's suffix of Ada's id 0055g00000AdaL1, computed here (case bits of 3 × 5 chars).
    static QString adaSuffix()
    {
        const QString id = u"0055g00000AdaL1"_s;
        QString suffix;
        for (int chunk = 0; chunk < 3; ++chunk) {
            int bits = 0;
            for (int i = 0; i < 5; ++i) {
                if (id.at(chunk * 5 + i).isUpper())
                    bits |= 1 << i;
            }
            suffix += u"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"_s.at(bits);
        }
        return suffix;
    }

    std::optional<Emulator> m_emulator;
    Http m_http;
    EmulatorAdmin m_admin;
    QString m_ecaId;
    QString m_ecaSecret;
};

QTEST_GUILESS_MAIN(TestEmulatorPassword)
#include "tst_emulator_password.moc"
