#pragma once

#include <QByteArray>

namespace ecalab::crypto {

// `count` bytes from OpenSSL's CSPRNG. Throws std::runtime_error when it cannot deliver: going on
// with weak randomness would silently produce guessable state, nonce and PKCE values.
QByteArray randomBytes(int count);

} // namespace ecalab::crypto
