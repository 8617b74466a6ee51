#include "Dispatcher.h"

#include "AdminApi.h"
#include "AuthorizationCodeGrant.h"
#include "AuthorizeEndpoint.h"
#include "ClientCredentialsGrant.h"
#include "DeviceConnectPage.h"
#include "DeviceGrants.h"
#include "DiscoveryEndpoints.h"
#include "EchoEndpoint.h"
#include "HeadlessAuthorize.h"
#include "HeadlessInit.h"
#include "IdentityEndpoints.h"
#include "IntrospectionEndpoint.h"
#include "JwtBearerGrant.h"
#include "PasswordGrant.h"
#include "RefreshTokenGrant.h"
#include "RestApi.h"
#include "RevocationEndpoint.h"
#include "TokenEndpoint.h"

#include <QTimer>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

Dispatcher::Dispatcher(EmulatorContext &context, QObject *parent)
    : QObject(parent), m_context(context), m_admin(std::make_unique<AdminApi>(context))
{
    auto token = std::make_unique<TokenEndpoint>(context);
    token->addGrant(std::make_unique<ClientCredentialsGrant>(context));
    token->addGrant(std::make_unique<AuthorizationCodeGrant>(context));
    token->addGrant(std::make_unique<DeviceCodeRequestGrant>(context));
    token->addGrant(std::make_unique<DevicePollGrant>(context));
    token->addGrant(std::make_unique<RefreshTokenGrant>(context));
    token->addGrant(std::make_unique<PasswordGrant>(context));
    token->addGrant(std::make_unique<JwtBearerGrant>(context));
    m_endpoints.push_back(std::move(token));
    m_endpoints.push_back(std::make_unique<HeadlessAuthorize>(context)); // before AuthorizeEndpoint (§6.2)
    m_endpoints.push_back(std::make_unique<AuthorizeEndpoint>(context));
    m_endpoints.push_back(std::make_unique<HeadlessInit>(context));
    m_endpoints.push_back(std::make_unique<EchoEndpoint>());
    m_endpoints.push_back(std::make_unique<DeviceAuthorizationEndpoint>(context));
    m_endpoints.push_back(std::make_unique<DeviceConnectPage>(context));
    m_endpoints.push_back(std::make_unique<DiscoveryEndpoints>(context)); // before identity: /id/keys
    m_endpoints.push_back(std::make_unique<IdentityEndpoints>(context));
    m_endpoints.push_back(std::make_unique<IntrospectionEndpoint>(context));
    m_endpoints.push_back(std::make_unique<RevocationEndpoint>(context));
    m_endpoints.push_back(std::make_unique<RestApi>(context));
}

Dispatcher::~Dispatcher() = default;

bool Dispatcher::placeOnSite(HttpRequest &request) const
{
    if (request.host != HostKind::Site)
        return true;
    const QString prefix = u'/' + m_context.org.org.sitePrefix;
    if (request.fullPath == prefix || request.fullPath.startsWith(prefix + u'/')) {
        request.path = request.fullPath.mid(prefix.size());
        if (request.path.isEmpty())
            request.path = u"/"_s;
        return true;
    }
    return false;
}

HttpReply Dispatcher::route(const HttpRequest &request)
{
    if (m_admin->handles(request))
        return m_admin->handle(request);
    for (const auto &endpoint : m_endpoints) {
        if (endpoint->handles(request))
            return endpoint->handle(request);
    }
    return HttpReply::notFound();
}

QString Dispatcher::normalisedPath(const QString &path)
{
    QString out;
    out.reserve(path.size());
    for (const QChar c : path) {
        if (c != u'/' || !out.endsWith(u'/'))
            out += c;
    }
    return out.isEmpty() ? u"/"_s : out;
}

void Dispatcher::dispatch(const HttpRequest &incoming, const HostServer::ReplyFunction &reply)
{
    HttpRequest request = incoming;
    request.fullPath = request.path = normalisedPath(request.fullPath);
    if (!placeOnSite(request)) {
        reply(HttpReply::notFound());
        return;
    }
    // Faults never touch the admin API, so a test can always clear them.
    const std::optional<Fault> fault = m_admin->handles(request) ? std::nullopt : m_context.faults.take(request);
    if (!fault) {
        reply(route(request));
        return;
    }
    auto answer = [this, request, reply, fault = *fault] {
        reply(fault.answersNormally() ? route(request) : fault.reply());
    };
    if (fault->delayMs > 0)
        QTimer::singleShot(fault->delayMs, this, answer);
    else
        answer();
}

} // namespace ecalab::emu
