// The checks on obtained tokens, in one call (OIDC Core §3.1.3.7, then §1.5), against an
// in-process emulator that serves discovery and JWKS and signs the test's ID tokens with its own
// key: the typed results of TokenChecks, and how Flow::checkTokens shows them — a failed check
// fails its stage and the run, the token stays in result().
#include "EmulatorFixture.h"

#include "grants/Flow.h"
#include "oauth/Endpoints.h"
#include "oauth/TokenChecks.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kAccessToken = u"00D000000000001!AQ4AQFakeAccessToken"_s;
constexpr qint64 kLifetimeSeconds = 120; // §7.7: Salesforce ID tokens once lived 120 s

// A flow that has already "obtained" its tokens and only runs the checks on them.
class CheckingFlow final : public Flow
{
    Q_OBJECT
public:
    enum StageIndex { TokenRequest, VerifyIdToken, VerifySignature };
    static constexpr StageSpec kStages[] = {
        {TokenRequest, u"token-request", u"Token request"},
        {VerifyIdToken, u"verify-id-token", u"Verify ID token"},
        {VerifySignature, u"verify-signature", u"Verify signature"},
    };
    static_assert(isStageTable(kStages));

    CheckingFlow(HttpClient &http, TokenSet tokens, TokenCheckInputs inputs)
        : Flow(http, nullptr), m_tokens(std::move(tokens)), m_inputs(std::move(inputs))
    {
    }
    QString name() const override { return u"test-checking"_s; }
    QString title() const override { return u"Test: checks"_s; }
    void start() override
    {
        resetRun(kStages);
        enterStage(TokenRequest);
        finishStage(TokenRequest, StageState::Done);
        checkTokens({VerifyIdToken, VerifySignature}, m_tokens, m_inputs, [this](const TokenCheckResults &results) {
            m_results = results;
            succeed(m_tokens);
        });
    }
    void cancel() override
    {
        abortTokenChecks();
        fail(FlowError::cancelled(currentStageTitle()));
    }
    const std::optional<TokenCheckResults> &results() const { return m_results; }

private:
    TokenSet m_tokens;
    TokenCheckInputs m_inputs;
    std::optional<TokenCheckResults> m_results;
};
} // namespace

class TestTokenChecks : public QObject
{
    Q_OBJECT
    std::unique_ptr<EmulatorFixture> m_emulator;
    Profile m_profile;
    QUrl m_discoveryUrl;
    QJsonObject m_discovery;
    QNetworkAccessManager m_network;
    SystemClock m_clock;

    QString signedIdToken(const QJsonObject &changes = {})
    {
        const qint64 now = m_clock.msecsSinceEpoch() / 1000;
        QJsonObject claims{
            {u"iss"_s, m_discovery.value(u"issuer")},
            {u"sub"_s, m_discovery.value(u"issuer").toString() + u"/id/00D000000000001/005000000000001"_s},
            {u"aud"_s, m_profile.clientId},
            {u"iat"_s, now - 5},
            {u"exp"_s, now + kLifetimeSeconds},
            {u"at_hash"_s, accessTokenHash(kAccessToken)}};
        for (auto it = changes.begin(); it != changes.end(); ++it)
            claims.insert(it.key(), it.value());
        return m_emulator->admin().call("POST", u"/jwt"_s, claims).json().value(u"jwt").toString();
    }

    TokenSet tokens(const QString &idToken) const
    {
        TokenSet t;
        t.accessToken = kAccessToken;
        t.id = m_profile.loginUrl.toString() + u"/id/00D000000000001/005000000000001"_s;
        t.issuedAt = u"1764340000123"_s;
        t.signature = TokenSet::computeSignature(m_profile.clientSecret, t.id, t.issuedAt);
        t.idToken = idToken;
        return t;
    }

    TokenCheckInputs inputs() const
    {
        TokenCheckInputs in;
        in.clientSecret = m_profile.clientSecret;
        in.discoveryUrl = m_discoveryUrl;
        in.idToken.clientId = m_profile.clientId;
        in.idToken.nowSeconds = m_clock.msecsSinceEpoch() / 1000;
        return in;
    }

    static void runToEnd(Flow &flow)
    {
        flow.start();
        QTRY_VERIFY_WITH_TIMEOUT(flow.isFinished(), 10'000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_emulator = std::make_unique<EmulatorFixture>();
        m_profile = m_emulator->demoProfile();
        m_discoveryUrl = endpointUrl(m_profile.loginUrl, endpoints::kDiscovery);
        m_discovery = Http().get(m_discoveryUrl).json();
        QVERIFY(!m_discovery.value(u"issuer").toString().isEmpty());
        QVERIFY(!signedIdToken().isEmpty());
    }

    void bothChecksPass()
    {
        ExchangeLog log;
        HttpClient http(&m_network, &log, m_clock);
        CheckingFlow flow(http, tokens(signedIdToken()), inputs());
        runToEnd(flow);
        QCOMPARE(flow.status(), Flow::Status::Succeeded);
        QVERIFY(flow.results());
        QVERIFY(flow.results()->passed());
        QVERIFY(flow.results()->idToken && flow.results()->idToken->valid());
        QCOMPARE(flow.results()->signature, SignatureCheck::Valid);
        QCOMPARE(flow.stages().at(CheckingFlow::VerifyIdToken).state, Flow::StageState::Done);
        QVERIFY(flow.stages().at(CheckingFlow::VerifyIdToken).detail.contains(u"at_hash"_s));
        QCOMPARE(flow.stages().at(CheckingFlow::VerifySignature).state, Flow::StageState::Done);
        QCOMPARE(flow.checks().value(u"id_token").toString(), u"valid"_s);
        QCOMPARE(flow.checks().value(u"signature").toString(), u"valid"_s);
        // Discovery, then JWKS, both recorded under the ID-token stage with its id.
        QCOMPARE(log.exchanges().size(), 2);
        for (const Exchange &e : log.exchanges())
            QCOMPARE(e.stageId, u"verify-id-token"_s);
    }

    void aKnownDiscoveryDocumentIsNotFetchedAgain()
    {
        ExchangeLog log;
        HttpClient http(&m_network, &log, m_clock);
        TokenCheckInputs in = inputs();
        in.discovery = m_discovery;
        CheckingFlow flow(http, tokens(signedIdToken()), in);
        runToEnd(flow);
        QCOMPARE(flow.status(), Flow::Status::Succeeded);
        QCOMPARE(log.exchanges().size(), 1);
        QCOMPARE(log.exchanges().first().request.url.toString(), m_discovery.value(u"jwks_uri").toString());
    }

    void aFailedSignatureFailsItsStageAndTheRun()
    {
        ExchangeLog log;
        HttpClient http(&m_network, &log, m_clock);
        TokenSet forged = tokens(signedIdToken());
        forged.signature = TokenSet::computeSignature(u"another app's secret"_s, forged.id, forged.issuedAt);
        CheckingFlow flow(http, forged, inputs());
        runToEnd(flow);
        QCOMPARE(flow.status(), Flow::Status::Failed);
        QCOMPARE(flow.stages().at(CheckingFlow::VerifyIdToken).state, Flow::StageState::Done);
        QCOMPARE(flow.stages().at(CheckingFlow::VerifySignature).state, Flow::StageState::Failed);
        QCOMPARE(flow.checks().value(u"signature").toString(), u"invalid"_s);
        QCOMPARE(flow.error()->check, u"signature"_s);
        QCOMPARE(flow.error()->stageId, u"verify-signature"_s);
        QCOMPARE(flow.error()->exitCode(), 1);
        QVERIFY(flow.result()); // kept for inspection beside the error
        QCOMPARE(flow.result()->accessToken, kAccessToken);
    }

    void aFailedIdTokenFailsTheRunAndTheSignatureIsStillChecked()
    {
        ExchangeLog log;
        HttpClient http(&m_network, &log, m_clock);
        CheckingFlow flow(http, tokens(signedIdToken({{u"aud"_s, u"someone-else"_s}})), inputs());
        runToEnd(flow);
        QCOMPARE(flow.status(), Flow::Status::Failed);
        QCOMPARE(flow.stages().at(CheckingFlow::VerifyIdToken).state, Flow::StageState::Failed);
        QVERIFY2(flow.checks().value(u"id_token").toString().startsWith(u"invalid: "_s),
                 qPrintable(flow.checks().value(u"id_token").toString()));
        QCOMPARE(flow.stages().at(CheckingFlow::VerifySignature).state, Flow::StageState::Done);
        QCOMPARE(flow.checks().value(u"signature").toString(), u"valid"_s);
        QCOMPARE(flow.error()->check, u"id_token"_s); // the first failed check is the one reported
        QCOMPARE(flow.error()->stageId, u"verify-id-token"_s);
        QVERIFY(flow.result());
    }

    void noIdTokenIsSkippedAtOnce()
    {
        ExchangeLog log;
        HttpClient http(&m_network, &log, m_clock);
        CheckingFlow flow(http, tokens(QString()), inputs());
        flow.start();
        QVERIFY(flow.isFinished()); // nothing to fetch: no wait on the event loop
        QCOMPARE(flow.status(), Flow::Status::Succeeded);
        QVERIFY(flow.results() && !flow.results()->idToken);
        QCOMPARE(flow.stages().at(CheckingFlow::VerifyIdToken).state, Flow::StageState::Skipped);
        QVERIFY(!flow.checks().contains(u"id_token"));
        QCOMPARE(flow.stages().at(CheckingFlow::VerifySignature).state, Flow::StageState::Done);
        QVERIFY(log.exchanges().isEmpty());
    }

    void typedResultsWithoutAFlow()
    {
        ExchangeLog log;
        HttpClient http(&m_network, &log, m_clock);
        TokenChecks checks(http, {u"verify-id-token"_s, u"Verify ID token"_s});
        QSignalSpy finished(&checks, &TokenChecks::finished);
        TokenCheckInputs in = inputs();
        in.clientSecret.clear();
        checks.start(tokens(signedIdToken({{u"exp"_s, 1000}})), in);
        QVERIFY(finished.wait(10'000));
        const auto results = finished.takeFirst().at(0).value<TokenCheckResults>();
        QVERIFY(results.idTokenFailed());
        QVERIFY2(results.idToken->problem.contains(u"exp"_s), qPrintable(results.idToken->problem));
        QCOMPARE(results.signature, SignatureCheck::NoSecret);
        QVERIFY(!results.signatureFailed());
        QVERIFY(!results.passed());
    }

    void abortedChecksReportNothing()
    {
        ExchangeLog log;
        HttpClient http(&m_network, &log, m_clock);
        TokenChecks checks(http, {u"verify-id-token"_s, u"Verify ID token"_s});
        QSignalSpy finished(&checks, &TokenChecks::finished);
        checks.start(tokens(signedIdToken()), inputs());
        checks.abort();
        QVERIFY(!finished.wait(300));
        QCOMPARE(finished.size(), 0);
    }

    void cancellingAFlowDuringTheIdTokenCheckEndsIt()
    {
        ExchangeLog log;
        HttpClient http(&m_network, &log, m_clock);
        CheckingFlow flow(http, tokens(signedIdToken()), inputs());
        flow.start();
        QCOMPARE(flow.stages().at(CheckingFlow::VerifyIdToken).state, Flow::StageState::Running);
        flow.cancel();
        QCOMPARE(flow.status(), Flow::Status::Cancelled);
        QTest::qWait(300); // a late verdict must not revive the run
        QCOMPARE(flow.status(), Flow::Status::Cancelled);
        QVERIFY(!flow.results());
        QCOMPARE(flow.error()->stageId, u"verify-id-token"_s);
    }
};

QTEST_GUILESS_MAIN(TestTokenChecks)
#include "tst_tokenchecks.moc"
