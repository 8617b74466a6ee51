#pragma once

#include "core/Clock.h"
#include "http/HttpClient.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace ecalab::device {

// The device flow's waiting, reduced to its two rules (RFC 8628 §3.5): one single-shot timer on
// the injected clock, armed again only once the previous poll has answered, so two polls are
// never in flight and the interval counts from the last answer, not from the last request.
class DevicePoller : public QObject
{
    Q_OBJECT
public:
    DevicePoller(HttpClient &http, const Clock &clock, StageLabel stage, QObject *parent = nullptr);
    ~DevicePoller() override;

    // Arms the timer (replacing an earlier arming); refused while a poll is in flight.
    bool arm(qint64 delayMs);
    // Sends one poll; refused while another is in flight. Answers through `answered`.
    bool send(const HttpRequest &request);
    // Stops the timer and aborts a poll in flight (which then answers with Failure::Aborted).
    void stop();

    bool isArmed() const { return m_timer->isActive(); }
    bool isPolling() const { return !m_call.isNull(); }
    int sentCount() const { return m_sent; }

Q_SIGNALS:
    void due();
    void answered(const ecalab::HttpOutcome &outcome);

private:
    HttpClient &m_http;
    StageLabel m_stage;
    std::unique_ptr<ClockTimer> m_timer;
    QPointer<HttpCall> m_call;
    int m_sent = 0;
};

} // namespace ecalab::device
