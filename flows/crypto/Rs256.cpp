#include "Rs256.h"

#include "crypto/RsaKey.h"

#include <openssl/rsa.h>

namespace ecalab::crypto {

using namespace Qt::Literals::StringLiterals;

namespace {
const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}
} // namespace

Expected<bool, QString> verifyRs256(EVP_PKEY &key, QByteArrayView signingInput, QByteArrayView signature)
{
    // Handing an EC or Ed25519 key to EVP_DigestVerify would check a different algorithm than the
    // JWS header names (RFC 8725 §3.1), so the key type is checked first.
    if (!isRsaKey(key))
        return unexpected(u"the key is not an RSA key (%1)"_s.arg(QString::fromLatin1(EVP_PKEY_get0_type_name(&key))));
    if (signature.isEmpty())
        return false;
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyCtx = nullptr; // owned by ctx
    return ctx && EVP_DigestVerifyInit_ex(ctx.get(), &keyCtx, "SHA256", nullptr, nullptr, &key, nullptr) == 1 &&
           EVP_PKEY_CTX_set_rsa_padding(keyCtx, RSA_PKCS1_PADDING) == 1 &&
           EVP_DigestVerify(ctx.get(), bytes(signature), size_t(signature.size()), bytes(signingInput),
                            size_t(signingInput.size())) == 1;
}

} // namespace ecalab::crypto
