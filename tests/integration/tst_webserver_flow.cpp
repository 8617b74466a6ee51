// The web server flow against the in-process emulator with a scripted browser in the person's
// place: success with a verified ID token, then every documented
// failure. The callback port is a free one chosen per test and registered with the demo app, so
// runs are hermetic; the wait's deadline runs on a ManualClock.
#include "EmulatorFixture.h"
#include "FreePort.h"
#include "ScriptedBrowser.h"

#include "callback/LoopbackReceiver.h"
#include "core/FormEncoding.h"
#include "grants/FlowSession.h"
#include "grants/webserver/WebServerFlow.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kWaitStage = u"wait-for-callback"_s; // a stage id
constexpr int kWaitMs = 10'000;

// The same bytes every time: two runs share state, nonce and verifier (the reused-code test).
class FixedRandom final : public RandomSource
{
public:
    QByteArray bytes(int count) override { return QByteArray(count, '\x5a'); }
};

// The clock is declared first so the session (and the flow's deadline timer) goes before it.
struct WebRun
{
    QNetworkAccessManager network;
    ManualClock clock;
    SystemRandomSource systemRandom;
    FixedRandom fixedRandom;
    ScriptedBrowser browser;
    FlowSession session;
    WebServerFlow *flow = nullptr;

    explicit WebRun(bool fixed = false)
        : session(FlowServices{&network, &clock, fixed ? static_cast<RandomSource *>(&fixedRandom) : &systemRandom, &browser})
    {
        session.setRunOptions(RunOptions{60});
    }
    QList<Exchange> exchanges(const QString &stageId)
    {
        QList<Exchange> out;
        for (const Exchange &e : session.log()->exchanges()) {
            if (e.stageId == stageId)
                out.append(e);
        }
        return out;
    }
};
} // namespace

class TestWebServerFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_emulator.emplace();
        m_callback = QUrl(u"http://127.0.0.1:%1/OauthRedirect"_s.arg(freeLoopbackPort()));
        registerCallback(m_callback);
    }
    void cleanup() { m_emulator.reset(); }

    void approveGivesTokensAndAVerifiedIdToken_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("127.0.0.1") << u"127.0.0.1"_s;
        QTest::newRow("localhost") << u"localhost"_s;
    }
    void approveGivesTokensAndAVerifiedIdToken()
    {
        QFETCH(QString, host);
        m_callback.setHost(host);
        registerCallback(m_callback);
        WebRun run;
        Flow *flow = startRun(run, profile());
        QVERIFY(waitEnd(flow));
        QVERIFY2(flow->status() == Flow::Status::Succeeded, qPrintable(flow->error() ? flow->error()->summary() : QString()));
        QVERIFY(!flow->result()->accessToken.isEmpty());
        QVERIFY(!flow->result()->refreshToken.isEmpty());
        QVERIFY(!flow->result()->idToken.isEmpty());
        QCOMPARE(flow->checks().value(u"id_token").toString(), u"valid"_s);
        QCOMPARE(flow->checks().value(u"signature").toString(), u"valid"_s);
        QCOMPARE(flow->stages().at(4).state, Flow::StageState::Done);
        QVERIFY(flow->stages().at(4).detail.contains(u"nonce"_s));
        QVERIFY(flow->stages().at(4).detail.contains(u"at_hash"_s));
        // The authorize URL the browser got: PKCE S256, state, nonce.
        const QUrlQuery query(run.browser.openedUrl());
        QCOMPARE(query.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
        QCOMPARE(query.queryItemValue(u"code_challenge"_s).size(), 43);
        QVERIFY(!query.queryItemValue(u"nonce"_s).isEmpty());
        QCOMPARE(query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded), m_callback.toString());
        // The token request carried a verifier and the secret, both redacted in the record.
        const QList<Exchange> token = run.exchanges(u"token-request"_s);
        QCOMPARE(token.size(), 1);
        const QString body = QString::fromUtf8(token.first().request.body);
        QVERIFY(body.contains(u"code_verifier="_s));
        QVERIFY(body.contains(u"client_secret="_s));
        QVERIFY(!body.contains(profile().clientSecret));
        QCOMPARE(run.exchanges(u"verify-id-token"_s).size(), 2); // discovery, then JWKS
        QVERIFY(QTest::qWaitFor([&] { return run.browser.isDone(); }, kWaitMs));
        QVERIFY(run.browser.lastBody().contains("Authorization received"));
        QVERIFY(!run.flow->receiver()->isListening());
    }

    void denyEndsWithExitFourExplained()
    {
        WebRun run;
        run.browser.setDecision(ScriptedBrowser::Decision::Deny);
        Flow *flow = startRun(run, profile());
        QVERIFY(waitEnd(flow));
        QVERIFY(flow->error());
        QCOMPARE(flow->error()->error, u"access_denied"_s);
        QCOMPARE(flow->error()->exitCode(), 4);
        QVERIFY(flow->error()->explanation.contains(u"Deny"_s));
        QCOMPARE(flow->error()->stageId, kWaitStage);
        QVERIFY(QTest::qWaitFor([&] { return run.browser.isDone(); }, kWaitMs));
        QVERIFY(run.browser.lastBody().contains("Authorization refused"));
        QVERIFY(run.browser.lastBody().contains("access_denied"));
    }

    void tamperedStateIsAProtocolError()
    {
        WebRun run;
        run.browser.holdRedirectsTo(m_callback.toString());
        Flow *flow = startRun(run, profile());
        QVERIFY(QTest::qWaitFor([&] { return !run.browser.heldUrl().isEmpty(); }, kWaitMs));
        QUrl tampered = run.browser.heldUrl();
        QUrlQuery query(tampered);
        query.removeQueryItem(u"state"_s);
        query.addQueryItem(u"state"_s, u"forged"_s);
        tampered.setQuery(query);
        run.browser.follow(tampered);
        QVERIFY(waitEnd(flow));
        QCOMPARE(flow->error()->kind, FlowError::Kind::Protocol);
        QCOMPARE(flow->error()->exitCode(), 1);
        QVERIFY(flow->error()->explanation.contains(u"state"_s));
        QVERIFY(QTest::qWaitFor([&] { return run.browser.isDone(); }, kWaitMs));
        QVERIFY(run.browser.lastBody().contains("Callback rejected"));
        QVERIFY(run.browser.lastBody().contains("forged"));
        QVERIFY(run.exchanges(u"token-request"_s).isEmpty());
    }

    // The browser shows Salesforce's error page (§3.2); the flow's authorize probe sees the same page
    // and ends the run with that error at once instead of counting down to a callback that cannot come.
    void redirectUriMismatchIsSeenByTheProbeAndEndsTheRun()
    {
        WebRun run;
        Profile p = profile();
        p.callbackUrl = QUrl(u"http://127.0.0.1:%1/Other"_s.arg(m_callback.port()));
        Flow *flow = startRun(run, p);
        QVERIFY(waitEnd(flow));
        QCOMPARE(flow->error()->kind, FlowError::Kind::ServerRejected);
        QCOMPARE(flow->error()->error, u"redirect_uri_mismatch"_s);
        QCOMPARE(flow->error()->stageId, u"wait-for-callback"_s);
        QVERIFY2(flow->error()->explanation.contains(u"Your browser is showing"_s), qPrintable(flow->error()->explanation));
        QVERIFY(flow->error()->explanation.contains(u"not exactly one of the app's callback URLs"_s));
        QVERIFY(flow->error()->explanation.contains(p.callbackUrl.toString()));
        QVERIFY(flow->error()->fix.contains(u"Callback URL"_s));
        const auto probes = run.exchanges(u"wait-for-callback"_s);
        QCOMPARE(probes.size(), 1);
        QVERIFY(run.exchanges(u"token-request"_s).isEmpty());
        QVERIFY(QTest::qWaitFor([&] { return run.browser.isDone(); }, kWaitMs));
        QCOMPARE(run.browser.lastError(), u"redirect_uri_mismatch"_s);
    }

    void pkceRequiredButMissing()
    {
        WebRun run;
        Profile p = profile();
        p.pkce = false;
        Flow *flow = startRun(run, p);
        QVERIFY(waitEnd(flow));
        QVERIFY(!QUrlQuery(run.browser.openedUrl()).hasQueryItem(u"code_challenge"_s));
        QCOMPARE(flow->error()->error, u"invalid_request"_s);
        QCOMPARE(flow->error()->errorDescription, u"missing required code challenge"_s);
        QCOMPARE(flow->error()->exitCode(), 1);
        QVERIFY(flow->error()->fix.contains(u"PKCE"_s, Qt::CaseInsensitive));
    }

    void wrongOrMissingSecretWhenRequired_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::newRow("wrong") << u"not-the-secret"_s;
        QTest::newRow("missing") << QString();
    }
    void wrongOrMissingSecretWhenRequired()
    {
        QFETCH(QString, secret);
        WebRun run;
        Profile p = profile();
        p.clientSecret = secret;
        Flow *flow = startRun(run, p);
        QVERIFY(waitEnd(flow));
        QCOMPARE(flow->error()->error, u"invalid_client"_s);
        QCOMPARE(flow->error()->stageId, u"token-request"_s);
        QCOMPARE(flow->error()->exitCode(), 1);
        const QString body = QString::fromUtf8(run.exchanges(u"token-request"_s).first().request.body);
        QCOMPARE(body.contains(u"client_secret="_s), !secret.isEmpty());
    }

    // An ID token that does not verify fails the run; the token stays for inspection.
    void anIdTokenThatDoesNotVerifyFailsTheRun()
    {
        const QJsonObject forged{{u"access_token"_s, u"00D000000000001!forged"_s},
                                 {u"id_token"_s, u"eyJhbGciOiJSUzI1NiIsImtpZCI6Im5vbmUifQ.e30.c2ln"_s},
                                 {u"id"_s, u"http://127.0.0.1/id/00D000000000001AAA/005000000000001AAA"_s},
                                 {u"issued_at"_s, u"1732790000123"_s},
                                 {u"token_type"_s, u"Bearer"_s},
                                 {u"instance_url"_s, u"http://127.0.0.1"_s}};
        const QJsonObject fault{{u"path"_s, u"/services/oauth2/token"_s},
                                {u"kind"_s, u"status"_s},
                                {u"status"_s, 200},
                                {u"body"_s, QString::fromUtf8(QJsonDocument(forged).toJson())},
                                {u"contentType"_s, u"application/json"_s}};
        QCOMPARE(m_emulator->admin().injectFault(fault).status, 200);
        WebRun run;
        Flow *flow = startRun(run, profile());
        QVERIFY(waitEnd(flow));
        QCOMPARE(flow->status(), Flow::Status::Failed);
        QCOMPARE(flow->error()->kind, FlowError::Kind::Protocol);
        QCOMPARE(flow->error()->check, u"id_token"_s);
        QCOMPARE(flow->stages().at(4).state, Flow::StageState::Failed);
        QCOMPARE(flow->error()->stageId, u"verify-id-token"_s);
        QVERIFY(flow->checks().value(u"id_token").toString().startsWith(u"invalid"_s));
        QVERIFY(flow->result());
        QCOMPARE(flow->result()->accessToken, u"00D000000000001!forged"_s);
    }

    void publicClientWithoutSecretWhenOptional()
    {
        QCOMPARE(m_emulator->admin().changeApp(profile().clientId, {{u"isConsumerSecretOptional"_s, true}}).status,
                 200);
        WebRun run;
        Profile p = profile();
        p.clientSecret.clear();
        Flow *flow = startRun(run, p);
        QVERIFY(waitEnd(flow));
        QCOMPARE(flow->status(), Flow::Status::Succeeded);
        QCOMPARE(flow->checks().value(u"signature").toString(), u"not-checked"_s);
    }

    void reusedCodeIsRefused()
    {
        QUrl callback;
        {
            WebRun first(true);
            first.browser.holdRedirectsTo(m_callback.toString());
            Flow *flow = startRun(first, profile());
            QVERIFY(QTest::qWaitFor([&] { return !first.browser.heldUrl().isEmpty(); }, kWaitMs));
            callback = first.browser.heldUrl();
            first.browser.follow(callback);
            QVERIFY(waitEnd(flow));
            QCOMPARE(flow->status(), Flow::Status::Succeeded);
        }
        WebRun second(true); // same state and verifier: only the code's single use can stop it
        second.browser.holdRedirectsTo(m_callback.toString());
        Flow *flow = startRun(second, profile());
        QVERIFY(QTest::qWaitFor([&] { return !second.browser.heldUrl().isEmpty(); }, kWaitMs));
        second.browser.follow(callback);
        QVERIFY(waitEnd(flow));
        QCOMPARE(flow->error()->error, u"invalid_grant"_s);
        QCOMPARE(flow->error()->stageId, u"token-request"_s);
        QVERIFY(!flow->error()->explanation.isEmpty());
    }

    void expiredCodeIsRefused()
    {
        WebRun run;
        run.browser.holdRedirectsTo(m_callback.toString());
        Flow *flow = startRun(run, profile());
        QVERIFY(QTest::qWaitFor([&] { return !run.browser.heldUrl().isEmpty(); }, kWaitMs));
        m_emulator->emulator().advanceClock(16 * 60); // codes live about 15 minutes (§3.2)
        run.browser.follow(run.browser.heldUrl());
        QVERIFY(waitEnd(flow));
        QCOMPARE(flow->error()->error, u"invalid_grant"_s);
        QCOMPARE(flow->error()->errorDescription, u"expired authorization code"_s);
        QVERIFY(flow->error()->explanation.contains(u"15 minutes"_s));
    }

    void probeOnAnotherPathDoesNotEndTheWait()
    {
        WebRun run;
        run.browser.holdRedirectsTo(m_callback.toString());
        Flow *flow = startRun(run, profile());
        QVERIFY(QTest::qWaitFor([&] { return !run.browser.heldUrl().isEmpty(); }, kWaitMs));
        QNetworkAccessManager network;
        QUrl probe = m_callback;
        probe.setPath(u"/favicon.ico"_s);
        QNetworkReply *reply = network.get(QNetworkRequest(probe));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
        reply->deleteLater();
        QCOMPARE(flow->status(), Flow::Status::WaitingForUser);
        QCOMPARE(run.flow->receiver()->probesIgnored(), 1);
        QVERIFY(flow->stages().at(2).detail.contains(u"/favicon.ico"_s));
        run.browser.follow(run.browser.heldUrl());
        QVERIFY(waitEnd(flow));
        QCOMPARE(flow->status(), Flow::Status::Succeeded);
    }

    void portInUseIsAConfigurationError()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, quint16(m_callback.port())));
        WebRun run;
        Flow *flow = startRun(run, profile());
        QVERIFY(flow->isFinished());
        QCOMPARE(flow->error()->kind, FlowError::Kind::Configuration);
        QCOMPARE(flow->error()->exitCode(), 2);
        QVERIFY(flow->error()->explanation.contains(QString::number(m_callback.port())));
        QCOMPARE(run.browser.openCount(), 0); // nothing was opened or sent
        QVERIFY(run.session.log()->exchanges().isEmpty());
    }

    void timeoutEndsTheWait()
    {
        WebRun run;
        run.browser.holdRedirectsTo(m_callback.toString()); // the person never comes back
        Flow *flow = startRun(run, profile());
        QCOMPARE(flow->prompt().kind, UserPrompt::Kind::OpenBrowser);
        QCOMPARE(flow->prompt().listeningOn, m_callback);
        QCOMPARE(flow->prompt().deadlineMs, run.clock.msecsSinceEpoch() + 60'000);
        QVERIFY(flow->prompt().browserOpened);
        run.clock.advanceMs(59'000);
        QVERIFY(!flow->isFinished());
        run.clock.advanceMs(1'000);
        QVERIFY(flow->isFinished());
        QCOMPARE(flow->error()->kind, FlowError::Kind::Expired);
        QCOMPARE(flow->error()->stageId, kWaitStage);
        QVERIFY(!run.flow->receiver()->isListening());
    }

    void cancelWhileWaiting()
    {
        WebRun run;
        run.browser.holdRedirectsTo(m_callback.toString());
        Flow *flow = startRun(run, profile());
        run.session.cancel();
        QCOMPARE(flow->status(), Flow::Status::Cancelled);
        QCOMPARE(flow->error()->exitCode(), 4);
        QVERIFY(!run.flow->receiver()->isListening());
    }

private:
    Profile profile() const
    {
        Profile p = m_emulator->demoProfile();
        p.callbackUrl = m_callback;
        p.scopes = {u"api"_s, u"refresh_token"_s, u"openid"_s};
        return p;
    }
    void registerCallback(const QUrl &url)
    {
        const QString clientId = m_emulator->demoProfile().clientId;
        QCOMPARE(m_emulator->admin().changeApp(clientId, {{u"callbackUrl"_s, url.toString()}}).status, 200);
    }
    Flow *startRun(WebRun &run, const Profile &p)
    {
        const QJsonObject user = m_emulator->emulator().users().first().toObject();
        run.browser.setCredentials(user.value(u"username").toString(), user.value(u"password").toString());
        run.clock.setNow(QDateTime::fromMSecsSinceEpoch(m_emulator->emulator().nowMs(), Qt::UTC));
        Flow *flow = run.session.start(u"web-server"_s, p);
        run.flow = qobject_cast<WebServerFlow *>(flow);
        return flow;
    }
    static bool waitEnd(Flow *flow) { return QTest::qWaitFor([flow] { return flow->isFinished(); }, kWaitMs); }

    std::optional<EmulatorFixture> m_emulator;
    QUrl m_callback;
};

QTEST_GUILESS_MAIN(TestWebServerFlow)
#include "tst_webserver_flow.moc"
