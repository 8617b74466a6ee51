#pragma once

#include "core/Expected.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

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
// (RFC 7517 §6.3: `n` and `e` base64url). Returns an error string when the key is unusable.
Expected<bool, QString> verifyRs256(const Jwt &jwt, const QJsonObject &jwk);

// The key a JWT names by `kid`; when the JWT has no kid, the only RSA signing key, if just one.
Expected<QJsonObject, QString> findSigningKey(const QJsonObject &jwks, const QString &kid);

} // namespace ecalab
