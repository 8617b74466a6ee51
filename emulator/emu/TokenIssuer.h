#pragma once

#include "Context.h"
#include "ResponseFormat.h"

namespace ecalab::emu {

// Issues sessions and writes the common token-response fields (§1.4, §1.5, §12.3).
class TokenIssuer
{
public:
    explicit TokenIssuer(EmulatorContext &context) : m_context(context) {}

    // A new access token for `user` through `app`, living for the app's (or org's) session timeout.
    const AccessToken &issueAccessToken(const App &app, const User &user, const QStringList &scopes, HostKind host,
                                        const QString &grantType);
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
    // refresh_token/offline_access is granted, plus `id_token` when openid is granted.
    Fields userTokenResponse(const UserGrant &grant);
    const RefreshToken &issueRefreshToken(const AccessToken &accessToken);

    // access_token, signature, scope, instance_url, id, token_type, issued_at — Salesforce's order.
    Fields responseFields(const AccessToken &token, const App &app) const;
    // https://<host used>/id/<org18>/<user18>; the host follows the one the client called (§12.1).
    QString identityUrl(HostKind host, const User &user) const;
    // base64(HMAC-SHA256(consumer secret, id + issued_at)) — §1.5, always with the app's secret.
    static QString signature(const QString &consumerSecret, const QString &id, const QString &issuedAt);

private:
    EmulatorContext &m_context;
};

} // namespace ecalab::emu
