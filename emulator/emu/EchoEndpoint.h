#pragma once

#include "Endpoint.h"

namespace ecalab::emu {

// GET <site>/services/oauth2/echo (§6.8): the query parameters as one JSON object of strings, so
// a client without a callback page can read the code of a headless authorize's 302. Only on the
// site; elsewhere the path does not exist (404).
class EchoEndpoint : public Endpoint
{
public:
    static constexpr char16_t kPath[] = u"/services/oauth2/echo";
    bool handles(const HttpRequest &request) const override;
    HttpReply handle(const HttpRequest &request) override;
};

} // namespace ecalab::emu
