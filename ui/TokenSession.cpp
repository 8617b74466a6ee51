#include "TokenSession.h"

#include "http/Redactor.h"
#include "profile/SecretStore.h"
#include "tokens/TokenDecoding.h"

#include <QTimer>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kRefreshPrompt = u"refreshToken"_s; // the "refresh" flow's AskSecret id
const QString kRefreshFlow = u"refresh"_s;

QString actionTitle(TokenAction action)
{
    switch (action) {
    case TokenAction::Introspect:
        return QObject::tr("Introspect");
    case TokenAction::UserInfo:
        return QObject::tr("UserInfo");
    case TokenAction::Identity:
        return QObject::tr("Identity");
    case TokenAction::Revoke:
        return QObject::tr("Revoke");
    case TokenAction::RestProbe:
        return QObject::tr("Try it");
    }
    return {};
}

TokenSession::Operation operationOf(TokenAction action)
{
    switch (action) {
    case TokenAction::Introspect:
        return TokenSession::Operation::Introspect;
    case TokenAction::UserInfo:
        return TokenSession::Operation::UserInfo;
    case TokenAction::Identity:
        return TokenSession::Operation::Identity;
    case TokenAction::Revoke:
        return TokenSession::Operation::Revoke;
    case TokenAction::RestProbe:
        return TokenSession::Operation::RestProbe;
    }
    return TokenSession::Operation::None;
}

// A response's fields as the result view lists them: secrets masked by name, the rest as received
// (the engine's copy, already redacted by value).
QJsonObject visibleFields(const TokenSet &tokens)
{
    QJsonObject fields = tokens.toJson();
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (Redactor::isSecretField(it.key()))
            it.value() = QObject::tr("[redacted]");
    }
    return fields;
}
} // namespace

TokenSession::TokenSession(FlowServices services, ExchangeLog *log, SecretStore *secrets, ProfileSource profile,
                           QObject *parent)
    : QObject(parent), m_services(services), m_secrets(secrets), m_profile(std::move(profile)),
      m_http(std::make_unique<HttpClient>(services.network, log, *services.clock))
{
    qRegisterMetaType<TokenOutcome>();
}

TokenSession::~TokenSession()
{
    cancel();
}

TokenStatus TokenSession::statusNow(TokenStatus::State state, const QString &source) const
{
    TokenStatus status;
    status.state = state;
    status.checkedAt = m_services.clock->now();
    status.source = source;
    return status;
}

void TokenSession::profileChanged()
{
    delete m_readContext; // an answer for the profile before is not wanted any more
    m_readContext = nullptr;
    m_kept.clear();
    const QString name = m_profile().name;
    if (!m_secrets || name.isEmpty()) {
        Q_EMIT changed();
        return;
    }
    m_readContext = new QObject(this);
    m_secrets->read(SecretStore::refreshTokenKey(name), m_readContext, [this](const SecretStore::Result &result) {
        m_kept = result.ok ? result.value : QString();
        Q_EMIT changed();
    });
    Q_EMIT changed();
}

void TokenSession::adopt(const TokenSet &tokens, bool mergeRefresh)
{
    const TokenSet before = m_tokens;
    const QString used = refreshToken();
    const bool usedWasKept = !m_kept.isEmpty() && m_kept == used;
    m_tokens = tokens;
    bool rotated = false;
    if (mergeRefresh) {
        rotated = !m_tokens.refreshToken.isEmpty() && m_tokens.refreshToken != used;
        if (m_tokens.refreshToken.isEmpty())
            m_tokens.refreshToken = used;
        if (m_tokens.id.isEmpty())
            m_tokens.id = before.id;
        if (m_tokens.instanceUrl.isEmpty())
            m_tokens.instanceUrl = before.instanceUrl;
    }
    m_status = initialStatus(m_tokens.accessToken);
    m_refreshStatus = TokenStatus();
    if (!m_tokens.refreshToken.isEmpty())
        m_remembered.insert(m_profile().name, m_tokens.refreshToken);
    if (rotated && usedWasKept) // the kept one no longer works (§7.1): the new one takes its place
        writeKept(m_tokens.refreshToken);
    Q_EMIT changed();
}

// A JWT whose exp has passed is known expired without asking anyone; else nothing is known yet.
TokenStatus TokenSession::initialStatus(const QString &accessToken) const
{
    TokenStatus status;
    const DecodedToken decoded = decodeToken(accessToken, m_services.clock->now());
    const auto exp = decoded.expiresAt();
    if (!exp)
        return status;
    if (*exp <= m_services.clock->now())
        status = statusNow(TokenStatus::State::Expired, tr("exp claim"));
    status.expiresAt = exp;
    return status;
}

void TokenSession::clear()
{
    cancel();
    m_tokens = TokenSet();
    m_status = TokenStatus();
    m_refreshStatus = TokenStatus();
    Q_EMIT changed();
}

void TokenSession::cancel()
{
    if (m_tools)
        m_tools->abort();
    if (m_verification)
        m_verification->abort();
    if (m_refreshFlow && !m_refreshFlow->isFinished()) {
        disconnect(m_refreshFlow.get(), nullptr, this, nullptr);
        m_refreshFlow->cancel();
    }
    setBusy(Operation::None);
}

QString TokenSession::refreshToken() const
{
    if (!m_tokens.refreshToken.isEmpty())
        return m_tokens.refreshToken;
    const QString remembered = m_remembered.value(m_profile().name);
    return remembered.isEmpty() ? m_kept : remembered;
}

bool TokenSession::canKeep() const
{
    return m_secrets && !m_profile().name.isEmpty() && !refreshToken().isEmpty();
}

QString TokenSession::keepNote() const
{
    if (!m_secrets)
        return {};
    const QString note = m_secrets->availabilityNote();
    return note.isEmpty() ? m_secrets->description() : note;
}

QString TokenSession::answerFor(const UserPrompt &prompt) const
{
    return prompt.kind == UserPrompt::Kind::AskSecret && prompt.id == kRefreshPrompt ? refreshToken() : QString();
}

void TokenSession::setBusy(Operation operation)
{
    if (m_busy == operation)
        return;
    m_busy = operation;
    Q_EMIT changed();
}

bool TokenSession::run(TokenAction action)
{
    if (m_busy != Operation::None || !hasTokens())
        return false;
    return startTool(action, m_tokens.accessToken, TokenKind::AccessToken, operationOf(action));
}

bool TokenSession::revokeRefreshToken()
{
    if (m_busy != Operation::None || refreshToken().isEmpty())
        return false;
    return startTool(TokenAction::Revoke, refreshToken(), TokenKind::RefreshToken, Operation::RevokeRefresh);
}

// One TokenTools per action: its settings follow the profile and the tokens as they are now.
bool TokenSession::startTool(TokenAction action, const QString &token, TokenKind kind, Operation operation)
{
    auto *tools = new TokenTools(*m_http, *m_services.clock, TokenToolsConfig::from(m_profile(), m_tokens), this);
    connect(tools, &TokenTools::finished, this, [this, tools, kind](const TokenActionResult &result) {
        tools->deleteLater();
        onToolFinished(result, kind);
    });
    m_tools = tools;
    setBusy(operation);
    if (!tools->run(action, token, kind)) {
        tools->deleteLater();
        setBusy(Operation::None);
        return false;
    }
    return true;
}

void TokenSession::onToolFinished(const TokenActionResult &result, TokenKind kind)
{
    const Operation operation = m_busy;
    setBusy(Operation::None);
    if (kind == TokenKind::RefreshToken) {
        if (result.ok()) {
            // §7.3: a refresh token's revocation ends its whole approval, access tokens included.
            m_refreshStatus = result.status.value_or(statusNow(TokenStatus::State::Revoked, tr("revocation")));
            if (hasTokens())
                m_status = statusNow(TokenStatus::State::Revoked, tr("revocation of its refresh token"));
            const QString revoked = refreshToken();
            m_remembered.remove(m_profile().name);
            if (!m_kept.isEmpty() && m_kept == revoked)
                forgetKept();
        }
    } else if (result.status) {
        m_status = *result.status;
    } else if (result.ok() && result.action == TokenAction::Revoke) {
        m_status = statusNow(TokenStatus::State::Revoked, tr("revocation"));
    }
    Q_EMIT changed();
    QString title = actionTitle(result.action);
    if (operation == Operation::RevokeRefresh)
        title = tr("Revoke refresh token");
    QString summary = result.summary;
    if (result.error)
        summary = summary.isEmpty() ? result.error->summary() : summary + u" — "_s + result.error->summary();
    QJsonObject fields = result.fields;
    if (result.error && !result.error->explanation.isEmpty())
        fields.insert(tr("explanation"), result.error->explanation);
    if (result.error && !result.error->fix.isEmpty())
        fields.insert(tr("fix"), result.error->fix);
    Q_EMIT finished(TokenOutcome{.title = title, .ok = result.ok(), .summary = summary, .fields = fields});
}

// The "refresh" flow on this session's client, so its exchange joins the traffic of the run; its
// prompt for the refresh token is answered here, from the token held.
bool TokenSession::refresh()
{
    const FlowDescriptor *descriptor = FlowRegistry::instance().find(kRefreshFlow);
    m_refreshUsing = refreshToken();
    if (m_busy != Operation::None || m_refreshUsing.isEmpty())
        return false;
    if (!descriptor || !descriptor->available()) {
        Q_EMIT finished(TokenOutcome{.title = tr("Refresh"),
                                     .ok = false,
                                     .summary = tr("The refresh flow is not available in this version."),
                                     .fields = {}});
        return false;
    }
    m_refreshFlow = descriptor->create(
        m_profile(), FlowContext{*m_http, *m_services.clock, *m_services.random, m_services.browser, RunOptions()});
    Flow *flow = m_refreshFlow.get();
    connect(flow, &Flow::promptChanged, this, [this, flow](const UserPrompt &prompt) {
        if (answerFor(prompt).isEmpty())
            return;
        // Answered on the next turn of the event loop, not from inside the flow's own signal.
        QTimer::singleShot(0, this, [this, flow, id = prompt.id] {
            if (m_refreshFlow.get() == flow && !flow->isFinished())
                flow->answer(id, m_refreshUsing);
        });
    });
    connect(flow, &Flow::succeeded, this,
            [this, flow](const TokenSet &tokens) { onRefreshed(tokens, flow->checks()); });
    connect(flow, &Flow::failed, this, &TokenSession::onRefreshFailed);
    setBusy(Operation::Refresh);
    flow->start();
    return true;
}

void TokenSession::onRefreshed(const TokenSet &tokens, const QJsonObject &checks)
{
    const bool rotated = !tokens.refreshToken.isEmpty() && tokens.refreshToken != m_refreshUsing;
    adopt(tokens, true);
    m_status = statusNow(TokenStatus::State::Active, tr("refresh"));
    setBusy(Operation::None);
    Q_EMIT tokensReplaced(m_tokens, checks);
    QString summary = tr("New access token issued");
    summary += rotated ? tr(" · refresh token rotated: the new one replaces the old")
                       : tr(" · the same refresh token stays (no rotation)");
    Q_EMIT finished(
        TokenOutcome{.title = tr("Refresh"), .ok = true, .summary = summary, .fields = visibleFields(tokens)});
    releaseRefreshFlow();
}

void TokenSession::onRefreshFailed(const FlowError &error)
{
    if (error.error == u"invalid_grant")
        m_refreshStatus = statusNow(TokenStatus::State::Inactive, tr("refresh"));
    setBusy(Operation::None);
    QJsonObject fields;
    if (!error.explanation.isEmpty())
        fields.insert(tr("explanation"), error.explanation);
    if (!error.fix.isEmpty())
        fields.insert(tr("fix"), error.fix);
    Q_EMIT finished(TokenOutcome{.title = tr("Refresh"), .ok = false, .summary = error.summary(), .fields = fields});
    releaseRefreshFlow();
}

// Deleted on the next turn of the event loop, not from inside the flow's own signal.
void TokenSession::releaseRefreshFlow()
{
    QTimer::singleShot(0, this, [this, flow = m_refreshFlow.get()] {
        if (m_refreshFlow.get() == flow)
            m_refreshFlow.reset();
    });
}

bool TokenSession::verify()
{
    if (m_busy != Operation::None || !hasTokens())
        return false;
    const Profile profile = m_profile();
    auto *verification =
        new TokenVerification(*m_http, StageLabel{.id = u"verify-token"_s, .title = tr("Verify token")}, this);
    connect(verification, &TokenVerification::finished, this, [this, verification](const TokenVerdict &verdict) {
        verification->deleteLater();
        setBusy(Operation::None);
        Q_EMIT verified(verdict);
        Q_EMIT finished(TokenOutcome{.title = tr("Verify"),
                                     .ok = verdict.valid(),
                                     .summary = verdict.valid() ? tr("valid: %1").arg(verdict.passed.join(u", "_s))
                                                                : tr("invalid: %1").arg(verdict.problem),
                                     .fields = {}});
    });
    m_verification = verification;
    setBusy(Operation::Verify);
    // The audience is this profile's app; the issuer is the one discovery names (checked by the engine).
    verification->start(profile.loginUrl, m_tokens.accessToken,
                        TokenExpectations{.issuer = {},
                                          .audience = profile.clientId,
                                          .nonce = {},
                                          .accessToken = {},
                                          .now = m_services.clock->now(),
                                          .clockSkewSeconds = 60});
    return true;
}

void TokenSession::setKept(bool keep)
{
    if (!keep) {
        forgetKept();
        return;
    }
    if (canKeep())
        writeKept(refreshToken());
}

void TokenSession::writeKept(const QString &value)
{
    const QString name = m_profile().name;
    m_kept = value;
    m_secrets->write(SecretStore::refreshTokenKey(name), value, this, [this](const SecretStore::Result &result) {
        if (!result.ok) {
            m_kept.clear();
            Q_EMIT finished(TokenOutcome{.title = tr("Keep refresh token"),
                                         .ok = false,
                                         .summary = tr("Not kept: %1").arg(result.error),
                                         .fields = {}});
        }
        Q_EMIT changed();
    });
    Q_EMIT changed();
}

void TokenSession::forgetKept()
{
    if (!m_secrets || m_kept.isEmpty())
        return;
    m_kept.clear();
    m_secrets->remove(SecretStore::refreshTokenKey(m_profile().name), this,
                      [this](const SecretStore::Result &) { Q_EMIT changed(); });
    Q_EMIT changed();
}

} // namespace ecalab::ui
