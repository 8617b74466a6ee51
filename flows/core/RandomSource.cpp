#include "RandomSource.h"

#include <openssl/rand.h>

#include <stdexcept>

namespace ecalab {

QByteArray SystemRandomSource::bytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    // RAND_bytes only fails when the OS entropy source is broken; continuing with weak
    // randomness would silently produce guessable state/PKCE values, so stop loudly instead.
    if (count > 0 && RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), count) != 1)
        throw std::runtime_error("OpenSSL RAND_bytes failed: no secure randomness available");
    return out;
}

} // namespace ecalab
