#pragma once

#include "Context.h"
#include "Grant.h"

namespace ecalab::emu {

// grant_type=client_credentials (§2): My Domain only, the app's Run As user, no refresh token.
class ClientCredentialsGrant : public Grant
{
public:
    explicit ClientCredentialsGrant(EmulatorContext &context) : m_context(context) {}
    bool accepts(const Params &params) const override;
    GrantResult handle(const TokenRequest &request) override;

    // §2 lists `scope` in the request as "probably ignored" (unconfirmed): the app's selected
    // scopes are granted whatever the client asks for.
    static constexpr bool kHonoursRequestedScope = false;
    // §1.1 leaves client credentials on an Experience Cloud site unconfirmed: refused there like
    // on the generic login host.
    static constexpr bool kAllowedOnSite = false;
    // §2/§13: the error when the flow is off on the app is unconfirmed. Modelled on the one observed
    // for the same situation in the device flow (§10.2: invalid_grant / "device flow is not enabled
    // for the app"); §10.2 gives unsupported_grant_type other causes (typo, non-form body, http).
    static const OAuthError kFlowDisabledError;

    static QStringList grantedScopes(const App &app); // §2, §9: never refresh_token/offline_access/web/full

private:
    EmulatorContext &m_context;
};

} // namespace ecalab::emu
