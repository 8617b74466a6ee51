#pragma once

#include "Context.h"
#include "Grant.h"

namespace ecalab::emu {

// grant_type=authorization_code (§3.3–3.5): the code from /authorize, bound to its client,
// redirect_uri and PKCE challenge; single use; the user's access token, refresh token and
// id_token as the granted scopes allow.
class AuthorizationCodeGrant : public Grant
{
public:
    explicit AuthorizationCodeGrant(EmulatorContext &context) : m_context(context) {}
    bool accepts(const Params &params) const override;
    GrantResult handle(const TokenRequest &request) override;

    // §10.2: reused, expired, unknown and double-encoded codes all read "expired authorization code".
    static const OAuthError kBadCodeError;
    // §3.5: a challenge was sent but the token request has no verifier → invalid_grant, with no
    // documented description. The mismatch's observed wording is used for both (unconfirmed).
    static const OAuthError kMissingVerifierError;
    static const OAuthError kVerifierMismatchError;
    // RFC 6749 §4.1.2: a code is single use. It is spent by any redemption attempt by its own
    // client, failed or not, so a retry after a PKCE or redirect mistake needs a new code
    // (unconfirmed for Salesforce; the strict reading).
    static constexpr bool kFailedAttemptSpendsCode = true;

    static QString s256(const QString &verifier); // BASE64URL(SHA256(ASCII(verifier)))

private:
    std::optional<OAuthError> checkCode(const TokenRequest &request, const App &app, AuthCode &code) const;

    EmulatorContext &m_context;
};

} // namespace ecalab::emu
