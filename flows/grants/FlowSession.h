#pragma once

#include "core/Clock.h"
#include "core/RandomSource.h"
#include "grants/Flow.h"
#include "grants/FlowRegistry.h"
#include "http/ExchangeLog.h"
#include "profile/Profile.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace ecalab {

class BrowserLauncher;

// The injected services every flow needs (ARCHITECTURE.md: network, clock, randomness are
// constructor arguments, never globals).
struct FlowServices
{
    QNetworkAccessManager *network = nullptr;
    const Clock *clock = nullptr;
    RandomSource *random = nullptr;     // required
    BrowserLauncher *browser = nullptr; // flows that need a browser fail with a Config error without one
};

// One run at a time of any flow over one profile, with its own ExchangeLog and HttpClient, so the
// window and `ecalab run` drive flows the same way.
class FlowSession : public QObject
{
    Q_OBJECT
public:
    FlowSession(FlowServices services, QObject *parent = nullptr);
    ~FlowSession() override;

    ExchangeLog *log() { return &m_log; }
    Flow *current() const { return m_flow.get(); }
    HttpClient::Limits limits() const { return m_limits; }
    void setLimits(const HttpClient::Limits &limits) { m_limits = limits; }
    const RunOptions &runOptions() const { return m_options; }
    void setRunOptions(const RunOptions &options) { m_options = options; }

    // Replaces the previous run (cancelling it if still running) and starts `flowName`.
    // Returns nullptr (and emits nothing) for an unknown or unavailable flow name.
    Flow *start(const QString &flowName, const Profile &profile);
    void cancel();
    // Forgets the finished run and its traffic; a run in progress is left alone.
    void clearFinished();

Q_SIGNALS:
    void flowStarted(ecalab::Flow *flow);

private:
    FlowServices m_services;
    HttpClient::Limits m_limits;
    RunOptions m_options;
    ExchangeLog m_log;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<Flow> m_flow;
};

} // namespace ecalab
