// The two-way prompt: a flow asks, the person answers through Flow::answer(id, value); a wrong
// id, a cancel while asked and an answer after the wait ran out change nothing.
#include "TestFlows.h"

#include "core/Clock.h"
#include "core/RandomSource.h"
#include "grants/FlowSession.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kOtp = QString::fromUtf16(AskCodeFlow::kPromptId);
const QString kGood = QString::fromUtf16(AskCodeFlow::kGoodCode);

struct Run
{
    QNetworkAccessManager network;
    ManualClock clock;
    SystemRandomSource random;
    FlowSession session{FlowServices{&network, &clock, &random, nullptr}};

    Flow *start(std::optional<int> waitSeconds = {})
    {
        session.setRunOptions(RunOptions{waitSeconds});
        Profile profile;
        profile.clientId = u"test-client"_s;
        return session.start(QString::fromUtf16(AskCodeFlow::kName), profile);
    }
};
} // namespace

class TestUserPrompt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { registerTestFlows(); }

    void theFlowAsksAndTheAnswerFinishesIt()
    {
        Run run;
        Flow *flow = run.start();
        QVERIFY(flow);
        QCOMPARE(flow->status(), Flow::Status::WaitingForUser);
        QCOMPARE(flow->prompt().kind, UserPrompt::Kind::AskOneTimeCode);
        QCOMPARE(flow->prompt().id, kOtp);
        QVERIFY(flow->prompt().asks());
        QVERIFY(!flow->prompt().sentTo.isEmpty());
        QSignalSpy prompts(flow, &Flow::promptChanged);
        QVERIFY(flow->answer(kOtp, kGood));
        QCOMPARE(flow->status(), Flow::Status::Succeeded);
        QCOMPARE(flow->result()->accessToken, u"00DTEST!"_s + kGood);
        QCOMPARE(prompts.first().first().value<UserPrompt>().kind, UserPrompt::Kind::None); // the ask is withdrawn
        QVERIFY(!flow->answer(kOtp, kGood)); // answered once
    }

    void aWrongIdChangesNothing()
    {
        Run run;
        Flow *flow = run.start();
        QVERIFY(!flow->answer(u"passphrase"_s, kGood));
        QCOMPARE(flow->status(), Flow::Status::WaitingForUser);
        QCOMPARE(flow->prompt().id, kOtp);
    }

    void aRefusedAnswerFailsTheRun()
    {
        Run run;
        Flow *flow = run.start();
        QVERIFY(flow->answer(kOtp, u"000000"_s));
        QCOMPARE(flow->status(), Flow::Status::Failed);
        QCOMPARE(flow->error()->error, u"invalid_otp"_s);
    }

    void cancelWhileAsked()
    {
        Run run;
        Flow *flow = run.start();
        run.session.cancel();
        QCOMPARE(flow->status(), Flow::Status::Cancelled);
        QVERIFY(!flow->answer(kOtp, kGood));
        QCOMPARE(flow->status(), Flow::Status::Cancelled);
    }

    void answerAfterTheWaitRanOut()
    {
        Run run;
        Flow *flow = run.start(30);
        QCOMPARE(flow->prompt().deadlineMs, run.clock.msecsSinceEpoch() + 30'000);
        run.clock.advanceMs(29'999);
        QCOMPARE(flow->status(), Flow::Status::WaitingForUser);
        run.clock.advanceMs(1);
        QCOMPARE(flow->status(), Flow::Status::Failed);
        QCOMPARE(flow->error()->kind, FlowError::Kind::Expired);
        QCOMPARE(flow->error()->exitCode(), 4);
        QVERIFY(!flow->answer(kOtp, kGood));
    }
};

QTEST_GUILESS_MAIN(TestUserPrompt)
#include "tst_userprompt.moc"
