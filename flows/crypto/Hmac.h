#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace ecalab::crypto {

inline constexpr qsizetype kHmacSha256Bytes = 32; // RFC 2104 §2: the output is one SHA-256 digest

// HMAC-SHA256 (RFC 2104, test vectors RFC 4231) of `message` under `key`; any key length, empty
// included. Throws std::runtime_error only when OpenSSL has no HMAC-SHA256 (a broken installation).
QByteArray hmacSha256(QByteArrayView key, QByteArrayView message);

// Compares two MACs in time that depends on their length only, so a server-chosen value cannot be
// guessed byte by byte from how long a comparison takes. Lengths are not secret.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace ecalab::crypto
