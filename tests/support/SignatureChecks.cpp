#include "SignatureChecks.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QStringList>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

namespace ecalab::test {

using namespace Qt::Literals::StringLiterals;

namespace {
template <auto Free> struct Freer
{
    template <typename T> void operator()(T *p) const { Free(p); }
};
using BigNum = std::unique_ptr<BIGNUM, Freer<BN_free>>;
using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, Freer<OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Freer<OSSL_PARAM_free>>;
using KeyContext = std::unique_ptr<EVP_PKEY_CTX, Freer<EVP_PKEY_CTX_free>>;
using Key = std::unique_ptr<EVP_PKEY, Freer<EVP_PKEY_free>>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, Freer<EVP_MD_CTX_free>>;

const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

BigNum bigNum(const QString &base64Url)
{
    const QByteArray big = fromBase64Url(base64Url);
    return BigNum(BN_bin2bn(bytes(big), int(big.size()), nullptr));
}

// The RSA public key of a JWK, through OpenSSL 3's provider API.
Key publicKey(const QJsonObject &jwk)
{
    const BigNum n = bigNum(jwk[u"n"].toString());
    const BigNum e = bigNum(jwk[u"e"].toString());
    const ParamBuilder builder(OSSL_PARAM_BLD_new());
    if (!n || !e || !builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1)
        return nullptr;
    const Params params(OSSL_PARAM_BLD_to_param(builder.get()));
    const KeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
        EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return nullptr;
    return Key(key);
}

QJsonObject jsonPart(const QString &jwt, int index)
{
    return QJsonDocument::fromJson(fromBase64Url(jwt.section(u'.', index, index))).object();
}
} // namespace

QByteArray expectedSignature(const QString &consumerSecret, const QString &id, const QString &issuedAt)
{
    return QMessageAuthenticationCode::hash((id + issuedAt).toUtf8(), consumerSecret.toUtf8(),
                                            QCryptographicHash::Sha256)
        .toBase64();
}

QByteArray fromBase64Url(const QString &text)
{
    return QByteArray::fromBase64(text.toLatin1(), QByteArray::Base64UrlEncoding);
}

bool verifyRs256(const QJsonObject &jwk, const QByteArray &signingInput, const QByteArray &signature)
{
    const Key key = publicKey(jwk);
    const DigestContext md(EVP_MD_CTX_new());
    return key && md && EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
           EVP_DigestVerify(md.get(), bytes(signature), size_t(signature.size()), bytes(signingInput),
                            size_t(signingInput.size())) == 1;
}

bool verifyJwt(const QString &jwt, const QJsonArray &jwks)
{
    const QStringList parts = jwt.split(u'.');
    if (parts.size() != 3)
        return false;
    const QJsonObject header = jwtHeader(jwt);
    if (header[u"alg"].toString() != u"RS256")
        return false;
    for (const QJsonValue &key : jwks) {
        if (key[u"kid"] == header[u"kid"])
            return verifyRs256(key.toObject(), (parts.at(0) + u'.' + parts.at(1)).toLatin1(),
                               fromBase64Url(parts.at(2)));
    }
    return false;
}

QJsonObject jwtHeader(const QString &jwt)
{
    return jsonPart(jwt, 0);
}

QJsonObject jwtClaims(const QString &jwt)
{
    return jsonPart(jwt, 1);
}

} // namespace ecalab::test
