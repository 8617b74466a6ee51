// The JWS core (RS256, RFC 7515 / RFC 7518 §3.3) against published answers and against the openssl
// command line: RFC 7515 Appendix A.2 signs to the RFC's own signature, a signature made here
// verifies with `openssl dgst -verify` and one made by `openssl dgst -sign` verifies here, and a
// header naming any other alg is refused both ways.
#include "OpenSslTool.h"

#include "core/FormEncoding.h"
#include "crypto/KeyMaterial.h"
#include "crypto/Rs256.h"
#include "crypto/RsaKey.h"
#include "oauth/Jwt.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace ecalab;
using namespace ecalab::crypto;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
// RFC 7515 Appendix A.2.1: the RSA key as a JWK (RFC 7517 §A.2 form) and the signature it makes.
const QJsonObject kRfcJwk{
    {u"kty"_s, u"RSA"_s},
    {u"n"_s,
     u"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt"
     "0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSX"
     "ndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5"
     "IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ"_s},
    {u"e"_s, u"AQAB"_s},
    {u"d"_s,
     u"Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol"
     "2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn43"
     "9X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8"
     "bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ"_s},
    {u"p"_s,
     u"4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_"
     "Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc"_s},
    {u"q"_s,
     u"uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7Tje"
     "LQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc"_s},
    {u"dp"_s,
     u"BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_PI7Yz-FOK"
     "nu1R6HsJeDCjn12Sk3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0"_s},
    {u"dq"_s,
     u"h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oKr6N3Do9U"
     "0ajaHF-NKJnwgjMd2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU"_s},
    {u"qi"_s,
     u"IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_QJQ3ydy5"
     "cY7YIBi87w93IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U"_s},
};
// A.2.1's JWS Signing Input: {"alg":"RS256"} and the claims with their CRLF line breaks.
const QByteArray kRfcSigningInput = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
                                    "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
const QByteArray kRfcSignature =
    "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W"
    "2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkS"
    "jtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnv"
    "Wh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

QByteArray member(const QJsonObject &jwk, const char *name)
{
    return base64UrlDecode(jwk.value(QLatin1StringView(name)).toString().toLatin1());
}

// A private JWK (RFC 7518 §6.3.2) as an EVP_PKEY, every CRT member included.
PkeyPtr rsaPrivateKeyFromJwk(const QJsonObject &jwk)
{
    RsaKeyComponents c;
    c.n = member(jwk, "n");
    c.e = member(jwk, "e");
    c.d = member(jwk, "d");
    c.p = member(jwk, "p");
    c.q = member(jwk, "q");
    c.dp = member(jwk, "dp");
    c.dq = member(jwk, "dq");
    c.qi = member(jwk, "qi");
    auto key = rsaPrivateKey(c);
    return key ? std::move(*key) : nullptr;
}

// The error of a failed Expected, or nothing: QVERIFY2 evaluates its message even on success.
template <typename T> QByteArray why(const Expected<T, QString> &result)
{
    return result ? QByteArray() : result.error().toUtf8();
}

QJsonObject publicJwk()
{
    return {{u"kty"_s, u"RSA"_s}, {u"n"_s, kRfcJwk.value(u"n")}, {u"e"_s, kRfcJwk.value(u"e")}};
}

// `header.payload` signed as RS256 by hand, whatever alg the header claims.
QString forged(const QJsonObject &header, const QJsonObject &claims, EVP_PKEY &key)
{
    const QByteArray input = base64UrlEncode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                             base64UrlEncode(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const auto signature = signRs256(key, input);
    return signature ? QString::fromLatin1(input + '.' + base64UrlEncode(*signature)) : QString();
}
} // namespace

class TestJws : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_rfcKey = rsaPrivateKeyFromJwk(kRfcJwk);
        QVERIFY2(m_rfcKey, "the RFC 7515 A.2 key must load from its JWK");
        QCOMPARE(EVP_PKEY_get_bits(m_rfcKey.get()), 2048);
    }

    void rfc7515AppendixA2SignsToThePublishedSignature()
    {
        const auto signature = signRs256(*m_rfcKey, kRfcSigningInput);
        QVERIFY2(signature, why(signature).constData());
        // PKCS#1 v1.5 is deterministic (RFC 8017 §8.2.1): the same key and input give the RFC's bytes.
        QCOMPARE(base64UrlEncode(*signature), kRfcSignature);
        const auto verified = verifyRs256(*m_rfcKey, kRfcSigningInput, base64UrlDecode(kRfcSignature));
        QVERIFY(verified && *verified);
        // And through the JWK path the ID token check uses (public members only).
        const auto jwt = Jwt::parse(QString::fromLatin1(kRfcSigningInput + '.' + kRfcSignature));
        QVERIFY2(jwt, why(jwt).constData());
        QCOMPARE(jwt->claims.value(u"iss").toString(), u"joe"_s);
        const auto viaJwk = ecalab::verifyRs256(*jwt, publicJwk());
        QVERIFY2(viaJwk && *viaJwk, viaJwk ? "does not verify" : qPrintable(viaJwk.error()));
    }

    void signCompactMakesACompactJwsThatVerifies()
    {
        const QJsonObject claims{{u"iss"_s, u"3MVG9-client"_s}, {u"sub"_s, u"ada@example.com"_s},
                                 {u"aud"_s, u"https://login.salesforce.com"_s}, {u"exp"_s, 1300819380}};
        const auto compact = signCompactRs256({{u"alg"_s, u"RS256"_s}}, claims, *m_rfcKey);
        QVERIFY2(compact, why(compact).constData());
        const QStringList parts = compact->split(u'.');
        QCOMPARE(parts.size(), 3);
        // {"alg":"RS256"} compact is exactly A.2.1's header; no padding, no spaces (§2, §7.1).
        QCOMPARE(parts.at(0), u"eyJhbGciOiJSUzI1NiJ9"_s);
        QVERIFY(!compact->contains(u'=') && !compact->contains(u' '));
        QCOMPARE(base64UrlDecode(parts.at(1).toLatin1()), QJsonDocument(claims).toJson(QJsonDocument::Compact));
        const auto jwt = Jwt::parse(*compact);
        QVERIFY(jwt);
        QCOMPARE(jwt->claims, claims);
        const auto verified = ecalab::verifyRs256(*jwt, publicJwk());
        QVERIFY(verified && *verified);
        // One changed claim and it no longer verifies.
        QJsonObject other = claims;
        other.insert(u"sub"_s, u"eve@example.com"_s);
        const QString tampered = parts.at(0) + u'.' +
                                 QString::fromLatin1(base64UrlEncode(QJsonDocument(other).toJson(QJsonDocument::Compact))) +
                                 u'.' + parts.at(2);
        const auto bad = ecalab::verifyRs256(*Jwt::parse(tampered), publicJwk());
        QVERIFY(bad && !*bad);
    }

    void anAppSignatureVerifiesWithOpensslDgst()
    {
        const QString dir = m_dir.path();
        QVERIFY(openssl({u"genpkey"_s, u"-algorithm"_s, u"RSA"_s, u"-pkeyopt"_s, u"rsa_keygen_bits:2048"_s, u"-out"_s,
                         u"key.pem"_s}, dir).ok());
        QVERIFY(openssl({u"pkey"_s, u"-in"_s, u"key.pem"_s, u"-pubout"_s, u"-out"_s, u"pub.pem"_s}, dir).ok());
        const auto key = PrivateKey::loadFile(dir + u"/key.pem"_s);
        QVERIFY2(key, key ? "" : qPrintable(key.error().message));
        const QByteArray data = "header.payload signed by ECA Lab";
        QVERIFY(writeAll(dir + u"/data.txt"_s, data));
        const auto signature = signRs256(key->pkey(), data);
        QVERIFY(signature);
        QCOMPARE(signature->size(), 256);
        QVERIFY(writeAll(dir + u"/sig.bin"_s, *signature));
        const QStringList verify{u"dgst"_s, u"-sha256"_s, u"-verify"_s, u"pub.pem"_s, u"-signature"_s, u"sig.bin"_s,
                                 u"data.txt"_s};
        const ToolResult good = openssl(verify, dir);
        QVERIFY2(good.ok() && good.out.contains("Verified OK"), good.out + good.err);
        // The check is real: a signature with one bit changed is refused by openssl.
        QByteArray flipped = *signature;
        flipped[10] = char(flipped.at(10) ^ 0x01);
        QVERIFY(writeAll(dir + u"/sig.bin"_s, flipped));
        QVERIFY(!openssl(verify, dir).ok());
    }

    void anOpensslSignatureVerifiesInTheApp()
    {
        const QString dir = m_dir.path();
        if (!QFile::exists(dir + u"/key.pem"_s))
            QVERIFY(openssl({u"genpkey"_s, u"-algorithm"_s, u"RSA"_s, u"-out"_s, u"key.pem"_s}, dir).ok());
        const QByteArray data = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGFAZXhhbXBsZS5jb20ifQ";
        QVERIFY(writeAll(dir + u"/input.txt"_s, data));
        QVERIFY(openssl({u"dgst"_s, u"-sha256"_s, u"-sign"_s, u"key.pem"_s, u"-out"_s, u"theirs.bin"_s, u"input.txt"_s},
                        dir).ok());
        const QByteArray theirs = readAll(dir + u"/theirs.bin"_s);
        const auto key = PrivateKey::loadFile(dir + u"/key.pem"_s);
        QVERIFY(key);
        const auto verified = verifyRs256(key->pkey(), data, theirs);
        QVERIFY(verified && *verified);
        const auto other = verifyRs256(key->pkey(), data + "x", theirs);
        QVERIFY(other && !*other);
        // Deterministic padding: both implementations make the same bytes.
        QCOMPARE(*signRs256(key->pkey(), data), theirs);
    }

    void otherAlgsAreRefused_data()
    {
        QTest::addColumn<QJsonObject>("header");
        QTest::newRow("none") << QJsonObject{{u"alg"_s, u"none"_s}};
        QTest::newRow("HS256") << QJsonObject{{u"alg"_s, u"HS256"_s}};
        QTest::newRow("RS512") << QJsonObject{{u"alg"_s, u"RS512"_s}};
        QTest::newRow("lower case") << QJsonObject{{u"alg"_s, u"rs256"_s}};
        QTest::newRow("no alg") << QJsonObject{{u"typ"_s, u"JWT"_s}};
    }
    void otherAlgsAreRefused()
    {
        QFETCH(QJsonObject, header);
        const QJsonObject claims{{u"sub"_s, u"ada"_s}};
        const auto signed_ = signCompactRs256(header, claims, *m_rfcKey);
        QVERIFY2(!signed_, "a header that is not RS256 must not be signed");
        QVERIFY(signed_.error().contains(u"RS256"_s));
        // A token whose bytes do carry a valid RS256 signature, but whose header says otherwise:
        // verification goes by the header's alg and refuses it (RFC 8725 §3.1).
        const QString token = forged(header, claims, *m_rfcKey);
        QVERIFY(!token.isEmpty());
        const auto jwt = Jwt::parse(token);
        QVERIFY(jwt);
        const auto verified = ecalab::verifyRs256(*jwt, publicJwk());
        QVERIFY2(!verified, "verification must refuse a non-RS256 header");
        QVERIFY(verified.error().contains(u"alg"_s));
        // The same bytes with an RS256 header do verify, so it is the header that was refused.
        QVERIFY(*ecalab::verifyRs256(*Jwt::parse(forged({{u"alg"_s, u"RS256"_s}}, claims, *m_rfcKey)), publicJwk()));
    }

    void nonRsaKeysCannotSign()
    {
        const PkeyPtr ec(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
        QVERIFY(ec);
        const auto signature = signRs256(*ec, "input");
        QVERIFY(!signature);
        QVERIFY2(signature.error().contains(u"not an RSA key"_s), qPrintable(signature.error()));
        QVERIFY(!signCompactRs256({{u"alg"_s, u"RS256"_s}}, {}, *ec));
        // A public-only RSA key has nothing to sign with; OpenSSL's reason is kept.
        const auto publicOnly = rsaPublicKey(member(kRfcJwk, "n"), member(kRfcJwk, "e"));
        QVERIFY(publicOnly);
        const auto none = signRs256(**publicOnly, "input");
        QVERIFY(!none);
        QVERIFY2(none.error().startsWith(u"OpenSSL cannot sign"_s), qPrintable(none.error()));
    }

private:
    QTemporaryDir m_dir;
    PkeyPtr m_rfcKey;
};

QTEST_GUILESS_MAIN(TestJws)
#include "tst_jws.moc"
