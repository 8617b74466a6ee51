#pragma once

#include "Context.h"
#include "Grant.h"

namespace ecalab::emu {

// grant_type=password (§8.5, §0): blocked unless the org allows OAuth username-password flows
// (off in orgs created Summer '23 or later), never on a site, and reportedly never for External
// Client Apps. Every refusal past client authentication reads `authentication failure`, as
// Salesforce writes it; a success has no refresh token. §8.5's security-token suffix is not
// asked for: callers are on loopback, which the emulator counts as a trusted IP range.
class PasswordGrant : public Grant
{
public:
    explicit PasswordGrant(EmulatorContext &context) : m_context(context) {}
    bool accepts(const Params &params) const override;
    GrantResult handle(const TokenRequest &request) override;

    static const OAuthError kAuthenticationFailure;
    // §0: two projects observe that ECAs do not support the flow ("Username-Password Flow
    // Disabled"); the docs' own statement is unconfirmed. Only connected apps may use it.
    static constexpr bool kAllowedForExternalClientApps = false;

private:
    bool blocked(const App &app, HostKind host) const;

    EmulatorContext &m_context;
};

} // namespace ecalab::emu
