#pragma once

#include "grants/Flow.h"
#include "grants/FlowRegistry.h"
#include "profile/FieldProblem.h"
#include "profile/Profile.h"

#include <QPointer>

#include <memory>

namespace ecalab {

class Clock;

// What the refresh token grant needs (§7.1), validated before anything is asked or sent.
struct RefreshConfig
{
    QUrl tokenEndpoint;
    QUrl discoveryUrl; // where the ID token's keys are found (refresh answers one with openid)
    QString clientId;
    QString clientSecret; // sent per the profile's clientAuth; empty: none (a public client)
    ClientAuthMethod clientAuth = ClientAuthMethod::Post;

    static FieldProblems validate(const Profile &profile);
    static Expected<RefreshConfig, FlowError> fromProfile(const Profile &profile);
};

// grant_type=refresh_token (§7.1): the refresh token is asked for (AskSecret "refreshToken": the
// CLI answers from ECALAB_REFRESH_TOKEN, --set or stdin, the window from its session), then sent
// with or without the secret per the profile. With refresh token rotation the answer carries a new
// refresh token that replaces the one sent (checks().refresh_token "rotated"); without it the one
// sent stays valid ("kept", and result() has none). Then the ID token and §1.5 signature checks.
class RefreshFlow final : public Flow
{
    Q_OBJECT
public:
    enum class State { Idle, AwaitingRefreshToken, RequestingToken, Checking, Finished };
    Q_ENUM(State)
    enum StageIndex { CheckSettings, RefreshToken, TokenRequest, VerifyIdToken, VerifySignature };
    static constexpr StageSpec kStages[] = {
        {CheckSettings, u"check-settings", u"Check settings"},
        {RefreshToken, u"refresh-token", u"Refresh token"},
        {TokenRequest, u"token-request", u"Token request"},
        {VerifyIdToken, u"verify-id-token", u"Verify ID token"},
        {VerifySignature, u"verify-signature", u"Verify signature"},
    };
    static_assert(isStageTable(kStages));
    static constexpr char16_t kRefreshTokenPromptId[] = u"refreshToken";

    RefreshFlow(const Profile &profile, HttpClient &http, const Clock &clock, const RunOptions &options,
                QObject *parent = nullptr);
    ~RefreshFlow() override;

    QString name() const override;
    QString title() const override;
    void start() override;
    void cancel() override;
    State state() const { return m_state; }

    static HttpRequest buildTokenRequest(const RefreshConfig &config, const QString &refreshToken); // pure

private:
    void handleAnswer(const QString &promptId, const QString &value) override;
    void askForRefreshToken();
    void waitEnded();
    void sendRefresh(const QString &refreshToken);
    void handleTokenResponse(const HttpOutcome &outcome);
    void checkAndSucceed(const TokenSet &tokens);
    void end(FlowError error);

    Profile m_profile;
    const Clock &m_clock;
    int m_waitTimeoutSeconds;
    QString m_waitLimitName;
    RefreshConfig m_config;
    State m_state = State::Idle;
    QString m_sentRefreshToken; // to tell a rotated answer from the same token echoed
    QPointer<HttpCall> m_call;
};

} // namespace ecalab
