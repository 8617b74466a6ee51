#include "ClientCredentialsGrant.h"

#include "ClientAuth.h"
#include "Scopes.h"
#include "TokenIssuer.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

const OAuthError ClientCredentialsGrant::kFlowDisabledError{u"invalid_grant"_s,
                                                            u"client credentials flow is not enabled for the app"_s};

namespace {
// The API gateway every recent org returns for this flow (§1.1, §2).
constexpr char16_t kApiInstanceUrl[] = u"https://api.salesforce.com";
} // namespace

bool ClientCredentialsGrant::accepts(const Params &params) const
{
    return params.value(u"grant_type") == u"client_credentials";
}

QStringList ClientCredentialsGrant::grantedScopes(const App &app)
{
    QStringList scopes = app.scopes();
    for (const QString &never : {u"refresh_token"_s, u"offline_access"_s, u"web"_s, u"full"_s})
        scopes.removeAll(never);
    return scopes;
}

GrantResult ClientCredentialsGrant::handle(const TokenRequest &request)
{
    const HostKind host = request.http.host;
    if (host == HostKind::Login || (host == HostKind::Site && !kAllowedOnSite))
        return GrantResult::failure({u"invalid_grant"_s, u"request not supported on this domain"_s});

    OAuthError error;
    const App *app = ClientAuth::authenticate(ClientAuth::extract(request.http, request.params), m_context.org,
                                              /*secretRequired=*/true, &error);
    if (!app)
        return GrantResult::failure(error);
    if (!app->isClientCredentialsFlowEnabled)
        return GrantResult::failure(kFlowDisabledError);
    const User *runAs = app->clientCredentialsFlowUser.isEmpty()
                            ? nullptr
                            : m_context.org.userByUsername(app->clientCredentialsFlowUser);
    if (!runAs)
        return GrantResult::failure({u"invalid_grant"_s, u"no client credentials user enabled"_s});
    if (!runAs->active) // §10.2: deactivated or frozen user
        return GrantResult::failure({u"inactive_user"_s, u"user is inactive"_s});

    // The Permitted Users policy does not apply to the Run As user (§2).
    TokenIssuer issuer(m_context);
    QStringList scopes = grantedScopes(*app);
    if constexpr (kHonoursRequestedScope) {
        const QStringList requested = Scopes::splitSpaced(request.params.value(u"scope"));
        if (!requested.isEmpty())
            scopes.removeIf([&requested](const QString &scope) { return !requested.contains(scope); });
    }
    const AccessToken &token = issuer.issueAccessToken(*app, *runAs, scopes, host, u"client_credentials"_s);
    Fields fields = issuer.responseFields(token, *app);
    fields.insert(u"api_instance_url"_s, QString::fromUtf16(kApiInstanceUrl));
    return GrantResult::success(fields);
}

} // namespace ecalab::emu
