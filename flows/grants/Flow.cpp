#include "Flow.h"

#include "http/Redactor.h"
#include "oauth/ErrorCatalog.h"
#include "oauth/ResponseBody.h"

#include <utility>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

Flow::Flow(HttpClient &http, QObject *parent) : QObject(parent), m_http(http) {}

Flow::~Flow() = default;

bool Flow::isFinished() const
{
    return m_status == Status::Succeeded || m_status == Status::Failed || m_status == Status::Cancelled;
}

void Flow::resetRun(const QStringList &stageTitles)
{
    m_stages.clear();
    for (const QString &title : stageTitles)
        m_stages.append(Stage{title, StageState::Pending, {}, -1});
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

QString Flow::currentStageTitle() const
{
    return m_currentStage >= 0 ? m_stages.at(m_currentStage).title : QString();
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

void Flow::verifySignatureStage(int stage, const TokenSet &tokens, const QString &clientSecret)
{
    enterStage(stage);
    const SignatureCheck check = tokens.verifySignature(clientSecret);
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

void Flow::verifyIdTokenStage(int stage, const TokenSet &tokens, const QUrl &discoveryUrl, IdTokenExpectations expected,
                              std::function<void()> then, const std::optional<QJsonObject> &knownDiscovery)
{
    if (tokens.idToken.isEmpty()) {
        finishStage(stage, StageState::Skipped, u"No id_token (the openid scope was not granted)"_s);
        then();
        return;
    }
    enterStage(stage, StageState::Running, discoveryUrl.toString());
    expected.accessToken = tokens.accessToken;
    m_idTokenCheck = std::make_unique<IdTokenVerification>(m_http, m_stages.at(stage).title);
    connect(m_idTokenCheck.get(), &IdTokenVerification::finished, this,
            [this, stage, then = std::move(then)](const IdTokenVerdict &verdict) {
                setCheck(u"id_token"_s, verdict.checkValue());
                if (verdict.valid())
                    finishStage(stage, StageState::Done, u"Checked: "_s + verdict.passed.join(u", "_s));
                else
                    failCheck(stage, u"id_token"_s, u"The ID token does not verify: "_s + verdict.problem);
                then();
            });
    if (knownDiscovery)
        m_idTokenCheck->start(*knownDiscovery, tokens.idToken, expected);
    else
        m_idTokenCheck->start(discoveryUrl, tokens.idToken, expected);
}

void Flow::abortIdTokenStage()
{
    if (!m_idTokenCheck)
        return;
    m_idTokenCheck->disconnect(this);
    m_idTokenCheck->abort();
}

void Flow::failCheck(int stage, const QString &check, const QString &problem)
{
    finishStage(stage, StageState::Failed, problem);
    if (!m_failedCheck) // the first failed check is the one the run reports
        m_failedCheck = ErrorCatalog::failedCheck(check, m_stages.at(stage).title, problem);
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

FlowError Flow::errorFromFailedOutcome(const HttpOutcome &outcome, const QString &stage) const
{
    FlowError e;
    e.stage = stage;
    switch (outcome.failure) {
    case HttpOutcome::Failure::Tls: e.kind = FlowError::Kind::Tls; break;
    case HttpOutcome::Failure::Timeout: e.kind = FlowError::Kind::Timeout; break;
    case HttpOutcome::Failure::TooLarge: e.kind = FlowError::Kind::Protocol; break;
    case HttpOutcome::Failure::Aborted: return FlowError::cancelled(stage);
    default: e.kind = FlowError::Kind::Transport; break;
    }
    const Exchange *exchange = m_http.log() ? m_http.log()->find(outcome.exchangeId) : nullptr;
    e.explanation = exchange ? u"%1 (%2)"_s.arg(outcome.errorString, exchange->request.url.toString(QUrl::RemoveQuery))
                             : outcome.errorString;
    return e;
}

Expected<QJsonObject, FlowError> Flow::interpretOAuthAnswer(const HttpOutcome &outcome, const QString &stage,
                                                            const QString &endpoint) const
{
    if (!outcome.ok())
        return unexpected(errorFromFailedOutcome(outcome, stage));
    const HttpResponse &response = outcome.response;
    FlowError e;
    e.stage = stage;
    e.httpStatus = response.status;
    e.rawBody = m_http.redactedText(response.body);
    e.kind = FlowError::Kind::Protocol;
    if (response.status == 200) {
        auto fields = parseResponseFields(response);
        if (fields)
            return std::move(fields.value());
        e.explanation = u"HTTP 200 from %1, but %2."_s.arg(endpoint, fields.error());
        return unexpected(e);
    }
    const OAuthErrorBody oauth = parseOAuthError(response);
    if (!oauth.isEmpty() && response.status >= 400) {
        e.kind = FlowError::Kind::ServerRejected;
        e.error = oauth.error;
        e.errorDescription = oauth.errorDescription;
        return unexpected(e);
    }
    if (response.status >= 300 && response.status < 400)
        e.explanation = u"%1 redirected (HTTP %2) to %3 instead of answering; Salesforce does this when the URL uses "
                        "http:// or the wrong host."_s.arg(endpoint.left(1).toUpper() + endpoint.mid(1))
                            .arg(response.status)
                            .arg(QString::fromUtf8(response.header("Location")));
    else
        e.explanation = u"HTTP %1 from %2 without an OAuth error in the body."_s.arg(response.status).arg(endpoint);
    return unexpected(e);
}

Expected<TokenSet, FlowError> Flow::interpretTokenResponse(const HttpOutcome &outcome, const QString &stage) const
{
    const QString endpoint = u"the token endpoint"_s;
    auto fields = interpretOAuthAnswer(outcome, stage, endpoint);
    if (!fields)
        return unexpected(fields.error());
    auto tokens = TokenSet::fromFields(*fields);
    if (tokens)
        return std::move(tokens.value());
    FlowError e;
    e.kind = FlowError::Kind::Protocol;
    e.stage = stage;
    e.httpStatus = outcome.response.status;
    e.rawBody = m_http.redactedText(outcome.response.body);
    e.explanation = u"HTTP 200 from %1, but %2."_s.arg(endpoint, tokens.error());
    return unexpected(e);
}

} // namespace ecalab
