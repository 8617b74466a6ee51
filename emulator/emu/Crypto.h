#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

struct evp_pkey_st;

namespace ecalab::emu {

// Tiny crypto helpers of the emulator (its own: it shares nothing with flows/).
class Crypto
{
public:
    static QByteArray base64Url(const QByteArray &data); // no padding
    static std::optional<QByteArray> fromBase64Url(const QByteArray &text);
    static QByteArray hmacSha256(const QByteArray &key, const QByteArray &message);
    static QByteArray sha256(const QByteArray &data);
    static QByteArray randomBytes(int count); // OpenSSL CSPRNG
    static QString randomString(int length, QStringView alphabet);
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
};

// An RSA key (private, or public only) held by OpenSSL.
class RsaKey
{
public:
    static std::optional<RsaKey> fromPrivateKeyPem(const QByteArray &pem, QString *error = nullptr);
    static std::optional<RsaKey> fromCertificatePem(const QByteArray &pem, QString *error = nullptr);

    QByteArray signSha256(const QByteArray &data) const; // RSASSA-PKCS1-v1_5 (RS256)
    bool verifySha256(const QByteArray &data, const QByteArray &signature) const;
    QJsonObject publicJwk(const QString &kid) const; // {"kty","n","e","alg","use","kid"}

private:
    explicit RsaKey(evp_pkey_st *key);
    std::shared_ptr<evp_pkey_st> m_key;
};

} // namespace ecalab::emu
