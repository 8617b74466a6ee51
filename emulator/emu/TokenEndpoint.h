#pragma once

#include "Context.h"
#include "Endpoint.h"
#include "Grant.h"

#include <memory>
#include <vector>

namespace ecalab::emu {

// /services/oauth2/token: the behaviour every grant shares (§1.3, §12.2–3) — POST only,
// form-urlencoded or multipart bodies, `format`/Accept for successes and errors, Salesforce's
// headers — then hands the request to the Grant that accepts it.
class TokenEndpoint : public Endpoint
{
public:
    explicit TokenEndpoint(EmulatorContext &context) : m_context(context) {}
    void addGrant(std::unique_ptr<Grant> grant) { m_grants.push_back(std::move(grant)); }

    bool handles(const HttpRequest &request) const override;
    HttpReply handle(const HttpRequest &request) override;

    // §1.3: "JSON request bodies are not read as parameters, so the server reports a missing or
    // unsupported grant (unconfirmed)". A missing grant_type is answered like an unknown one.
    static const OAuthError kMissingGrantError;
    // Parameters in the query string of a POST are read too (body wins) — Postman-style requests
    // do this against Salesforce (unconfirmed in the reference).
    static constexpr bool kReadsQueryParameters = true;

    static Params bodyParameters(const HttpRequest &request); // form or multipart; else none
    static HttpReply reply(Format format, int status, const Fields &fields);
    static HttpReply errorReply(Format format, const OAuthError &error);

private:
    EmulatorContext &m_context;
    std::vector<std::unique_ptr<Grant>> m_grants;
};

} // namespace ecalab::emu
