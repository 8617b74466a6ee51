#pragma once

#include "core/Expected.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <openssl/types.h>

namespace ecalab {

// A compact JWS (RFC 7515 §7.1) split and decoded; nothing is trusted until verifyRs256 says so.
struct Jwt
{
    QJsonObject header;
    QJsonObject claims;
    QByteArray signingInput; // ASCII(BASE64URL(header) || '.' || BASE64URL(payload))
    QByteArray signature;

    static Expected<Jwt, QString> parse(const QString &compact);
};

// RS256 (RSASSA-PKCS1-v1_5 with SHA-256, RFC 7518 §3.3) against one RSA key of a JWKS
// (RFC 7517 §6.3: `n` and `e` base64url). Returns an error string when the key is unusable or the
// JWT's header names another alg (none, HS256, …: RFC 8725 §2.1).
Expected<bool, QString> verifyRs256(const Jwt &jwt, const QJsonObject &jwk);

// The key a JWT names by `kid`; when the JWT has no kid, the only RSA signing key, if just one.
Expected<QJsonObject, QString> findSigningKey(const QJsonObject &jwks, const QString &kid);

// Compact JWS (RFC 7515 §7.1) with RS256; a header whose alg is not RS256 (none, HS256, …) is refused.
// Header and claims are serialised as compact JSON, each base64url without padding (§2).
Expected<QString, QString> signCompactRs256(const QJsonObject &header, const QJsonObject &claims, EVP_PKEY &key);

} // namespace ecalab
