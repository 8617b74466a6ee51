// The web server flow's requests as values (§3.1, §3.3): what the authorize URL and the token
// request carry for each profile, and which callback URLs are refused before anything happens.
#include "grants/webserver/WebServerRequests.h"

#include "core/FormEncoding.h"

#include <QTest>
#include <QUrlQuery>

using namespace ecalab;
using namespace ecalab::webserver;
using namespace Qt::Literals::StringLiterals;

namespace {
Profile baseProfile()
{
    Profile p;
    p.loginUrl = QUrl(u"https://acme.my.salesforce.com"_s);
    p.clientId = u"3MVG9client"_s;
    p.clientSecret = u"s3cr3t"_s;
    p.callbackUrl = QUrl(u"http://localhost:1717/OauthRedirect"_s);
    p.scopes = {u"api"_s, u"refresh_token"_s, u"openid"_s};
    return p;
}

Config config(const Profile &p = baseProfile())
{
    auto c = Config::fromProfile(p, u"Check settings"_s);
    if (!c)
        qFatal("profile refused: %s", qPrintable(c.error().explanation));
    return c.value();
}

AuthorizeSecrets secrets()
{
    return {u"st+ate/="_s, u"nonce1"_s, u"v"_s.repeated(43), u"challenge"_s};
}

QString field(const HttpRequest &request, const QString &name)
{
    return formValue(formDecode(request.body), name);
}
} // namespace

class TestWebServerRequests : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void authorizeUrlCarriesEverything()
    {
        Profile p = baseProfile();
        p.prompt = u"login consent"_s;
        p.loginHint = u"ada@example.com"_s;
        p.display = u"popup"_s;
        const QUrl url = buildAuthorizeUrl(config(p), secrets());
        QCOMPARE(url.path(), u"/services/oauth2/authorize"_s);
        const QUrlQuery q(url);
        QCOMPARE(q.queryItemValue(u"response_type"_s), u"code"_s);
        QCOMPARE(q.queryItemValue(u"client_id"_s), u"3MVG9client"_s);
        QCOMPARE(q.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded), u"http://localhost:1717/OauthRedirect"_s);
        QCOMPARE(q.queryItemValue(u"state"_s, QUrl::FullyDecoded), u"st+ate/="_s);
        QCOMPARE(q.queryItemValue(u"scope"_s, QUrl::FullyDecoded), u"api refresh_token openid"_s);
        QCOMPARE(q.queryItemValue(u"code_challenge"_s), u"challenge"_s);
        QCOMPARE(q.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
        QCOMPARE(q.queryItemValue(u"nonce"_s), u"nonce1"_s);
        QCOMPARE(q.queryItemValue(u"prompt"_s, QUrl::FullyDecoded), u"login consent"_s);
        QCOMPARE(q.queryItemValue(u"login_hint"_s, QUrl::FullyDecoded), u"ada@example.com"_s);
        QCOMPARE(q.queryItemValue(u"display"_s), u"popup"_s);
        // '+' is percent-encoded, never left to be read back as a space.
        QVERIFY(url.toString(QUrl::FullyEncoded).contains(u"state=st%2Bate%2F%3D"_s));
    }

    void noPkceNoNonceNoOptionals()
    {
        AuthorizeSecrets s = secrets();
        s.codeChallenge.clear();
        s.nonce.clear();
        const QUrlQuery q(buildAuthorizeUrl(config(), s));
        for (const QString &name : {u"code_challenge"_s, u"code_challenge_method"_s, u"nonce"_s, u"prompt"_s,
                                    u"login_hint"_s, u"display"_s})
            QVERIFY2(!q.hasQueryItem(name), qPrintable(name));
    }

    void wantsOpenIdOnlyWithTheScope()
    {
        QVERIFY(config().wantsOpenId());
        Profile p = baseProfile();
        p.scopes = {u"api"_s};
        QVERIFY(!config(p).wantsOpenId());
    }

    void tokenRequestWithSecretInTheBody()
    {
        const HttpRequest r = buildTokenRequest(config(), u"aPrx+/=="_s, u"verifier"_s);
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.url.path(), u"/services/oauth2/token"_s);
        QCOMPARE(field(r, u"grant_type"_s), u"authorization_code"_s);
        QCOMPARE(field(r, u"code"_s), u"aPrx+/=="_s);
        QVERIFY(r.body.contains("code=aPrx%2B%2F%3D%3D")); // encoded exactly once (§3.2)
        QCOMPARE(field(r, u"redirect_uri"_s), u"http://localhost:1717/OauthRedirect"_s);
        QCOMPARE(field(r, u"client_id"_s), u"3MVG9client"_s);
        QCOMPARE(field(r, u"client_secret"_s), u"s3cr3t"_s);
        QCOMPARE(field(r, u"code_verifier"_s), u"verifier"_s);
        QVERIFY(r.header("Authorization").isEmpty());
    }

    void publicClientSendsNoSecretAndNoVerifierWithoutPkce()
    {
        Profile p = baseProfile();
        p.clientSecret.clear();
        const HttpRequest r = buildTokenRequest(config(p), u"code"_s, QString());
        QVERIFY(!r.body.contains("client_secret"));
        QVERIFY(!r.body.contains("code_verifier"));
        QCOMPARE(field(r, u"client_id"_s), u"3MVG9client"_s);
    }

    void basicAuthMovesTheClientToTheHeader()
    {
        Profile p = baseProfile();
        p.clientAuth = ClientAuthMethod::Basic;
        const HttpRequest r = buildTokenRequest(config(p), u"code"_s, u"verifier"_s);
        QCOMPARE(r.header("Authorization"), "Basic " + QByteArray("3MVG9client:s3cr3t").toBase64());
        QVERIFY(!r.body.contains("client_secret"));
        QVERIFY(!r.body.contains("client_id"));
    }

    void callbackUrlRules_data()
    {
        QTest::addColumn<QString>("callback");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("addresses");
        QTest::addColumn<QString>("mentions"); // empty: accepted
        QTest::newRow("localhost") << u"http://localhost:1717/OauthRedirect"_s << u"localhost"_s << 2 << QString();
        QTest::newRow("127.0.0.1") << u"http://127.0.0.1:8080/cb"_s << u"127.0.0.1"_s << 1 << QString();
        QTest::newRow("[::1]") << u"http://[::1]:8080/cb"_s << u"::1"_s << 1 << QString();
        QTest::newRow("LOCALHOST") << u"http://LOCALHOST:8080/cb"_s << u"localhost"_s << 2 << QString();
        QTest::newRow("https") << u"https://localhost:8080/cb"_s << QString() << 0 << u"not http"_s;
        QTest::newRow("custom scheme") << u"myapp://callback"_s << QString() << 0 << u"not http"_s;
        QTest::newRow("lan address") << u"http://192.168.1.10:8080/cb"_s << QString() << 0 << u"not a loopback"_s;
        QTest::newRow("any address") << u"http://0.0.0.0:8080/cb"_s << QString() << 0 << u"not a loopback"_s;
        QTest::newRow("hosted page") << u"http://example.com:8080/cb"_s << QString() << 0 << u"not a loopback"_s;
        QTest::newRow("127.0.0.2") << u"http://127.0.0.2:8080/cb"_s << QString() << 0 << u"not a loopback"_s;
        QTest::newRow("port 0") << u"http://localhost:0/cb"_s << QString() << 0 << u"port is 0"_s;
        QTest::newRow("no port") << u"http://localhost/cb"_s << QString() << 0 << u"no port"_s;
        QTest::newRow("empty") << QString() << QString() << 0 << u"no callbackUrl"_s;
    }
    void callbackUrlRules()
    {
        QFETCH(QString, callback);
        QFETCH(QString, host);
        QFETCH(int, addresses);
        QFETCH(QString, mentions);
        Profile p = baseProfile();
        p.callbackUrl = QUrl(callback);
        const auto c = Config::fromProfile(p, u"Check settings"_s);
        if (mentions.isEmpty()) {
            QVERIFY2(c.hasValue(), qPrintable(c ? QString() : c.error().explanation));
            QCOMPARE(c->loopback.host, host);
            QCOMPARE(c->loopback.addresses().size(), addresses);
            for (const QHostAddress &a : c->loopback.addresses())
                QVERIFY(a.isLoopback());
            return;
        }
        QVERIFY(!c.hasValue());
        QCOMPARE(c.error().kind, FlowError::Kind::Configuration);
        QCOMPARE(c.error().exitCode(), 2);
        QVERIFY2(c.error().explanation.contains(mentions), qPrintable(c.error().explanation));
        QVERIFY(!c.error().fix.isEmpty());
    }

    void otherSettingsProblems()
    {
        Profile p = baseProfile();
        p.clientId.clear();
        QVERIFY(!Config::fromProfile(p, u"s"_s));
        p = baseProfile();
        p.loginUrl = QUrl(u"http://acme.my.salesforce.com"_s);
        QVERIFY(!Config::fromProfile(p, u"s"_s));
        p = baseProfile();
        p.clientAuth = ClientAuthMethod::Basic;
        p.clientSecret.clear();
        QVERIFY(!Config::fromProfile(p, u"s"_s));
    }
};

QTEST_GUILESS_MAIN(TestWebServerRequests)
#include "tst_webserverrequests.moc"
