// The one JWT verifier (ID tokens and JWT access tokens): RS256 against a JWKS whose keys are
// generated here with OpenSSL, each failure with its verdict, then the network class against a
// JWKS server in this test — discovery, the JWKS, and the one refetch when a kid is missing
// (a rotated key published since, or rotated away).
#include "core/Clock.h"
#include "core/FormEncoding.h"
#include "crypto/Hmac.h"
#include "http/ExchangeLog.h"
#include "http/HttpClient.h"
#include "oauth/IdTokenVerifier.h"
#include "oauth/Jwt.h"
#include "tokens/TokenDecoding.h"
#include "tokens/TokenVerification.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kIssuer = u"https://acme.my.salesforce.com"_s;
const QString kClient = u"3MVG9client"_s;
const QString kNonce = u"n-0S6_WzA2Mj"_s;
const QString kAccessToken = u"00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog"_s;
constexpr qint64 kNow = 1'764'000'000; // 2025-11-24 16:00:00 UTC (the test runs with TZ=UTC)

QByteArray bignum(EVP_PKEY *key, const char *name)
{
    BIGNUM *bn = nullptr;
    EVP_PKEY_get_bn_param(key, name, &bn);
    QByteArray bytes(BN_num_bytes(bn), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char *>(bytes.data()));
    BN_free(bn);
    return bytes;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// An RSA key made for this test run: its public JWK, its public PEM, and RS256 tokens it signs.
class TestKey
{
public:
    TestKey() : m_key(EVP_RSA_gen(2048)) {}
    ~TestKey() { EVP_PKEY_free(m_key); }
    TestKey(const TestKey &) = delete;
    TestKey &operator=(const TestKey &) = delete;

    QJsonObject jwk(const QString &kid) const
    {
        return {{u"kty"_s, u"RSA"_s},
                {u"alg"_s, u"RS256"_s},
                {u"use"_s, u"sig"_s},
                {u"kid"_s, kid},
                {u"n"_s, QString::fromLatin1(base64UrlEncode(bignum(m_key, OSSL_PKEY_PARAM_RSA_N)))},
                {u"e"_s, QString::fromLatin1(base64UrlEncode(bignum(m_key, OSSL_PKEY_PARAM_RSA_E)))}};
    }
    QByteArray publicPem() const
    {
        BIO *bio = BIO_new(BIO_s_mem());
        PEM_write_bio_PUBKEY(bio, m_key);
        char *data = nullptr;
        const long length = BIO_get_mem_data(bio, &data);
        QByteArray pem(data, length);
        BIO_free(bio);
        return pem;
    }
    QString sign(const QJsonObject &header, const QJsonObject &claims) const
    {
        auto token = signCompactRs256(header, claims, *m_key);
        return token ? *token : QString();
    }

private:
    EVP_PKEY *m_key;
};

QJsonObject header(const QString &kid)
{
    return {{u"alg"_s, u"RS256"_s}, {u"typ"_s, u"JWT"_s}, {u"kid"_s, kid}};
}

QJsonObject goodClaims()
{
    return {{u"iss"_s, kIssuer},   {u"sub"_s, kIssuer + u"/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS"_s},
            {u"aud"_s, kClient},   {u"iat"_s, kNow - 10},
            {u"nbf"_s, kNow - 10}, {u"exp"_s, kNow + 110},
            {u"nonce"_s, kNonce},  {u"at_hash"_s, accessTokenHash(kAccessToken)}};
}

TokenExpectations expectations()
{
    TokenExpectations expected;
    expected.issuer = kIssuer;
    expected.audience = kClient;
    expected.nonce = kNonce;
    expected.accessToken = kAccessToken;
    expected.now = QDateTime::fromSecsSinceEpoch(kNow, Qt::UTC);
    return expected;
}

// header.payload.signature with any header, the signature given as bytes.
QString compact(const QJsonObject &head, const QJsonObject &claims, const QByteArray &signature = {})
{
    return QString::fromLatin1(base64UrlEncode(json(head)) + '.' + base64UrlEncode(json(claims)) + '.' +
                               base64UrlEncode(signature));
}

// Discovery and a JWKS that changes between fetches (a key rotation), over plain HTTP on loopback.
class JwksServer : public QObject
{
public:
    JwksServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, &JwksServer::onConnection);
    }
    QUrl url() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.serverPort())); }
    // Served in order, one a fetch; the last one again for any later fetch.
    void setJwks(QList<QJsonObject> answers) { m_jwks = std::move(answers); }
    int jwksFetches() const { return m_jwksFetches; }
    int discoveryFetches() const { return m_discoveryFetches; }

private:
    void onConnection()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                QByteArray &buffer = m_buffers[socket];
                buffer += socket->readAll();
                if (buffer.contains("\r\n\r\n")) {
                    const QByteArray path = buffer.left(buffer.indexOf("\r\n")).split(' ').value(1);
                    m_buffers.remove(socket);
                    answer(socket, path);
                }
            });
        }
    }
    void answer(QTcpSocket *socket, const QByteArray &path)
    {
        int status = 200;
        QByteArray body;
        if (path == "/.well-known/openid-configuration") {
            ++m_discoveryFetches;
            body = json({{u"issuer"_s, kIssuer}, {u"jwks_uri"_s, url().toString() + u"/id/keys"_s}});
        } else if (path == "/id/keys" && !m_jwks.isEmpty()) {
            body = json(m_jwks.at(qMin(m_jwksFetches, m_jwks.size() - 1)));
            ++m_jwksFetches;
        } else {
            status = 404;
            body = "{}";
        }
        socket->write("HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Not Found") +
                      "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<QJsonObject> m_jwks;
    int m_jwksFetches = 0;
    int m_discoveryFetches = 0;
};
} // namespace

class TestTokenVerify : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_key = std::make_unique<TestKey>();
        m_other = std::make_unique<TestKey>();
        m_rotated = std::make_unique<TestKey>();
        m_jwks = {{u"keys"_s, QJsonArray{m_other->jwk(u"244"_s), m_key->jwk(u"248"_s)}}};
    }

    // ---- the pure checks ------------------------------------------------------------------

    void goodTokenPassesEveryCheck()
    {
        const TokenVerdict verdict = verifyJwt(m_key->sign(header(u"248"_s), goodClaims()), m_jwks, expectations());
        QVERIFY2(verdict.valid(), qPrintable(verdict.problem));
        QCOMPARE(verdict.checkValue(), u"valid"_s);
        QCOMPARE(verdict.keyId, u"248"_s);
        QCOMPARE(verdict.passed, (QStringList{u"signature RS256 (kid 248)"_s, u"iss"_s, u"aud"_s, u"exp (60 s skew)"_s,
                                              u"nbf (60 s skew)"_s, u"iat (60 s skew)"_s, u"nonce"_s, u"at_hash"_s}));
    }

    void theStatedSkewIsTheOneApplied()
    {
        TokenExpectations expected = expectations();
        expected.clockSkewSeconds = 300;
        QJsonObject claims = goodClaims();
        claims.insert(u"exp"_s, kNow - 200); // expired 200 s ago, inside 300 s
        const TokenVerdict verdict = verifyJwt(m_key->sign(header(u"248"_s), claims), m_jwks, expected);
        QVERIFY2(verdict.valid(), qPrintable(verdict.problem));
        QVERIFY(verdict.passed.contains(u"exp (300 s skew)"_s));
    }

    void eachProblemHasItsVerdict_data()
    {
        QTest::addColumn<QString>("kid");
        QTest::addColumn<QJsonObject>("changes");
        QTest::addColumn<QString>("problem");
        QTest::newRow("bad signature: signed by another key under kid 248")
            << u"248*"_s << QJsonObject{}
            << u"the RS256 signature does not verify with key \"248\": the token was altered, or signed by another key"_s;
        QTest::newRow("unknown kid") << u"999"_s << QJsonObject{}
                                     << u"the JWKS has no key with kid \"999\" (2 keys published)"_s;
        QTest::newRow("expired")
            << u"248"_s << QJsonObject{{u"exp"_s, kNow - 1000}}
            << u"it expired: exp is 1763999000 (2025-11-24 15:43:20 UTC, 16 min ago), beyond the 60 s "
               u"clock-skew allowance"_s;
        QTest::newRow("not yet valid (nbf)") << u"248"_s << QJsonObject{{u"nbf"_s, kNow + 600}}
                                             << u"it is not valid yet: nbf is 1764000600 (2025-11-24 16:10:00 UTC, in "
                                                u"10 min), beyond the 60 s clock-skew "
                                                u"allowance"_s;
        QTest::newRow("issued in the future (iat)")
            << u"248"_s << QJsonObject{{u"iat"_s, kNow + 7200}}
            << u"it was issued in the future: iat is 1764007200 (2025-11-24 18:00:00 UTC, in 2 h), beyond the 60 s "
               u"clock-skew allowance; this computer's clock or the server's is wrong"_s;
        QTest::newRow("no exp") << u"248"_s << QJsonObject{{u"exp"_s, QJsonValue()}}
                                << u"exp is not a number of seconds"_s;
        QTest::newRow("wrong aud")
            << u"248"_s << QJsonObject{{u"aud"_s, u"someone-else"_s}}
            << u"aud is \"someone-else\", not this app's consumer key \"3MVG9client\": the token was "
               u"issued to another app"_s;
        QTest::newRow("wrong aud (array)")
            << u"248"_s << QJsonObject{{u"aud"_s, QJsonArray{u"a"_s, u"b"_s}}}
            << u"aud is \"a\", \"b\", not this app's consumer key \"3MVG9client\": the token was issued to another app"_s;
        QTest::newRow("wrong iss")
            << u"248"_s << QJsonObject{{u"iss"_s, u"https://evil.example"_s}}
            << u"iss is \"https://evil.example\", the org's issuer is \"https://acme.my.salesforce.com\""_s;
        QTest::newRow("wrong nonce") << u"248"_s << QJsonObject{{u"nonce"_s, u"replayed"_s}}
                                     << u"nonce does not match the one sent"_s;
        QTest::newRow("at_hash mismatch")
            << u"248"_s << QJsonObject{{u"at_hash"_s, u"AAAAAAAAAAAAAAAAAAAAAA"_s}}
            << u"at_hash does not match the access token: this ID token was issued with another access token"_s;
    }
    void eachProblemHasItsVerdict()
    {
        QFETCH(QString, kid);
        QFETCH(QJsonObject, changes);
        QFETCH(QString, problem);
        QJsonObject claims = goodClaims();
        for (auto it = changes.begin(); it != changes.end(); ++it)
            claims.insert(it.key(), it.value());
        const bool forged = kid.endsWith(u'*');
        kid.remove(u'*');
        const QString token = (forged ? *m_other : *m_key).sign(header(kid), claims);
        const TokenVerdict verdict = verifyJwt(token, m_jwks, expectations());
        QCOMPARE(verdict.problem, problem);
        QCOMPARE(verdict.checkValue(), u"invalid: "_s + problem);
    }

    void audienceArrayNamingTheAppPasses()
    {
        QJsonObject claims = goodClaims();
        claims.insert(u"aud"_s, QJsonArray{u"https://api.example"_s, kClient});
        QVERIFY(verifyJwt(m_key->sign(header(u"248"_s), claims), m_jwks, expectations()).valid());
    }

    void tamperedPayloadFailsTheSignature()
    {
        QStringList parts = m_key->sign(header(u"248"_s), goodClaims()).split(u'.');
        QJsonObject claims = goodClaims();
        claims.insert(u"sub"_s, u"someone else"_s);
        parts[1] = QString::fromLatin1(base64UrlEncode(json(claims)));
        QCOMPARE(
            verifyJwt(parts.join(u'.'), m_jwks, expectations()).problem,
            u"the RS256 signature does not verify with key \"248\": the token was altered, or signed by another key"_s);
    }

    void algNoneIsRefused()
    {
        QJsonObject none = header(u"248"_s);
        none.insert(u"alg"_s, u"none"_s);
        const TokenVerdict verdict = verifyJwt(compact(none, goodClaims()), m_jwks, expectations());
        QCOMPARE(verdict.problem,
                 u"alg is \"none\": the token is unsigned, so nothing vouches for its claims; only RS256 "
                 u"is accepted (RFC 8725 §3.1)"_s);
        QVERIFY(verdict.passed.isEmpty());
    }

    // Key confusion: HS256 "signed" with the org's public key (its PEM) as the HMAC secret. The
    // forgery is real — the HMAC checks out with that secret — and is refused for its alg.
    void hs256WithThePublicKeyAsSecretIsRefused()
    {
        QJsonObject hs = header(u"248"_s);
        hs.insert(u"alg"_s, u"HS256"_s);
        const QByteArray pem = m_key->publicPem();
        QVERIFY(pem.startsWith("-----BEGIN PUBLIC KEY-----"));
        const QByteArray signingInput = base64UrlEncode(json(hs)) + '.' + base64UrlEncode(json(goodClaims()));
        const QByteArray mac = crypto::hmacSha256(pem, signingInput);
        const QString forged = QString::fromLatin1(signingInput + '.' + base64UrlEncode(mac));
        auto parsed = Jwt::parse(forged);
        QVERIFY(parsed);
        QVERIFY(crypto::constantTimeEquals(crypto::hmacSha256(pem, parsed->signingInput), parsed->signature));

        const TokenVerdict verdict = verifyJwt(forged, m_jwks, expectations());
        QCOMPARE(
            verdict.problem,
            u"alg is \"HS256\": an HMAC, which Salesforce never issues; a verifier that took the org's public key as "
            u"the HMAC secret would accept a forgery (key confusion, RFC 8725 §2.1); only RS256 is accepted"_s);
    }

    void otherAlgorithmsAreRefused()
    {
        QJsonObject es = header(u"248"_s);
        es.insert(u"alg"_s, u"ES256"_s);
        QCOMPARE(verifyJwt(compact(es, goodClaims(), "sig"), m_jwks, expectations()).problem,
                 u"alg is \"ES256\"; Salesforce signs its tokens with RS256 (§7.7) and nothing else is accepted"_s);
        QJsonObject noAlg = header(u"248"_s);
        noAlg.remove(u"alg"_s);
        QCOMPARE(verifyJwt(compact(noAlg, goodClaims(), "sig"), m_jwks, expectations()).problem,
                 u"the header names no alg; only RS256 is accepted"_s);
    }

    void malformedTokensAreNamed_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("problem");
        const QByteArray head = base64UrlEncode(json(header(u"248"_s)));
        QTest::newRow("bad base64url")
            << QString::fromLatin1(head + ".ey*J.c2ln")
            << u"it is not a JWT: the payload is not base64url: character '*' at position 3 is "
               u"not in the base64url alphabet"_s;
        QTest::newRow("not JSON")
            << QString::fromLatin1(head + '.' + base64UrlEncode("{\"iss\": ") + ".c2ln")
            << u"it is not a JWT: the payload is base64url but not JSON (unterminated object at byte 8)"_s;
        QTest::newRow("JSON but not an object") << QString::fromLatin1(head + '.' + base64UrlEncode("[1,2]") + ".c2ln")
                                                << u"it is not a JWT: the payload is JSON but not an object"_s;
        QTest::newRow("two parts") << QString::fromLatin1(head + ".e30")
                                   << u"it is not a JWT: it has 2 dot-separated parts; a JWT (compact JWS) has three"_s;
        QTest::newRow("oversized")
            << QString(kMaxTokenLength + 1, u'a')
            << u"it is not a JWT: it is 65537 characters long; no token is longer than 65536, so "
               u"this paste is something else"_s;
        QTest::newRow("a Salesforce session token") << kAccessToken
                                                    << u"it is a Salesforce session token of org 00Dxx0000001gPL, not "
                                                       u"a JWT: it carries no signature to verify; "
                                                       u"introspection tells whether it is active"_s;
    }
    void malformedTokensAreNamed()
    {
        QFETCH(QString, token);
        QFETCH(QString, problem);
        QCOMPARE(verifyJwt(token, m_jwks, expectations()).problem, problem);
    }

    void aBearerPrefixAndSurroundingWhitespaceAreIgnored()
    {
        const QString token = m_key->sign(header(u"248"_s), goodClaims());
        const TokenVerdict verdict = verifyJwt(u"  Bearer "_s + token + u"\n"_s, m_jwks, expectations());
        QVERIFY2(verdict.valid(), qPrintable(verdict.problem));
    }

    void noKidUsesTheOnlyRsaKey()
    {
        QJsonObject head = header(u"248"_s);
        head.remove(u"kid"_s);
        const QString token = m_key->sign(head, goodClaims());
        const TokenVerdict single = verifyJwt(token, {{u"keys"_s, QJsonArray{m_key->jwk(u"248"_s)}}}, expectations());
        QVERIFY2(single.valid(), qPrintable(single.problem));
        QCOMPARE(single.passed.first(), u"signature RS256 (kid 248)"_s);
        QCOMPARE(verifyJwt(token, m_jwks, expectations()).problem,
                 u"the token names no kid and the JWKS has 2 RSA signing keys"_s);
    }

    void aKeyPublishedForAnotherUseIsRefused()
    {
        QJsonObject jwk = m_key->jwk(u"248"_s);
        jwk.insert(u"use"_s, u"enc"_s);
        const QJsonObject jwks{{u"keys"_s, QJsonArray{jwk}}};
        QCOMPARE(verifyJwt(m_key->sign(header(u"248"_s), goodClaims()), jwks, expectations()).problem,
                 u"key \"248\" is published for use \"enc\", not for signatures"_s);
    }

    void idTokenWrapperIsTheSameVerifier()
    {
        const IdTokenExpectations id{kIssuer, kClient, kNonce, kAccessToken, kNow};
        QJsonObject claims = goodClaims();
        claims.insert(u"aud"_s, u"someone-else"_s);
        const QString token = m_key->sign(header(u"248"_s), claims);
        QCOMPARE(verifyIdToken(token, m_jwks, id).problem, verifyJwt(token, m_jwks, expectations()).problem);
        QCOMPARE(verifyIdToken(token, m_jwks, IdTokenExpectations{{}, kClient, {}, {}, kNow}).problem,
                 u"there is no issuer to check the ID token's iss against"_s);
    }

    // ---- discovery → JWKS → verify, with the refetch ------------------------------------------

    void networkGoodToken()
    {
        JwksServer server;
        server.setJwks({m_jwks});
        const TokenVerdict verdict = runNetwork(server, m_key->sign(header(u"248"_s), goodClaims()));
        QVERIFY2(verdict.valid(), qPrintable(verdict.problem));
        QCOMPARE(server.discoveryFetches(), 1);
        QCOMPARE(server.jwksFetches(), 1);
        QCOMPARE(m_log.exchanges().size(), 2);
        QCOMPARE(m_log.exchanges().at(0).request.url.path(), u"/.well-known/openid-configuration"_s);
        QCOMPARE(m_log.exchanges().at(1).request.url.path(), u"/id/keys"_s);
        QCOMPARE(m_log.exchanges().at(1).stageId, u"verify-token"_s);
    }

    // The token names kid 250, which the first JWKS does not have yet and the second does.
    void rotatedKeyFoundOnTheRefetch()
    {
        JwksServer server;
        const QJsonObject after{{u"keys"_s, QJsonArray{m_key->jwk(u"248"_s), m_rotated->jwk(u"250"_s)}}};
        server.setJwks({m_jwks, after});
        const TokenVerdict verdict = runNetwork(server, m_rotated->sign(header(u"250"_s), goodClaims()));
        QVERIFY2(verdict.valid(), qPrintable(verdict.problem));
        QCOMPARE(verdict.passed.first(), u"signature RS256 (kid 250)"_s);
        QCOMPARE(server.jwksFetches(), 2);
        QCOMPARE(m_log.exchanges().size(), 3);
    }

    void rotatedAwayKeyMissingBothTimes()
    {
        JwksServer server;
        server.setJwks({m_jwks});
        const TokenVerdict verdict = runNetwork(server, m_rotated->sign(header(u"250"_s), goodClaims()));
        QCOMPARE(verdict.problem, u"the key (kid 250) that signed it is not in the org's JWKS any more: it was rotated "
                                  u"away, or the token is from another org"_s);
        QCOMPARE(verdict.problem, rotatedKeyProblem(u"250"_s));
        QCOMPARE(server.jwksFetches(), 2);
        QCOMPARE(m_log.exchanges().size(), 3);
    }

    void otherFailuresDoNotRefetch()
    {
        JwksServer server;
        server.setJwks({m_jwks});
        const TokenVerdict verdict = runNetwork(server, m_other->sign(header(u"248"_s), goodClaims()));
        QVERIFY(verdict.problem.startsWith(u"the RS256 signature does not verify"_s));
        QCOMPARE(server.jwksFetches(), 1);
    }

    // No answer at all is about the way to the keys (exit 3 in the CLI); a wrong answer is not.
    void keysThatCannotBeReachedAreSaidApart()
    {
        QUrl closed;
        {
            JwksServer gone;
            closed = gone.url();
        }
        const TokenVerdict unreachable = runNetworkAt(closed, m_key->sign(header(u"248"_s), goodClaims()));
        QVERIFY(!unreachable.valid());
        QVERIFY2(unreachable.keysUnreachable, qPrintable(unreachable.problem));
        QVERIFY2(unreachable.problem.startsWith(u"the discovery document could not be fetched"_s),
                 qPrintable(unreachable.problem));

        JwksServer server;
        server.setJwks({QJsonObject{{u"not"_s, u"keys"_s}}});
        const TokenVerdict wrongAnswer = runNetwork(server, m_key->sign(header(u"248"_s), goodClaims()));
        QVERIFY(!wrongAnswer.valid());
        QVERIFY(!wrongAnswer.keysUnreachable);
    }

    void theIdTokenVerificationRefetchesToo()
    {
        JwksServer server;
        const QJsonObject after{{u"keys"_s, QJsonArray{m_rotated->jwk(u"250"_s)}}};
        server.setJwks({m_jwks, after});
        m_log.clear();
        HttpClient http(&m_network, &m_log, m_clock);
        IdTokenVerification verification(http, u"Verify ID token"_s);
        QSignalSpy finished(&verification, &IdTokenVerification::finished);
        const QJsonObject discovery{{u"issuer"_s, kIssuer}, {u"jwks_uri"_s, server.url().toString() + u"/id/keys"_s}};
        verification.start(discovery, m_rotated->sign(header(u"250"_s), goodClaims()),
                           IdTokenExpectations{{}, kClient, kNonce, kAccessToken, kNow});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10'000);
        const auto verdict = finished.first().first().value<TokenVerdict>();
        QVERIFY2(verdict.valid(), qPrintable(verdict.problem));
        QCOMPARE(server.jwksFetches(), 2);
        QCOMPARE(server.discoveryFetches(), 0);
    }

    void abortMeansNoFinished()
    {
        JwksServer server;
        server.setJwks({m_jwks});
        HttpClient http(&m_network, &m_log, m_clock);
        TokenVerification verification(http, StageLabel{u"verify-token"_s, u"Verify token"_s});
        QSignalSpy finished(&verification, &TokenVerification::finished);
        verification.start(server.url(), m_key->sign(header(u"248"_s), goodClaims()), expectations());
        verification.abort();
        QTest::qWait(200);
        QCOMPARE(finished.size(), 0);
    }

private:
    TokenVerdict runNetwork(JwksServer &server, const QString &token) { return runNetworkAt(server.url(), token); }
    TokenVerdict runNetworkAt(const QUrl &loginUrl, const QString &token)
    {
        m_log.clear();
        HttpClient http(&m_network, &m_log, m_clock);
        TokenVerification verification(http, StageLabel{u"verify-token"_s, u"Verify token"_s});
        QSignalSpy finished(&verification, &TokenVerification::finished);
        TokenExpectations expected = expectations();
        expected.issuer.clear(); // taken from the discovery document
        verification.start(loginUrl, token, expected);
        if (!QTest::qWaitFor([&] { return finished.size() > 0; }, 10'000))
            return TokenVerdict::refused(u"no verdict within 10 s"_s);
        [&] { QCOMPARE(finished.size(), 1); }();
        return finished.first().first().value<TokenVerdict>();
    }

    std::unique_ptr<TestKey> m_key;
    std::unique_ptr<TestKey> m_other;
    std::unique_ptr<TestKey> m_rotated;
    QJsonObject m_jwks;
    QNetworkAccessManager m_network;
    ExchangeLog m_log;
    ManualClock m_clock;
};

int main(int argc, char **argv)
{
    qputenv("TZ", "UTC"); // the verdicts' local times, spelled out
    QCoreApplication app(argc, argv);
    TestTokenVerify test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_tokenverify.moc"
