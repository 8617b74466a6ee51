#pragma once

#include "grants/device/DevicePoller.h"
#include "grants/device/DeviceRequests.h"
#include "grants/Flow.h"
#include "grants/FlowRegistry.h"

#include <QPointer>

#include <memory>
#include <optional>

namespace ecalab {

class BrowserLauncher;

// The device flow in both dialects (§4.4): Salesforce's — the device request on the token
// endpoint with response_type=device_code, polls with grant_type=device and code= — and RFC 8628
// when the discovery document advertises a device_authorization_endpoint (or the profile asks).
// Waiting is honest (RFC 8628 §3.5): one poll at a time on the injected clock, the interval from
// the server, +5 s for every slow_down, and an end when the code expires.
class DeviceFlow final : public Flow
{
    Q_OBJECT
public:
    enum class State { Idle, Discovering, RequestingCode, WaitingForApproval, Polling, VerifyingIdToken, Finished };
    Q_ENUM(State)
    enum StageIndex { CheckSettings, Discovery, DeviceRequest, WaitForApproval, VerifyIdToken, VerifySignature };
    static constexpr StageSpec kStages[] = {
        {CheckSettings, u"check-settings", u"Check settings"},
        {Discovery, u"discovery", u"Discovery"},
        {DeviceRequest, u"device-request", u"Device request"},
        {WaitForApproval, u"wait-for-approval", u"Wait for approval"},
        {VerifyIdToken, u"verify-id-token", u"Verify ID token"},
        {VerifySignature, u"verify-signature", u"Verify signature"},
    };
    static_assert(isStageTable(kStages));

    // `browser` may be null: the verification URL is then only shown (UserPrompt).
    // `options.waitTimeoutSeconds` (--timeout) ends the wait sooner than the code's lifetime when shorter.
    DeviceFlow(const Profile &profile, HttpClient &http, const Clock &clock, BrowserLauncher *browser,
               const RunOptions &options = {}, QObject *parent = nullptr);
    ~DeviceFlow() override;

    QString name() const override;
    QString title() const override;
    void start() override;
    void cancel() override;

    State state() const { return m_state; }
    device::Protocol protocol() const { return m_protocol; }
    const device::Authorization &authorization() const { return m_authorization; }
    int intervalSeconds() const { return m_intervalSeconds; }
    int pollCount() const { return m_pollsAnswered; }
    qint64 deadlineMs() const { return m_deadlineMs; }

private:
    void discover();
    void handleDiscovery(const HttpOutcome &outcome);
    void requestCode(const QUrl &endpoint);
    void handleDeviceAnswer(const HttpOutcome &outcome);
    void beginWaiting();
    void openBrowser();
    void onPollDue();
    void handlePollAnswer(const HttpOutcome &outcome);
    void keepWaiting(const QString &answer);
    void armNextPoll();
    void updatePrompt();
    void succeedWith(const TokenSet &tokens);
    void expireAtDeadline();
    void expire(FlowError error);
    void end(FlowError error);

    Profile m_profile;
    const Clock &m_clock;
    BrowserLauncher *m_browser;
    std::optional<int> m_waitTimeoutSeconds;
    QString m_waitLimitName; // how the person allows a longer wait (RunOptions)
    device::Config m_config;
    device::Protocol m_protocol = device::Protocol::Salesforce;
    device::Authorization m_authorization;
    State m_state = State::Idle;
    QPointer<HttpCall> m_call; // discovery or device request; polls belong to the poller
    std::unique_ptr<device::DevicePoller> m_poller;
    TokenSet m_tokens;
    std::optional<QJsonObject> m_discovery; // read in Auto/RFC mode; reused for the ID-token check
    int m_intervalSeconds = device::kDefaultIntervalSeconds;
    int m_pollsAnswered = 0;
    int m_waitSeconds = 0; // the code's lifetime, or --timeout when shorter
    qint64 m_deadlineMs = -1;
    QString m_lastAnswer;
    UserPrompt m_waitPrompt;
};

} // namespace ecalab
