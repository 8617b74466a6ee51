#include "RevocationEndpoint.h"

#include "TokenEndpoint.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

bool RevocationEndpoint::handles(const HttpRequest &request) const
{
    return request.path == u"/services/oauth2/revoke";
}

HttpReply RevocationEndpoint::handle(const HttpRequest &request)
{
    Params params = request.method == "POST" ? TokenEndpoint::bodyParameters(request) : Params();
    params.addMissingFrom(request.query);
    const bool allowedMethod = request.method == "POST" || request.method == "GET";
    // Sessions that are over (revoked, expired, user deactivated) are unknown to the server.
    const AccessToken *live = m_context.tokens.active(params.value(u"token"), m_context.clock.nowMs(), m_context.org);
    if (!allowedMethod || !live) {
        const QByteArray body = FormData::encode({{u"error"_s, QString::fromUtf16(kErrorCode)},
                                                  {u"error_description"_s, QString::fromUtf16(kErrorDescription)}});
        return HttpReply::withBody(400, "application/x-www-form-urlencoded;charset=UTF-8", body);
    }
    m_context.tokens.find(live->value)->revoked = true;
    return HttpReply::withBody(200, {}, {});
}

} // namespace ecalab::emu
