#pragma once

#include "Context.h"
#include "ResponseFormat.h"

namespace ecalab::emu {

// Issues sessions and writes the common token-response fields (§1.4, §1.5, §12.3).
class TokenIssuer
{
public:
    explicit TokenIssuer(EmulatorContext &context) : m_context(context) {}

    // A new access token for `user` through `app`, living for the app's (or org's) session timeout
    // — a JWT when the app has `isNamedUserJwtEnabled` and the grant is one of JwtAccessToken's;
    // `family` ties it to the refresh tokens of one approval (revoking one revokes it, §7.3).
    const AccessToken &issueAccessToken(const App &app, const User &user, const QStringList &scopes, HostKind host,
                                        const QString &grantType, const QString &family = {});
    // What a user grant (authorization code, device) hands on to the token response.
    struct UserGrant
    {
        const App &app;
        const User &user;
        QStringList scopes;
        HostKind host;     // the token endpoint's host: `id` and the id_token's `iss`
        QString grantType; // e.g. "authorization_code"
        QString nonce;
        qint64 authTimeMs = 0;
    };
    // The whole response of a user grant (§1.4, §1.6): access token, plus `refresh_token` when
    // refresh_token/offline_access is granted (a new approval), plus `id_token` when openid is.
    Fields userTokenResponse(const UserGrant &grant);
    // The refresh grant's response (§7.1): a new access token from `used`'s approval; with
    // rotation also a new refresh token that replaces `used`.
    Fields refreshedTokenResponse(const UserGrant &grant, RefreshToken &used, bool rotate);

    // access_token, signature, scope, instance_url, id, token_type, issued_at — Salesforce's order.
    Fields responseFields(const AccessToken &token, const App &app) const;
    // https://<host used>/id/<org18>/<user18>; the host follows the one the client called (§12.1).
    QString identityUrl(HostKind host, const User &user) const;
    // base64(HMAC-SHA256(consumer secret, id + issued_at)) — §1.5, always with the app's secret.
    static QString signature(const QString &consumerSecret, const QString &id, const QString &issuedAt);

private:
    QString newOpaqueAccessToken() const; // <15-char org id>!AQ<96 opaque characters>
    RefreshToken newRefreshToken(const UserGrant &grant) const;
    // Salesforce's order (§1.6): access_token, refresh_token, signature, scope, id_token, instance_url, …
    Fields compose(const UserGrant &grant, const AccessToken &token, const QString &refreshToken) const;

    EmulatorContext &m_context;
};

} // namespace ecalab::emu
