// What a token is good for, on every endpoint that takes one: UserInfo (§7.5), the identity URL
// (§7.6), introspection (§7.4), revocation (§7.3) and the REST API (§7.2, §10.1) — with live,
// revoked, expired (clock moved) and otherwise dead tokens.
#include "EmulatorHttp.h"

#include "Emulator.h"

#include <QRegularExpression>
#include <QXmlStreamReader>

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kRunAs = u"integration@ecalab.example"_s;
const QByteArray kRevokeError =
    "error=unsupported_token_type&error_description=this%20token%20type%20is%20not%20supported";

// §7.5's fields in its order, by claim group (§9).
const QStringList kAlways{u"sub"_s, u"user_id"_s, u"organization_id"_s};
const QStringList kSalesforce{u"is_salesforce_integration_user"_s,
                              u"urls"_s,
                              u"active"_s,
                              u"user_type"_s,
                              u"language"_s,
                              u"locale"_s,
                              u"utcOffset"_s};
QStringList userInfoKeys(bool profile, bool email, bool address, bool phone)
{
    QStringList keys = kAlways;
    if (profile)
        keys << u"preferred_username"_s << u"nickname"_s << u"name"_s;
    if (email)
        keys << u"email"_s << u"email_verified"_s;
    if (profile)
        keys << u"given_name"_s << u"family_name"_s << u"zoneinfo"_s << u"photos"_s << u"profile"_s << u"picture"_s;
    if (address)
        keys << u"address"_s;
    if (phone)
        keys << u"phone_number"_s;
    keys << kSalesforce;
    if (profile)
        keys << u"updated_at"_s;
    return keys << u"is_app_installed"_s;
}
} // namespace

class TestEmulatorIdentity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_emulator.emplace();
        QVERIFY(startWithAdmin(*m_emulator, m_admin));
        m_clientId = m_emulator->demoProfile()[u"clientId"].toString();
        m_secret = m_emulator->demoProfile()[u"clientSecret"].toString();
        m_token = issue();
        QVERIFY(!m_token.value(u"access_token"_s).toString().isEmpty());
    }
    void cleanup() { m_emulator.reset(); }

    void userInfo_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("via"); // bearer | oauth | query | body
        QTest::newRow("GET, Bearer") << QByteArray("GET") << u"bearer"_s;
        QTest::newRow("GET, OAuth scheme") << QByteArray("GET") << u"oauth"_s;
        QTest::newRow("GET, oauth_token query") << QByteArray("GET") << u"query"_s;
        QTest::newRow("POST, Bearer") << QByteArray("POST") << u"bearer"_s;
        QTest::newRow("POST, oauth_token body") << QByteArray("POST") << u"body"_s;
    }
    void userInfo()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, via);
        const QString token = accessToken();
        QUrl url = join(m_emulator->myDomainUrl(), u"/services/oauth2/userinfo"_s);
        Headers headers;
        QByteArray body;
        if (via == u"bearer")
            headers.emplaceBack("Authorization", Http::bearer(token));
        else if (via == u"oauth")
            headers.emplaceBack("Authorization", "OAuth " + token.toUtf8());
        else if (via == u"query")
            url.setQuery(u"oauth_token="_s + QString::fromLatin1(QUrl::toPercentEncoding(token)));
        else {
            headers.emplaceBack("Content-Type", "application/x-www-form-urlencoded");
            body = "oauth_token=" + QUrl::toPercentEncoding(token);
        }
        const Answer a = m_http.send(method, url, body, headers);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("Content-Type"), QByteArray("application/json;charset=UTF-8"));
        const QJsonObject info = a.json();
        QStringList expected{u"sub"_s,
                             u"user_id"_s,
                             u"organization_id"_s,
                             u"preferred_username"_s,
                             u"nickname"_s,
                             u"name"_s,
                             u"email"_s,
                             u"email_verified"_s,
                             u"given_name"_s,
                             u"family_name"_s,
                             u"zoneinfo"_s,
                             u"photos"_s,
                             u"profile"_s,
                             u"picture"_s,
                             u"address"_s,
                             u"phone_number"_s,
                             u"is_salesforce_integration_user"_s,
                             u"urls"_s,
                             u"active"_s,
                             u"user_type"_s,
                             u"language"_s,
                             u"locale"_s,
                             u"utcOffset"_s,
                             u"updated_at"_s,
                             u"is_app_installed"_s};
        expected.sort();
        QCOMPARE(info.keys(), expected);
        QCOMPARE(info[u"sub"].toString(), m_token[u"id"].toString());
        QCOMPARE(info[u"preferred_username"].toString(), kRunAs);
        QCOMPARE(info[u"organization_id"].toString(), u"00D5g00000EcaLbEAJ"_s);
        QCOMPARE(info[u"user_id"].toString(), m_token[u"id"].toString().section(u'/', -1));
        QCOMPARE(info[u"is_salesforce_integration_user"].toBool(), true);
        QVERIFY(QList<int>({-28800000, -25200000}).contains(info[u"utcOffset"].toInt())); // Los Angeles, in ms
        const QString rest = info[u"urls"][u"rest"].toString();
        QCOMPARE(rest, m_emulator->myDomainUrl().toString() + u"/services/data/v{version}/"_s); // literal {version}
        QVERIFY(info[u"urls"][u"enterprise"].toString().endsWith(u"/services/Soap/c/{version}/00D5g00000EcaLb"));
    }

    void userInfoAnswersOnEveryHostAndVersion()
    {
        for (const QUrl &base : {m_emulator->loginUrl(), m_emulator->siteUrl()}) {
            const Answer a = m_http.get(join(base, u"/services/oauth2/userinfo"_s), bearer());
            QCOMPARE(a.status, 200);
            QCOMPARE(a.json()[u"sub"].toString(), m_token[u"id"].toString());
        }
        const Answer v62 =
            m_http.get(join(m_emulator->myDomainUrl(), u"/services/oauth2/userinfo?version=62.0"_s), bearer());
        QVERIFY(v62.json()[u"urls"][u"rest"].toString().endsWith(u"/services/data/v62.0/"));
        const Answer latest =
            m_http.get(join(m_emulator->myDomainUrl(), u"/services/oauth2/userinfo?version=latest"_s), bearer());
        QVERIFY(latest.json()[u"urls"][u"rest"].toString().endsWith(u"/services/data/v67.0/"));
    }

    void userInfoFieldsFollowTheScopes_data()
    {
        QTest::addColumn<QString>("scopes"); // the app's commaSeparatedOauthScopes
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("api only") << u"Api"_s << userInfoKeys(false, false, false, false);
        QTest::newRow("profile") << u"Api, Profile"_s << userInfoKeys(true, false, false, false);
        QTest::newRow("email") << u"Api, Email"_s << userInfoKeys(false, true, false, false);
        QTest::newRow("address") << u"Api, Address"_s << userInfoKeys(false, false, true, false);
        QTest::newRow("phone") << u"Api, Phone"_s << userInfoKeys(false, false, false, true);
        QTest::newRow("id = all four") << u"Api, Basic"_s << userInfoKeys(true, true, true, true);
        QTest::newRow("openid alone") << u"OpenID"_s << userInfoKeys(false, false, false, false);
        QTest::newRow("custom_permissions")
            << u"Api, CustomPermissions"_s
            << userInfoKeys(false, false, false, false) + QStringList{u"custom_permissions"_s};
    }
    void userInfoFieldsFollowTheScopes()
    {
        QFETCH(QString, scopes);
        QFETCH(QStringList, keys);
        QVERIFY(m_emulator->changeUser(kRunAs, {{u"mobilePhone"_s, u"+1 415 555 0100"_s}}));
        const QString app = createScopedApp(u"Scoped_App"_s, scopes);
        const QString token = issue(app, appField(app, u"consumerSecret"_s))[u"access_token"].toString();
        const Answer a = m_http.get(join(m_emulator->myDomainUrl(), u"/services/oauth2/userinfo"_s),
                                    {{"Authorization", Http::bearer(token)}});
        QCOMPARE(a.status, 200);
        QCOMPARE(topLevelKeys(a.body), keys);
        const QJsonObject info = a.json();
        if (keys.contains(u"phone_number"))
            QCOMPARE(info[u"phone_number"].toString(), u"+1 415 555 0100"_s);
        if (keys.contains(u"photos")) {
            QCOMPARE(topLevelKeys(QJsonDocument(info[u"photos"].toObject()).toJson()),
                     (QStringList{u"picture"_s, u"thumbnail"_s}));
            QCOMPARE(info[u"picture"], info[u"photos"][u"picture"]);
        }
        if (keys.contains(u"custom_permissions"))
            QCOMPARE(info[u"custom_permissions"].toObject(), QJsonObject()); // emulated users have none
        QCOMPARE(info[u"is_app_installed"].toBool(), true);
        QCOMPARE(info[u"user_type"].toString(), u"STANDARD"_s);
    }

    void identityHasEverySection76Field()
    {
        QVERIFY(m_emulator->changeUser(kRunAs, {{u"mobilePhone"_s, u"+1 415 555 0100"_s}}));
        const QString app = createScopedApp(u"Api_Only"_s, u"Api"_s); // §9 names no groups for /id/
        const QJsonObject token = issue(app, appField(app, u"consumerSecret"_s));
        const Answer a = m_http.get(QUrl(token[u"id"].toString()),
                                    {{"Authorization", Http::bearer(token[u"access_token"].toString())}});
        QCOMPARE(a.status, 200);
        const QStringList keys{u"id"_s,
                               u"asserted_user"_s,
                               u"user_id"_s,
                               u"organization_id"_s,
                               u"username"_s,
                               u"nick_name"_s,
                               u"display_name"_s,
                               u"email"_s,
                               u"email_verified"_s,
                               u"first_name"_s,
                               u"last_name"_s,
                               u"timezone"_s,
                               u"photos"_s,
                               u"addr_street"_s,
                               u"addr_city"_s,
                               u"addr_state"_s,
                               u"addr_country"_s,
                               u"addr_zip"_s,
                               u"mobile_phone"_s,
                               u"mobile_phone_verified"_s,
                               u"is_lightning_login_user"_s,
                               u"status"_s,
                               u"urls"_s,
                               u"active"_s,
                               u"user_type"_s,
                               u"language"_s,
                               u"locale"_s,
                               u"utcOffset"_s,
                               u"last_modified_date"_s,
                               u"is_app_installed"_s};
        QCOMPARE(topLevelKeys(a.body), keys);
        const QJsonObject o = a.json();
        QCOMPARE(o[u"mobile_phone"].toString(), u"+1 415 555 0100"_s);
        QCOMPARE(o[u"addr_country"].toString(), u"US"_s);
        QCOMPARE(o[u"photos"].toObject().keys(), (QStringList{u"picture"_s, u"thumbnail"_s}));
        QCOMPARE(o[u"status"].toObject().keys(), (QStringList{u"body"_s, u"created_date"_s}));
        QCOMPARE(o[u"language"].toString(), u"en_US"_s);
        QCOMPARE(o[u"locale"].toString(), u"en_US"_s);
        static const QRegularExpression salesforceDate(
            u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000$"_s);
        QVERIFY(salesforceDate.match(o[u"last_modified_date"].toString()).hasMatch());
        const QJsonObject urls = o[u"urls"].toObject();
        QCOMPARE(urls.size(), 17);
        for (auto it = urls.begin(); it != urls.end(); ++it) {
            const bool versioned = it.key() != u"profile" && it.key() != u"custom_domain";
            QVERIFY2(it.value().toString().contains(u"{version}") == versioned, qPrintable(it.key()));
        }
        QCOMPARE(urls[u"custom_domain"].toString(), m_emulator->myDomainUrl().toString());
    }

    void identityUrlFormats_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<QByteArray>("contentType");
        QTest::newRow("JSON") << QString() << QByteArray() << QByteArray("application/json;charset=UTF-8");
        QTest::newRow("format=xml") << u"?format=xml"_s << QByteArray() << QByteArray("application/xml;charset=UTF-8");
        QTest::newRow("Accept xml") << QString() << QByteArray("application/xml")
                                    << QByteArray("application/xml;charset=UTF-8");
        QTest::newRow("format=urlencoded")
            << u"?format=urlencoded"_s << QByteArray() << QByteArray("application/x-www-form-urlencoded;charset=UTF-8");
        QTest::newRow("JSONP") << u"?callback=handle_1"_s << QByteArray()
                               << QByteArray("application/javascript;charset=UTF-8");
    }
    void identityUrlFormats()
    {
        QFETCH(QString, query);
        QFETCH(QByteArray, accept);
        QFETCH(QByteArray, contentType);
        Headers headers = bearer();
        if (!accept.isEmpty())
            headers.emplaceBack("Accept", accept);
        const QString id = m_token[u"id"].toString();
        const Answer a = m_http.get(QUrl(id + query), headers);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("Content-Type"), contentType);
        QString userId, username;
        if (contentType.startsWith("application/json")) {
            QCOMPARE(a.json()[u"id"].toString(), id);
            userId = a.json()[u"user_id"].toString();
            username = a.json()[u"username"].toString();
            QCOMPARE(a.json()[u"asserted_user"].toBool(), true);
            QVERIFY(a.json()[u"urls"][u"rest"].toString().contains(u"{version}"));
        } else if (contentType.startsWith("application/xml")) {
            QXmlStreamReader xml(a.body);
            QVERIFY(xml.readNextStartElement());
            QCOMPARE(xml.name(), u"user");
            while (xml.readNextStartElement()) {
                if (xml.name() == u"user_id")
                    userId = xml.readElementText();
                else if (xml.name() == u"username")
                    username = xml.readElementText();
                else
                    xml.skipCurrentElement();
            }
        } else if (contentType.startsWith("application/x-www")) {
            userId = a.form().queryItemValue(u"user_id"_s, QUrl::FullyDecoded);
            username = a.form().queryItemValue(u"username"_s, QUrl::FullyDecoded);
            QVERIFY(a.form().hasQueryItem(u"urls.rest"_s));
        } else {
            QVERIFY(a.body.startsWith("handle_1({") && a.body.endsWith("});"));
            const QJsonObject inner = QJsonDocument::fromJson(a.body.mid(9, a.body.size() - 11)).object();
            userId = inner[u"user_id"].toString();
            username = inner[u"username"].toString();
        }
        QCOMPARE(userId, id.section(u'/', -1));
        QCOMPARE(username, kRunAs);
    }

    void identityHostFollowsTheHostCalled()
    {
        const QString path = QUrl(m_token[u"id"].toString()).path();
        const Answer a = m_http.get(join(m_emulator->loginUrl(), path), bearer());
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json()[u"id"].toString(), m_emulator->loginUrl().toString() + path);
        const Answer viaQuery = m_http.get(QUrl(m_token[u"id"].toString() + u"?oauth_token="_s +
                                                QString::fromLatin1(QUrl::toPercentEncoding(accessToken()))));
        QCOMPARE(viaQuery.status, 200);
        // Another user of the org, and IDs that are not in it.
        const QString adaId = userField(u"ada@ecalab.example"_s, u"id18"_s);
        const QString orgPath = path.section(u'/', 0, 2);
        QCOMPARE(m_http.get(join(m_emulator->myDomainUrl(), orgPath + u'/' + adaId), bearer()).json()[u"username"],
                 QJsonValue(u"ada@ecalab.example"_s));
        QCOMPARE(m_http.get(join(m_emulator->myDomainUrl(), orgPath + u"/005xx000001SwiUAAS"_s), bearer()).status, 404);
        QCOMPARE(m_http.get(join(m_emulator->myDomainUrl(), u"/id/00Dxx0000001gPLEAY/"_s + adaId), bearer()).status,
                 404);
    }

    void deadTokensAreRefusedEverywhere_data()
    {
        QTest::addColumn<QString>("state");
        QTest::newRow("no token") << u"none"_s;
        QTest::newRow("unknown token") << u"garbage"_s;
        QTest::newRow("revoked") << u"revoked"_s;
        QTest::newRow("expired (clock moved 2 h)") << u"expired"_s;
        QTest::newRow("user deactivated") << u"inactive-user"_s;
    }
    void deadTokensAreRefusedEverywhere()
    {
        QFETCH(QString, state);
        QString token = accessToken();
        if (state == u"none")
            token.clear();
        else if (state == u"garbage")
            token = u"00D5g00000EcaLb!AQnotARealSession"_s;
        else if (state == u"revoked")
            QCOMPARE(revoke(token).status, 200);
        else if (state == u"expired")
            QCOMPARE(m_admin.advanceClock(7200).status, 200);
        else if (state == u"inactive-user")
            QVERIFY(m_emulator->changeUser(kRunAs, {{u"active"_s, false}}));
        const Headers auth = token.isEmpty() ? Headers() : Headers{{"Authorization", Http::bearer(token)}};

        const Answer info = m_http.get(join(m_emulator->myDomainUrl(), u"/services/oauth2/userinfo"_s), auth);
        QCOMPARE(info.status, 403);
        QCOMPARE(info.body, QByteArray("Bad_OAuth_Token"));
        QVERIFY(info.header("Content-Type").startsWith("text/plain"));
        const Answer identity = m_http.get(QUrl(m_token[u"id"].toString()), auth);
        QCOMPARE(identity.status, 403);
        QCOMPARE(identity.body, QByteArray("Bad_OAuth_Token"));
        for (const QString &path : {u"/services/data/v62.0/"_s, u"/services/data/v62.0/limits"_s}) {
            const Answer rest = m_http.get(join(m_emulator->myDomainUrl(), path), auth);
            QCOMPARE(rest.status, 401);
            QCOMPARE(rest.body, kSessionExpired);
        }
        QCOMPARE(introspect(token).json(), (QJsonObject{{u"active"_s, false}}));
        const Answer again = revoke(token);
        QCOMPARE(again.status, 400);
        QCOMPARE(again.body, kRevokeError);
    }

    void introspection_data()
    {
        QTest::addColumn<bool>("basic");
        QTest::newRow("client in the body") << false;
        QTest::newRow("HTTP Basic") << true;
    }
    void introspection()
    {
        QFETCH(bool, basic);
        const Answer a = introspect(accessToken(), basic);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("Content-Type"), QByteArray("application/json;charset=UTF-8"));
        const QJsonObject o = a.json();
        QStringList keys{u"active"_s,     u"scope"_s, u"client_id"_s, u"username"_s, u"sub"_s,
                         u"token_type"_s, u"exp"_s,   u"iat"_s,       u"nbf"_s};
        keys.sort();
        QCOMPARE(o.keys(), keys);
        QCOMPARE(o[u"active"].toBool(), true);
        QCOMPARE(o[u"token_type"].toString(), u"access_token"_s);
        QCOMPARE(o[u"client_id"].toString(), m_clientId);
        QCOMPARE(o[u"username"].toString(), kRunAs);
        QCOMPARE(o[u"sub"].toString(), m_token[u"id"].toString());
        QCOMPARE(o[u"scope"].toString(), u"api openid id"_s);
        const qint64 iat = o[u"iat"].toInteger();
        QCOMPARE(iat, m_token[u"issued_at"].toString().toLongLong() / 1000); // seconds
        QCOMPARE(o[u"nbf"].toInteger(), iat);
        QCOMPARE(o[u"exp"].toInteger() - iat, 7200); // the 2-hour default session
    }

    void introspectionNeedsClientAuthentication_data()
    {
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("error");
        QTest::newRow("no client") << QString() << QString() << u"invalid_client_id"_s;
        QTest::newRow("no secret") << u"demo"_s << QString() << u"invalid_client"_s;
        QTest::newRow("wrong secret") << u"demo"_s << u"wrong"_s << u"invalid_client"_s;
    }
    void introspectionNeedsClientAuthentication()
    {
        QFETCH(QString, clientId);
        QFETCH(QString, secret);
        QFETCH(QString, error);
        if (clientId == u"demo")
            clientId = m_clientId;
        const Answer a =
            m_http.postForm(join(m_emulator->myDomainUrl(), u"/services/oauth2/introspect"_s),
                            {{u"token"_s, accessToken()}, {u"client_id"_s, clientId}, {u"client_secret"_s, secret}});
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json()[u"error"].toString(), error);
        QCOMPARE(
            m_http.get(join(m_emulator->myDomainUrl(), u"/services/oauth2/introspect"_s)).json()[u"error_description"],
            QJsonValue(u"must use HTTP POST"_s));
    }

    void otherAppsSeeOnlyTheirTokens()
    {
        const QString other = createScopedApp(u"Other_App"_s, u"Api"_s);
        const QString otherSecret = appField(other, u"consumerSecret"_s);
        auto ask = [&] {
            return m_http
                .postForm(join(m_emulator->myDomainUrl(), u"/services/oauth2/introspect"_s),
                          {{u"token"_s, accessToken()}, {u"client_id"_s, other}, {u"client_secret"_s, otherSecret}})
                .json()[u"active"]
                .toBool();
        };
        QCOMPARE(ask(), false);
        QVERIFY(m_emulator->changeApp(other, {{u"isIntrospectAllTokens"_s, true}}));
        QCOMPARE(ask(), true);
    }

    void sessionsLastTheSessionTimeout()
    {
        QVERIFY(m_emulator->changeApp(m_clientId, {{u"sessionTimeoutInMinutes"_s, 15}}));
        const QString shortLived = issue()[u"access_token"].toString();
        const QJsonObject o = introspect(shortLived).json();
        QCOMPARE(o[u"exp"].toInteger() - o[u"iat"].toInteger(), 900);
        m_emulator->advanceClock(14 * 60);
        QCOMPARE(introspect(shortLived).json()[u"active"].toBool(), true);
        QCOMPARE(introspect(accessToken()).json()[u"active"].toBool(), true); // the 2-hour one
        m_emulator->advanceClock(61);
        QCOMPARE(introspect(shortLived).json()[u"active"].toBool(), false);
        QCOMPARE(introspect(accessToken()).json()[u"active"].toBool(), true);
    }

    void revocation_data()
    {
        QTest::addColumn<bool>("useGet");
        QTest::newRow("POST form") << false;
        QTest::newRow("blind GET") << true;
    }
    void revocation()
    {
        QFETCH(bool, useGet);
        const QString token = accessToken();
        const QUrl url = join(m_emulator->loginUrl(), u"/services/oauth2/revoke"_s); // any host (§7.3)
        const Answer a =
            useGet
                ? m_http.get(QUrl(url.toString() + u"?token="_s + QString::fromLatin1(QUrl::toPercentEncoding(token))))
                : m_http.postForm(url, {{u"token"_s, token}});
        QCOMPARE(a.status, 200);
        QVERIFY(a.body.isEmpty());
        QCOMPARE(m_http.get(join(m_emulator->myDomainUrl(), u"/services/oauth2/userinfo"_s), bearer()).status, 403);
        const Answer twice = revoke(token);
        QCOMPARE(twice.status, 400);
        QVERIFY(twice.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        QCOMPARE(twice.body, kRevokeError);
        QCOMPARE(m_http.postForm(url, {}).body, kRevokeError); // no token at all
    }

    void restApi()
    {
        const QUrl base = m_emulator->myDomainUrl();
        const Answer versions = m_http.get(join(base, u"/services/data/"_s)); // public
        QCOMPARE(versions.status, 200);
        const QJsonArray list = versions.jsonArray();
        QCOMPARE(list.last().toObject(),
                 (QJsonObject{
                     {u"label"_s, u"Summer '26"_s}, {u"url"_s, u"/services/data/v67.0"_s}, {u"version"_s, u"67.0"_s}}));
        QVERIFY(list.contains(QJsonObject{
            {u"label"_s, u"Winter '25"_s}, {u"url"_s, u"/services/data/v62.0"_s}, {u"version"_s, u"62.0"_s}}));
        QCOMPARE(m_http.get(join(base, u"/services/data"_s)).jsonArray(), list);

        const Answer directory = m_http.get(join(base, u"/services/data/v62.0/"_s), bearer());
        QCOMPARE(directory.status, 200);
        QCOMPARE(directory.json()[u"limits"].toString(), u"/services/data/v62.0/limits"_s);
        QVERIFY(directory.header("Sforce-Limit-Info").startsWith("api-usage="));
        const Answer limits = m_http.get(join(base, u"/services/data/v62.0/limits"_s), bearer());
        QCOMPARE(limits.status, 200);
        const QJsonObject daily = limits.json()[u"DailyApiRequests"].toObject();
        QCOMPARE(daily[u"Max"].toInt(), 15000);
        QCOMPARE(daily[u"Remaining"].toInt(), 15000 - 2); // two REST calls so far
        QCOMPARE(m_http.get(join(m_emulator->siteUrl(), u"/services/data/v62.0/limits"_s), bearer()).status, 200);
        QCOMPARE(m_http.get(join(base, u"/services/data/v99.0/"_s), bearer()).jsonArray().first()[u"errorCode"],
                 QJsonValue(u"NOT_FOUND"_s));
        QCOMPARE(m_http.get(join(base, u"/services/data/v62.0/nothing"_s), bearer()).status, 404);
        QCOMPARE(m_http.get(join(m_emulator->loginUrl(), u"/services/data/v62.0/"_s), bearer()).status, 404);
    }

    void restNeedsTheApiScope()
    {
        const QString app = createScopedApp(u"Identity_Only"_s, u"OpenID, Basic"_s);
        const QJsonObject token = issue(app, appField(app, u"consumerSecret"_s));
        QCOMPARE(token[u"scope"].toString(), u"openid id"_s);
        const Answer a = m_http.get(join(m_emulator->myDomainUrl(), u"/services/data/v62.0/"_s),
                                    {{"Authorization", Http::bearer(token[u"access_token"].toString())}});
        QCOMPARE(a.status, 401);
        QCOMPARE(a.body, QByteArray("[{\"message\":\"This session is not valid for use with the REST API\","
                                    "\"errorCode\":\"INVALID_SESSION_ID\"}]"));
    }

private:
    QJsonObject issue(const QString &clientId = {}, const QString &secret = {})
    {
        return m_http
            .postForm(join(m_emulator->myDomainUrl(), u"/services/oauth2/token"_s),
                      {{u"grant_type"_s, u"client_credentials"_s},
                       {u"client_id"_s, clientId.isEmpty() ? m_clientId : clientId},
                       {u"client_secret"_s, secret.isEmpty() ? m_secret : secret}})
            .json();
    }
    QString accessToken() const { return m_token[u"access_token"].toString(); }
    Headers bearer() const { return {{"Authorization", Http::bearer(accessToken())}}; }
    Answer introspect(const QString &token, bool basic = false)
    {
        const QUrl url = join(m_emulator->myDomainUrl(), u"/services/oauth2/introspect"_s);
        if (basic)
            return m_http.postForm(
                url, {{u"token"_s, token}, {u"token_type_hint"_s, u"access_token"_s}},
                {{"Authorization", Http::basic(m_clientId, m_secret)}, {"Accept", "application/json"}});
        return m_http.postForm(url,
                               {{u"token"_s, token}, {u"client_id"_s, m_clientId}, {u"client_secret"_s, m_secret}});
    }
    Answer revoke(const QString &token)
    {
        return m_http.postForm(join(m_emulator->myDomainUrl(), u"/services/oauth2/revoke"_s), {{u"token"_s, token}});
    }
    QString createScopedApp(const QString &name, const QString &scopes)
    {
        const Answer a = m_admin.call("POST", u"/apps"_s,
                                      {{u"fullName"_s, name},
                                       {u"commaSeparatedOauthScopes"_s, scopes},
                                       {u"isClientCredentialsFlowEnabled"_s, true},
                                       {u"clientCredentialsFlowUser"_s, kRunAs}});
        return a.json()[u"consumerKey"].toString();
    }
    QString appField(const QString &clientId, const QString &field) const
    {
        for (const QJsonValue &app : m_emulator->state()[u"apps"].toArray()) {
            if (app[u"consumerKey"].toString() == clientId)
                return app[field].toString();
        }
        return {};
    }
    QString userField(const QString &username, const QString &field) const
    {
        for (const QJsonValue &user : m_emulator->state()[u"users"].toArray()) {
            if (user[u"username"].toString() == username)
                return user[field].toString();
        }
        return {};
    }

    std::optional<Emulator> m_emulator;
    Http m_http;
    EmulatorAdmin m_admin;
    QString m_clientId;
    QString m_secret;
    QJsonObject m_token;
};

QTEST_GUILESS_MAIN(TestEmulatorIdentity)
#include "tst_emulator_identity.moc"
