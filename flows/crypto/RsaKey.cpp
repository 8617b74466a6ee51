#include "RsaKey.h"

#include <openssl/core_names.h>

#include <QList>

#include <vector>

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

Expected<PkeyPtr, QString> rsaPrivateKey(const RsaKeyComponents &components)
{
    const BignumPtr n = bignumFromBigEndian(components.n);
    const BignumPtr e = bignumFromBigEndian(components.e);
    // Private members are wiped when freed (BN_clear_free).
    const auto secret = [](const QByteArray &bytes) { return SecretBignumPtr(bignumFromBigEndian(bytes).release()); };
    const SecretBignumPtr d = secret(components.d);
    ParamBuilderPtr builder(OSSL_PARAM_BLD_new());
    if (components.n.isEmpty() || components.e.isEmpty() || components.d.isEmpty() || !n || !e || !d || !builder ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_D, d.get()) != 1)
        return unexpected(u"the key has no modulus, exponent or private exponent"_s);
    const QList<std::pair<const char *, const QByteArray *>> crt{
        {OSSL_PKEY_PARAM_RSA_FACTOR1, &components.p},      {OSSL_PKEY_PARAM_RSA_FACTOR2, &components.q},
        {OSSL_PKEY_PARAM_RSA_EXPONENT1, &components.dp},   {OSSL_PKEY_PARAM_RSA_EXPONENT2, &components.dq},
        {OSSL_PKEY_PARAM_RSA_COEFFICIENT1, &components.qi}};
    std::vector<SecretBignumPtr> held; // the builder keeps pointers until to_param
    for (const auto &[name, bytes] : crt) {
        if (bytes->isEmpty())
            continue;
        held.push_back(secret(*bytes));
        if (!held.back() || OSSL_PARAM_BLD_push_BN(builder.get(), name, held.back().get()) != 1)
            return unexpected(u"OpenSSL cannot take the key's %1"_s.arg(QString::fromLatin1(name)));
    }
    if (!held.empty() && held.size() != std::size_t(crt.size()))
        return unexpected(u"the key gives some of p, q, dp, dq, qi but not all"_s);
    const ParamsPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
    PkeyPtr key = params ? keyFromParams(EVP_PKEY_KEYPAIR, params.get()) : nullptr;
    if (!key)
        return unexpected(u"OpenSSL cannot read the RSA private key"_s);
    return key;
}

bool isRsaKey(const EVP_PKEY &key)
{
    return EVP_PKEY_is_a(&key, "RSA") == 1;
}

} // namespace ecalab::crypto
