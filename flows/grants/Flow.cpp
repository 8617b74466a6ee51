#include "Flow.h"

#include "oauth/ErrorCatalog.h"
#include "oauth/ResponseBody.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

Flow::Flow(HttpClient &http, QObject *parent) : QObject(parent), m_http(http) {}

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
    m_stages[index].detail = detail;
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
        m_stages[index].detail = detail;
    if (index == m_currentStage && m_stageTimer.isValid())
        m_stages[index].elapsedMs = m_stageTimer.elapsed();
    Q_EMIT stagesChanged();
}

void Flow::setPrompt(const UserPrompt &prompt)
{
    m_prompt = prompt;
    Q_EMIT promptChanged(m_prompt);
}

QString Flow::currentStageTitle() const
{
    return m_currentStage >= 0 ? m_stages.at(m_currentStage).title : QString();
}

void Flow::succeed(const TokenSet &tokens)
{
    m_result = tokens;
    setStatus(Status::Succeeded);
    Q_EMIT succeeded(tokens);
}

void Flow::fail(FlowError error)
{
    ErrorCatalog::annotate(error, name());
    if (error.stage.isEmpty())
        error.stage = currentStageTitle();
    if (m_currentStage >= 0 && m_stages.at(m_currentStage).state != StageState::Done) {
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

Expected<TokenSet, FlowError> Flow::interpretTokenResponse(const HttpOutcome &outcome, const QString &stage) const
{
    if (!outcome.ok())
        return unexpected(errorFromFailedOutcome(outcome, stage));
    const HttpResponse &response = outcome.response;
    FlowError e;
    e.stage = stage;
    e.httpStatus = response.status;
    e.rawBody = m_http.redactedText(response.body);
    if (response.status == 200) {
        const auto fields = parseResponseFields(response);
        auto tokens = fields ? TokenSet::fromFields(*fields) : Expected<TokenSet, QString>(unexpected(fields.error()));
        if (tokens)
            return std::move(tokens.value());
        e.kind = FlowError::Kind::Protocol;
        e.explanation = u"HTTP 200 from the token endpoint, but %1"_s.arg(tokens.error());
        return unexpected(e);
    }
    const OAuthErrorBody oauth = parseOAuthError(response);
    if (!oauth.isEmpty() && response.status >= 400) {
        e.kind = FlowError::Kind::ServerRejected;
        e.error = oauth.error;
        e.errorDescription = oauth.errorDescription;
        return unexpected(e);
    }
    e.kind = FlowError::Kind::Protocol;
    if (response.status >= 300 && response.status < 400)
        e.explanation = u"The token endpoint redirected (HTTP %1) to %2 instead of answering; Salesforce does this "
                        "when the URL uses http:// or the wrong host."_s.arg(response.status)
                            .arg(QString::fromUtf8(response.header("Location")));
    else
        e.explanation = u"HTTP %1 from the token endpoint without an OAuth error in the body."_s.arg(response.status);
    return unexpected(e);
}

} // namespace ecalab
