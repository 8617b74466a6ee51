#include "FlowSession.h"

#include "grants/ClientCredentialsFlow.h"
#include "grants/DeviceFlow.h"
#include "grants/WebServerFlow.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

const QList<FlowInfo> &flowCatalog()
{
    static const QList<FlowInfo> catalog{
        {u"client-credentials"_s, u"Client credentials"_s, u"Server-to-server token for the app's Run As user (My Domain only)"_s, true},
        {u"web-server"_s, u"Web server (code + PKCE)"_s, u"Browser login and consent, loopback callback"_s, true},
        {u"device"_s, u"Device"_s, u"A code to enter on another screen"_s, true},
        {u"jwt-bearer"_s, u"JWT bearer"_s, u"Signed assertion, no user interaction"_s, false},
        {u"headless-login"_s, u"Headless login"_s, u"Code and credentials on an Experience Cloud site"_s, false},
        {u"headless-registration"_s, u"Headless registration"_s, u"Register a site user with a one-time code"_s, false},
        {u"passwordless-login"_s, u"Passwordless login"_s, u"One-time code by e-mail or SMS"_s, false},
        {u"forgot-password"_s, u"Forgot password"_s, u"Headless password reset"_s, false},
        {u"refresh"_s, u"Refresh token"_s, u"New access token from a refresh token"_s, false},
        {u"token-exchange"_s, u"Token exchange"_s, u"RFC 8693 exchange"_s, false},
        {u"username-password"_s, u"Username-password (legacy)"_s, u"Retired Feb 2027; off by default"_s, false},
    };
    return catalog;
}

const FlowInfo *findFlow(const QString &name)
{
    for (const FlowInfo &info : flowCatalog()) {
        if (info.name == name)
            return &info;
    }
    return nullptr;
}

FlowSession::FlowSession(FlowServices services, QObject *parent) : QObject(parent), m_services(services) {}

FlowSession::~FlowSession()
{
    cancel();
}

std::unique_ptr<Flow> FlowSession::createFlow(const QString &name, const Profile &profile)
{
    if (name == u"client-credentials")
        return std::make_unique<ClientCredentialsFlow>(profile, *m_http);
    if (name == u"web-server")
        return std::make_unique<WebServerFlow>(profile, *m_http, *m_services.clock, *m_services.random,
                                               m_services.browser, m_options.waitTimeoutSeconds);
    if (name == u"device")
        return std::make_unique<DeviceFlow>(profile, *m_http, *m_services.clock, m_services.browser,
                                            m_options.waitTimeoutSeconds);
    return nullptr;
}

Flow *FlowSession::start(const QString &flowName, const Profile &profile)
{
    cancel();
    m_flow.reset();
    m_log.clear();
    m_http = std::make_unique<HttpClient>(m_services.network, &m_log, *m_services.clock);
    m_http->setLimits(m_limits);
    m_flow = createFlow(flowName, profile);
    if (!m_flow)
        return nullptr;
    Q_EMIT flowStarted(m_flow.get());
    m_flow->start();
    return m_flow.get();
}

void FlowSession::cancel()
{
    if (m_flow && !m_flow->isFinished())
        m_flow->cancel();
}

} // namespace ecalab
