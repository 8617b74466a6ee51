#include "PasswordGrant.h"

#include "ClientAuth.h"
#include "Crypto.h"
#include "TokenIssuer.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

const OAuthError PasswordGrant::kAuthenticationFailure{u"invalid_grant"_s, u"authentication failure"_s};

bool PasswordGrant::accepts(const Params &params) const
{
    return params.value(u"grant_type") == u"password";
}

bool PasswordGrant::blocked(const App &app, HostKind host) const
{
    const bool appMayUseIt = app.isConnectedApp() || kAllowedForExternalClientApps;
    return !m_context.org.org.allowUsernamePasswordFlows || host == HostKind::Site || !appMayUseIt;
}

GrantResult PasswordGrant::handle(const TokenRequest &request)
{
    OAuthError error;
    const App *app = ClientAuth::authenticate(ClientAuth::extract(request.http, request.params), m_context.org,
                                              /*secretRequired=*/true, &error);
    if (!app)
        return GrantResult::failure(error);
    if (blocked(*app, request.http.host))
        return GrantResult::failure(kAuthenticationFailure);
    const User *user = m_context.org.userByUsername(request.params.value(u"username"));
    const bool passwordMatches =
        user && Crypto::constantTimeEquals(request.params.value(u"password").toUtf8(), user->password.toUtf8());
    if (!passwordMatches || !user->active)
        return GrantResult::failure(kAuthenticationFailure);
    if (!app->permits(*user))
        return GrantResult::failure(kAuthenticationFailure); // §8.5: every failure reads the same

    QStringList scopes = app->scopes();
    scopes.removeAll(u"refresh_token"_s); // §1.4: never a refresh token in this flow
    scopes.removeAll(u"offline_access"_s);
    TokenIssuer issuer(m_context);
    const AccessToken &token = issuer.issueAccessToken(*app, *user, scopes, request.http.host, u"password"_s);
    const Fields common = issuer.responseFields(token, *app);
    // §8.5's field list and order: access_token, instance_url, id, token_type, issued_at, signature.
    Fields fields;
    for (const QString &name :
         {u"access_token"_s, u"instance_url"_s, u"id"_s, u"token_type"_s, u"issued_at"_s, u"signature"_s})
        fields.insert(name, common.value(name));
    return GrantResult::success(fields);
}

} // namespace ecalab::emu
