// flows/crypto against published answers: SHA-256 (FIPS 180-2 examples), HMAC-SHA256 (RFC 4231
// §4.2–4.8), and RS256 (RFC 7518 §3.3) with keys generated here, signed here with OpenSSL directly so
// the code under test checks signatures it did not make.
#include "crypto/Digest.h"
#include "crypto/Hmac.h"
#include "crypto/OpenSslPtr.h"
#include "crypto/Random.h"
#include "crypto/Rs256.h"
#include "crypto/RsaKey.h"

#include <QTest>

#include <openssl/core_names.h>
#include <openssl/rsa.h>

using namespace ecalab;
using namespace ecalab::crypto;
using namespace Qt::Literals::StringLiterals;

// The deleters are empty types: an owning pointer costs what a raw one does.
static_assert(sizeof(PkeyPtr) == sizeof(EVP_PKEY *));
static_assert(sizeof(MdCtxPtr) == sizeof(EVP_MD_CTX *));

namespace {
constexpr size_t kRsaBits = 2048;
const QByteArray kSigningInput = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMDV4eCJ9";

PkeyPtr generateRsa()
{
    return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", kRsaBits));
}

// EVP_PKEY_Q_keygen takes a size only for "RSA", so RSA-PSS goes the long way.
PkeyPtr generateRsaPss()
{
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA-PSS", nullptr));
    EVP_PKEY *key = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), int(kRsaBits)) != 1 || EVP_PKEY_generate(ctx.get(), &key) != 1)
        return nullptr;
    return PkeyPtr(key);
}

// `digest` null for EdDSA, which hashes internally. Padding is each key type's default:
// PKCS#1 v1.5 for RSA, PSS for RSA-PSS.
QByteArray sign(EVP_PKEY *key, const char *digest, const QByteArray &input)
{
    MdCtxPtr ctx(EVP_MD_CTX_new());
    size_t length = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(input.constData());
    if (!ctx || EVP_DigestSignInit_ex(ctx.get(), nullptr, digest, nullptr, nullptr, key, nullptr) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, data, size_t(input.size())) != 1)
        return {};
    QByteArray signature(qsizetype(length), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, data,
                       size_t(input.size())) != 1)
        return {};
    return signature.left(qsizetype(length));
}

QByteArray bignumParam(EVP_PKEY *key, const char *name)
{
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1)
        return {};
    const BignumPtr bn(raw);
    QByteArray bytes(BN_num_bytes(bn.get()), '\0');
    BN_bn2bin(bn.get(), reinterpret_cast<unsigned char *>(bytes.data()));
    return bytes;
}

QByteArray flipLastBit(QByteArray bytes)
{
    bytes[bytes.size() - 1] = char(bytes.at(bytes.size() - 1) ^ 0x01);
    return bytes;
}
} // namespace

class TestCrypto : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_rsa = generateRsa();
        m_otherRsa = generateRsa();
        QVERIFY(m_rsa && m_otherRsa);
        m_signature = sign(m_rsa.get(), "SHA256", kSigningInput);
        QCOMPARE(m_signature.size(), qsizetype(kRsaBits / 8));
    }

    void sha256KnownAnswers_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("digestHex");
        QTest::newRow("empty") << QByteArray() << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_ba;
        QTest::newRow("abc") << "abc"_ba
                             << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_ba;
        QTest::newRow("two blocks") << "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"_ba
                                    << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"_ba;
    }
    void sha256KnownAnswers()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, digestHex);
        const QByteArray digest = sha256(message);
        QCOMPARE(digest.size(), kSha256Bytes);
        QCOMPARE(digest.toHex(), digestHex);
    }

    void hmacSha256Rfc4231_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("macHex"); // test case 5 publishes only the first 128 bits
        const QByteArray longKey(131, '\xaa');
        QTest::newRow("4.2 case 1") << QByteArray(20, '\x0b') << "Hi There"_ba
                                    << "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"_ba;
        QTest::newRow("4.3 case 2 short key") << "Jefe"_ba
                                              << "what do ya want for nothing?"_ba
                                              << "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"_ba;
        QTest::newRow("4.4 case 3") << QByteArray(20, '\xaa') << QByteArray(50, '\xdd')
                                    << "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"_ba;
        QTest::newRow("4.5 case 4") << QByteArray::fromHex("0102030405060708090a0b0c0d0e0f10111213141516171819")
                                    << QByteArray(50, '\xcd')
                                    << "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"_ba;
        QTest::newRow("4.6 case 5 truncated") << QByteArray(20, '\x0c') << "Test With Truncation"_ba
                                              << "a3b6167473100ee06e0c796c2955552b"_ba;
        QTest::newRow("4.7 case 6 key over a block")
            << longKey << "Test Using Larger Than Block-Size Key - Hash Key First"_ba
            << "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"_ba;
        QTest::newRow("4.8 case 7 key and data over a block")
            << longKey
            << "This is a test using a larger than block-size key and a larger than block-size data. The key needs to "
               "be hashed before being used by the HMAC algorithm."_ba
            << "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"_ba;
        // Not in RFC 4231: an empty key is legal (RFC 2104 §2) and EVP_MAC needs care with it.
        QTest::newRow("empty key and data")
            << QByteArray() << QByteArray() << "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"_ba;
    }
    void hmacSha256Rfc4231()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, macHex);
        const QByteArray mac = hmacSha256(key, data);
        QCOMPARE(mac.size(), kHmacSha256Bytes);
        QCOMPARE(mac.toHex().left(macHex.size()), macHex);
    }

    void hmacDependsOnKeyAndMessage()
    {
        const QByteArray mac = hmacSha256("secret", "message");
        QVERIFY(hmacSha256("secreT", "message") != mac);
        QVERIFY(hmacSha256("secret", "messagE") != mac);
        QVERIFY(hmacSha256("secret", "message") == mac);
    }

    void constantTimeEqualsComparesEveryByte_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("equal");
        QTest::newRow("same") << "0123456789abcdef"_ba
                              << "0123456789abcdef"_ba << true;
        QTest::newRow("first byte") << "0123456789abcdef"_ba
                                    << "x123456789abcdef"_ba << false;
        QTest::newRow("last byte") << "0123456789abcdef"_ba
                                   << "0123456789abcdex"_ba << false;
        QTest::newRow("prefix") << "0123456789abcdef"_ba
                                << "0123456789"_ba << false;
        QTest::newRow("one empty") << "0"_ba << QByteArray() << false;
        QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
    }
    void constantTimeEqualsComparesEveryByte()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, equal);
        QCOMPARE(constantTimeEquals(a, b), equal);
        QCOMPARE(constantTimeEquals(b, a), equal);
    }

    void randomBytesHaveTheAskedLengthAndDiffer()
    {
        const QByteArray first = randomBytes(32);
        QCOMPARE(first.size(), 32);
        QVERIFY(first != randomBytes(32)); // equal with probability 2^-256
        QVERIFY(randomBytes(0).isEmpty());
    }

    void rs256VerifiesWithTheSigningKey()
    {
        const auto verdict = verifyRs256(*m_rsa, kSigningInput, m_signature);
        QVERIFY2(verdict, qPrintable(verdict ? QString() : verdict.error()));
        QVERIFY(*verdict);
    }

    void rs256VerifiesWithAPublicKeyBuiltFromModulusAndExponent()
    {
        const auto key = rsaPublicKey(bignumParam(m_rsa.get(), OSSL_PKEY_PARAM_RSA_N),
                                      bignumParam(m_rsa.get(), OSSL_PKEY_PARAM_RSA_E));
        QVERIFY2(key, qPrintable(key ? QString() : key.error()));
        QVERIFY(isRsaKey(**key));
        QCOMPARE(EVP_PKEY_get_bits(key->get()), int(kRsaBits));
        QVERIFY(bignumParam(key->get(), OSSL_PKEY_PARAM_RSA_D).isEmpty()); // public half only
        const auto verdict = verifyRs256(**key, kSigningInput, m_signature);
        QVERIFY(verdict && *verdict);
    }

    void rs256RefusesWhatWasNotSigned_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("signature");
        QTest::addColumn<bool>("otherKey");
        QTest::newRow("tampered signature") << kSigningInput << flipLastBit(m_signature) << false;
        QTest::newRow("tampered input") << flipLastBit(kSigningInput) << m_signature << false;
        QTest::newRow("truncated signature") << kSigningInput << m_signature.left(m_signature.size() - 1) << false;
        QTest::newRow("empty signature") << kSigningInput << QByteArray() << false;
        QTest::newRow("another RSA key") << kSigningInput << m_signature << true;
    }
    void rs256RefusesWhatWasNotSigned()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, signature);
        QFETCH(bool, otherKey);
        const auto verdict = verifyRs256(otherKey ? *m_otherRsa : *m_rsa, input, signature);
        QVERIFY2(verdict, qPrintable(verdict ? QString() : verdict.error()));
        QVERIFY(!*verdict);
    }

    void rs256RefusesKeysOfAnotherType_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("EC P-256") << u"EC"_s;
        QTest::newRow("Ed25519") << u"ED25519"_s;
        QTest::newRow("RSA-PSS") << u"RSA-PSS"_s;
    }
    void rs256RefusesKeysOfAnotherType()
    {
        // Each key signs validly in its own algorithm: only the key-type check stops
        // EVP_DigestVerify from accepting an ES256 or PS256 signature as RS256.
        QFETCH(QString, type);
        PkeyPtr key;
        const char *digest = "SHA256";
        if (type == u"EC")
            key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
        else if (type == u"ED25519") {
            key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
            digest = nullptr;
        } else
            key = generateRsaPss();
        QVERIFY(key);
        QVERIFY(!isRsaKey(*key));
        const QByteArray signature = sign(key.get(), digest, kSigningInput);
        QVERIFY(!signature.isEmpty());
        const auto verdict = verifyRs256(*key, kSigningInput, signature);
        QVERIFY(!verdict);
        QVERIFY2(verdict.error().startsWith(u"the key is not an RSA key"_s), qPrintable(verdict.error()));
    }

    void rsaPublicKeyNeedsModulusAndExponent()
    {
        const QByteArray e = bignumParam(m_rsa.get(), OSSL_PKEY_PARAM_RSA_E);
        const auto noModulus = rsaPublicKey(QByteArray(), e);
        QVERIFY(!noModulus);
        QCOMPARE(noModulus.error(), u"the key has no modulus or exponent"_s);
        QVERIFY(!rsaPublicKey(bignumParam(m_rsa.get(), OSSL_PKEY_PARAM_RSA_N), QByteArray()));
    }

    void aDegenerateServerKeyNeverVerifies()
    {
        // A hostile JWKS can publish n = 1 (OpenSSL 3.0 builds that key); nothing may verify under it.
        const auto key = rsaPublicKey("\x01"_ba, "\x01\x00\x01"_ba);
        const auto verdict = key ? verifyRs256(**key, kSigningInput, "\x00"_ba) : Expected<bool, QString>(false);
        QVERIFY(!verdict || !*verdict);
    }

private:
    PkeyPtr m_rsa;
    PkeyPtr m_otherRsa;
    QByteArray m_signature;
};

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
