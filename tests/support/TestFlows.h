#pragma once

#include "grants/Flow.h"
#include "grants/FlowRegistry.h"

#include <memory>

namespace ecalab::test {

// A flow that exists only in the tests: it asks the person for a one-time code (the two-way
// prompt), then "issues" a token made from it. It proves that a flow registered from outside
// flows/ reaches the window's picker, `ecalab run --help`, validation and the prompt views.
class AskCodeFlow final : public Flow
{
    Q_OBJECT
public:
    static constexpr char16_t kName[] = u"test-ask-code";
    static constexpr char16_t kPromptId[] = u"otp";
    static constexpr char16_t kGoodCode[] = u"246810";
    static constexpr int kDefaultWaitSeconds = 60;

    AskCodeFlow(const Profile &profile, HttpClient &http, const Clock &clock, std::optional<int> waitSeconds);
    ~AskCodeFlow() override;

    QString name() const override { return QString::fromUtf16(kName); }
    QString title() const override { return QStringLiteral("Test: ask for a code"); }
    void start() override;
    void cancel() override;

private:
    enum StageIndex { CheckSettings, AskForCode, IssueToken };
    static constexpr StageSpec kStages[] = {
        {CheckSettings, u"check-settings", u"Check settings"},
        {AskForCode, u"ask-for-code", u"Ask for the code"},
        {IssueToken, u"issue-token", u"Issue token"},
    };
    static_assert(isStageTable(kStages));
    void handleAnswer(const QString &promptId, const QString &value) override;
    void end(FlowError error);

    Profile m_profile;
    const Clock &m_clock;
    int m_waitSeconds;
    std::unique_ptr<ClockTimer> m_deadline;
};

FlowDescriptor askCodeDescriptor();
void registerTestFlows(); // adds the test flows to FlowRegistry::instance()

} // namespace ecalab::test
