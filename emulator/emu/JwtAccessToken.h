#pragma once

#include "Context.h"

#include <array>

namespace ecalab::emu {

// JWT-based access tokens for named users: an app with `isNamedUserJwtEnabled` (eca-metadata.md
// §3.3; §0 "instead of opaque session IDs") gets an RS256 JWT signed with the org's current key
// (kid 248, verifiable through /id/keys, §7.8) instead of `00D…!…`. The token is still a session:
// it is kept, looked up, introspected and revoked like an opaque one (§7.3 "works for opaque and
// JWT-based access tokens").
//
// The reference leaves the format unconfirmed (§0, §1.4). Each guess is one constant below.
class JwtAccessToken
{
public:
    // The grants whose access tokens become JWTs (unconfirmed): every grant that runs as a named
    // user — authorization code, device, refresh, JWT bearer, client credentials (its Run As user).
    // Not the username-password grant: retiring (§0) and refused for External Client Apps.
    static constexpr std::array<QStringView, 5> kGrantTypes{u"authorization_code", u"device", u"refresh_token",
                                                            u"urn:ietf:params:oauth:grant-type:jwt-bearer",
                                                            u"client_credentials"};
    // Claim names and values (unconfirmed; shaped like RFC 9068's and the ID token's, §7.7):
    static constexpr char16_t kScopeClaim[] = u"scp";    // the granted scopes as a JSON array
    static constexpr bool kAudienceIsInstanceUrl = true; // aud = My Domain, where the APIs live
    static constexpr bool kSubjectIsIdentityUrl = true;  // sub = the identity URL, as in the ID token
    static constexpr int kJtiLength = 32;

    static bool appliesTo(const App &app, QStringView grantType);
    // `namedUserJwtTimeout` (`Custom`), else the user session: the org's timeout — the app's
    // `sessionTimeoutInMinutes` "applies to opaque tokens only" (eca-metadata.md §3.4).
    static qint64 lifetimeMs(const OrgModel &org, const App &app);
    // iss, sub, aud, client_id, scp, iat, nbf, exp, jti — from the session `token` describes.
    static QJsonObject claims(const EmulatorContext &context, const AccessToken &token);
    static QString sign(const EmulatorContext &context, const AccessToken &token);
};

} // namespace ecalab::emu
