#pragma once

#include "Context.h"
#include "Endpoint.h"

namespace ecalab::emu {

// /services/oauth2/revoke (§7.3): POST form `token=` or a blind GET `?token=`; no client
// authentication; 200 with an empty body; errors 400 form-encoded, not JSON. Access and refresh
// tokens both.
class RevocationEndpoint : public Endpoint
{
public:
    // §7.3 documents two codes; the observed body (omniphx/forrest #213) is this one, for an
    // unknown, invalid or already revoked token (and for a missing one).
    static constexpr char16_t kErrorCode[] = u"unsupported_token_type";
    static constexpr char16_t kErrorDescription[] = u"this token type is not supported";

    explicit RevocationEndpoint(EmulatorContext &context) : m_context(context) {}
    bool handles(const HttpRequest &request) const override;
    HttpReply handle(const HttpRequest &request) override;

private:
    bool revoke(const QString &value);

    EmulatorContext &m_context;
};

} // namespace ecalab::emu
