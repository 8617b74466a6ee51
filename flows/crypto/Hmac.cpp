#include "Hmac.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <stdexcept>

namespace ecalab::crypto {

namespace {
// EVP_MAC refuses a null key pointer even with length 0; an empty key is legal in HMAC (RFC 2104 §2
// pads it with zeros), so point at a real byte.
const unsigned char *keyBytes(QByteArrayView key)
{
    static const unsigned char kNoKey = 0;
    return key.isEmpty() ? &kNoKey : reinterpret_cast<const unsigned char *>(key.data());
}
} // namespace

QByteArray hmacSha256(QByteArrayView key, QByteArrayView message)
{
    QByteArray mac(kHmacSha256Bytes, Qt::Uninitialized);
    size_t length = 0;
    const unsigned char *produced =
        EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, keyBytes(key), size_t(key.size()),
                  reinterpret_cast<const unsigned char *>(message.data()), size_t(message.size()),
                  reinterpret_cast<unsigned char *>(mac.data()), size_t(mac.size()), &length);
    if (produced == nullptr || length != size_t(kHmacSha256Bytes))
        throw std::runtime_error("OpenSSL cannot compute HMAC-SHA256");
    return mac;
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && (a.isEmpty() || CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0);
}

} // namespace ecalab::crypto
