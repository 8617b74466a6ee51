#include "DevicePoller.h"

namespace ecalab::device {

DevicePoller::DevicePoller(HttpClient &http, const Clock &clock, StageLabel stage, QObject *parent)
    : QObject(parent), m_http(http), m_stage(std::move(stage)), m_timer(clock.createTimer())
{
    connect(m_timer.get(), &ClockTimer::timeout, this, &DevicePoller::due);
}

DevicePoller::~DevicePoller()
{
    m_timer->stop();
    if (m_call) {
        disconnect(m_call, nullptr, this, nullptr);
        m_call->abort();
    }
}

bool DevicePoller::arm(qint64 delayMs)
{
    if (isPolling())
        return false;
    m_timer->start(delayMs);
    return true;
}

bool DevicePoller::send(const HttpRequest &request)
{
    if (isPolling())
        return false;
    m_timer->stop();
    ++m_sent;
    m_call = m_http.send(request, m_stage);
    // HttpCall emits `finished` exactly once and then deletes itself, so m_call is null again
    // by the time anyone can arm the next poll.
    connect(m_call, &HttpCall::finished, this, [this](const HttpOutcome &outcome) {
        m_call = nullptr;
        Q_EMIT answered(outcome);
    });
    return true;
}

void DevicePoller::stop()
{
    m_timer->stop();
    if (m_call)
        m_call->abort();
}

} // namespace ecalab::device
