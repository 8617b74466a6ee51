#include "EchoEndpoint.h"

#include "HeadlessErrors.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

bool EchoEndpoint::handles(const HttpRequest &request) const
{
    return request.host == HostKind::Site && request.path == QStringView(kPath);
}

HttpReply EchoEndpoint::handle(const HttpRequest &request)
{
    // (unconfirmed, §6.8) Other methods: the authorize page's legacy wording; CORS is not modelled.
    if (request.method != "GET" && request.method != "HEAD")
        return HeadlessErrors::reply(HeadlessErrors::make("invalid_request", "must use HTTP GET"));
    QJsonObject echoed;
    for (const auto &[name, value] : request.query.items()) {
        if (!echoed.contains(name)) // the first of a repeated name, as every parameter lookup here
            echoed.insert(name, value);
    }
    return HeadlessErrors::reply(200, echoed);
}

} // namespace ecalab::emu
