#include "Random.h"

#include <openssl/rand.h>

#include <stdexcept>

namespace ecalab::crypto {

QByteArray randomBytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    // RAND_bytes only fails when the OS entropy source is broken.
    if (count > 0 && RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), count) != 1)
        throw std::runtime_error("OpenSSL RAND_bytes failed: no secure randomness available");
    return out;
}

} // namespace ecalab::crypto
