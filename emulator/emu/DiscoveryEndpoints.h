#pragma once

#include "Context.h"
#include "Endpoint.h"

namespace ecalab::emu {

// /.well-known/openid-configuration (§7.9) and /id/keys (§7.8) on every host; the issuer and
// every endpoint follow the host called, a site adds its own keys.
class DiscoveryEndpoints : public Endpoint
{
public:
    explicit DiscoveryEndpoints(EmulatorContext &context) : m_context(context) {}
    bool handles(const HttpRequest &request) const override;
    HttpReply handle(const HttpRequest &request) override;

    QJsonObject configuration(HostKind host) const;

private:
    EmulatorContext &m_context;
};

} // namespace ecalab::emu
