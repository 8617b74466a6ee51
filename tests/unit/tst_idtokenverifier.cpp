// ID token checks (OIDC Core §3.1.3.7) against an RSA key generated here with OpenSSL: the
// signature, iss, aud, exp with its skew, nonce and at_hash, each able to fail on its own.
#include "core/FormEncoding.h"
#include "oauth/IdTokenVerifier.h"
#include "oauth/Jwt.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kIssuer = u"https://acme.my.salesforce.com"_s;
const QString kClient = u"3MVG9client"_s;
const QString kNonce = u"n-0S6_WzA2Mj"_s;
const QString kAccessToken = u"00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog"_s;
constexpr qint64 kNow = 1'764'000'000;

QByteArray bignum(EVP_PKEY *key, const char *name)
{
    BIGNUM *bn = nullptr;
    EVP_PKEY_get_bn_param(key, name, &bn);
    QByteArray bytes(BN_num_bytes(bn), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char *>(bytes.data()));
    BN_free(bn);
    return bytes;
}

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
    QString sign(const QJsonObject &header, const QJsonObject &claims) const
    {
        const QByteArray input = base64UrlEncode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
                                 + base64UrlEncode(QJsonDocument(claims).toJson(QJsonDocument::Compact));
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        size_t length = 0;
        EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, m_key);
        EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size()));
        QByteArray signature(qsizetype(length), '\0');
        EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size()));
        EVP_MD_CTX_free(ctx);
        return QString::fromLatin1(input + '.' + base64UrlEncode(signature.left(qsizetype(length))));
    }

private:
    EVP_PKEY *m_key;
};

QJsonObject goodClaims()
{
    return {{u"iss"_s, kIssuer},         {u"sub"_s, kIssuer + u"/id/00Dxx/005xx"_s},
            {u"aud"_s, kClient},         {u"iat"_s, kNow - 10},
            {u"exp"_s, kNow + 110},      {u"nonce"_s, kNonce},
            {u"at_hash"_s, accessTokenHash(kAccessToken)}};
}

IdTokenExpectations expectations()
{
    return {kIssuer, kClient, kNonce, kAccessToken, kNow};
}
} // namespace

class TestIdTokenVerifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_key = std::make_unique<TestKey>();
        m_other = std::make_unique<TestKey>();
        m_jwks = {{u"keys"_s, QJsonArray{m_other->jwk(u"244"_s), m_key->jwk(u"248"_s)}}};
    }

    void validTokenPassesEveryCheck()
    {
        const QString token = m_key->sign(header(u"248"_s), goodClaims());
        const IdTokenVerdict verdict = verifyIdToken(token, m_jwks, expectations());
        QVERIFY2(verdict.valid(), qPrintable(verdict.problem));
        QCOMPARE(verdict.checkValue(), u"valid"_s);
        QCOMPARE(verdict.passed, (QStringList{u"signature RS256 (kid 248)"_s, u"iss"_s, u"aud"_s, u"exp (60 s skew)"_s,
                                              u"iat (60 s skew)"_s, u"nonce"_s, u"at_hash"_s}));
    }

    void atHashIsTheLeftHalfOfSha256()
    {
        // OIDC Core §3.1.3.6, recomputed here: 16 bytes → 22 base64url characters, no padding.
        const QByteArray digest = QCryptographicHash::hash(kAccessToken.toLatin1(), QCryptographicHash::Sha256);
        QCOMPARE(accessTokenHash(kAccessToken), QString::fromLatin1(digest.left(16).toBase64(
                                                    QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
        QCOMPARE(accessTokenHash(kAccessToken).size(), 22);
    }

    void eachProblemIsNamed_data()
    {
        QTest::addColumn<QString>("kid");
        QTest::addColumn<QString>("claim");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("wrong issuer") << u"248"_s << u"iss"_s << QJsonValue(u"https://evil.example"_s) << u"iss"_s;
        QTest::newRow("wrong audience") << u"248"_s << u"aud"_s << QJsonValue(u"someone-else"_s) << u"aud"_s;
        QTest::newRow("expired beyond skew") << u"248"_s << u"exp"_s << QJsonValue(kNow - kIdTokenClockSkewSeconds - 1)
                                             << u"expired"_s;
        QTest::newRow("wrong nonce") << u"248"_s << u"nonce"_s << QJsonValue(u"replayed"_s) << u"nonce"_s;
        QTest::newRow("wrong at_hash") << u"248"_s << u"at_hash"_s << QJsonValue(u"AAAAAAAAAAAAAAAAAAAAAA"_s) << u"at_hash"_s;
        QTest::newRow("unknown kid") << u"999"_s << QString() << QJsonValue() << u"kid \"999\""_s;
        QTest::newRow("signed by another key") << u"244"_s << QString() << QJsonValue() << u"does not verify"_s;
    }
    void eachProblemIsNamed()
    {
        QFETCH(QString, kid);
        QFETCH(QString, claim);
        QFETCH(QJsonValue, value);
        QFETCH(QString, mentions);
        QJsonObject claims = goodClaims();
        if (!claim.isEmpty())
            claims.insert(claim, value);
        const QString token = m_key->sign(header(kid), claims);
        const IdTokenVerdict verdict = verifyIdToken(token, m_jwks, expectations());
        QVERIFY(!verdict.valid());
        QVERIFY2(verdict.problem.contains(mentions), qPrintable(verdict.problem));
        QVERIFY(verdict.checkValue().startsWith(u"invalid: "_s));
    }

    void expiryWithinTheSkewIsAccepted()
    {
        QJsonObject claims = goodClaims();
        claims.insert(u"exp"_s, kNow - kIdTokenClockSkewSeconds + 1);
        QVERIFY(verifyIdToken(m_key->sign(header(u"248"_s), claims), m_jwks, expectations()).valid());
    }

    void missingNonceWhenOneWasSent()
    {
        QJsonObject claims = goodClaims();
        claims.remove(u"nonce"_s);
        const IdTokenVerdict verdict = verifyIdToken(m_key->sign(header(u"248"_s), claims), m_jwks, expectations());
        QCOMPARE(verdict.problem, u"nonce is missing"_s);
    }

    void tamperedPayloadFailsTheSignature()
    {
        const QString token = m_key->sign(header(u"248"_s), goodClaims());
        QStringList parts = token.split(u'.');
        QJsonObject claims = goodClaims();
        claims.insert(u"sub"_s, u"someone else"_s);
        parts[1] = QString::fromLatin1(base64UrlEncode(QJsonDocument(claims).toJson(QJsonDocument::Compact)));
        QVERIFY(verifyIdToken(parts.join(u'.'), m_jwks, expectations()).problem.contains(u"does not verify"_s));
    }

    void algNoneAndGarbageAreRefused()
    {
        QJsonObject none = header(u"248"_s);
        none.insert(u"alg"_s, u"none"_s);
        const QString unsigned_ = QString::fromLatin1(base64UrlEncode(QJsonDocument(none).toJson()) + '.'
                                                      + base64UrlEncode(QJsonDocument(goodClaims()).toJson()) + '.');
        QVERIFY(verifyIdToken(unsigned_, m_jwks, expectations()).problem.contains(u"RS256"_s));
        QVERIFY(!verifyIdToken(u"not a jwt"_s, m_jwks, expectations()).valid());
        QVERIFY(!verifyIdToken(u"a.b.c"_s, m_jwks, expectations()).valid());
    }

    void tokenWithoutKidUsesTheOnlyKey()
    {
        QJsonObject h = header(u"248"_s);
        h.remove(u"kid"_s);
        const QJsonObject single{{u"keys"_s, QJsonArray{m_key->jwk(u"248"_s)}}};
        QVERIFY(verifyIdToken(m_key->sign(h, goodClaims()), single, expectations()).valid());
        QVERIFY(!verifyIdToken(m_key->sign(h, goodClaims()), m_jwks, expectations()).valid()); // two keys: ambiguous
    }

private:
    static QJsonObject header(const QString &kid) { return {{u"alg"_s, u"RS256"_s}, {u"typ"_s, u"JWT"_s}, {u"kid"_s, kid}}; }

    std::unique_ptr<TestKey> m_key;
    std::unique_ptr<TestKey> m_other;
    QJsonObject m_jwks;
};

QTEST_GUILESS_MAIN(TestIdTokenVerifier)
#include "tst_idtokenverifier.moc"
