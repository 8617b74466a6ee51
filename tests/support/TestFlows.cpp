#include "TestFlows.h"

#include "core/Clock.h"
#include "profile/ProfileChecks.h"

namespace ecalab::test {

using namespace Qt::Literals::StringLiterals;

AskCodeFlow::AskCodeFlow(const Profile &profile, HttpClient &http, const Clock &clock, std::optional<int> waitSeconds)
    : Flow(http, nullptr), m_profile(profile), m_clock(clock), m_waitSeconds(waitSeconds.value_or(kDefaultWaitSeconds))
{
}

AskCodeFlow::~AskCodeFlow() = default;

void AskCodeFlow::start()
{
    resetRun(kStages);
    enterStage(CheckSettings);
    if (auto problem = checks::firstBlocking(askCodeDescriptor().validate(m_profile), u"Check settings"_s)) {
        fail(*problem);
        return;
    }
    finishStage(CheckSettings, StageState::Done);
    enterStage(AskForCode, StageState::WaitingForUser, u"The code sent to j•••@example.com"_s);
    m_deadline = m_clock.createTimer();
    connect(m_deadline.get(), &ClockTimer::timeout, this, [this] {
        FlowError e;
        e.kind = FlowError::Kind::Expired;
        e.explanation = u"No code was entered within %1 s."_s.arg(m_waitSeconds);
        end(e);
    });
    m_deadline->start(qint64(m_waitSeconds) * 1000);
    UserPrompt ask;
    ask.kind = UserPrompt::Kind::AskOneTimeCode;
    ask.id = QString::fromUtf16(kPromptId);
    ask.question = u"The code sent by e-mail"_s;
    ask.sentTo = u"j•••@example.com"_s;
    ask.deadlineMs = m_clock.msecsSinceEpoch() + qint64(m_waitSeconds) * 1000;
    setPrompt(ask);
}

void AskCodeFlow::cancel()
{
    if (!isFinished())
        end(FlowError::cancelled({}));
}

void AskCodeFlow::handleAnswer(const QString &, const QString &value)
{
    if (value != QString::fromUtf16(kGoodCode)) {
        FlowError e;
        e.kind = FlowError::Kind::ServerRejected;
        e.error = u"invalid_otp"_s;
        e.explanation = u"The code is not the one that was sent."_s;
        end(e);
        return;
    }
    if (m_deadline)
        m_deadline->stop();
    finishStage(AskForCode, StageState::Done);
    enterStage(IssueToken);
    TokenSet tokens;
    tokens.accessToken = u"00DTEST!"_s + value;
    tokens.tokenType = u"Bearer"_s;
    finishStage(IssueToken, StageState::Done);
    succeed(tokens);
}

void AskCodeFlow::end(FlowError error)
{
    if (m_deadline)
        m_deadline->stop();
    fail(std::move(error));
}

FlowDescriptor askCodeDescriptor()
{
    FlowDescriptor d;
    d.name = QString::fromUtf16(AskCodeFlow::kName);
    d.title = u"Test: ask for a code"_s;
    d.summary = u"A test-only flow that asks for a one-time code"_s;
    d.fields = {{ProfileField::ClientId, true, u"any non-empty value"_s}};
    d.waitsForPerson = true;
    d.validate = [](const Profile &profile) {
        FieldProblems problems;
        checks::clientId(profile, problems);
        return problems;
    };
    d.create = [](const Profile &profile, const FlowContext &context) -> std::unique_ptr<Flow> {
        return std::make_unique<AskCodeFlow>(profile, context.http, context.clock, context.options.waitTimeoutSeconds);
    };
    return d;
}

void registerTestFlows()
{
    FlowRegistry::instance().add(askCodeDescriptor());
}

} // namespace ecalab::test
