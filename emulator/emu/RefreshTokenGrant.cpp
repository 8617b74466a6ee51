#include "RefreshTokenGrant.h"

#include "ClientAuth.h"
#include "TokenIssuer.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

const OAuthError RefreshTokenGrant::kExpiredRefreshToken{u"invalid_grant"_s, u"expired access/refresh token"_s};

bool RefreshTokenGrant::accepts(const Params &params) const
{
    return params.value(u"grant_type") == u"refresh_token";
}

GrantResult RefreshTokenGrant::handle(const TokenRequest &request)
{
    OAuthError error;
    const App *app = ClientAuth::authenticate(
        ClientAuth::extract(request.http, request.params), m_context.org,
        [](const App &a) { return a.isSecretRequiredForRefreshToken; }, &error);
    if (!app)
        return GrantResult::failure(error);

    const QString value = request.params.value(u"refresh_token");
    RefreshToken *presented = m_context.tokens.findRefresh(value);
    if (!presented || presented->clientId != app->consumerKey)
        return GrantResult::failure(kExpiredRefreshToken);
    if (presented->rotated) { // §7.1: reuse of a rotated token ends the whole approval
        m_context.tokens.revokeFamily(presented->family);
        return GrantResult::failure(kExpiredRefreshToken);
    }
    const std::optional<qint64> end = TokenStore::expiresAtMs(*presented, *app);
    if (end && m_context.clock.nowMs() >= *end) { // over the app's refresh-token policy: gone for good
        m_context.tokens.revokeFamily(presented->family);
        return GrantResult::failure(kExpiredRefreshToken);
    }
    const User *found = m_context.org.userById(presented->userId);
    if (!found || !found->active) // frozen or deactivated (§7.1); the approval itself stays
        return GrantResult::failure(kExpiredRefreshToken);
    const User &user = *found;
    if (!app->permits(user))
        return GrantResult::failure(kNotAdminApprovedError);

    const TokenIssuer::UserGrant grant{
        *app, user, presented->scopes, request.http.host, u"refresh_token"_s, QString(), presented->authTimeMs};
    return GrantResult::success(
        TokenIssuer(m_context).refreshedTokenResponse(grant, *presented, app->isRefreshTokenRotationEnabled));
}

} // namespace ecalab::emu
