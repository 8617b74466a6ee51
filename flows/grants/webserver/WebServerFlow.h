#pragma once

#include "grants/Flow.h"
#include "grants/FlowRegistry.h"
#include "grants/webserver/WebServerRequests.h"

#include <QPointer>

#include <memory>
#include <optional>

namespace ecalab {

namespace webserver {
class AuthorizeProbe;
struct ProbeResult;
} // namespace webserver
class BrowserLauncher;
class Clock;
class ClockTimer;
class LoopbackReceiver;
class RandomSource;
struct CallbackResult;

// The web server flow the RFC 8252 way (§3): the person's own browser opens the authorize URL,
// a loopback receiver on exactly the profile's callbackUrl takes the code, PKCE S256 binds it to
// this run, state and nonce are checked, then the code is exchanged and the ID token verified.
class WebServerFlow final : public Flow
{
    Q_OBJECT
public:
    enum class State { Idle, WaitingForCallback, RequestingToken, VerifyingIdToken, Finished };
    Q_ENUM(State)
    enum StageIndex { CheckSettings, OpenBrowser, WaitForCallback, TokenRequest, VerifyIdToken, VerifySignature };
    static constexpr StageSpec kStages[] = {
        {CheckSettings, u"check-settings", u"Check settings"},
        {OpenBrowser, u"open-browser", u"Open browser"},
        {WaitForCallback, u"wait-for-callback", u"Wait for callback"},
        {TokenRequest, u"token-request", u"Token request"},
        {VerifyIdToken, u"verify-id-token", u"Verify ID token"},
        {VerifySignature, u"verify-signature", u"Verify signature"},
    };
    static_assert(isStageTable(kStages));

    WebServerFlow(const Profile &profile, HttpClient &http, const Clock &clock, RandomSource &random,
                  BrowserLauncher *browser, const RunOptions &options, QObject *parent = nullptr);
    ~WebServerFlow() override;

    QString name() const override;
    QString title() const override;
    void start() override;
    void cancel() override;

    State state() const { return m_state; }
    QUrl authorizeUrl() const { return m_authorizeUrl; }
    const LoopbackReceiver *receiver() const { return m_receiver.get(); }

private:
    bool prepare();
    void openBrowser();
    void onCallback(const CallbackResult &result);
    void onProbe(const QString &path);
    void onBrowserFailed(const QString &note);
    void onAuthorizeProbed(const webserver::ProbeResult &result);
    void onDeadline();
    void handleTokenResponse(const HttpOutcome &outcome);
    void verifyTokens();
    void end(FlowError error);
    FlowError callbackError(const CallbackResult &result) const;

    Profile m_profile;
    const Clock &m_clock;
    RandomSource &m_random;
    BrowserLauncher *m_browser;
    int m_waitTimeoutSeconds;
    bool m_waitFromOption; // --timeout chose it
    QString m_waitLimitName;
    webserver::Config m_config;
    webserver::AuthorizeSecrets m_secrets;
    QUrl m_authorizeUrl;
    State m_state = State::Idle;
    std::unique_ptr<LoopbackReceiver> m_receiver;
    std::unique_ptr<ClockTimer> m_deadline;
    std::unique_ptr<webserver::AuthorizeProbe> m_authorizeProbe;
    QPointer<HttpCall> m_call;
    TokenSet m_tokens;
    UserPrompt m_waitPrompt;
};

} // namespace ecalab
