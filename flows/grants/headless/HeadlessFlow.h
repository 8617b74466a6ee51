#pragma once

#include "grants/Flow.h"
#include "grants/FlowRegistry.h"
#include "grants/headless/HeadlessConfig.h"
#include "grants/headless/HeadlessRequests.h"

#include <QPointer>

#include <functional>
#include <span>

namespace ecalab {

class Clock;
class RandomSource;

// What the headless family shares (§6): the settings checked before anything is sent, the
// person's answers (password, one-time code) as two-way prompts with a deadline, the calls to
// the site's init APIs, and the tail every member ends with — POST /authorize with
// response_type=code_credentials and PKCE, the code read from the 302 (and the echo endpoint's
// JSON when the redirect goes there), the code exchange at the site's token endpoint, the ID
// token and signature checks. A member lists its stages and what comes before /authorize.
class HeadlessFlow : public Flow
{
    Q_OBJECT
public:
    enum class State { Idle, AwaitingAnswer, Calling, CheckingTokens, Finished };
    Q_ENUM(State)
    // The ids of the prompts the family asks (UserPrompt::answerIds).
    static constexpr char16_t kPasswordPromptId[] = u"password";
    static constexpr char16_t kNewPasswordPromptId[] = u"newPassword";
    static constexpr char16_t kOtpPromptId[] = u"otp";
    static constexpr char16_t kInitTokenPromptId[] = u"initToken";
    // How long a prompt waits when no --timeout is given: a person reading an e-mail, not a server.
    static constexpr int kDefaultAnswerWaitSeconds = 300;

    ~HeadlessFlow() override;

    QString name() const final { return m_name; }
    QString title() const final { return m_title; }
    void start() final;
    void cancel() final;
    State state() const { return m_state; }

protected:
    // What a member is: its names and its stage table, which holds the shared steps' stages by id
    // (check-settings, authorize, read-code, token-request, verify-id-token, verify-signature).
    struct Member
    {
        HeadlessMember kind;
        QString name;
        QString title;
        std::span<const StageSpec> stages;
    };
    using Answered = std::function<void(const QString &answer)>;
    using Fields = std::function<void(const QJsonObject &fields)>;
    using SiteRequest = std::function<HttpRequest(const QString &bearerToken)>;

    HeadlessFlow(const Profile &profile, const FlowContext &context, const Member &member, QObject *parent);

    virtual void begin() = 0; // after the settings are checked

    const HeadlessConfig &config() const { return m_config; }
    RandomSource &random() { return m_random; }
    // A password that is not in the profile (AskSecret `promptId`); masked in every exchange from then on.
    void askPassword(int stage, const QString &promptId, const QString &question, Answered answered);
    // The code the site sent (AskOneTimeCode `otp`), naming where it went.
    void askOneTimeCode(int stage, const QString &sentTo, Answered answered);
    // A JSON call to one of the site's init APIs (§6.3–6.5): its fields on 2xx. When the site
    // requires authentication (401), the Bearer token is asked for once (`initToken`) and the call
    // sent again with it; any other refusal ends the run.
    void callSite(int stage, const headless::SiteApi &api, SiteRequest request, Fields then);
    void authorize(const headless::AuthorizeCall &call); // then the tail, to succeeded() or failed()
    void end(FlowError error);
    QString stageTitle(int stage) const;

private:
    // Where the shared steps report, found in the member's table by id.
    struct Stages
    {
        int checkSettings = -1;
        int authorize = -1;
        int readCode = -1;
        int tokenRequest = -1;
        int verifyIdToken = -1;
        int verifySignature = -1;
    };
    Stages stages() const { return m_stages; }
    void ask(int stage, UserPrompt prompt, const QString &detail, Answered answered);
    void handleAnswer(const QString &promptId, const QString &value) override;
    void answerWaitEnded(int stage, const QString &what);
    void sendSite(int stage, const headless::SiteApi &api, const QString &bearerToken);
    void handleSiteAnswer(int stage, const headless::SiteApi &api, const HttpOutcome &outcome);
    void handleAuthorizeAnswer(const HttpOutcome &outcome);
    FlowError authorizeRefusal(const HttpOutcome &outcome);
    void readEcho(const QUrl &location);
    void handleEchoAnswer(const HttpOutcome &outcome);
    void exchangeCode(const QJsonObject &fields);
    void handleTokenAnswer(const HttpOutcome &outcome);
    QJsonObject masked(const QJsonObject &fields);
    HttpCall *send(const HttpRequest &request, int stage);

    Profile m_profile;
    const Clock &m_clock;
    RandomSource &m_random;
    HeadlessMember m_member;
    QString m_name;
    QString m_title;
    std::span<const StageSpec> m_table;
    Stages m_stages;
    int m_waitSeconds;
    QString m_waitLimitName;
    HeadlessConfig m_config;
    State m_state = State::Idle;
    QString m_askedId;
    Answered m_answered;
    SiteRequest m_siteRequest;
    Fields m_siteThen;
    bool m_sentBearer = false;
    headless::AuthorizeSecrets m_secrets;
    QString m_code;
    QPointer<HttpCall> m_call;
};

// A member's descriptor: the site fields every member uses, then its own; waits on the person.
FlowDescriptor headlessDescriptor(const QString &name, const QString &title, const QString &summary,
                                  HeadlessMember member, const QList<FlowFieldUse> &memberFields,
                                  std::function<std::unique_ptr<Flow>(const Profile &, const FlowContext &)> create);

} // namespace ecalab
