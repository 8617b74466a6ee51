#pragma once

#include "grants/Flow.h"
#include "profile/FieldProblem.h"
#include "profile/Profile.h"

#include <QPointer>

namespace ecalab {

// What the client credentials grant needs (§2), validated before anything is sent.
struct ClientCredentialsConfig
{
    QUrl tokenEndpoint;
    QString clientId;
    QString clientSecret;
    ClientAuthMethod clientAuth = ClientAuthMethod::Post;

    static FieldProblems validate(const Profile &profile);
    static Expected<ClientCredentialsConfig, FlowError> fromProfile(const Profile &profile);
};

// grant_type=client_credentials on the My Domain token endpoint, with the client authenticated in
// the body or by HTTP Basic (both accepted by Salesforce, §2); then the §1.5 signature check.
class ClientCredentialsFlow final : public Flow
{
    Q_OBJECT
public:
    enum class State { Idle, RequestingToken, Finished };
    Q_ENUM(State)
    enum StageIndex { CheckSettings, TokenRequest, VerifySignature };
    static constexpr StageSpec kStages[] = {
        {CheckSettings, u"check-settings", u"Check settings"},
        {TokenRequest, u"token-request", u"Token request"},
        {VerifySignature, u"verify-signature", u"Verify signature"},
    };
    static_assert(isStageTable(kStages));

    ClientCredentialsFlow(const Profile &profile, HttpClient &http, QObject *parent = nullptr);

    QString name() const override;
    QString title() const override;
    void start() override;
    void cancel() override;
    State state() const { return m_state; }

    static HttpRequest buildTokenRequest(const ClientCredentialsConfig &config); // pure; tests assert on it

private:
    void handleTokenResponse(const HttpOutcome &outcome);

    Profile m_profile;
    ClientCredentialsConfig m_config;
    State m_state = State::Idle;
    QPointer<HttpCall> m_call;
};

} // namespace ecalab
