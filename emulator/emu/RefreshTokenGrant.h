#pragma once

#include "Context.h"
#include "Grant.h"

namespace ecalab::emu {

// grant_type=refresh_token (§7.1, §12.8): a new session from a refresh token of the same app.
// The secret is needed only when "Require Secret for Refresh Token Flow" is on; with rotation a
// new refresh token replaces the used one, and presenting a replaced one again revokes the whole
// approval (the current refresh token and its access tokens).
class RefreshTokenGrant : public Grant
{
public:
    explicit RefreshTokenGrant(EmulatorContext &context) : m_context(context) {}
    bool accepts(const Params &params) const override;
    GrantResult handle(const TokenRequest &request) override;

    // §7.1: revoked, rotated, reused, expired by policy, another app's, or the user deactivated —
    // all read the same. A missing refresh_token reads so too (unconfirmed).
    static const OAuthError kExpiredRefreshToken;

private:
    EmulatorContext &m_context;
};

} // namespace ecalab::emu
