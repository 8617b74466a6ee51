#pragma once

#include "core/Expected.h"
#include "crypto/OpenSslPtr.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace ecalab::crypto {

// RSA key material as EVP_PKEY (OpenSSL 3 provider keys; no deprecated RSA_* objects). Loading a
// private key (PEM, DER, PKCS#12) for signing belongs beside these.

// A public key from its modulus and public exponent as unsigned big-endian integers: a JWK's `n`
// and `e` once base64url-decoded (RFC 7518 §6.3.1).
Expected<PkeyPtr, QString> rsaPublicKey(QByteArrayView modulus, QByteArrayView exponent);

// A private key from its components as unsigned big-endian integers: a private JWK's members
// (RFC 7518 §6.3.2) once base64url-decoded. The CRT members (p … qi) are all given or all empty.
struct RsaKeyComponents
{
    QByteArray n, e, d, p, q, dp, dq, qi;
};
Expected<PkeyPtr, QString> rsaPrivateKey(const RsaKeyComponents &components);

// Plain RSA only: RSA-PSS, EC and EdDSA keys cannot make or check an RS256 signature.
bool isRsaKey(const EVP_PKEY &key);

} // namespace ecalab::crypto
