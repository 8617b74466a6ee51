#pragma once

#include "core/Expected.h"
#include "crypto/OpenSslPtr.h"

#include <QByteArrayView>
#include <QString>

namespace ecalab::crypto {

// RS256: RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3, RFC 8017 §8.2) over a JWS signing input.
// Signing makes JWT bearer assertions (RFC 7523 §2.1); verification checks ID tokens.

// An error when the key cannot check RS256 at all (not an RSA key); false when the signature does
// not verify; true only for a valid signature.
Expected<bool, QString> verifyRs256(EVP_PKEY &key, QByteArrayView signingInput, QByteArrayView signature);

// The RS256 signature of `signingInput` with a private RSA key (as many bytes as the modulus).
// An error, with OpenSSL's own words, when the key is not RSA or has no private part.
Expected<QByteArray, QString> signRs256(EVP_PKEY &key, QByteArrayView signingInput);

} // namespace ecalab::crypto
