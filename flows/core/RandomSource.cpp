#include "RandomSource.h"

#include "crypto/Random.h"

namespace ecalab {

QByteArray SystemRandomSource::bytes(int count)
{
    return crypto::randomBytes(count);
}

} // namespace ecalab
