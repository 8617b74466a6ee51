#include "Crypto.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
QString lastOpenSslError()
{
    char buffer[256] = {};
    ERR_error_string_n(ERR_get_error(), buffer, sizeof buffer);
    ERR_clear_error();
    return QString::fromLatin1(buffer);
}

std::unique_ptr<BIO, decltype(&BIO_free)> memoryBio(const QByteArray &data)
{
    return {BIO_new_mem_buf(data.constData(), int(data.size())), &BIO_free};
}

QByteArray bigNumberParam(EVP_PKEY *key, const char *name)
{
    BIGNUM *bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &bn) != 1)
        return {};
    QByteArray bytes(BN_num_bytes(bn), Qt::Uninitialized);
    BN_bn2bin(bn, reinterpret_cast<unsigned char *>(bytes.data()));
    BN_free(bn);
    return bytes;
}
} // namespace

QByteArray Crypto::base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> Crypto::fromBase64Url(const QByteArray &text)
{
    const auto result =
        QByteArray::fromBase64Encoding(text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return result.decoded;
}

QByteArray Crypto::hmacSha256(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

QByteArray Crypto::sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

QByteArray Crypto::randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), count) != 1)
        qFatal("OpenSSL RAND_bytes failed: %s", qPrintable(lastOpenSslError()));
    return bytes;
}

QString Crypto::randomString(int length, QStringView alphabet)
{
    const QByteArray bytes = randomBytes(length);
    QString result;
    result.reserve(length);
    for (char byte : bytes)
        result += alphabet.at(static_cast<unsigned char>(byte) % alphabet.size());
    return result;
}

bool Crypto::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

RsaKey::RsaKey(evp_pkey_st *key) : m_key(key, &EVP_PKEY_free)
{
}

std::optional<RsaKey> RsaKey::fromPrivateKeyPem(const QByteArray &pem, QString *error)
{
    auto bio = memoryBio(pem);
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    if (!key || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
        if (error)
            *error = u"not an RSA private key in PEM (%1)"_s.arg(lastOpenSslError());
        EVP_PKEY_free(key);
        return std::nullopt;
    }
    return RsaKey(key);
}

std::optional<RsaKey> RsaKey::fromCertificatePem(const QByteArray &pem, QString *error)
{
    auto bio = memoryBio(pem);
    X509 *cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    EVP_PKEY *key = cert ? X509_get_pubkey(cert) : nullptr;
    X509_free(cert);
    if (!key || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
        const QString why = key ? u"its key is not RSA"_s : lastOpenSslError();
        if (error)
            *error = u"is not a PEM X.509 certificate with an RSA key (%1)"_s.arg(why);
        EVP_PKEY_free(key);
        return std::nullopt;
    }
    return RsaKey(key);
}

QByteArray RsaKey::signSha256(const QByteArray &data) const
{
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    size_t length = 0;
    if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char *>(data.constData()),
                       size_t(data.size())) != 1)
        return {};
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size())) != 1)
        return {};
    signature.resize(qsizetype(length));
    return signature;
}

bool RsaKey::verifySha256(const QByteArray &data, const QByteArray &signature) const
{
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1)
        return false;
    const int ok = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                                    size_t(signature.size()), reinterpret_cast<const unsigned char *>(data.constData()),
                                    size_t(data.size()));
    ERR_clear_error();
    return ok == 1;
}

QJsonObject RsaKey::publicJwk(const QString &kid) const
{
    // Member order as Salesforce publishes it (§7.8); QJsonObject sorts keys anyway.
    return QJsonObject{
        {u"kty"_s, u"RSA"_s},
        {u"n"_s, QString::fromLatin1(Crypto::base64Url(bigNumberParam(m_key.get(), OSSL_PKEY_PARAM_RSA_N)))},
        {u"e"_s, QString::fromLatin1(Crypto::base64Url(bigNumberParam(m_key.get(), OSSL_PKEY_PARAM_RSA_E)))},
        {u"alg"_s, u"RS256"_s},
        {u"use"_s, u"sig"_s},
        {u"kid"_s, kid}};
}

} // namespace ecalab::emu
