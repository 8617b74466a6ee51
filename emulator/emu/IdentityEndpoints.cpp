#include "IdentityEndpoints.h"

#include "ClientAuth.h"
#include "RestApi.h"
#include "SalesforceId.h"
#include "TokenEndpoint.h"
#include "UserDocuments.h"

#include <QRegularExpression>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
bool isUserInfoPath(const QString &path)
{
    return path == u"/services/oauth2/userinfo";
}

HttpReply badToken()
{
    return HttpReply::plainText(IdentityEndpoints::kBadTokenStatus, IdentityEndpoints::kBadTokenBody);
}
} // namespace

bool IdentityEndpoints::handles(const HttpRequest &request) const
{
    return isUserInfoPath(request.path) || (request.path.startsWith(u"/id/") && request.path != u"/id/keys");
}

QString IdentityEndpoints::apiVersion(const Params &params)
{
    const QString version = params.value(u"version");
    if (version == u"latest")
        return RestApi::latestVersion();
    return RestApi::isKnownVersion(version) ? version : QString();
}

HttpReply IdentityEndpoints::handle(const HttpRequest &request)
{
    if (request.method != "GET" && request.method != "POST")
        return HttpReply::plainText(405, "Method Not Allowed");
    Params params = request.query;
    if (request.method == "POST")
        params.addMissingFrom(TokenEndpoint::bodyParameters(request)); // the headless docs POST (§7.5)
    const AccessToken *token =
        m_context.tokens.active(ClientAuth::bearerToken(request, params), m_context.clock.nowMs(), m_context.org);
    if (!token)
        return badToken();
    return isUserInfoPath(request.path) ? userInfo(request, params, *token) : identity(request, params, *token);
}

HttpReply IdentityEndpoints::userInfo(const HttpRequest &, const Params &params, const AccessToken &token) const
{
    // Which scope UserInfo needs is unconfirmed (§7.5, §13): any live session may call it.
    const User *user = m_context.org.userById(token.userId);
    const Fields fields = UserDocuments(m_context).userInfo(*user, token, apiVersion(params));
    return HttpReply::withBody(200, kJsonContentType, ResponseFormat::json(fields));
}

HttpReply IdentityEndpoints::identity(const HttpRequest &request, const Params &params, const AccessToken &token) const
{
    const QStringList parts = request.path.mid(4).split(u'/', Qt::SkipEmptyParts); // after "/id/"
    const User *user = parts.size() == 2 ? m_context.org.userById(parts[1]) : nullptr;
    if (!user || !SalesforceId::sameId(parts[0], m_context.org.org.id15))
        return HttpReply::notFound();
    const QString idUrl = m_context.baseUrl(request.host) + u"/id/"_s + m_context.org.org.id18() + u'/' + user->id18();
    const Fields fields = UserDocuments(m_context).identity(*user, token, idUrl, apiVersion(params));

    static const QRegularExpression callbackName(u"^[A-Za-z_$][A-Za-z0-9_$.]*$"_s);
    const QString callback = params.value(u"callback");
    if (!callback.isEmpty() && callbackName.match(callback).hasMatch()) // JSONP (§7.6)
        return HttpReply::withBody(200, "application/javascript;charset=UTF-8",
                                   callback.toUtf8() + '(' + ResponseFormat::json(fields) + ");");
    const Format format = ResponseFormat::negotiate(params.value(u"format"), request.header("accept"));
    return HttpReply::withBody(200, ResponseFormat::contentType(format),
                               ResponseFormat::render(fields, format, u"user"_s));
}

} // namespace ecalab::emu
