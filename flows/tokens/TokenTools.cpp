#include "TokenTools.h"

#include "http/HttpClient.h"
#include "oauth/ClientAuth.h"
#include "oauth/Endpoints.h"
#include "oauth/ErrorCatalog.h"
#include "tokens/TokenAnswers.h"

#include <QTimer>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kRestVersions = u"/services/data/"_s;

QString endpointName(TokenAction action)
{
    switch (action) {
    case TokenAction::Introspect: return u"the introspection endpoint"_s;
    case TokenAction::UserInfo: return u"the UserInfo endpoint"_s;
    case TokenAction::Identity: return u"the identity URL"_s;
    case TokenAction::Revoke: return u"the revocation endpoint"_s;
    case TokenAction::RestProbe: return u"the REST API"_s;
    }
    return {};
}

QString kindLabel(TokenKind kind)
{
    return kind == TokenKind::RefreshToken ? u"refresh_token"_s : u"access_token"_s;
}

HttpRequest bearerGet(const QUrl &url, const QString &token)
{
    HttpRequest request = HttpRequest::get(url);
    request.setHeader("Authorization", "Bearer " + token.toUtf8());
    request.setHeader("Accept", "application/json");
    return request;
}

QUrl restBase(const TokenToolsConfig &config)
{
    return config.instanceUrl.isEmpty() ? config.loginUrl : config.instanceUrl;
}

TokenActionResult errorResult(FlowError error)
{
    TokenActionResult result;
    result.error = std::move(error);
    return result;
}

FlowError problem(TokenAction action, const QString &explanation, const QString &fix)
{
    return FlowError::configuration(TokenTools::stageLabel(action).title, explanation, fix);
}
} // namespace

QString tokenActionName(TokenAction action)
{
    switch (action) {
    case TokenAction::Introspect: return u"introspect"_s;
    case TokenAction::UserInfo: return u"userinfo"_s;
    case TokenAction::Identity: return u"identity"_s;
    case TokenAction::Revoke: return u"revoke"_s;
    case TokenAction::RestProbe: return u"rest-probe"_s;
    }
    return {};
}

TokenToolsConfig TokenToolsConfig::from(const Profile &profile, const TokenSet &tokens)
{
    TokenToolsConfig config;
    config.loginUrl = profile.loginUrl;
    config.instanceUrl = QUrl(tokens.instanceUrl);
    config.identityUrl = QUrl(tokens.id);
    config.clientId = profile.clientId;
    config.clientSecret = profile.clientSecret;
    config.clientAuth = profile.clientAuth;
    return config;
}

StageLabel TokenTools::stageLabel(TokenAction action)
{
    switch (action) {
    case TokenAction::Introspect: return {tokenActionName(action), u"Introspect"_s};
    case TokenAction::UserInfo: return {tokenActionName(action), u"UserInfo"_s};
    case TokenAction::Identity: return {tokenActionName(action), u"Identity"_s};
    case TokenAction::Revoke: return {tokenActionName(action), u"Revoke"_s};
    case TokenAction::RestProbe: return {tokenActionName(action), u"REST probe"_s};
    }
    return {};
}

HttpRequest TokenTools::buildRequest(TokenAction action, const TokenToolsConfig &config, const QString &token,
                                     TokenKind kind)
{
    switch (action) {
    case TokenAction::Introspect: { // §7.4: client authentication required, body or Basic
        const ClientAuth client = ClientAuth::fromProfile(config.clientAuth, config.clientId, config.clientSecret);
        HttpRequest request = client.formPost(endpointUrl(config.loginUrl, endpoints::kIntrospect),
                                              {{u"token"_s, token}, {u"token_type_hint"_s, kindLabel(kind)}});
        request.setHeader("Accept", "application/json");
        return request;
    }
    case TokenAction::UserInfo: return bearerGet(endpointUrl(config.loginUrl, endpoints::kUserInfo), token);
    case TokenAction::Identity: return bearerGet(config.identityUrl, token);
    case TokenAction::Revoke: // §7.3: the token is the credential; no client authentication
        return HttpRequest::formPost(endpointUrl(config.loginUrl, endpoints::kRevoke), {{u"token"_s, token}});
    case TokenAction::RestProbe: // the version list is public: the token goes only to …/limits
        return HttpRequest::get(endpointUrl(restBase(config), kRestVersions));
    }
    return {};
}

TokenTools::TokenTools(HttpClient &http, const Clock &clock, TokenToolsConfig config, QObject *parent)
    : QObject(parent), m_http(http), m_clock(clock), m_config(std::move(config))
{
    if (!m_config.clientSecret.isEmpty())
        m_http.redactor().addKnownSecret({u"client_secret"_s, m_config.clientSecret.toUtf8()});
}

TokenTools::~TokenTools()
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->abort();
    }
}

bool TokenTools::isBusy() const
{
    return m_state != State::Idle;
}

bool TokenTools::run(TokenAction action, const QString &token, TokenKind kind)
{
    if (isBusy())
        return false;
    m_action = action;
    m_kind = kind;
    m_token = token.trimmed();
    if (auto configProblem = configurationProblem(action, m_token)) {
        reportSoon(*configProblem);
        return true;
    }
    // Masked by value everywhere from now on, also where a server echoes it (ARCHITECTURE.md).
    m_http.redactor().addKnownSecret({kindLabel(kind), m_token.toUtf8()});
    const HttpRequest request = buildRequest(action, m_config, m_token, kind);
    switch (action) {
    case TokenAction::Introspect:
        send(request, [this](const HttpOutcome &o) { finish(tokenanswers::readIntrospection(o, context())); });
        break;
    case TokenAction::UserInfo:
        send(request, [this](const HttpOutcome &o) { finish(tokenanswers::readUserInfo(o, context())); });
        break;
    case TokenAction::Identity:
        send(request, [this](const HttpOutcome &o) { finish(tokenanswers::readIdentity(o, context())); });
        break;
    case TokenAction::Revoke:
        send(request, [this](const HttpOutcome &o) { finish(tokenanswers::readRevocation(o, context(), m_kind)); });
        break;
    case TokenAction::RestProbe: send(request, [this](const HttpOutcome &o) { onVersions(o); }); break;
    }
    return true;
}

void TokenTools::abort()
{
    if (m_state == State::ReportingProblem) {
        finish(errorResult(FlowError::cancelled(stageLabel(m_action).title)));
        return;
    }
    if (m_call)
        m_call->abort(); // answers through the reader with Failure::Aborted: a Cancelled error
}

// What can be said before anything is sent: no token, no URL to send it to, no client to name.
std::optional<FlowError> TokenTools::configurationProblem(TokenAction action, const QString &token) const
{
    if (token.isEmpty())
        return problem(action, u"No token was given."_s, u"Pass the access or refresh token (or - to read it from stdin)."_s);
    const QUrl url = action == TokenAction::Identity ? m_config.identityUrl
                     : action == TokenAction::RestProbe ? restBase(m_config)
                                                        : m_config.loginUrl;
    if (action == TokenAction::Identity && url.isEmpty())
        return problem(action, u"There is no identity URL: it is the token response's `id`, which a pasted token lacks."_s,
                       u"Use a token obtained by running a flow, or call UserInfo instead."_s);
    const QString label = action == TokenAction::Identity    ? u"The identity URL"_s
                          : action == TokenAction::RestProbe ? u"The instance URL"_s
                                                             : u"Login URL"_s;
    if (const QString urlProblem = baseUrlProblem(url, label); !urlProblem.isEmpty())
        return problem(action, urlProblem, u"Set the profile's Login URL to the org's My Domain URL."_s);
    if (action == TokenAction::Introspect && m_config.clientId.isEmpty())
        return problem(action, u"Introspection needs the app's client authentication, and the profile has no consumer key."_s,
                       u"Set clientId (and clientSecret, or ECALAB_CLIENT_SECRET) in the profile."_s);
    return std::nullopt;
}

void TokenTools::send(const HttpRequest &request, Reader reader)
{
    m_state = State::Sending;
    m_call = m_http.send(request, stageLabel(m_action));
    connect(m_call, &HttpCall::finished, this, [this, reader = std::move(reader)](const HttpOutcome &outcome) {
        if (m_state == State::Sending)
            reader(outcome);
    });
}

void TokenTools::onVersions(const HttpOutcome &outcome)
{
    auto choice = tokenanswers::readVersions(outcome, context(), restBase(m_config));
    if (!choice) {
        finish(choice.error());
        return;
    }
    m_versions = choice->versions;
    m_latestVersion = choice->latest;
    const HttpRequest limits = bearerGet(choice->limitsUrl, m_token);
    send(limits, [this, versions = *choice](const HttpOutcome &o) {
        finish(tokenanswers::readLimits(o, context(), versions));
    });
}

// A problem found before sending is still an answer, on the next turn of the event loop like
// every other, so a caller connects to finished() after run() and never misses it.
void TokenTools::reportSoon(FlowError configProblem)
{
    m_state = State::ReportingProblem;
    m_problem = std::move(configProblem);
    QTimer::singleShot(0, this, [this] {
        if (m_state == State::ReportingProblem && m_problem)
            finish(errorResult(*m_problem));
    });
}

void TokenTools::finish(TokenActionResult result)
{
    m_state = State::Idle;
    m_problem.reset();
    m_call = nullptr;
    result.action = m_action;
    if (result.error) {
        FlowError &e = *result.error;
        if (e.stage.isEmpty())
            e.stage = stageLabel(m_action).title;
        if (e.stageId.isEmpty())
            e.stageId = stageLabel(m_action).id;
        ErrorCatalog::annotate(e, tokenActionName(m_action));
        for (QString *text : {&e.error, &e.errorDescription, &e.explanation, &e.fix})
            *text = QString::fromUtf8(m_http.redactedText(text->toUtf8()));
    }
    Q_EMIT finished(result);
}

tokenanswers::AnswerContext TokenTools::context() const
{
    return {m_http, stageLabel(m_action), endpointName(m_action), m_clock.now()};
}

} // namespace ecalab
