#include "Flow.h"

#include "core/Clock.h"
#include "http/Redactor.h"
#include "oauth/ErrorCatalog.h"
#include "oauth/OAuthResponse.h"

#include <utility>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

Flow::Flow(HttpClient &http, QObject *parent) : QObject(parent), m_http(http) {}

Flow::~Flow() = default;

bool Flow::isFinished() const
{
    return m_status == Status::Succeeded || m_status == Status::Failed || m_status == Status::Cancelled;
}

void Flow::resetRun(std::span<const StageSpec> table)
{
    Q_ASSERT(isStageTable(table));
    QList<Stage> stages;
    for (const StageSpec &spec : table)
        stages.append(Stage{spec.id.toString(), spec.title.toString(), StageState::Pending, {}, -1});
    beginRun(std::move(stages));
}

void Flow::beginRun(QList<Stage> stages)
{
    m_stages = std::move(stages);
    QList<StageLabel> labels;
    for (int i = 0; i < m_stages.size(); ++i)
        labels.append(stageLabel(i));
    m_http.declareStages(labels);
    m_currentStage = -1;
    m_result.reset();
    m_error.reset();
    m_failedCheck.reset();
    m_checks = {};
    m_prompt = {};
    setStatus(Status::Running);
    Q_EMIT stagesChanged();
}

void Flow::enterStage(int index, StageState state, const QString &detail)
{
    if (index < 0 || index >= m_stages.size())
        return;
    m_currentStage = index;
    m_stages[index].state = state;
    m_stages[index].detail = redacted(detail);
    m_stageTimer.start();
    setStatus(state == StageState::WaitingForUser ? Status::WaitingForUser : Status::Running);
    Q_EMIT stagesChanged();
}

void Flow::finishStage(int index, StageState state, const QString &detail)
{
    if (index < 0 || index >= m_stages.size())
        return;
    m_stages[index].state = state;
    if (!detail.isEmpty())
        m_stages[index].detail = redacted(detail);
    if (index == m_currentStage && m_stageTimer.isValid())
        m_stages[index].elapsedMs = m_stageTimer.elapsed();
    Q_EMIT stagesChanged();
}

void Flow::setPrompt(const UserPrompt &prompt)
{
    m_prompt = redacted(prompt);
    Q_EMIT promptChanged(m_prompt);
}

bool Flow::answer(const QString &promptId, const QString &value)
{
    if (isFinished() || !m_prompt.asks() || m_prompt.id != promptId)
        return false;
    setPrompt({});
    handleAnswer(promptId, value);
    return true;
}

void Flow::handleAnswer(const QString &, const QString &) {}

void Flow::askWithDeadline(const Clock &clock, int stage, const QString &detail, UserPrompt prompt, int waitSeconds,
                           std::function<void()> expired)
{
    enterStage(stage, StageState::WaitingForUser, detail);
    const qint64 waitMs = qint64(waitSeconds) * 1000;
    m_askDeadline = clock.createTimer();
    connect(m_askDeadline.get(), &ClockTimer::timeout, this, [this, expired = std::move(expired)] {
        setPrompt({});
        expired();
    });
    m_askDeadline->start(waitMs);
    prompt.deadlineMs = clock.msecsSinceEpoch() + waitMs;
    setPrompt(prompt); // last: --set or the environment may answer it at once
}

// Stopped, not deleted: it may be the timer whose timeout is being handled; the next ask or the
// flow's destruction replaces it.
void Flow::stopAskDeadline()
{
    if (m_askDeadline)
        m_askDeadline->stop();
}

QString Flow::currentStageTitle() const
{
    return m_currentStage >= 0 ? m_stages.at(m_currentStage).title : QString();
}

StageLabel Flow::stageLabel(int index) const
{
    if (index < 0 || index >= m_stages.size())
        return {};
    return {m_stages.at(index).id, m_stages.at(index).title};
}

void Flow::succeed(const TokenSet &tokens)
{
    m_result = redacted(tokens);
    if (m_failedCheck) {
        fail(*std::exchange(m_failedCheck, std::nullopt));
        return;
    }
    setStatus(Status::Succeeded);
    Q_EMIT succeeded(*m_result);
}

void Flow::fail(FlowError error)
{
    ErrorCatalog::annotate(error, name());
    error = redacted(std::move(error));
    if (error.stage.isEmpty())
        error.stage = currentStageTitle();
    fillStageId(error);
    const StageState current = m_currentStage >= 0 ? m_stages.at(m_currentStage).state : StageState::Done;
    if (current != StageState::Done && current != StageState::Failed) {
        // A cancel by this side skips the stage; a refusal the server reports as Cancelled kind
        // (the person clicked Deny: access_denied, exit 4) failed it.
        const bool stoppedHere = error.kind == FlowError::Kind::Cancelled && error.error.isEmpty();
        const auto state = stoppedHere ? StageState::Skipped : StageState::Failed;
        finishStage(m_currentStage, state, error.summary());
    }
    m_error = error;
    setStatus(error.kind == FlowError::Kind::Cancelled ? Status::Cancelled : Status::Failed);
    Q_EMIT failed(error);
}

void Flow::checkTokens(TokenCheckStages stages, const TokenSet &tokens, const TokenCheckInputs &inputs,
                       std::function<void(const TokenCheckResults &)> then)
{
    TokenCheckInputs used = inputs;
    if (stages.idToken < 0) { // nowhere to show the check: it is not made
        used.discovery.reset();
        used.discoveryUrl.clear();
    }
    if (TokenChecks::checksIdToken(tokens, used))
        enterStage(stages.idToken, StageState::Running, used.discoveryUrl.toString());
    m_tokenChecks = std::make_unique<TokenChecks>(m_http, stageLabel(stages.idToken));
    connect(m_tokenChecks.get(), &TokenChecks::finished, this,
            [this, stages, then = std::move(then)](const TokenCheckResults &results) {
                showIdTokenResult(stages.idToken, results.idToken);
                if (isFinished())
                    return; // cancelled from a stagesChanged slot: no more stages, no success
                showSignatureResult(stages.signature, results.signature);
                if (!isFinished())
                    then(results);
            });
    m_tokenChecks->start(tokens, used);
}

void Flow::finishTokenRequest(int stage, const HttpOutcome &outcome, TokenCheckStages checkStages,
                              const TokenCheckInputs &inputs)
{
    auto tokens = interpretTokenResponse(outcome, {m_http, stageLabel(stage)});
    if (!tokens) {
        fail(tokens.error());
        return;
    }
    finishStage(stage, StageState::Done, QStringLiteral("HTTP %1").arg(outcome.response.status));
    checkTokens(checkStages, *tokens, inputs, [this, tokens = *tokens](const TokenCheckResults &) { succeed(tokens); });
}

void Flow::abortTokenChecks()
{
    if (!m_tokenChecks)
        return;
    m_tokenChecks->disconnect(this);
    m_tokenChecks->abort();
}

void Flow::showIdTokenResult(int stage, const std::optional<IdTokenVerdict> &verdict)
{
    if (stage < 0)
        return;
    if (!verdict) {
        finishStage(stage, StageState::Skipped, u"No id_token (the openid scope was not granted)"_s);
        return;
    }
    setCheck(u"id_token"_s, verdict->checkValue());
    if (verdict->valid())
        finishStage(stage, StageState::Done, u"Checked: "_s + verdict->passed.join(u", "_s));
    else
        failCheck(stage, u"id_token"_s, u"The ID token does not verify: "_s + verdict->problem);
}

void Flow::showSignatureResult(int stage, SignatureCheck check)
{
    if (stage < 0)
        return;
    enterStage(stage);
    setCheck(u"signature"_s, signatureCheckName(check));
    switch (check) {
    case SignatureCheck::Valid:
        finishStage(stage, StageState::Done, u"HMAC-SHA256 of id + issued_at matches the consumer secret"_s);
        break;
    case SignatureCheck::Invalid:
        failCheck(stage, u"signature"_s,
                  u"The signature does not match this consumer secret: the response may not come from this app's org."_s);
        break;
    case SignatureCheck::NoSecret:
        finishStage(stage, StageState::Skipped, u"No consumer secret in the profile; the signature cannot be checked (§1.5)"_s);
        break;
    case SignatureCheck::Missing: finishStage(stage, StageState::Skipped, u"No signature in the response"_s); break;
    }
}

void Flow::failCheck(int stage, const QString &check, const QString &problem)
{
    finishStage(stage, StageState::Failed, problem);
    if (!m_failedCheck) // the first failed check is the one the run reports
        m_failedCheck = ErrorCatalog::failedCheck(check, m_stages.at(stage).title, problem);
}

// Errors are made with the stage's title (profile checks, the receiver, FlowError::cancelled);
// the id comes from this run's table so scripts can key on `error.stageId`.
void Flow::fillStageId(FlowError &error) const
{
    if (!error.stageId.isEmpty())
        return;
    for (const Stage &stage : m_stages) {
        if (stage.title == error.stage) {
            error.stageId = stage.id;
            return;
        }
    }
}

QString Flow::redacted(const QString &text) const
{
    return text.isEmpty() ? text : QString::fromUtf8(m_http.redactedText(text.toUtf8()));
}

FlowError Flow::redacted(FlowError error) const
{
    for (QString *text : {&error.stage, &error.error, &error.errorDescription, &error.explanation, &error.fix})
        *text = redacted(*text);
    return error;
}

TokenSet Flow::redacted(TokenSet tokens) const
{
    // The credentials themselves are the product the person asked for; everything else is server text.
    for (QString *text : {&tokens.instanceUrl, &tokens.id, &tokens.tokenType, &tokens.issuedAt, &tokens.signature,
                          &tokens.scope, &tokens.sfdcCommunityUrl, &tokens.sfdcCommunityId, &tokens.apiInstanceUrl})
        *text = redacted(*text);
    for (auto it = tokens.extra.begin(); it != tokens.extra.end(); ++it) {
        if (it.value().isString() && !Redactor::isSecretField(it.key()))
            it.value() = redacted(it.value().toString());
    }
    for (QString &warning : tokens.warnings)
        warning = redacted(warning);
    return tokens;
}

UserPrompt Flow::redacted(UserPrompt prompt) const
{
    const auto redactUrl = [this](const QUrl &url) {
        return url.isEmpty() ? url : QUrl::fromEncoded(m_http.redactedText(url.toEncoded()));
    };
    prompt.url = redactUrl(prompt.url);
    prompt.completeUrl = redactUrl(prompt.completeUrl);
    for (QString *text : {&prompt.userCode, &prompt.browserNote, &prompt.lastAnswer})
        *text = redacted(*text);
    return prompt;
}

void Flow::setStatus(Status status)
{
    if (m_status == status)
        return;
    m_status = status;
    Q_EMIT statusChanged(status);
}

} // namespace ecalab
