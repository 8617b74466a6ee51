// The device flow against the in-process emulator on a manual clock: every scenario runs in
// Salesforce's dialect and in RFC 8628 (the emulator's standard mode).
// Time is the test's: each step moves the flow's ManualClock and the emulator's clock together,
// then waits for the real HTTP answer on the event loop.
#include "EmulatorFixture.h"

#include "grants/device/DeviceFlow.h"
#include "grants/FlowSession.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kSalesforce = u"salesforce"_s;
const QString kRfc = u"rfc8628"_s;
const QString kWaitStage = u"wait-for-approval"_s; // a stage id

// The clock is declared first so the session (and the flow's poll timer) goes before it. It starts
// at the real time, which is where the emulator's clock starts too (ID token exp/iat agree).
struct DeviceRun
{
    QNetworkAccessManager network;
    ManualClock clock{QDateTime::currentDateTimeUtc()};
    SystemRandomSource random;
    FlowSession session{FlowServices{&network, &clock, &random}};
    DeviceFlow *flow = nullptr;

    QList<Exchange> polls()
    {
        QList<Exchange> out;
        for (const Exchange &e : session.log()->exchanges()) {
            if (e.stageId == kWaitStage)
                out.append(e);
        }
        return out;
    }
    int answeredPolls() const { return flow->pollCount(); }
};
} // namespace

class TestDeviceFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_emulator.emplace();
        m_run.emplace();
    }
    void cleanup()
    {
        m_run.reset();
        m_emulator.reset();
    }

    void pendingThenApproved_data() { dialects(); }
    void pendingThenApproved()
    {
        QFETCH(QString, dialect);
        QVERIFY(startWaiting(dialect));
        const UserPrompt &prompt = m_run->flow->prompt();
        QCOMPARE(prompt.kind, UserPrompt::Kind::EnterDeviceCode);
        QCOMPARE(prompt.url.path(), u"/setup/connect"_s);
        QVERIFY(!prompt.userCode.isEmpty());
        QCOMPARE(prompt.intervalSeconds, 5);
        QCOMPARE(prompt.pollCount, 0);
        QCOMPARE(prompt.completeUrl.isEmpty(), dialect == kSalesforce); // RFC 8628 §3.2 only
        QCOMPARE(prompt.deadlineMs, m_run->clock.msecsSinceEpoch() + 600'000);

        for (int i = 1; i <= 3; ++i) {
            QVERIFY(advanceAndAwaitPoll(5));
            QCOMPARE(m_run->flow->prompt().pollCount, i);
            QCOMPARE(m_run->flow->prompt().lastAnswer, u"authorization_pending"_s);
            QCOMPARE(m_run->flow->status(), Flow::Status::WaitingForUser);
        }
        QCOMPARE(approve(prompt.userCode), 200);
        QVERIFY(advanceAndAwaitPoll(5));
        QTRY_VERIFY(m_run->flow->isFinished()); // after the ID token check (discovery + JWKS)
        QVERIFY2(m_run->flow->status() == Flow::Status::Succeeded, qPrintable(errorText()));

        const TokenSet &t = *m_run->flow->result();
        QVERIFY(t.accessToken.contains(u'!'));
        QVERIFY(!t.refreshToken.isEmpty()); // refresh_token granted (§1.4)
        QVERIFY(!t.idToken.isEmpty());      // openid granted
        QCOMPARE(m_run->flow->checks().value(u"signature").toString(), u"valid"_s);
        QCOMPARE(m_run->flow->checks().value(u"id_token").toString(), u"valid"_s); // RS256 via the org's JWKS
        QCOMPARE(m_run->flow->prompt().pollCount, 4);
        QCOMPARE(m_run->flow->prompt().lastAnswer, u"approved"_s);
        QCOMPARE(m_run->clock.activeTimerCount(), 0);

        const QList<Exchange> polls = m_run->polls();
        QCOMPARE(polls.size(), 4);
        const QByteArray grant = dialect == kSalesforce ? "grant_type=device&" : "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&";
        for (const Exchange &poll : polls) {
            QVERIFY2(poll.request.body.startsWith(grant), poll.request.body.constData());
            QCOMPARE(poll.request.url.path(), u"/services/oauth2/token"_s);
        }
        const Exchange &request = deviceRequest();
        if (dialect == kSalesforce)
            QVERIFY(request.request.body.startsWith("response_type=device_code&client_id="));
        else
            QCOMPARE(request.request.url.path(), u"/services/oauth2/device/authorize"_s);
        for (const auto &stage : m_run->flow->stages())
            QVERIFY2(stage.state == Flow::StageState::Done, qPrintable(stage.title + u": "_s + stage.detail));
        const QByteArray recorded = QJsonDocument(m_run->session.log()->toJson()).toJson();
        QVERIFY(!recorded.contains(t.accessToken.toUtf8()));
        QVERIFY(!recorded.contains(t.refreshToken.toUtf8()));
    }

    void pollsAreOneIntervalApart_data() { dialects(); }
    void pollsAreOneIntervalApart()
    {
        QFETCH(QString, dialect);
        QVERIFY(startWaiting(dialect));
        // Time moves in 1 s steps: a poll goes out only when a whole interval has passed.
        for (int second = 1; second <= 15; ++second) {
            advance(1);
            QTRY_COMPARE(m_run->answeredPolls(), second / 5);
        }
        QCOMPARE(gapsBetweenPolls(), (QList<qint64>{5'000, 5'000}));
    }

    void slowDownAddsFiveSecondsForGood_data() { dialects(); }
    void slowDownAddsFiveSecondsForGood()
    {
        QFETCH(QString, dialect);
        QVERIFY(startWaiting(dialect));
        QVERIFY(advanceAndAwaitPoll(5));
        // The emulator's clock moves only 2 s while ours moves 5 s: to the server this poll comes
        // too soon, so it answers slow_down (§4.3) — the situation of a drifting client clock.
        m_emulator->emulator().advanceClock(2);
        m_run->clock.advanceMs(5'000);
        QTRY_COMPARE(m_run->answeredPolls(), 2);
        QCOMPARE(m_run->flow->prompt().lastAnswer, u"slow_down"_s);
        QCOMPARE(m_run->flow->prompt().intervalSeconds, 10);
        QVERIFY(!m_run->flow->error());

        advance(5); // 5 s is no longer enough
        QTest::qWait(50);
        QCOMPARE(m_run->polls().size(), 2);
        advance(5);
        QTRY_COMPARE(m_run->answeredPolls(), 3);
        QCOMPARE(m_run->flow->prompt().lastAnswer, u"authorization_pending"_s);
        QVERIFY(advanceAndAwaitPoll(10)); // and it stays 10 s
        QCOMPARE(m_run->flow->prompt().intervalSeconds, 10);
        QCOMPARE(gapsBetweenPolls(), (QList<qint64>{5'000, 10'000, 10'000})); // polls at 5, 10 (slow_down), 20, 30 s
        QCOMPARE(m_run->flow->status(), Flow::Status::WaitingForUser);
    }

    void denialEndsAsCancelledWithTheReason_data() { dialects(); }
    void denialEndsAsCancelledWithTheReason()
    {
        QFETCH(QString, dialect);
        QVERIFY(startWaiting(dialect));
        QVERIFY(advanceAndAwaitPoll(5));
        QCOMPARE(m_emulator->admin().denyDevice(m_run->flow->prompt().userCode).status, 200);
        QVERIFY(advanceAndAwaitPoll(5));
        QCOMPARE(m_run->flow->status(), Flow::Status::Cancelled);
        const FlowError &e = *m_run->flow->error();
        QCOMPARE(e.kind, FlowError::Kind::Cancelled);
        QCOMPARE(e.exitCode(), 4);
        QCOMPARE(e.error, u"access_denied"_s);
        QCOMPARE(e.stageId, kWaitStage);
        QVERIFY2(e.explanation.contains(u"Deny"), qPrintable(e.explanation));
        QCOMPARE(stageState(kWaitStage), Flow::StageState::Failed);
        QCOMPARE(m_run->clock.activeTimerCount(), 0);
    }

    void theRunEndsWhenTheCodeExpires_data() { dialects(); }
    void theRunEndsWhenTheCodeExpires()
    {
        QFETCH(QString, dialect);
        Profile profile = m_emulator->demoProfile();
        profile.deviceCodeLifetimeSeconds = 20;
        QVERIFY(startWaiting(dialect, profile));
        QCOMPARE(m_run->flow->prompt().deadlineMs, m_run->clock.msecsSinceEpoch() + 20'000);
        QSignalSpy failed(m_run->flow, &Flow::failed);
        for (int i = 0; i < 3; ++i)
            QVERIFY(advanceAndAwaitPoll(5));
        QCOMPARE(failed.size(), 0);
        advance(5);
        QTRY_COMPARE(failed.size(), 1);
        const FlowError &e = *m_run->flow->error();
        QCOMPARE(e.kind, FlowError::Kind::Expired);
        QCOMPARE(e.exitCode(), 4);
        QVERIFY2(e.explanation.contains(u"expired"), qPrintable(e.explanation));
        QCOMPARE(m_run->polls().size(), 3); // at 5, 10 and 15 s; none at the deadline itself
        QCOMPARE(m_run->clock.activeTimerCount(), 0);
    }

    void theServerSaysTheCodeExpired_data() { dialects(); }
    void theServerSaysTheCodeExpired()
    {
        QFETCH(QString, dialect);
        // The server's codes live 12 s; the profile makes this side wait longer than the server
        // (in Salesforce's dialect the 10 minutes assumed would anyway), so the server's word ends it.
        QCOMPARE(m_emulator->admin().changeDeviceSettings({{u"lifetimeSeconds"_s, 12}}).status, 200);
        Profile profile = m_emulator->demoProfile();
        profile.deviceCodeLifetimeSeconds = 60;
        QVERIFY(startWaiting(dialect, profile));
        QVERIFY(advanceAndAwaitPoll(5));
        QVERIFY(advanceAndAwaitPoll(5));
        QVERIFY(advanceAndAwaitPoll(5));
        const FlowError &e = *m_run->flow->error();
        QCOMPARE(e.kind, FlowError::Kind::Expired);
        QCOMPARE(e.exitCode(), 4);
        QCOMPARE(e.error, dialect == kSalesforce ? u"invalid_grant"_s : u"expired_token"_s);
        QCOMPARE(m_run->flow->prompt().lastAnswer, e.error);
    }

    void rfcServersLifetimeIsHonoured()
    {
        QCOMPARE(m_emulator->admin().changeDeviceSettings({{u"lifetimeSeconds"_s, 12}}).status, 200);
        QVERIFY(startWaiting(kRfc));
        QCOMPARE(m_run->flow->authorization().expiresInSeconds.value_or(-1), 12);
        QCOMPARE(m_run->flow->prompt().deadlineMs, m_run->clock.msecsSinceEpoch() + 12'000);
        advance(5);
        QTRY_COMPARE(m_run->answeredPolls(), 1);
        advance(5);
        QTRY_COMPARE(m_run->answeredPolls(), 2);
        advance(2); // the deadline: the timer fires there, no poll is sent
        QTRY_VERIFY(m_run->flow->isFinished());
        QCOMPARE(m_run->flow->error()->kind, FlowError::Kind::Expired);
        QCOMPARE(m_run->polls().size(), 2);
    }

    void aConsumedCodeIsRefused_data() { dialects(); }
    void aConsumedCodeIsRefused()
    {
        QFETCH(QString, dialect);
        QVERIFY(startWaiting(dialect));
        QCOMPARE(approve(m_run->flow->prompt().userCode), 200);
        // Another client with the same device code gets the tokens first (§4.3: "code consumed or
        // conflicting concurrent flows").
        QCOMPARE(pollDirectly(dialect, m_run->flow->authorization().deviceCode), 200);
        QVERIFY(advanceAndAwaitPoll(5));
        const FlowError &e = *m_run->flow->error();
        QCOMPARE(e.kind, FlowError::Kind::ServerRejected);
        QCOMPARE(e.exitCode(), 1);
        QCOMPARE(e.error, u"invalid_grant"_s);
        QCOMPARE(e.errorDescription, u"token exchange failed"_s);
        QVERIFY2(e.explanation.contains(u"already"), qPrintable(e.explanation));
        QCOMPARE(e.httpStatus, 400);
    }

    void aDisabledFlowIsExplained_data() { dialects(); }
    void aDisabledFlowIsExplained()
    {
        QFETCH(QString, dialect);
        Profile profile = m_emulator->demoProfile();
        QCOMPARE(m_emulator->admin().changeApp(profile.clientId, {{u"isDeviceFlowEnabled"_s, false}}).status, 200);
        setDialect(dialect);
        DeviceFlow *flow = start(profile);
        QTRY_VERIFY(flow->isFinished());
        const FlowError &e = *flow->error();
        QCOMPARE(e.kind, FlowError::Kind::ServerRejected);
        QCOMPARE(e.exitCode(), 1);
        QCOMPARE(e.stageId, u"device-request"_s);
        QCOMPARE(e.errorDescription, u"device flow is not enabled for the app"_s);
        QVERIFY2(e.fix.contains(u"Enable Device Flow"), qPrintable(e.fix));
        QCOMPARE(stageState(u"device-request"_s), Flow::StageState::Failed);
        QCOMPARE(m_run->polls().size(), 0);
    }

    void cancelWhileWaiting_data() { dialects(); }
    void cancelWhileWaiting()
    {
        QFETCH(QString, dialect);
        QVERIFY(startWaiting(dialect));
        QVERIFY(advanceAndAwaitPoll(5));
        QSignalSpy failed(m_run->flow, &Flow::failed);
        m_run->session.cancel();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(m_run->flow->status(), Flow::Status::Cancelled);
        QCOMPARE(m_run->flow->error()->exitCode(), 4);
        QCOMPARE(stageState(kWaitStage), Flow::StageState::Skipped);
        QCOMPARE(m_run->clock.activeTimerCount(), 0);
        advance(60);
        QTest::qWait(50);
        QCOMPARE(m_run->polls().size(), 1); // nothing more was sent
        m_run->flow->cancel();              // a second cancel is harmless
        QCOMPARE(failed.size(), 1);
    }

    void cancelAbortsThePollInFlight_data() { dialects(); }
    void cancelAbortsThePollInFlight()
    {
        QFETCH(QString, dialect);
        QVERIFY(startWaiting(dialect));
        const QJsonObject fault{{u"path"_s, u"/services/oauth2/token"_s},
                                {u"kind"_s, u"delay"_s},
                                {u"delayMs"_s, 5000}};
        QCOMPARE(m_emulator->admin().injectFault(fault).status, 200);
        advance(5);
        QTRY_COMPARE(m_run->polls().size(), 1);
        QVERIFY(m_run->polls().first().inFlight());
        QSignalSpy failed(m_run->flow, &Flow::failed);
        m_run->session.cancel();
        QCOMPARE(failed.size(), 1); // at once, not when the slow answer would have come
        QCOMPARE(m_run->flow->status(), Flow::Status::Cancelled);
        QVERIFY(!m_run->polls().first().transportError.isEmpty());
    }

    void neverTwoPollsInFlight_data() { dialects(); }
    void neverTwoPollsInFlight()
    {
        QFETCH(QString, dialect);
        QVERIFY(startWaiting(dialect));
        const QJsonObject fault{{u"path"_s, u"/services/oauth2/token"_s},
                                {u"kind"_s, u"delay"_s},
                                {u"delayMs"_s, 700}};
        QCOMPARE(m_emulator->admin().injectFault(fault).status, 200);
        advance(5);
        QTRY_COMPARE(m_run->polls().size(), 1);
        // While that poll is unanswered, a minute passes on our clock: no timer runs, nothing is sent.
        QCOMPARE(m_run->clock.activeTimerCount(), 0);
        for (int i = 0; i < 12; ++i)
            advance(5);
        QCOMPARE(m_run->polls().size(), 1);
        QTRY_COMPARE(m_run->answeredPolls(), 1);
        QCOMPARE(m_run->clock.activeTimerCount(), 1);
        // The next poll counts its interval from the answer, not from the request.
        const qint64 answeredAt = m_run->clock.msecsSinceEpoch();
        QVERIFY(advanceAndAwaitPoll(5));
        QCOMPARE(m_run->polls().at(1).startedAt.toMSecsSinceEpoch(), answeredAt + 5'000);
        for (const Exchange &e : m_run->polls())
            QVERIFY(!e.inFlight());
    }

    void dialectFollowsDiscoveryUnlessTheProfileSays_data()
    {
        QTest::addColumn<QString>("serverMode");
        QTest::addColumn<QString>("profileDialect");
        QTest::addColumn<QString>("requestPath");
        QTest::addColumn<bool>("discoveryFetched");
        QTest::newRow("auto, Salesforce server") << kSalesforce << u"auto"_s << u"/services/oauth2/token"_s << true;
        QTest::newRow("auto, RFC 8628 server") << kRfc << u"auto"_s << u"/services/oauth2/device/authorize"_s << true;
        QTest::newRow("forced Salesforce on an RFC server") << kRfc << kSalesforce << u"/services/oauth2/token"_s << false;
    }
    void dialectFollowsDiscoveryUnlessTheProfileSays()
    {
        QFETCH(QString, serverMode);
        QFETCH(QString, profileDialect);
        QFETCH(QString, requestPath);
        QFETCH(bool, discoveryFetched);
        Profile profile = m_emulator->demoProfile();
        QVERIFY(profile.applyOverride(u"deviceDialect"_s, profileDialect));
        QVERIFY(startWaiting(serverMode, profile));
        QCOMPARE(deviceRequest().request.url.path(), requestPath);
        QCOMPARE(stageState(u"discovery"_s), discoveryFetched ? Flow::StageState::Done : Flow::StageState::Skipped);
        QCOMPARE(m_run->session.log()->exchanges().first().stageId == u"discovery"_s, discoveryFetched);
    }

    void rfcAskedOfASalesforceServerIsExplained()
    {
        Profile profile = m_emulator->demoProfile();
        profile.deviceDialect = DeviceDialect::Rfc8628;
        DeviceFlow *flow = start(profile);
        QTRY_VERIFY(flow->isFinished());
        QCOMPARE(flow->error()->kind, FlowError::Kind::Protocol);
        QVERIFY2(flow->error()->fix.contains(u"deviceDialect"), qPrintable(flow->error()->fix));
        QCOMPARE(m_run->session.log()->rowCount(), 1); // discovery only; no device request
    }

    void unreadableDiscoveryFallsBackToSalesforce()
    {
        const QJsonObject fault{{u"path"_s, u"/.well-known/openid-configuration"_s},
                                {u"kind"_s, u"status"_s},
                                {u"status"_s, 503},
                                {u"body"_s, u"down"_s}};
        QCOMPARE(m_emulator->admin().injectFault(fault).status, 200);
        QVERIFY(startWaiting(QString(), m_emulator->demoProfile()));
        QCOMPARE(stageState(u"discovery"_s), Flow::StageState::Warning);
        QVERIFY(deviceRequest().request.body.startsWith("response_type=device_code"));
    }

    void unusableDeviceAnswersAreProtocolErrors_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("truncated JSON") << u"{\"user_code\":\"AB"_s << u"not valid JSON"_s;
        QTest::newRow("no device code") << u"{\"user_code\":\"ABCD1234\",\"verification_uri\":\"http://x/setup/connect\"}"_s
                                        << u"device_code"_s;
        QTest::newRow("hostile verification url")
            << u"{\"user_code\":\"ABCD1234\",\"device_code\":\"d\",\"verification_uri\":\"javascript:alert(1)\"}"_s
            << u"http(s)"_s;
    }
    void unusableDeviceAnswersAreProtocolErrors()
    {
        QFETCH(QString, body);
        QFETCH(QString, mentions);
        const QJsonObject fault{{u"path"_s, u"/services/oauth2/token"_s},
                                {u"kind"_s, u"status"_s},
                                {u"status"_s, 200},
                                {u"body"_s, body},
                                {u"contentType"_s, u"application/json"_s}};
        QCOMPARE(m_emulator->admin().injectFault(fault).status, 200);
        Profile profile = m_emulator->demoProfile();
        profile.deviceDialect = DeviceDialect::Salesforce;
        DeviceFlow *flow = start(profile);
        QTRY_VERIFY(flow->isFinished());
        QCOMPARE(flow->error()->kind, FlowError::Kind::Protocol);
        QCOMPARE(flow->error()->exitCode(), 1);
        QVERIFY2(flow->error()->explanation.contains(mentions), qPrintable(flow->error()->explanation));
        QCOMPARE(flow->prompt().kind, UserPrompt::Kind::None); // nothing to show the person
    }

    void aBrokenPollAnswerEndsTheWaitPlainly()
    {
        QVERIFY(startWaiting(kSalesforce));
        const QJsonObject fault{{u"path"_s, u"/services/oauth2/token"_s},
                                {u"kind"_s, u"status"_s},
                                {u"status"_s, 502},
                                {u"body"_s, u"<html>Bad gateway</html>"_s},
                                {u"contentType"_s, u"text/html"_s}};
        QCOMPARE(m_emulator->admin().injectFault(fault).status, 200);
        QVERIFY(advanceAndAwaitPoll(5));
        QCOMPARE(m_run->flow->error()->kind, FlowError::Kind::Protocol);
        QVERIFY2(m_run->flow->error()->explanation.contains(u"502"), qPrintable(m_run->flow->error()->explanation));
        QCOMPARE(m_run->clock.activeTimerCount(), 0);
    }

private:
    static void dialects()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("Salesforce") << kSalesforce;
        QTest::newRow("RFC 8628") << kRfc;
    }

    void setDialect(const QString &dialect)
    {
        if (dialect == kRfc)
            QCOMPARE(m_emulator->admin().changeDeviceSettings({{u"dialect"_s, u"rfc8628"_s}}).status, 200);
    }

    DeviceFlow *start(const Profile &profile)
    {
        m_run->flow = qobject_cast<DeviceFlow *>(m_run->session.start(u"device"_s, profile));
        return m_run->flow;
    }

    // Starts the flow in `dialect` (the emulator's mode; the profile's deviceDialect stays as
    // given) and returns once it waits for the person.
    bool startWaiting(const QString &dialect, const Profile &profile)
    {
        setDialect(dialect);
        DeviceFlow *flow = start(profile);
        if (!flow)
            return false;
        (void)QTest::qWaitFor([flow] { return flow->isFinished() || flow->status() == Flow::Status::WaitingForUser; }, 10'000);
        if (flow->isFinished())
            qWarning("the flow ended before waiting: %s", qPrintable(errorText()));
        return flow->status() == Flow::Status::WaitingForUser;
    }
    bool startWaiting(const QString &dialect) { return startWaiting(dialect, m_emulator->demoProfile()); }

    void advance(int seconds)
    {
        m_emulator->emulator().advanceClock(seconds); // the server's clock first: the poll sees it
        m_run->clock.advanceMs(qint64(seconds) * 1000);
    }

    // Moves both clocks on and waits until the poll that falls due has been answered.
    bool advanceAndAwaitPoll(int seconds)
    {
        const int before = m_run->answeredPolls();
        advance(seconds);
        (void)QTest::qWaitFor([&] { return m_run->answeredPolls() > before || m_run->flow->isFinished(); }, 10'000);
        return m_run->answeredPolls() == before + 1;
    }

    int approve(const QString &userCode)
    {
        return m_emulator->admin().approveDevice(userCode, m_emulator->demoProfile().username).status;
    }

    // A second client polling with the same device code, as a script would.
    int pollDirectly(const QString &dialect, const QString &deviceCode)
    {
        const HttpRequest poll = device::buildPollRequest(
            *device::Config::fromProfile(m_emulator->demoProfile(), {}),
            dialect == kRfc ? device::Protocol::Rfc8628 : device::Protocol::Salesforce, deviceCode);
        QNetworkRequest request(poll.url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
        QNetworkAccessManager network;
        QNetworkReply *reply = network.post(request, poll.body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(10'000))
            return 0;
        reply->deleteLater();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    QList<qint64> gapsBetweenPolls()
    {
        QList<qint64> gaps;
        const QList<Exchange> polls = m_run->polls();
        for (int i = 1; i < polls.size(); ++i)
            gaps.append(polls.at(i).startedAt.toMSecsSinceEpoch() - polls.at(i - 1).startedAt.toMSecsSinceEpoch());
        return gaps;
    }

    const Exchange &deviceRequest()
    {
        for (const Exchange &e : m_run->session.log()->exchanges()) {
            if (e.stageId == u"device-request")
                return e;
        }
        static const Exchange none;
        return none;
    }

    Flow::StageState stageState(const QString &id) const
    {
        for (const auto &stage : m_run->flow->stages()) {
            if (stage.id == id)
                return stage.state;
        }
        return Flow::StageState::Pending;
    }

    QString errorText() const
    {
        return m_run->flow && m_run->flow->error() ? m_run->flow->error()->summary() + u" — "_s +
                                                           m_run->flow->error()->explanation
                                                   : QString();
    }

    std::optional<EmulatorFixture> m_emulator;
    std::optional<DeviceRun> m_run;
};

QTEST_GUILESS_MAIN(TestDeviceFlow)
#include "tst_device_flow.moc"
