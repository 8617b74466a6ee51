#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace ecalab::crypto {

inline constexpr qsizetype kSha256Bytes = 32; // FIPS 180-4 §6.2: a 256-bit digest

// SHA-256 of `data` (PKCE S256, RFC 7636 §4.2; at_hash, OIDC Core §3.1.3.6). Throws
// std::runtime_error only when OpenSSL has no SHA-256 at all (a broken installation).
QByteArray sha256(QByteArrayView data);

} // namespace ecalab::crypto
