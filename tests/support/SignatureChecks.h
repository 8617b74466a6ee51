#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace ecalab::test {

// The tests' own checks of what a server signs, independent of both the emulator's signing code
// and the app's verifiers.

// §1.5: a token response's `signature`, base64(HMAC-SHA256(consumer secret, id + issued_at)).
QByteArray expectedSignature(const QString &consumerSecret, const QString &id, const QString &issuedAt);

// JWTs (ID tokens, /__emulator/jwt): RS256 with OpenSSL 3.

QByteArray fromBase64Url(const QString &text);
// An RS256 signature over `signingInput` by the public key of a JWK (its n and e).
bool verifyRs256(const QJsonObject &jwk, const QByteArray &signingInput, const QByteArray &signature);
// True when `jwt` is RS256-signed by the key of `jwks` that its header's kid names.
bool verifyJwt(const QString &jwt, const QJsonArray &jwks);
QJsonObject jwtHeader(const QString &jwt);
QJsonObject jwtClaims(const QString &jwt);

} // namespace ecalab::test
