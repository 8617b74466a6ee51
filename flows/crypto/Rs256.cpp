#include "Rs256.h"

#include "crypto/OpenSslError.h"
#include "crypto/RsaKey.h"

#include <openssl/rsa.h>

namespace ecalab::crypto {

using namespace Qt::Literals::StringLiterals;

namespace {
const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

QString notRsa(EVP_PKEY &key)
{
    const char *type = EVP_PKEY_get0_type_name(&key);
    return u"the key is not an RSA key (%1)"_s.arg(type ? QString::fromLatin1(type) : u"unknown type"_s);
}
} // namespace

Expected<bool, QString> verifyRs256(EVP_PKEY &key, QByteArrayView signingInput, QByteArrayView signature)
{
    // Handing an EC or Ed25519 key to EVP_DigestVerify would check a different algorithm than the
    // JWS header names (RFC 8725 §3.1), so the key type is checked first.
    if (!isRsaKey(key))
        return unexpected(notRsa(key));
    if (signature.isEmpty())
        return false;
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyCtx = nullptr; // owned by ctx
    return ctx && EVP_DigestVerifyInit_ex(ctx.get(), &keyCtx, "SHA256", nullptr, nullptr, &key, nullptr) == 1 &&
           EVP_PKEY_CTX_set_rsa_padding(keyCtx, RSA_PKCS1_PADDING) == 1 &&
           EVP_DigestVerify(ctx.get(), bytes(signature), size_t(signature.size()), bytes(signingInput),
                            size_t(signingInput.size())) == 1;
}

Expected<QByteArray, QString> signRs256(EVP_PKEY &key, QByteArrayView signingInput)
{
    // The same guard as verification: an EC key would sign ES256 under an RS256 header.
    if (!isRsaKey(key))
        return unexpected(notRsa(key));
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyCtx = nullptr; // owned by ctx
    size_t length = 0;
    if (!ctx || EVP_DigestSignInit_ex(ctx.get(), &keyCtx, "SHA256", nullptr, nullptr, &key, nullptr) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(keyCtx, RSA_PKCS1_PADDING) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, bytes(signingInput), size_t(signingInput.size())) != 1)
        return unexpected(u"OpenSSL cannot sign with this key: %1"_s.arg(takeOpenSslErrors()));
    QByteArray signature(qsizetype(length), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, bytes(signingInput),
                       size_t(signingInput.size())) != 1)
        return unexpected(u"OpenSSL cannot sign with this key: %1"_s.arg(takeOpenSslErrors()));
    signature.truncate(qsizetype(length));
    return signature;
}

} // namespace ecalab::crypto
