#include "Digest.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace ecalab::crypto {

QByteArray sha256(QByteArrayView data)
{
    QByteArray digest(kSha256Bytes, Qt::Uninitialized);
    size_t length = 0;
    // A digest that silently came back empty would become an empty PKCE challenge or at_hash;
    // like RandomSource, stop loudly instead.
    if (EVP_Q_digest(nullptr, "SHA256", nullptr, data.data(), size_t(data.size()),
                     reinterpret_cast<unsigned char *>(digest.data()), &length) != 1 ||
        length != size_t(kSha256Bytes))
        throw std::runtime_error("OpenSSL cannot compute SHA-256");
    return digest;
}

} // namespace ecalab::crypto
