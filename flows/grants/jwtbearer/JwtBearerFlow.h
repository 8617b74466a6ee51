#pragma once

#include "crypto/KeyMaterial.h"
#include "grants/Flow.h"
#include "grants/FlowRegistry.h"
#include "grants/jwtbearer/JwtAssertion.h"
#include "grants/jwtbearer/JwtAudience.h"
#include "profile/FieldProblem.h"
#include "profile/Profile.h"

#include <QPointer>

#include <memory>

namespace ecalab {

class Clock;

// What the JWT bearer grant needs (§5), validated before anything is sent.
struct JwtBearerConfig
{
    // §5.1: "set exp within 3 minutes of now".
    static constexpr int kDefaultLifetimeSeconds = 180;

    QUrl tokenEndpoint;
    QString clientId;
    QString username;
    QString privateKeyFile;
    QString certificateFile;
    QString clientSecret; // only to check the response's §1.5 signature; never sent
    AudienceChoice audience;
    int lifetimeSeconds = kDefaultLifetimeSeconds;

    static FieldProblems validate(const Profile &profile);
    static Expected<JwtBearerConfig, FlowError> fromProfile(const Profile &profile);
};

// grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer (RFC 7523 §2.1, §5.2): an RS256
// assertion signed with the private key of the certificate uploaded to the app. The key is loaded
// and checked (and its passphrase asked for) before anything is sent; the decoded assertion is
// shown as a stage; the answer has no refresh token.
class JwtBearerFlow final : public Flow
{
    Q_OBJECT
public:
    enum class State { Idle, AwaitingPassphrase, RequestingToken, Finished };
    Q_ENUM(State)
    enum StageIndex { CheckSettings, LoadKey, BuildAssertion, TokenRequest, VerifySignature };
    static constexpr StageSpec kStages[] = {
        {CheckSettings, u"check-settings", u"Check settings"},
        {LoadKey, u"load-key", u"Load private key"},
        {BuildAssertion, u"build-assertion", u"Build assertion"},
        {TokenRequest, u"token-request", u"Token request"},
        {VerifySignature, u"verify-signature", u"Verify signature"},
    };
    static_assert(isStageTable(kStages));
    static constexpr char16_t kPassphrasePromptId[] = u"passphrase";
    static constexpr char16_t kGrantType[] = u"urn:ietf:params:oauth:grant-type:jwt-bearer";

    JwtBearerFlow(const Profile &profile, HttpClient &http, const Clock &clock, const RunOptions &options,
                  QObject *parent = nullptr);
    ~JwtBearerFlow() override;

    QString name() const override;
    QString title() const override;
    void start() override;
    void cancel() override;
    State state() const { return m_state; }

    static HttpRequest buildTokenRequest(const QUrl &tokenEndpoint, const QString &assertion); // pure

private:
    void handleAnswer(const QString &promptId, const QString &value) override;
    void loadKey(const QByteArray &passphrase);
    void askForPassphrase();
    void passphraseWaitEnded();
    std::optional<FlowError> certificateProblem(const crypto::PrivateKey &key) const;
    void signAndSend(const crypto::PrivateKey &key);
    void handleTokenResponse(const HttpOutcome &outcome);
    void end(FlowError error);

    Profile m_profile;
    const Clock &m_clock;
    int m_waitTimeoutSeconds;
    QString m_waitLimitName;
    JwtBearerConfig m_config;
    State m_state = State::Idle;
    QPointer<HttpCall> m_call;
};

} // namespace ecalab
