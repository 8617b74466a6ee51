#include "Jwt.h"

#include "core/FormEncoding.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
Expected<QJsonObject, QString> decodeJsonPart(const QByteArray &part, const QString &what)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(base64UrlDecode(part), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return unexpected(u"the %1 is not a base64url JSON object"_s.arg(what));
    return doc.object();
}

struct PkeyFree
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

Expected<PkeyPtr, QString> rsaKeyFromJwk(const QJsonObject &jwk)
{
    if (jwk.value(u"kty").toString() != u"RSA")
        return unexpected(u"the key is not an RSA key (kty %1)"_s.arg(jwk.value(u"kty").toString()));
    const QByteArray n = base64UrlDecode(jwk.value(u"n").toString().toLatin1());
    const QByteArray e = base64UrlDecode(jwk.value(u"e").toString().toLatin1());
    if (n.isEmpty() || e.isEmpty())
        return unexpected(u"the key has no modulus or exponent"_s);
    BIGNUM *bn = BN_bin2bn(reinterpret_cast<const unsigned char *>(n.constData()), int(n.size()), nullptr);
    BIGNUM *be = BN_bin2bn(reinterpret_cast<const unsigned char *>(e.constData()), int(e.size()), nullptr);
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = nullptr;
    EVP_PKEY *key = nullptr;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    const bool ok = bn && be && builder && ctx && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, bn)
                    && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, be)
                    && (params = OSSL_PARAM_BLD_to_param(builder)) != nullptr && EVP_PKEY_fromdata_init(ctx) == 1
                    && EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) == 1;
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    BN_free(bn);
    BN_free(be);
    if (!ok) {
        EVP_PKEY_free(key);
        return unexpected(u"OpenSSL cannot read the RSA key"_s);
    }
    return PkeyPtr(key);
}
} // namespace

Expected<Jwt, QString> Jwt::parse(const QString &compact)
{
    const QList<QByteArray> parts = compact.toLatin1().split('.');
    if (parts.size() != 3)
        return unexpected(u"it is not a compact JWS (three dot-separated parts)"_s);
    Jwt jwt;
    auto header = decodeJsonPart(parts[0], u"header"_s);
    if (!header)
        return unexpected(header.error());
    auto claims = decodeJsonPart(parts[1], u"payload"_s);
    if (!claims)
        return unexpected(claims.error());
    jwt.header = *header;
    jwt.claims = *claims;
    jwt.signingInput = parts[0] + '.' + parts[1];
    jwt.signature = base64UrlDecode(parts[2]);
    return jwt;
}

Expected<bool, QString> verifyRs256(const Jwt &jwt, const QJsonObject &jwk)
{
    auto key = rsaKeyFromJwk(jwk);
    if (!key)
        return unexpected(key.error());
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const bool valid = ctx && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key->get()) == 1
                       && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(jwt.signature.constData()),
                                           size_t(jwt.signature.size()),
                                           reinterpret_cast<const unsigned char *>(jwt.signingInput.constData()),
                                           size_t(jwt.signingInput.size()))
                              == 1;
    EVP_MD_CTX_free(ctx);
    return valid;
}

Expected<QJsonObject, QString> findSigningKey(const QJsonObject &jwks, const QString &kid)
{
    const QJsonArray keys = jwks.value(u"keys").toArray();
    QList<QJsonObject> rsaKeys;
    for (const QJsonValue &value : keys) {
        const QJsonObject key = value.toObject();
        if (!kid.isEmpty() && key.value(u"kid").toString() == kid)
            return key;
        if (key.value(u"kty").toString() == u"RSA" && key.value(u"use").toString(u"sig"_s) == u"sig")
            rsaKeys.append(key);
    }
    if (kid.isEmpty() && rsaKeys.size() == 1)
        return rsaKeys.first();
    if (kid.isEmpty())
        return unexpected(u"the token names no kid and the JWKS has %1 RSA signing keys"_s.arg(rsaKeys.size()));
    return unexpected(u"the JWKS has no key with kid \"%1\" (%2 keys published)"_s.arg(kid).arg(keys.size()));
}

} // namespace ecalab
