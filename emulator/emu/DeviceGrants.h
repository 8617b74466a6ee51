#pragma once

#include "Context.h"
#include "Endpoint.h"
#include "Grant.h"

namespace ecalab::emu {

// The device flow's token-endpoint behaviour, in both dialects (§4.1–4.4; RFC 8628 §3.1–3.5).
class DeviceGrantRules
{
public:
    // §4.1 path and §12.5: Salesforce's verification page, on the host the device asked.
    static constexpr char16_t kVerificationPath[] = u"/setup/connect";
    // RFC 8628 mode only. Salesforce has no such endpoint (§4.4); the emulator's choice of path,
    // next to the token endpoint, documented in emulator/README.md.
    static constexpr char16_t kAuthorizationPath[] = u"/services/oauth2/device/authorize";
    static constexpr char16_t kRfcGrantType[] = u"urn:ietf:params:oauth:grant-type:device_code";
    // §1.1 leaves the device flow on an Experience Cloud site unconfirmed: refused there.
    static constexpr bool kAllowedOnSite = false;
    // RFC 8628 §3.5: after slow_down "the interval MUST be increased by 5 seconds for all subsequent
    // requests"; the emulator holds clients to that in both dialects (Salesforce's unconfirmed).
    static constexpr int kSlowDownStepSeconds = 5;
    // A poll up to this much early still counts as on time: client timers (Qt's coarse timers
    // fire within 5% either way) and the network blur the gap. Salesforce's tolerance is unknown.
    static constexpr qint64 kEarlyPollToleranceMs = 500;

    static const OAuthError kFlowDisabled;      // §4.3, §10.2
    static const OAuthError kSlowDown;          // §4.3 verbatim
    static const OAuthError kExchangeFailed;    // §4.3: consumed code
    static const OAuthError kPending;           // description unconfirmed (§13)
    static const OAuthError kSalesforceExpired; // unconfirmed (§4.3): invalid_grant, "expired"
    static const OAuthError kRfcExpired;        // RFC 8628 §3.5 expired_token
    static const OAuthError kDenied;            // §10.2's Deny wording, both dialects

    explicit DeviceGrantRules(EmulatorContext &context) : m_context(context) {}
    GrantResult authorize(const TokenRequest &request, DeviceDialect dialect);
    GrantResult poll(const TokenRequest &request, DeviceDialect dialect);
    QString verificationUrl(HostKind host) const;
    // Empty when `user` may approve the code's app; otherwise why not (inactive, not permitted:
    // §3.4's admin-approved policy applies to every user-facing flow).
    QString whyUserCannotApprove(const DeviceAuthorization &item, const User *user) const;

private:
    const App *deviceApp(const TokenRequest &request, OAuthError *error) const;
    GrantResult pollPending(DeviceAuthorization &item, qint64 nowMs);
    GrantResult issue(DeviceAuthorization &item, const App &app);

    EmulatorContext &m_context;
};

// response_type=device_code on /services/oauth2/token (§4.1).
class DeviceCodeRequestGrant : public Grant
{
public:
    explicit DeviceCodeRequestGrant(EmulatorContext &context) : m_flow(context) {}
    bool accepts(const Params &params) const override;
    GrantResult handle(const TokenRequest &request) override;

private:
    DeviceGrantRules m_flow;
};

// grant_type=device with code= (§4.3); in RFC 8628 mode also the RFC's grant with device_code=.
class DevicePollGrant : public Grant
{
public:
    explicit DevicePollGrant(EmulatorContext &context) : m_context(context), m_flow(context) {}
    bool accepts(const Params &params) const override;
    GrantResult handle(const TokenRequest &request) override;

private:
    EmulatorContext &m_context;
    DeviceGrantRules m_flow;
};

// RFC 8628 §3.1 device authorization endpoint; 404 unless the RFC 8628 mode is on.
class DeviceAuthorizationEndpoint : public Endpoint
{
public:
    explicit DeviceAuthorizationEndpoint(EmulatorContext &context) : m_context(context), m_flow(context) {}
    bool handles(const HttpRequest &request) const override;
    HttpReply handle(const HttpRequest &request) override;

private:
    EmulatorContext &m_context;
    DeviceGrantRules m_flow;
};

} // namespace ecalab::emu
