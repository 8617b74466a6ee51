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
    if (allowedMethod && revoke(params.value(u"token")))
        return HttpReply::withBody(200, {}, {});
    const QByteArray body = FormData::encode({{u"error"_s, QString::fromUtf16(kErrorCode)},
                                              {u"error_description"_s, QString::fromUtf16(kErrorDescription)}});
    return HttpReply::withBody(400, "application/x-www-form-urlencoded;charset=UTF-8", body);
}

// An access token ends its session; a refresh token ends its approval, and with it every access
// token issued from it (§7.3). Tokens that are over already are unknown to the server.
bool RevocationEndpoint::revoke(const QString &value)
{
    const qint64 now = m_context.clock.nowMs();
    TokenStore &tokens = m_context.tokens;
    if (tokens.active(value, now, m_context.org)) {
        tokens.revoke(*tokens.find(value));
        return true;
    }
    if (const RefreshToken *refresh = tokens.usableRefresh(value, now, m_context.org)) {
        tokens.revokeFamily(refresh->family);
        return true;
    }
    return false;
}

} // namespace ecalab::emu
