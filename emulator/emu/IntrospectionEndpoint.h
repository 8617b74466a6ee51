#pragma once

#include "Context.h"
#include "Endpoint.h"
#include "ResponseFormat.h"

#include <optional>

namespace ecalab::emu {

// /services/oauth2/introspect (RFC 7662, §7.4) of access and refresh tokens: client
// authentication required (body or Basic); unknown, revoked and expired tokens — and other apps'
// tokens unless the app may introspect all tokens — are {"active":false}.
class IntrospectionEndpoint : public Endpoint
{
public:
    // §7.4/§13: the status of a failed client authentication is unconfirmed; 400 like the token
    // endpoint's invalid_client (§10.1: observed reports show 400).
    static constexpr int kClientAuthFailureStatus = 400;

    explicit IntrospectionEndpoint(EmulatorContext &context) : m_context(context) {}
    bool handles(const HttpRequest &request) const override;
    HttpReply handle(const HttpRequest &request) override;

private:
    static bool mayIntrospect(const App &caller, const QString &clientId);
    std::optional<Fields> accessTokenFields(const QString &value, const App &caller) const;
    std::optional<Fields> refreshTokenFields(const QString &value, const App &caller) const;

    EmulatorContext &m_context;
};

} // namespace ecalab::emu
