// OpenID discovery (§7.9) and the JWKS (§7.8) on each host; a JWT signed by the emulator is
// verified against the published key with the support library's RS256 check (independent of the
// emulator's code).
#include "EmulatorHttp.h"

#include "Emulator.h"

#include <QRegularExpression>

#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

class TestEmulatorDiscovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(startWithAdmin(m_emulator, m_admin)); }

    void openIdConfiguration_data()
    {
        QTest::addColumn<int>("host"); // 0 login, 1 My Domain, 2 site
        QTest::newRow("login host") << 0;
        QTest::newRow("My Domain") << 1;
        QTest::newRow("site") << 2;
    }
    void openIdConfiguration()
    {
        QFETCH(int, host);
        const QUrl base = host == 0   ? m_emulator.loginUrl()
                          : host == 1 ? m_emulator.myDomainUrl()
                                      : m_emulator.siteUrl();
        const Answer a = m_http.get(join(base, u"/.well-known/openid-configuration"_s));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("Content-Type"), QByteArray("application/json;charset=UTF-8"));
        const QJsonObject doc = a.json();
        const QString b = base.toString();
        QCOMPARE(doc[u"issuer"].toString(), b); // follows the host called (§12.1)
        QCOMPARE(doc[u"authorization_endpoint"].toString(), b + u"/services/oauth2/authorize"_s);
        QCOMPARE(doc[u"token_endpoint"].toString(), b + u"/services/oauth2/token"_s);
        QCOMPARE(doc[u"revocation_endpoint"].toString(), b + u"/services/oauth2/revoke"_s);
        QCOMPARE(doc[u"introspection_endpoint"].toString(), b + u"/services/oauth2/introspect"_s);
        QCOMPARE(doc[u"userinfo_endpoint"].toString(), b + u"/services/oauth2/userinfo"_s);
        QCOMPARE(doc[u"jwks_uri"].toString(), b + u"/id/keys"_s);
        QCOMPARE(doc[u"id_token_signing_alg_values_supported"].toArray(), QJsonArray{u"RS256"_s});
        QCOMPARE(doc[u"token_endpoint_auth_methods_supported"].toArray(),
                 (QJsonArray{u"client_secret_post"_s, u"client_secret_basic"_s, u"private_key_jwt"_s}));
        QCOMPARE(doc[u"response_types_supported"].toArray(), (QJsonArray{u"code"_s, u"token"_s, u"token id_token"_s}));
        for (const QString &scope : {u"api"_s, u"refresh_token"_s, u"openid"_s, u"id"_s, u"web"_s, u"full"_s})
            QVERIFY2(doc[u"scopes_supported"].toArray().contains(scope), qPrintable(scope));
        const bool site = host == 2;
        QCOMPARE(doc.contains(u"end_session_endpoint"_s), site);
        QCOMPARE(doc.contains(u"code_challenge_methods_supported"_s), site);
        QCOMPARE(doc.contains(u"frontchannel_logout_supported"_s), site);
        if (site) {
            QCOMPARE(doc[u"end_session_endpoint"].toString(), b + u"/services/auth/idp/oidc/logout"_s);
            QCOMPARE(doc[u"code_challenge_methods_supported"].toArray(), QJsonArray{u"S256"_s});
            QCOMPARE(doc[u"grant_types_supported"].toArray(),
                     (QJsonArray{u"authorization_code"_s, u"refresh_token"_s}));
            QCOMPARE(doc[u"frontchannel_logout_session_supported"].toBool(true), false);
        } else {
            QVERIFY(!doc.contains(u"grant_types_supported"_s)); // client credentials etc. are never advertised
        }
    }

    void jwksPublishesNumericKids_data()
    {
        QTest::addColumn<int>("host");
        QTest::newRow("login host") << 0;
        QTest::newRow("My Domain") << 1;
        QTest::newRow("site") << 2;
    }
    void jwksPublishesNumericKids()
    {
        QFETCH(int, host);
        const QUrl base = host == 0   ? m_emulator.loginUrl()
                          : host == 1 ? m_emulator.myDomainUrl()
                                      : m_emulator.siteUrl();
        const Answer a = m_http.get(join(base, u"/id/keys"_s));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("Access-Control-Allow-Origin"), QByteArray("*"));
        const QJsonArray keys = a.json()[u"keys"].toArray();
        QVERIFY(keys.size() >= 2);
        QSet<QString> kids;
        for (const QJsonValue &key : keys) {
            QCOMPARE(key[u"kty"].toString(), u"RSA"_s);
            QCOMPARE(key[u"alg"].toString(), u"RS256"_s);
            QCOMPARE(key[u"use"].toString(), u"sig"_s);
            QCOMPARE(key[u"e"].toString(), u"AQAB"_s);
            QCOMPARE(fromBase64Url(key[u"n"].toString()).size(), 256); // RSA-2048
            QVERIFY(QRegularExpression(u"^\\d+$"_s).match(key[u"kid"].toString()).hasMatch());
            QVERIFY(!key.toObject().contains(u"d"_s)); // public parts only
            kids.insert(key[u"kid"].toString());
        }
        QCOMPARE(kids.size(), keys.size());
    }

    void emulatorSignaturesVerifyAgainstTheJwks()
    {
        const QJsonObject claims{{u"iss"_s, m_emulator.myDomainUrl().toString()}, {u"sub"_s, u"ada"_s}, {u"iat"_s, 1}};
        const Answer signedJwt = m_admin.call("POST", u"/jwt"_s, claims);
        QCOMPARE(signedJwt.status, 200);
        const QStringList parts = signedJwt.json()[u"jwt"].toString().split(u'.');
        QCOMPARE(parts.size(), 3);
        const QJsonObject header = QJsonDocument::fromJson(fromBase64Url(parts[0])).object();
        QCOMPARE(header[u"alg"].toString(), u"RS256"_s);
        QCOMPARE(header[u"typ"].toString(), u"JWT"_s);
        QCOMPARE(QJsonDocument::fromJson(fromBase64Url(parts[1])).object(), claims);

        QJsonObject jwk;
        for (const QJsonValue &key :
             m_http.get(join(m_emulator.myDomainUrl(), u"/id/keys"_s)).json()[u"keys"].toArray()) {
            if (key[u"kid"] == header[u"kid"])
                jwk = key.toObject();
        }
        QVERIFY2(!jwk.isEmpty(), "the signing kid is not published");
        const QByteArray input = (parts[0] + u'.' + parts[1]).toLatin1();
        const QByteArray signature = fromBase64Url(parts[2]);
        QVERIFY(verifyRs256(jwk, input, signature));
        QVERIFY(!verifyRs256(jwk, input + "x", signature)); // the check can fail
        for (const QJsonValue &other :
             m_http.get(join(m_emulator.myDomainUrl(), u"/id/keys"_s)).json()[u"keys"].toArray()) {
            if (other[u"kid"] != header[u"kid"])
                QVERIFY(!verifyRs256(other.toObject(), input, signature));
        }
    }

private:
    Emulator m_emulator;
    Http m_http;
    EmulatorAdmin m_admin;
};

QTEST_GUILESS_MAIN(TestEmulatorDiscovery)
#include "tst_emulator_discovery.moc"
