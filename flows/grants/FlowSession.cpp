#include "FlowSession.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

FlowSession::FlowSession(FlowServices services, QObject *parent) : QObject(parent), m_services(services) {}

FlowSession::~FlowSession()
{
    cancel();
}

Flow *FlowSession::start(const QString &flowName, const Profile &profile)
{
    cancel();
    m_flow.reset();
    m_log.clear();
    m_http = std::make_unique<HttpClient>(m_services.network, &m_log, *m_services.clock);
    m_http->setLimits(m_limits);
    const FlowDescriptor *descriptor = FlowRegistry::instance().find(flowName);
    if (!descriptor || !descriptor->available())
        return nullptr;
    m_flow = descriptor->create(profile, FlowContext{*m_http, *m_services.clock, *m_services.random,
                                                     m_services.browser, m_options});
    Q_EMIT flowStarted(m_flow.get());
    m_flow->start();
    return m_flow.get();
}

void FlowSession::clearFinished()
{
    if (m_flow && !m_flow->isFinished())
        return;
    m_flow.reset();
    m_log.clear();
}

void FlowSession::cancel()
{
    if (m_flow && !m_flow->isFinished())
        m_flow->cancel();
}

} // namespace ecalab
