// A token's life against the in-process emulator (§7): refresh with and without rotation, reuse
// of a rotated refresh token, revocation of access and refresh tokens seen by introspection and
// the REST API, introspection's client authentication, the five-approvals limit, UserInfo, the
// identity URL, the REST probe, and answers that are no answers. Refresh tokens come from real
// web server runs with a scripted browser in the person's place.
#include "EmulatorFixture.h"
#include "FreePort.h"
#include "ScriptedBrowser.h"

#include "grants/FlowSession.h"
#include "grants/refresh/RefreshFlow.h"
#include "tokens/TokenTools.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kWaitMs = 10'000;

// What a finished refresh run showed, copied out before its session goes.
struct RefreshRun
{
    Flow::Status status = Flow::Status::Idle;
    std::optional<TokenSet> tokens;
    std::optional<FlowError> error;
    QJsonObject checks;
    QList<Flow::Stage> stages;
    QJsonArray exchanges;

    QString why() const { return error ? error->summary() + u" — "_s + error->explanation : QString(); }
};

// The token tools over one HttpClient, as the token pane and `ecalab token` use them.
struct Tools
{
    QNetworkAccessManager network;
    SystemClock clock;
    ExchangeLog log;
    HttpClient http{&network, &log, clock};

    TokenActionResult run(const TokenToolsConfig &config, TokenAction action, const QString &token,
                          TokenKind kind = TokenKind::AccessToken)
    {
        TokenTools tools(http, clock, config);
        std::optional<TokenActionResult> result;
        QObject::connect(&tools, &TokenTools::finished, [&](const TokenActionResult &r) { result = r; });
        if (!tools.run(action, token, kind) || !QTest::qWaitFor([&] { return result.has_value(); }, kWaitMs)) {
            TokenActionResult none;
            none.error = FlowError::configuration({}, u"no answer"_s, {});
            return none;
        }
        return *result;
    }
    QString logText() const { return QString::fromUtf8(QJsonDocument(log.toJson()).toJson()); }
};

QString why(const TokenActionResult &result)
{
    return result.error ? result.error->summary() + u" — "_s + result.error->explanation : result.summary;
}
} // namespace

class TestTokenLifecycle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_emulator.emplace();
        m_callback = QUrl(u"http://127.0.0.1:%1/OauthRedirect"_s.arg(freeLoopbackPort()));
        QCOMPARE(m_emulator->admin().changeApp(clientId(), {{u"callbackUrl"_s, m_callback.toString()}}).status, 200);
    }
    void cleanup() { m_emulator.reset(); }

    void refreshWithoutRotationKeepsTheRefreshToken()
    {
        const std::optional<TokenSet> first = authorize();
        QVERIFY(first && !first->refreshToken.isEmpty());
        const RefreshRun run = refresh(profile(), first->refreshToken);
        QVERIFY2(run.status == Flow::Status::Succeeded, qPrintable(run.why()));
        QVERIFY(!run.tokens->accessToken.isEmpty());
        QVERIFY(run.tokens->accessToken != first->accessToken);
        QVERIFY(run.tokens->refreshToken.isEmpty()); // §7.1: none without rotation
        QCOMPARE(run.checks.value(u"refresh_token").toString(), u"kept"_s);
        QCOMPARE(run.checks.value(u"id_token").toString(), u"valid"_s);
        QCOMPARE(run.checks.value(u"signature").toString(), u"valid"_s);
        QVERIFY(run.stages.at(RefreshFlow::TokenRequest).detail.contains(u"stays valid"_s));
        // The request carried the grant, the refresh token and the secret, the last two masked.
        const QString body = run.exchanges.at(0)[u"request"][u"body"].toString();
        QVERIFY2(body.startsWith(u"grant_type=refresh_token&refresh_token=[redacted]&client_id="_s), qPrintable(body));
        QVERIFY(body.contains(u"client_secret=[redacted]"_s));
        QVERIFY(!QJsonDocument(run.exchanges).toJson().contains(first->refreshToken.toUtf8()));
        // The one sent still works.
        const RefreshRun again = refresh(profile(), first->refreshToken);
        QVERIFY2(again.status == Flow::Status::Succeeded, qPrintable(again.why()));
    }

    void refreshWithRotationReplacesTheRefreshToken()
    {
        setRotation(true);
        const std::optional<TokenSet> first = authorize();
        QVERIFY(first);
        const RefreshRun run = refresh(profile(), first->refreshToken);
        QVERIFY2(run.status == Flow::Status::Succeeded, qPrintable(run.why()));
        QVERIFY(!run.tokens->refreshToken.isEmpty());
        QVERIFY(run.tokens->refreshToken != first->refreshToken);
        QCOMPARE(run.checks.value(u"refresh_token").toString(), u"rotated"_s);
        QVERIFY(run.stages.at(RefreshFlow::TokenRequest)
                    .detail.contains(u"rotated: a new refresh token replaces the one sent"_s));
        const RefreshRun next = refresh(profile(), run.tokens->refreshToken);
        QVERIFY2(next.status == Flow::Status::Succeeded, qPrintable(next.why()));
    }

    void reuseOfARotatedRefreshTokenIsRefusedAndExplained()
    {
        setRotation(true);
        const std::optional<TokenSet> first = authorize();
        QVERIFY(first);
        const RefreshRun rotated = refresh(profile(), first->refreshToken);
        QVERIFY2(rotated.status == Flow::Status::Succeeded, qPrintable(rotated.why()));

        const RefreshRun reuse = refresh(profile(), first->refreshToken);
        QCOMPARE(reuse.status, Flow::Status::Failed);
        QCOMPARE(reuse.error->kind, FlowError::Kind::ServerRejected);
        QCOMPARE(reuse.error->error, u"invalid_grant"_s);
        QCOMPARE(reuse.error->stageId, u"token-request"_s);
        QVERIFY2(reuse.error->explanation.contains(u"reuse"_s), qPrintable(reuse.error->explanation));
        QVERIFY(reuse.error->explanation.contains(u"whole family"_s));
        QVERIFY(reuse.error->fix.contains(u"only once"_s));
        // §7.1: the whole family is gone, the newest refresh token and its access token too.
        const RefreshRun newest = refresh(profile(), rotated.tokens->refreshToken);
        QCOMPARE(newest.status, Flow::Status::Failed);
        Tools tools;
        const TokenActionResult introspected =
            tools.run(config(*rotated.tokens), TokenAction::Introspect, rotated.tokens->accessToken);
        QVERIFY2(introspected.ok(), qPrintable(why(introspected)));
        QCOMPARE(introspected.status->state, TokenStatus::State::Inactive);
    }

    void revokedAccessTokenIsInactiveAndRefusedByRest()
    {
        const std::optional<TokenSet> tokens = authorize();
        QVERIFY(tokens);
        Tools tools;
        const TokenActionResult before = tools.run(config(*tokens), TokenAction::Introspect, tokens->accessToken);
        QVERIFY2(before.ok(), qPrintable(why(before)));
        QCOMPARE(before.status->state, TokenStatus::State::Active);
        QCOMPARE(before.status->label(), u"active"_s);
        QCOMPARE(before.fields.value(u"token_type").toString(), u"access_token"_s);
        QVERIFY(before.summary.startsWith(u"active · expires "_s));
        // The 2 h session: "(in 119 min)", or "(in 2 h)" within its first second.
        static const QRegularExpression inTwoHours(u"\\(in (11\\d min|2 h)\\)"_s);
        QVERIFY2(inTwoHours.match(before.summary).hasMatch(), qPrintable(before.summary));
        // Salesforce sends no expires_in: exp is how expiry is learned (§7.4), the 2 h default here.
        QVERIFY(before.status->expiresAt);
        const qint64 lifetime = QDateTime::currentDateTimeUtc().secsTo(*before.status->expiresAt);
        QVERIFY2(lifetime > 7000 && lifetime <= 7200, qPrintable(QString::number(lifetime)));

        const TokenActionResult revoked = tools.run(config(*tokens), TokenAction::Revoke, tokens->accessToken);
        QVERIFY2(revoked.ok(), qPrintable(why(revoked)));
        QCOMPARE(revoked.status->state, TokenStatus::State::Revoked);
        QCOMPARE(revoked.status->source, u"revocation"_s);

        const TokenActionResult after = tools.run(config(*tokens), TokenAction::Introspect, tokens->accessToken);
        QVERIFY2(after.ok(), qPrintable(why(after)));
        QCOMPARE(after.status->state, TokenStatus::State::Inactive);
        QCOMPARE(after.summary, u"inactive: revoked, expired or not this app's"_s);

        const TokenActionResult probe = tools.run(config(*tokens), TokenAction::RestProbe, tokens->accessToken);
        QVERIFY(!probe.ok());
        QCOMPARE(probe.error->httpStatus, 401);
        QCOMPARE(probe.error->error, u"INVALID_SESSION_ID"_s);
        QCOMPARE(probe.error->stageId, u"rest-probe"_s);
        QVERIFY2(probe.error->explanation.contains(u"session ended"_s), qPrintable(probe.error->explanation));
        QCOMPARE(probe.status->state, TokenStatus::State::Inactive);
        QVERIFY(!tools.logText().contains(tokens->accessToken));
    }

    void revokedRefreshTokenEndsItsAccessTokens()
    {
        const std::optional<TokenSet> tokens = authorize();
        QVERIFY(tokens);
        const RefreshRun refreshed = refresh(profile(), tokens->refreshToken);
        QVERIFY2(refreshed.status == Flow::Status::Succeeded, qPrintable(refreshed.why()));
        Tools tools;
        const TokenActionResult revoked =
            tools.run(config(*tokens), TokenAction::Revoke, tokens->refreshToken, TokenKind::RefreshToken);
        QVERIFY2(revoked.ok(), qPrintable(why(revoked)));
        QCOMPARE(revoked.status->state, TokenStatus::State::Revoked);
        QVERIFY(revoked.summary.contains(u"every access token"_s));
        for (const QString &access : {tokens->accessToken, refreshed.tokens->accessToken}) {
            const TokenActionResult probe = tools.run(config(*tokens), TokenAction::RestProbe, access);
            QCOMPARE(probe.error ? probe.error->httpStatus : 0, 401);
        }
        const TokenActionResult introspected =
            tools.run(config(*tokens), TokenAction::Introspect, tokens->refreshToken, TokenKind::RefreshToken);
        QVERIFY2(introspected.ok(), qPrintable(why(introspected)));
        QCOMPARE(introspected.status->state, TokenStatus::State::Inactive);
        const RefreshRun again = refresh(profile(), tokens->refreshToken);
        QCOMPARE(again.status, Flow::Status::Failed);
        QCOMPARE(again.error->errorDescription, u"expired access/refresh token"_s);
    }

    void introspectionWithAWrongSecretIsRefused_data()
    {
        QTest::addColumn<bool>("basic");
        QTest::newRow("post") << false;
        QTest::newRow("basic") << true;
    }
    void introspectionWithAWrongSecretIsRefused()
    {
        QFETCH(bool, basic);
        const ClientAuthMethod method = basic ? ClientAuthMethod::Basic : ClientAuthMethod::Post;
        const std::optional<TokenSet> tokens = authorize();
        QVERIFY(tokens);
        TokenToolsConfig wrong = config(*tokens);
        wrong.clientSecret = u"Not-The-Secret-42"_s;
        wrong.clientAuth = method;
        Tools tools;
        const TokenActionResult result = tools.run(wrong, TokenAction::Introspect, tokens->accessToken);
        QVERIFY(!result.ok());
        QCOMPARE(result.error->kind, FlowError::Kind::ServerRejected);
        QCOMPARE(result.error->error, u"invalid_client"_s);
        QVERIFY2(result.error->explanation.startsWith(u"Introspection needs the app's own client authentication"_s),
                 qPrintable(result.error->explanation));
        QVERIFY(!result.status); // says nothing about the token
        const Exchange &sent = tools.log.exchanges().constLast();
        QCOMPARE(sent.stageId, u"introspect"_s);
        if (method == ClientAuthMethod::Basic)
            QVERIFY(sent.request.header("Authorization").startsWith("Basic "));
        else
            QVERIFY(sent.request.body.contains("client_secret="));
        QVERIFY(!tools.logText().contains(u"Not-The-Secret-42"_s));
        QVERIFY(!QString::fromUtf8(sent.request.header("Authorization")).contains(u"Not-The-Secret"_s));
    }

    void theSixthApprovalRevokesTheOldestRefreshToken()
    {
        QStringList refreshTokens;
        for (int i = 0; i < 6; ++i) {
            const std::optional<TokenSet> tokens = authorize();
            QVERIFY(tokens);
            refreshTokens.append(tokens->refreshToken);
        }
        const RefreshRun oldest = refresh(profile(), refreshTokens.at(0));
        QCOMPARE(oldest.status, Flow::Status::Failed);
        QCOMPARE(oldest.error->error, u"invalid_grant"_s);
        QVERIFY(oldest.error->explanation.contains(u"sixth approval"_s));
        for (int i = 1; i < 6; ++i) {
            const RefreshRun kept = refresh(profile(), refreshTokens.at(i));
            QVERIFY2(kept.status == Flow::Status::Succeeded, qPrintable(u"%1: %2"_s.arg(i).arg(kept.why())));
        }
    }

    void userInfoAndIdentityAreParsed()
    {
        // `id` grants UserInfo's profile and email claims (§9); the identity URL answers all of §7.6.
        const std::optional<TokenSet> tokens = authorize({u"api"_s, u"refresh_token"_s, u"openid"_s, u"id"_s});
        QVERIFY(tokens);
        Tools tools;
        const TokenActionResult info = tools.run(config(*tokens), TokenAction::UserInfo, tokens->accessToken);
        QVERIFY2(info.ok(), qPrintable(why(info)));
        QCOMPARE(info.fields.value(u"preferred_username").toString(), username());
        QCOMPARE(info.fields.value(u"user_id").toString(), tokens->userId());
        QCOMPARE(info.fields.value(u"organization_id").toString(), tokens->orgId());
        QVERIFY(info.fields.value(u"urls").toObject().value(u"rest").toString().contains(u"{version}"_s));
        QVERIFY2(info.summary.startsWith(username() + u" · "_s), qPrintable(info.summary));
        QVERIFY(info.summary.contains(u"org "_s + tokens->orgId()));
        QCOMPARE(info.status->state, TokenStatus::State::Active);

        const TokenActionResult identity = tools.run(config(*tokens), TokenAction::Identity, tokens->accessToken);
        QVERIFY2(identity.ok(), qPrintable(why(identity)));
        QCOMPARE(identity.fields.value(u"username").toString(), username());
        QCOMPARE(identity.fields.value(u"id").toString(), tokens->id);
        QVERIFY(identity.summary.contains(u"active user"_s));
        QCOMPARE(tools.log.exchanges().size(), 2);
        QCOMPARE(tools.log.exchanges().at(0).stageId, u"userinfo"_s);
        QCOMPARE(tools.log.exchanges().at(1).stageId, u"identity"_s);
        QCOMPARE(tools.log.exchanges().at(1).request.url.toString(), tokens->id);
        QVERIFY(!tools.logText().contains(tokens->accessToken));

        // A revoked token: the identity URL's 403 Bad_OAuth_Token, explained (§7.6).
        QVERIFY(tools.run(config(*tokens), TokenAction::Revoke, tokens->accessToken).ok());
        const TokenActionResult refused = tools.run(config(*tokens), TokenAction::Identity, tokens->accessToken);
        QCOMPARE(refused.error ? refused.error->error : QString(), u"Bad_OAuth_Token"_s);
        QCOMPARE(refused.error->httpStatus, 403);
        QVERIFY(refused.error->explanation.contains(u"did not accept the access token"_s));
        QCOMPARE(refused.status->state, TokenStatus::State::Inactive);
    }

    void restProbeShowsTheVersionAndTheDailyAllowance()
    {
        const std::optional<TokenSet> tokens = authorize();
        QVERIFY(tokens);
        Http http; // the version list as any client reads it, to know the newest independently
        const QJsonArray listed = http.get(QUrl(tokens->instanceUrl + u"/services/data/"_s)).jsonArray();
        QVERIFY(!listed.isEmpty());
        const QString newest = listed.last()[u"version"].toString();
        Tools tools;
        const TokenActionResult probe = tools.run(config(*tokens), TokenAction::RestProbe, tokens->accessToken);
        QVERIFY2(probe.ok(), qPrintable(why(probe)));
        QCOMPARE(probe.fields.value(u"latest").toString(), newest);
        QCOMPARE(probe.fields.value(u"versions").toArray().size(), listed.size());
        const QJsonObject daily = probe.fields.value(u"limits")[u"DailyApiRequests"].toObject();
        QCOMPARE(daily.value(u"Max").toInteger(), 15000);
        QVERIFY(daily.value(u"Remaining").toInteger() < 15000);
        QCOMPARE(probe.summary, u"API v%1 · DailyApiRequests %2 of 15000 remaining"_s.arg(newest).arg(
                                    daily.value(u"Remaining").toInteger()));
        QCOMPARE(probe.status->state, TokenStatus::State::Active);
        QCOMPARE(tools.log.exchanges().size(), 2);
        QVERIFY(tools.log.exchanges().at(0).request.header("Authorization").isEmpty()); // public list
        QCOMPARE(tools.log.exchanges().at(1).request.url.path(), u"/services/data/v%1/limits"_s.arg(newest));
        QCOMPARE(tools.log.exchanges().at(1).stageId, u"rest-probe"_s);
    }

    void revocationErrorsAreReadAsFormsAndExplained()
    {
        const std::optional<TokenSet> tokens = authorize();
        QVERIFY(tokens);
        Tools tools;
        const TokenActionResult result = tools.run(config(*tokens), TokenAction::Revoke, u"00Dnotatoken!AQxyz"_s);
        QVERIFY(!result.ok());
        QCOMPARE(result.error->kind, FlowError::Kind::ServerRejected);
        QCOMPARE(result.error->httpStatus, 400);
        QCOMPARE(result.error->error, u"unsupported_token_type"_s);
        QCOMPARE(result.error->errorDescription, u"this token type is not supported"_s);
        QVERIFY2(result.error->explanation.contains(u"knows no live token"_s), qPrintable(result.error->explanation));
        QCOMPARE(result.status->state, TokenStatus::State::Inactive);

        // §7.3 only observed the body, not its type: a form under text/plain is still read as one.
        const QJsonObject plain{{u"path"_s, u"/services/oauth2/revoke"_s}, {u"kind"_s, u"status"_s}, {u"status"_s, 400},
                                {u"contentType"_s, u"text/plain;charset=UTF-8"_s},
                                {u"body"_s, u"error=invalid_token&error_description=Token%20was%20invalid"_s}};
        QVERIFY(m_emulator->admin().injectFault(plain).status < 300);
        const TokenActionResult typed = tools.run(config(*tokens), TokenAction::Revoke, tokens->accessToken);
        QCOMPARE(typed.error ? typed.error->error : QString(), u"invalid_token"_s);
        QCOMPARE(typed.error->errorDescription, u"Token was invalid"_s);
        QVERIFY(!typed.error->explanation.isEmpty());
    }

    void secretRequiredForRefreshIsExplained()
    {
        const std::optional<TokenSet> tokens = authorize();
        QVERIFY(tokens);
        Profile publicClient = profile();
        publicClient.clientSecret.clear();
        const RefreshRun refused = refresh(publicClient, tokens->refreshToken);
        QCOMPARE(refused.status, Flow::Status::Failed);
        QCOMPARE(refused.error->error, u"invalid_client"_s);
        QVERIFY2(refused.error->explanation.contains(u"Require secret for refresh token flow"_s),
                 qPrintable(refused.error->explanation));
        QVERIFY(refused.error->fix.contains(u"Flow Enablement"_s));
        QVERIFY(!refused.exchanges.at(0)[u"request"][u"body"].toString().contains(u"client_secret"_s));

        QCOMPARE(m_emulator->admin().changeApp(clientId(), {{u"isSecretRequiredForRefreshToken"_s, false}}).status, 200);
        const RefreshRun accepted = refresh(publicClient, tokens->refreshToken);
        QVERIFY2(accepted.status == Flow::Status::Succeeded, qPrintable(accepted.why()));
        QCOMPARE(accepted.checks.value(u"signature").toString(), u"not-checked"_s); // no secret to check with
    }

    void theRefreshTokenWaitEndsAsExpired()
    {
        QNetworkAccessManager network;
        ManualClock clock;
        SystemRandomSource random;
        FlowSession session(FlowServices{&network, &clock, &random, nullptr});
        session.setRunOptions(RunOptions{30});
        Flow *flow = session.start(u"refresh"_s, profile());
        QVERIFY(flow);
        QCOMPARE(flow->prompt().kind, UserPrompt::Kind::AskSecret);
        QCOMPARE(flow->prompt().id, u"refreshToken"_s);
        QCOMPARE(flow->prompt().secondsLeft(clock.msecsSinceEpoch()), 30);
        QVERIFY(UserPrompt::answerIds().contains(u"refreshToken"_s));
        clock.advanceMs(29'000);
        QVERIFY(!flow->isFinished());
        clock.advanceMs(1'000);
        QVERIFY(flow->isFinished());
        QCOMPARE(flow->error()->kind, FlowError::Kind::Expired);
        QCOMPARE(flow->error()->exitCode(), 4);
        QCOMPARE(flow->error()->stageId, u"refresh-token"_s);
        QVERIFY(flow->error()->fix.contains(u"ECALAB_REFRESH_TOKEN"_s));
        QVERIFY(session.log()->exchanges().isEmpty()); // nothing was sent
    }

    void answersThatAreNoAnswersAreProtocolErrors()
    {
        const std::optional<TokenSet> tokens = authorize();
        QVERIFY(tokens);
        const QJsonObject page{{u"path"_s, u"/services/oauth2/introspect"_s}, {u"kind"_s, u"status"_s},
                               {u"status"_s, 200}, {u"contentType"_s, u"text/html"_s},
                               {u"body"_s, u"<html><body>Sign in to the proxy</body></html>"_s}};
        QVERIFY(m_emulator->admin().injectFault(page).status < 300);
        QVERIFY(m_emulator->admin().injectFault({{u"path"_s, u"/services/oauth2/userinfo"_s},
                                                 {u"kind"_s, u"malformedJson"_s}}).status < 300);
        QVERIFY(m_emulator->admin().injectFault({{u"path"_s, u"/services/oauth2/revoke"_s}, {u"kind"_s, u"hugeBody"_s},
                                                 {u"bytes"_s, 2 * 1024 * 1024}}).status < 300);
        Tools tools;
        tools.http.setLimits({kWaitMs, 1024 * 1024});
        const TokenActionResult html = tools.run(config(*tokens), TokenAction::Introspect, tokens->accessToken);
        QCOMPARE(html.error ? html.error->kind : FlowError::Kind::Cancelled, FlowError::Kind::Protocol);
        QVERIFY2(html.error->explanation.contains(u"HTML page"_s), qPrintable(html.error->explanation));
        const TokenActionResult cut = tools.run(config(*tokens), TokenAction::UserInfo, tokens->accessToken);
        QCOMPARE(cut.error ? cut.error->kind : FlowError::Kind::Cancelled, FlowError::Kind::Protocol);
        QVERIFY2(cut.error->explanation.contains(u"not valid JSON"_s), qPrintable(cut.error->explanation));
        const TokenActionResult huge = tools.run(config(*tokens), TokenAction::Revoke, tokens->accessToken);
        QCOMPARE(huge.error ? huge.error->kind : FlowError::Kind::Cancelled, FlowError::Kind::Protocol);
        QVERIFY(!huge.status); // nothing is known about the token from a broken answer
    }

private:
    QString clientId() const { return m_emulator->demoProfile().clientId; }
    QString username() { return m_emulator->emulator().users().first().toObject()[u"username"].toString(); }
    Profile profile() const
    {
        Profile p = m_emulator->demoProfile();
        p.callbackUrl = m_callback;
        p.scopes = {u"api"_s, u"refresh_token"_s, u"openid"_s};
        return p;
    }
    TokenToolsConfig config(const TokenSet &tokens) const { return TokenToolsConfig::from(profile(), tokens); }
    void setRotation(bool on)
    {
        QCOMPARE(m_emulator->admin().changeApp(clientId(), {{u"isRefreshTokenRotationEnabled"_s, on}}).status, 200);
    }

    // One web server run to its tokens: a new approval, with a refresh token (§7.1).
    std::optional<TokenSet> authorize(const QStringList &scopes = {})
    {
        QNetworkAccessManager network;
        SystemClock clock;
        SystemRandomSource random;
        ScriptedBrowser browser;
        const QJsonObject user = m_emulator->emulator().users().first().toObject();
        browser.setCredentials(user[u"username"].toString(), user[u"password"].toString());
        FlowSession session(FlowServices{&network, &clock, &random, &browser});
        session.setRunOptions(RunOptions{60});
        Profile p = profile();
        if (!scopes.isEmpty())
            p.scopes = scopes;
        Flow *flow = session.start(u"web-server"_s, p);
        const bool ended = flow && QTest::qWaitFor([flow] { return flow->isFinished(); }, kWaitMs);
        if (!QTest::qWaitFor([&] { return browser.isDone(); }, kWaitMs))
            qWarning("the scripted browser did not finish its walk");
        if (!ended || flow->status() != Flow::Status::Succeeded) {
            qWarning("web server run: %s", flow && flow->error() ? qPrintable(flow->error()->summary()) : "no end");
            return std::nullopt;
        }
        return flow->result();
    }

    RefreshRun refresh(const Profile &p, const QString &refreshToken)
    {
        QNetworkAccessManager network;
        SystemClock clock;
        SystemRandomSource random;
        FlowSession session(FlowServices{&network, &clock, &random, nullptr});
        RefreshRun run;
        Flow *flow = session.start(u"refresh"_s, p);
        if (!flow)
            return run;
        if (!flow->isFinished() && !flow->answer(u"refreshToken"_s, refreshToken))
            qWarning("the refresh flow did not ask for the refresh token");
        if (!QTest::qWaitFor([flow] { return flow->isFinished(); }, kWaitMs))
            qWarning("the refresh run did not end");
        run.status = flow->status();
        run.tokens = flow->result();
        run.error = flow->error();
        run.checks = flow->checks();
        run.stages = flow->stages();
        run.exchanges = session.log()->toJson();
        return run;
    }

    std::optional<EmulatorFixture> m_emulator;
    QUrl m_callback;
};

QTEST_GUILESS_MAIN(TestTokenLifecycle)
#include "tst_token_lifecycle.moc"
