#pragma once

#include "HttpTypes.h"

namespace ecalab::emu {

// One endpoint (or a small family of paths) of one or more hosts.
class Endpoint
{
public:
    virtual ~Endpoint() = default;
    virtual bool handles(const HttpRequest &request) const = 0;
    virtual HttpReply handle(const HttpRequest &request) = 0;
};

} // namespace ecalab::emu
