#pragma once

#include "Context.h"

#include <QJsonObject>

namespace ecalab::emu {

// The OpenID Connect ID token (§7.7): RS256 with the current key of /id/keys (kid in the header).
class IdToken
{
public:
    // §7.7: an old sample had exp = iat + 120; the current lifetime is unconfirmed. Five minutes
    // leaves room for slow test machines and small clock differences.
    static constexpr qint64 kLifetimeSeconds = 300;

    struct Inputs
    {
        const AccessToken &token; // the access token it accompanies (sub, scopes, at_hash)
        const User &user;
        HostKind host;     // the issuer follows the host the client called, like discovery's
        QString nonce;     // echoed when the authorize request had one
        qint64 authTimeMs; // when the user entered the password
    };

    static QJsonObject claims(const EmulatorContext &context, const Inputs &inputs);
    static QByteArray sign(const EmulatorContext &context, const Inputs &inputs);
    // OIDC Core §3.1.3.6: base64url of the left half of SHA-256 over the access token's ASCII.
    static QString atHash(const QString &accessToken);
};

} // namespace ecalab::emu
