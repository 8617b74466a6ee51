#pragma once

#include "Context.h"
#include "Endpoint.h"

namespace ecalab::emu {

// /services/oauth2/userinfo (§7.5) and the identity URL /id/<org18>/<user18> (§7.6), on every host.
class IdentityEndpoints : public Endpoint
{
public:
    // A bad, revoked or expired token: HTTP 403, plain text (§7.6, §10.1). §7.5 does not say what
    // UserInfo answers; it is the same identity service, so it answers the same.
    static constexpr char kBadTokenBody[] = "Bad_OAuth_Token";
    static constexpr int kBadTokenStatus = 403;

    explicit IdentityEndpoints(EmulatorContext &context) : m_context(context) {}
    bool handles(const HttpRequest &request) const override;
    HttpReply handle(const HttpRequest &request) override;

private:
    HttpReply userInfo(const HttpRequest &request, const Params &params, const AccessToken &token) const;
    HttpReply identity(const HttpRequest &request, const Params &params, const AccessToken &token) const;
    static QString apiVersion(const Params &params); // `version`: "62.0" or "latest"; else the literal {version}

    EmulatorContext &m_context;
};

} // namespace ecalab::emu
