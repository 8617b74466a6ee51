#include "RsaKey.h"

#include <openssl/core_names.h>

namespace ecalab::crypto {

using namespace Qt::Literals::StringLiterals;

namespace {
BignumPtr bignumFromBigEndian(QByteArrayView bytes)
{
    return BignumPtr(BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.data()), int(bytes.size()), nullptr));
}

// OSSL_PKEY_PARAM_RSA_N / _E as the parameter list EVP_PKEY_fromdata reads.
ParamsPtr publicKeyParams(const BIGNUM &n, const BIGNUM &e)
{
    ParamBuilderPtr builder(OSSL_PARAM_BLD_new());
    if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, &n) != 1 ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, &e) != 1)
        return nullptr;
    return ParamsPtr(OSSL_PARAM_BLD_to_param(builder.get()));
}

PkeyPtr keyFromParams(int selection, OSSL_PARAM *params)
{
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY *key = nullptr;
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 || EVP_PKEY_fromdata(ctx.get(), &key, selection, params) != 1)
        return nullptr;
    return PkeyPtr(key);
}
} // namespace

Expected<PkeyPtr, QString> rsaPublicKey(QByteArrayView modulus, QByteArrayView exponent)
{
    if (modulus.isEmpty() || exponent.isEmpty())
        return unexpected(u"the key has no modulus or exponent"_s);
    const BignumPtr n = bignumFromBigEndian(modulus);
    const BignumPtr e = bignumFromBigEndian(exponent);
    const ParamsPtr params = n && e ? publicKeyParams(*n, *e) : nullptr;
    PkeyPtr key = params ? keyFromParams(EVP_PKEY_PUBLIC_KEY, params.get()) : nullptr;
    if (!key)
        return unexpected(u"OpenSSL cannot read the RSA key"_s);
    return key;
}

bool isRsaKey(const EVP_PKEY &key)
{
    return EVP_PKEY_is_a(&key, "RSA") == 1;
}

} // namespace ecalab::crypto
