// The JWT bearer grant over real HTTP (§5, §12.6): assertions signed here, with key pairs the
// openssl command line makes for this test and the OpenSSL API (never the emulator's own crypto);
// success on every host (no refresh token), every refusal of §5.3 byte for byte, the permitted
// users policy (pre-authorized, approved earlier, seeded approval of the demo user), certificate
// upload and removal through the admin API, and a chunked request body (as the Salesforce CLI
// sends it).
#include "WebLogin.h"

#include "Emulator.h"

#include <QDateTime>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QTemporaryDir>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <optional>

using namespace ecalab::emu;
using namespace ecalab::emu::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kAda = u"ada@ecalab.example"_s;
const QString kBob = u"bob@ecalab.example"_s; // created per test: never approved the demo app
const QString kGrant = u"urn:ietf:params:oauth:grant-type:jwt-bearer"_s;
const QString kProduction = u"https://login.salesforce.com"_s;
constexpr char16_t kCallback[] = u"http://localhost:1717/OauthRedirect";

using Key = std::shared_ptr<EVP_PKEY>;

// A key pair and its self-signed certificate from the openssl command line, in `dir`.
bool makeKeyPair(const QString &dir, const QString &name)
{
    QProcess openssl;
    openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                                 dir + u'/' + name + u"-key.pem"_s, u"-out"_s, dir + u'/' + name + u"-cert.pem"_s,
                                 u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=tst_emulator_jwt "_s + name});
    return openssl.waitForFinished(60'000) && openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Key privateKey(const QByteArray &pem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
    return Key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray rs256(EVP_PKEY *key, const QByteArray &input)
{
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    const auto *data = reinterpret_cast<const unsigned char *>(input.constData());
    size_t length = 0;
    if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, data, size_t(input.size())) != 1)
        return {};
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, data,
                       size_t(input.size())) != 1)
        return {};
    signature.resize(qsizetype(length));
    return signature;
}

// header.claims.signature; `key` null: no signature (alg none).
QString jwt(EVP_PKEY *key, const QJsonObject &claims, const QJsonObject &header = {{u"alg"_s, u"RS256"_s}})
{
    const QByteArray input = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                             base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    return QString::fromLatin1(input + '.' + (key ? base64Url(rs256(key, input)) : QByteArray()));
}

// An HS256 JWT whose MAC key is `secret` (RFC 7518 §3.2).
QString hs256Jwt(const QByteArray &secret, const QJsonObject &claims)
{
    const QByteArray input = base64Url(R"({"alg":"HS256"})") + '.' +
                             base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray mac = QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256);
    return QString::fromLatin1(input + '.' + base64Url(mac));
}

QByteArray errorBody(const QString &error, const QString &description)
{
    return "{\"error\":\"" + error.toUtf8() + "\",\"error_description\":\"" + description.toUtf8() + "\"}";
}
} // namespace

class TestEmulatorJwt : public QObject
{
    Q_OBJECT

    QString clientId() const { return m_emulator->demoProfile()[u"clientId"].toString(); }
    qint64 nowSeconds() const { return m_emulator->nowMs() / 1000; }
    QJsonObject claims(const QString &sub = kAda) const
    {
        return {{u"iss"_s, clientId()}, {u"sub"_s, sub}, {u"aud"_s, kProduction}, {u"exp"_s, nowSeconds() + 180}};
    }
    static QJsonObject with(QJsonObject claims, const QString &name, const QJsonValue &value)
    {
        if (value.isUndefined())
            claims.remove(name);
        else
            claims.insert(name, value);
        return claims;
    }
    Answer token(const QString &assertion, const QUrl &host = {}, const QList<QPair<QString, QString>> &extra = {})
    {
        const QUrl base = host.isEmpty() ? m_emulator->myDomainUrl() : host;
        return m_http.postForm(join(base, u"/services/oauth2/token"_s),
                               QList<QPair<QString, QString>>{{u"grant_type"_s, kGrant}, {u"assertion"_s, assertion}} +
                                   extra);
    }
    Answer demoToken(const QJsonObject &claims, const QUrl &host = {}) { return token(jwt(m_demo.get(), claims), host); }
    static void expectRefused(const Answer &a, const QString &error, const QString &description)
    {
        QCOMPARE(a.status, 400);
        QVERIFY(a.header("Content-Type").startsWith("application/json"));
        QCOMPARE(a.body, errorBody(error, description));
    }
    void createBob()
    {
        QCOMPARE(m_admin.call("POST", u"/users"_s, {{u"username"_s, kBob}, {u"password"_s, u"Bob-Pass-1234"_s}}).status,
                 200);
    }
    // Bob logs in and allows the demo app in the web server flow (an interactive approval).
    void bobApprovesInTheBrowser()
    {
        const QString challenge = s256Challenge(u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s);
        QUrl url = join(m_emulator->myDomainUrl(), u"/services/oauth2/authorize"_s);
        url.setQuery(QString::fromLatin1(Http::encode({{u"response_type"_s, u"code"_s},
                                                       {u"client_id"_s, clientId()},
                                                       {u"redirect_uri"_s, QString::fromUtf16(kCallback)},
                                                       {u"scope"_s, u"api"_s},
                                                       {u"code_challenge"_s, challenge}})));
        Browser browser;
        const Answer consent = browser.login(url, browser.get(url).body, kBob, u"Bob-Pass-1234"_s);
        QVERIFY(consent.body.contains("id=\"oaapprove\""));
        QCOMPARE(browser.consent(url, consent.body, true).status, 302);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_keys.isValid());
        QVERIFY2(makeKeyPair(m_keys.path(), u"a"_s) && makeKeyPair(m_keys.path(), u"b"_s), "openssl req -x509 failed");
        m_keyA = privateKey(readFile(m_keys.filePath(u"a-key.pem"_s)));
        m_keyB = privateKey(readFile(m_keys.filePath(u"b-key.pem"_s)));
        m_certA = readFile(m_keys.filePath(u"a-cert.pem"_s));
        QVERIFY(m_keyA && m_keyB && m_certA.startsWith("-----BEGIN CERTIFICATE-----"));
    }
    void init()
    {
        m_emulator.emplace();
        QVERIFY(startWithAdmin(*m_emulator, m_admin));
        // The demo profile as it is: the demo app's certificate, its key in privateKeyFile.
        m_demo = privateKey(readFile(m_emulator->demoProfile()[u"privateKeyFile"].toString()));
        QVERIFY(m_demo);
        m_demoCert = readFile(QString::fromUtf8(qgetenv("ECALAB_SOURCE_DIR")) + u"/resources/demo/demo-cert.pem"_s);
        QVERIFY(m_demoCert.startsWith("-----BEGIN CERTIFICATE-----"));
    }
    void cleanup() { m_emulator.reset(); }

    void anAppWithJwtAccessTokensGetsOneHere()
    {
        // isNamedUserJwtEnabled (eca-metadata.md §3.3): the bearer grant issues a JWT access token too.
        QCOMPARE(m_admin.changeApp(clientId(), {{u"isNamedUserJwtEnabled"_s, true}}).status, 200);
        const Answer a = demoToken(claims(), m_emulator->loginUrl());
        QCOMPARE(a.status, 200);
        const QString accessToken = a.json()[u"access_token"].toString();
        const QJsonArray keys = m_http.get(join(m_emulator->loginUrl(), u"/id/keys"_s)).json()[u"keys"].toArray();
        QVERIFY(verifyJwt(accessToken, keys));
        QCOMPARE(jwtClaims(accessToken)[u"iss"].toString(), m_emulator->loginUrl().toString());
        QCOMPARE(jwtClaims(accessToken)[u"sub"].toString(), a.json()[u"id"].toString());
        const Answer rest = m_http.get(join(m_emulator->myDomainUrl(), u"/services/data/v62.0/"_s),
                                       {{"Authorization", Http::bearer(accessToken)}});
        QCOMPARE(rest.status, 200);
    }

    void demoProfileGetsATokenOnEveryHost_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("login") << u"login"_s;
        QTest::newRow("My Domain") << u"myDomain"_s;
        QTest::newRow("site") << u"site"_s;
    }
    void demoProfileGetsATokenOnEveryHost()
    {
        QFETCH(QString, host);
        const QUrl base = host == u"login"     ? m_emulator->loginUrl()
                          : host == u"site"    ? m_emulator->siteUrl()
                                               : m_emulator->myDomainUrl();
        // A site user sends the site URL as aud (§5.1); the others login.salesforce.com.
        const QString aud = host == u"site" ? m_emulator->siteUrl().toString() : kProduction;
        const Answer a = demoToken(with(claims(), u"aud"_s, aud), base);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("Cache-Control"), QByteArray("no-cache,must-revalidate,max-age=0,no-store,private"));
        QStringList expected{u"access_token"_s, u"scope"_s, u"instance_url"_s, u"id"_s, u"token_type"_s};
        if (host == u"site")
            expected << u"sfdc_community_url"_s << u"sfdc_community_id"_s;
        QCOMPARE(a.json().keys().size(), expected.size());
        for (const QString &key : expected)
            QVERIFY2(a.json().contains(key), qPrintable(key));
        const QJsonObject o = a.json();
        QVERIFY(!o.contains(u"refresh_token"_s)); // §1.4, §12.6: never
        QVERIFY(o[u"access_token"].toString().startsWith(m_admin.get(u"/org"_s).json()[u"id"].toString() + u'!'));
        QCOMPARE(o[u"scope"].toString(), u"api openid id web"_s);
        QCOMPARE(o[u"instance_url"].toString(), m_emulator->myDomainUrl().toString(QUrl::StripTrailingSlash));
        QVERIFY(o[u"id"].toString().startsWith(base.toString(QUrl::StripTrailingSlash) + u"/id/00D"_s));
        QCOMPARE(o[u"token_type"].toString(), u"Bearer"_s);
        // The token is a session: REST answers it.
        const Answer rest = m_http.get(join(m_emulator->myDomainUrl(), u"/services/data/v62.0/"_s),
                                       {{"Authorization", Http::bearer(o[u"access_token"].toString())}});
        QCOMPARE(rest.status, 200);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        const QString grant = u"invalid_grant"_s;
        QTest::newRow("wrong aud") << u"aud"_s << grant << u"Audience validation failed"_s;
        QTest::newRow("expired exp") << u"exp"_s << grant << u"expired authorization code"_s;
        QTest::newRow("exp past on the emulator's clock") << u"clock"_s << grant << u"expired authorization code"_s;
        QTest::newRow("unknown iss") << u"iss"_s << u"invalid_client_id"_s << u"client identifier invalid"_s;
        QTest::newRow("unknown user") << u"user"_s << grant << u"user hasn't approved this consumer"_s;
        QTest::newRow("inactive user") << u"inactive"_s << u"inactive_user"_s << u"user is inactive"_s;
        QTest::newRow("never approved") << u"unapproved"_s << grant << u"user hasn't approved this consumer"_s;
        QTest::newRow("another key") << u"key"_s << grant << u"invalid assertion"_s;
        QTest::newRow("no certificate") << u"nocert"_s << grant << u"invalid assertion"_s;
        QTest::newRow("alg none") << u"none"_s << grant << u"invalid assertion"_s;
        QTest::newRow("alg HS256") << u"hs256"_s << grant << u"invalid assertion"_s;
        QTest::newRow("not a JWT") << u"garbage"_s << grant << u"invalid assertion"_s;
        QTest::newRow("no exp") << u"noexp"_s << grant << u"invalid assertion"_s;
    }
    void refusals()
    {
        QFETCH(QString, kind);
        QFETCH(QString, error);
        QFETCH(QString, description);
        QJsonObject c = claims();
        QString assertion;
        if (kind == u"aud")
            c = with(c, u"aud"_s, u"https://acme.my.salesforce.com"_s);
        else if (kind == u"exp")
            c = with(c, u"exp"_s, nowSeconds() - 5);
        else if (kind == u"clock")
            QCOMPARE(m_admin.advanceClock(600).status, 200); // exp = now + 180 s is then 7 min ago
        else if (kind == u"iss")
            c = with(c, u"iss"_s, u"3MVG9NoSuchConsumerKey"_s);
        else if (kind == u"user")
            c = with(c, u"sub"_s, u"nobody@ecalab.example"_s);
        else if (kind == u"inactive")
            QCOMPARE(m_admin.changeUser(kAda, {{u"active"_s, false}}).status, 200);
        else if (kind == u"unapproved") {
            createBob();
            c = claims(kBob);
        } else if (kind == u"key")
            assertion = jwt(m_keyB.get(), c);
        else if (kind == u"nocert")
            QCOMPARE(m_admin.changeApp(clientId(), {{u"certificate"_s, u""_s}}).status, 200);
        else if (kind == u"none")
            assertion = jwt(nullptr, c, {{u"alg"_s, u"none"_s}});
        else if (kind == u"hs256") // a MAC keyed with the certificate: the classic alg confusion
            assertion = hs256Jwt(m_demoCert, c);
        else if (kind == u"garbage")
            assertion = u"not.a-jwt"_s;
        else if (kind == u"noexp")
            c = with(c, u"exp"_s, QJsonValue(QJsonValue::Undefined));
        if (kind == u"clock") // exp from the real time, sent after the emulator's clock moved
            c = with(c, u"exp"_s, QDateTime::currentSecsSinceEpoch() + 180);
        expectRefused(token(assertion.isEmpty() ? jwt(m_demo.get(), c) : assertion), error, description);
    }

    void errorsFollowTheNegotiatedFormat()
    {
        const Answer a = token(jwt(m_keyB.get(), claims()), {}, {{u"format"_s, u"urlencoded"_s}});
        QCOMPARE(a.status, 400);
        QVERIFY(a.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        QCOMPARE(a.body, QByteArray("error=invalid_grant&error_description=invalid%20assertion"));
    }

    void audiencesAndMillisecondExpiryAccepted_data()
    {
        QTest::addColumn<QString>("aud");
        QTest::addColumn<bool>("milliseconds");
        QTest::newRow("production, trailing slash") << u"https://login.salesforce.com/"_s << false;
        QTest::newRow("sandbox") << u"https://test.salesforce.com"_s << false;
        QTest::newRow("sandbox, trailing slash, exp in ms") << u"https://test.salesforce.com/"_s << true;
        QTest::newRow("exp in ms (sfdx-core: Date.now() + 300)") << kProduction << true;
        QTest::newRow("site URL") << u"site"_s << false;
        QTest::newRow("site URL, trailing slash") << u"site/"_s << false;
        QTest::newRow("My Domain (JwtBearerGrant::kAcceptsMyDomainAudience)") << u"myDomain"_s << true;
        QTest::newRow("the emulator's login host") << u"login"_s << false;
    }
    void audiencesAndMillisecondExpiryAccepted()
    {
        QFETCH(QString, aud);
        QFETCH(bool, milliseconds);
        const QString site = m_emulator->siteUrl().toString(QUrl::StripTrailingSlash);
        if (aud.startsWith(u"site"))
            aud.replace(u"site"_s, site);
        else if (aud == u"myDomain")
            aud = m_emulator->myDomainUrl().toString(QUrl::StripTrailingSlash);
        else if (aud == u"login")
            aud = m_emulator->loginUrl().toString(QUrl::StripTrailingSlash);
        const qint64 exp = milliseconds ? m_emulator->nowMs() + 300 : nowSeconds() + 60;
        const Answer a = demoToken(with(with(claims(), u"aud"_s, aud), u"exp"_s, double(exp)));
        QVERIFY2(a.status == 200, a.body.constData());
    }

    void prnWinsOverSub()
    {
        const Answer ada = demoToken(with(claims(u"nobody@ecalab.example"_s), u"prn"_s, kAda));
        QCOMPARE(ada.status, 200);
        QVERIFY(ada.json()[u"id"].toString().endsWith(m_admin.get(u"/users/"_s + kAda).json()[u"id18"].toString()));
        expectRefused(demoToken(with(claims(kAda), u"prn"_s, u"nobody@ecalab.example"_s)), u"invalid_grant"_s,
                      u"user hasn't approved this consumer"_s);
        QCOMPARE(demoToken(with(claims(), u"sub"_s, QJsonValue(QJsonValue::Undefined))).status, 400);
        QCOMPARE(demoToken(with(with(claims(), u"sub"_s, QJsonValue(QJsonValue::Undefined)), u"prn"_s, kAda)).status,
                 200);
    }

    void approvedInAnInteractiveFlowEarlier()
    {
        createBob();
        const QString refused = u"user hasn't approved this consumer"_s;
        expectRefused(demoToken(claims(kBob)), u"invalid_grant"_s, refused);
        bobApprovesInTheBrowser();
        QCOMPARE(demoToken(claims(kBob)).status, 200); // whatever scopes he approved (§5)
        // Forgetting the approval (Setup → OAuth usage → Revoke) ends it.
        QCOMPARE(m_admin.call("DELETE", u"/approvals?username="_s + kBob).status, 200);
        expectRefused(demoToken(claims(kBob)), u"invalid_grant"_s, refused);
    }

    void demoUsersApprovalIsSeededAndConsentStillAsks()
    {
        // The seeded approval (users[].approvedApps) records no scopes: the web server flow's
        // consent page still shows for the demo user.
        QCOMPARE(m_admin.get(u"/users/"_s + kAda).json()[u"approvedApps"].toArray(),
                 QJsonArray{u"ECA_Lab_Demo"_s});
        QCOMPARE(m_admin.get(u"/approvals"_s).jsonArray().size(), 0);
        QUrl url = join(m_emulator->myDomainUrl(), u"/services/oauth2/authorize"_s);
        url.setQuery(QString::fromLatin1(
            Http::encode({{u"response_type"_s, u"code"_s},
                          {u"client_id"_s, clientId()},
                          {u"redirect_uri"_s, QString::fromUtf16(kCallback)},
                          {u"code_challenge"_s, s256Challenge(u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s)}})));
        Browser browser;
        const Answer consent = browser.login(url, browser.get(url).body, kAda, u"Demo-Pass-1234"_s);
        QVERIFY(consent.body.contains("id=\"oaapprove\""));
        // A reset keeps it: it is the org's data.
        QCOMPARE(m_admin.reset().status, 200);
        QCOMPARE(demoToken(claims()).status, 200);
    }

    void adminApprovedPolicy()
    {
        createBob();
        const QJsonObject adminApproved{{u"permittedUsersPolicyType"_s, u"AdminApprovedPreAuthorized"_s}};
        QCOMPARE(m_admin.changeApp(clientId(), adminApproved).status, 200);
        QCOMPARE(m_admin.changeUser(kAda, {{u"approvedApps"_s, QJsonArray()}}).status, 200);
        QCOMPARE(demoToken(claims()).status, 200); // ada is assigned: pre-authorized
        expectRefused(demoToken(claims(kBob)), u"invalid_app_access"_s,
                      u"user is not admin approved to access this app"_s);
    }

    void certificateReplacedThroughTheAdminApi()
    {
        QCOMPARE(demoToken(claims()).status, 200);
        const Answer changed = m_admin.changeApp(clientId(), {{u"certificate"_s, QString::fromLatin1(m_certA)}});
        QVERIFY2(changed.status == 200, changed.body.constData());
        QCOMPARE(changed.json()[u"certificate"].toString(), QString::fromLatin1(m_certA));
        QCOMPARE(token(jwt(m_keyA.get(), claims())).status, 200);
        expectRefused(demoToken(claims()), u"invalid_grant"_s, u"invalid assertion"_s); // the old key
        // A bad PEM is refused and changes nothing.
        const Answer bad = m_admin.changeApp(clientId(), {{u"certificate"_s, u"-----BEGIN CERTIFICATE-----\nno"_s}});
        QCOMPARE(bad.status, 400);
        QVERIFY2(bad.json()[u"error"].toString().startsWith(u"app.certificate: is not a PEM X.509 certificate with an RSA key ("_s),
                 bad.body.constData());
        const QString keyPem = QString::fromLatin1(readFile(m_keys.filePath(u"a-key.pem"_s)));
        QCOMPARE(m_admin.changeApp(clientId(), {{u"certificate"_s, keyPem}}).status, 400); // a key is no certificate
        QCOMPARE(token(jwt(m_keyA.get(), claims())).status, 200);
        // Removing it switches the flow off.
        QCOMPARE(m_admin.changeApp(clientId(), {{u"certificate"_s, u""_s}}).status, 200);
        expectRefused(token(jwt(m_keyA.get(), claims())), u"invalid_grant"_s, u"invalid assertion"_s);
    }

    void chunkedRequestBodies()
    {
        // The Salesforce CLI posts with Transfer-Encoding: chunked and no Content-Length; the
        // chunks here arrive in separate writes, split mid-chunk.
        const QByteArray body = Http::encode({{u"grant_type"_s, kGrant}, {u"assertion"_s, jwt(m_demo.get(), claims())}});
        const QByteArray head = "POST /services/oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                "Content-Type: application/x-www-form-urlencoded\r\n"
                                "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        const qsizetype half = body.size() / 2;
        const QList<QByteArray> pieces{head,
                                       QByteArray::number(half, 16) + "\r\n" + body.left(half / 2),
                                       body.mid(half / 2, half - half / 2) + "\r\n",
                                       QByteArray::number(body.size() - half, 16) + "\r\n" + body.mid(half) + "\r\n",
                                       "0\r\n\r\n"};
        const QByteArray answer = piecewiseExchange(quint16(m_emulator->myDomainUrl().port()), pieces);
        QVERIFY2(answer.startsWith("HTTP/1.1 200 "), answer.constData());
        QVERIFY(answer.contains("\"access_token\":\"00D"));
        // The admin API reads chunked JSON bodies the same way.
        const QByteArray json = R"({"name":"Chunked Org"})";
        const QByteArray patch = "PATCH /__emulator/org HTTP/1.1\r\nHost: 127.0.0.1:" +
                                 QByteArray::number(m_emulator->myDomainUrl().port()) +
                                 "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                                 "Connection: close\r\n\r\n";
        const QByteArray changed = piecewiseExchange(quint16(m_emulator->myDomainUrl().port()),
                                                     {patch, QByteArray::number(json.size(), 16) + "\r\n" + json,
                                                      "\r\n0\r\n\r\n"});
        QVERIFY2(changed.startsWith("HTTP/1.1 200 "), changed.constData());
        QCOMPARE(m_admin.get(u"/org"_s).json()[u"name"].toString(), u"Chunked Org"_s);
    }

private:
    // Writes each piece on its own, letting the event loop (and the emulator) run in between.
    static QByteArray piecewiseExchange(quint16 port, const QList<QByteArray> &pieces)
    {
        QTcpSocket socket;
        QByteArray answer;
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
        QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(10'000))
            return {};
        for (const QByteArray &piece : pieces) {
            socket.write(piece);
            socket.flush();
            QTest::qWait(30);
        }
        if (socket.state() != QAbstractSocket::UnconnectedState)
            disconnected.wait(10'000);
        return answer + socket.readAll();
    }

    QTemporaryDir m_keys;
    Key m_keyA, m_keyB, m_demo;
    QByteArray m_certA, m_demoCert;
    std::optional<Emulator> m_emulator;
    EmulatorAdmin m_admin;
    Http m_http;
};

QTEST_GUILESS_MAIN(TestEmulatorJwt)
#include "tst_emulator_jwt.moc"
