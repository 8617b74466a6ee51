#include "TokenCommand.h"

#include "Console.h"
#include "HumanReport.h"

#include "oauth/Endpoints.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <cmath>
#include <unistd.h>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kTokenPromptId = u"token"_s;
const StageLabel kVerifyStage{u"verify"_s, u"Verify token"_s};
const StageLabel kDecodeStage{u"decode"_s, u"Decode token"_s};

std::optional<TokenAction> toolAction(const QString &name)
{
    for (TokenAction action : {TokenAction::Introspect, TokenAction::UserInfo, TokenAction::Identity, TokenAction::Revoke}) {
        if (tokenActionName(action) == name)
            return action;
    }
    return std::nullopt;
}

FlowError usage(const QString &explanation, const QString &fix)
{
    return FlowError::configuration(ProfileResolver::setupStage(), explanation, fix);
}

// A failed check on the token itself (exit 1): what was wrong, and where to look.
FlowError checkFailed(const StageLabel &stage, const QString &explanation, const QString &fix)
{
    FlowError error;
    error.kind = FlowError::Kind::Protocol;
    error.stage = stage.title;
    error.stageId = stage.id;
    error.check = u"token"_s;
    error.explanation = explanation;
    error.fix = fix;
    return error;
}

// The verification's request that got no HTTP answer, for the error that names it.
const Exchange *unansweredExchange(const ExchangeLog &log)
{
    for (const Exchange &exchange : log.exchanges()) {
        if (!exchange.transportError.isEmpty())
            return &exchange;
    }
    return nullptr;
}
} // namespace

TokenCommand::TokenCommand(CommandLine commandLine, QObject *parent)
    : QObject(parent), m_cl(std::move(commandLine)), m_http(&m_network, &m_log, m_clock)
{
    connect(&m_signals, &UnixSignals::terminationRequested, this, &TokenCommand::onTerminationRequested);
    connect(&m_stdin, &StdinAnswers::answered, this, [this](const QString &, const QString &value) { onTokenRead(value); });
    connect(&m_stdin, &StdinAnswers::inputEnded, this, [this] { onTokenRead({}); });
    connect(&m_stdin, &StdinAnswers::lineTooLong, this, [this] {
        m_stdin.stop();
        fail(usage(u"The line on stdin is longer than any token (%1 KiB)."_s.arg(kMaxTokenLength / 1024),
                   u"Pass the token alone on one line."_s));
    });
    if (m_cl.timeoutSeconds) {
        HttpClient::Limits limits = m_http.limits();
        limits.timeoutMs = qint64(std::ceil(*m_cl.timeoutSeconds * 1000));
        m_http.setLimits(limits);
    }
}

TokenCommand::~TokenCommand() = default;

void TokenCommand::start()
{
    if (m_cl.tokenArgument != u"-") {
        onTokenRead(m_cl.tokenArgument.trimmed());
        return;
    }
    // One line of stdin, read on the event loop (Ctrl-C still works) and without echo on a terminal.
    if (::isatty(STDIN_FILENO))
        printErr(u"Paste the token and press Enter: "_s);
    m_stdin.setMaxLineBytes(kMaxTokenLength + 2);
    UserPrompt prompt;
    prompt.kind = UserPrompt::Kind::AskSecret;
    prompt.id = kTokenPromptId;
    m_stdin.ask(prompt);
}

void TokenCommand::onTokenRead(const QString &token)
{
    m_stdin.stop();
    if (m_finished)
        return;
    if (token.isEmpty()) {
        fail(usage(m_cl.tokenArgument == u"-" ? u"No token on stdin: the input ended before a line with the token."_s
                                             : u"The token is empty."_s,
                   u"Pass the token as TOKEN, or - and the token on one line of stdin."_s));
        return;
    }
    m_token = token;
    m_http.redactor().addKnownSecret({u"token"_s, token.toUtf8()}); // masked in every recorded exchange
    if (m_cl.tokenAction == u"decode") {
        decode();
        return;
    }
    if (m_cl.tokenAction == u"verify" && refusedUnverifiable())
        return;
    ProfileResolver::Request request{m_cl.profile, m_cl.sets, {},
                                     u"Fix the --set key or value and run again; `ecalab token --help` says which "
                                     "profile fields the token commands use."_s};
    m_resolver.resolve(std::move(request), [this](auto resolved) { onResolved(std::move(resolved)); });
}

void TokenCommand::decode()
{
    const QDateTime now = m_clock.now();
    const DecodedToken decoded = decodeToken(m_token, now);
    TokenOutcome outcome;
    outcome.products.insert(u"decoded"_s, decoded.toJson());
    outcome.status = statusFromExp(decoded, now);
    outcome.report = decodedReport(m_token, decoded);
    if (decoded.format == TokenFormat::Malformed)
        outcome.error = checkFailed(kDecodeStage, u"This is not a token: %1."_s.arg(decoded.problem),
                                    u"Copy the whole token (a JWT has three parts separated by dots; a Salesforce "
                                    "session token starts with the org ID and a !)."_s);
    finish(outcome);
}

void TokenCommand::onResolved(Expected<ProfileResolver::Resolved, FlowError> resolved)
{
    if (m_finished)
        return;
    if (!resolved) {
        fail(resolved.error());
        return;
    }
    m_profile = std::move(resolved->profile);
    if (const QString problem = profileProblem(); !problem.isEmpty()) {
        fail(usage(problem, u"Pass --profile NAME|FILE of the org and app the token belongs to, or --set the field."_s));
        return;
    }
    if (!m_profile.clientSecret.isEmpty())
        m_http.redactor().addKnownSecret({u"client_secret"_s, m_profile.clientSecret.toUtf8()});
    if (m_cl.tokenAction == u"verify")
        verify();
    else
        runTool();
}

// What the action needs from the profile, found before anything is sent (exit 2).
QString TokenCommand::profileProblem() const
{
    const QString &action = m_cl.tokenAction;
    if (action == u"identity")
        return baseUrlProblem(QUrl(m_cl.identityUrl, QUrl::StrictMode), u"--id"_s);
    if (m_profile.loginUrl.isEmpty())
        return u"ecalab token %1 needs the profile's loginUrl: the org's My Domain or login host."_s.arg(action);
    if (const QString problem = baseUrlProblem(m_profile.loginUrl, u"loginUrl"_s); !problem.isEmpty())
        return problem;
    if (m_profile.clientId.isEmpty() && action == u"verify")
        return u"ecalab token verify needs the profile's clientId: a token's aud must be the app's consumer key."_s;
    if (m_profile.clientId.isEmpty() && action == u"introspect")
        return u"ecalab token introspect needs the profile's clientId: introspection authenticates the app."_s;
    return {};
}

// Only a JWT carries a signature: anything else ends here, before a profile is needed.
bool TokenCommand::refusedUnverifiable()
{
    const DecodedToken decoded = decodeToken(m_token, m_clock.now());
    if (decoded.format == TokenFormat::Jwt)
        return false;
    TokenOutcome outcome;
    outcome.products.insert(u"decoded"_s, decoded.toJson());
    outcome.report = decodedReport(m_token, decoded);
    outcome.error = checkFailed(
        kVerifyStage, decoded.format == TokenFormat::Malformed
            ? u"This is not a token: %1."_s.arg(decoded.problem)
            : u"Only a JWT carries a signature to verify; this is an %1, which only the org can judge."_s.arg(
                  maskedToken(m_token, decoded)),
        u"Ask the org with ecalab token introspect (or userinfo) instead."_s);
    finish(outcome);
    return true;
}

void TokenCommand::verify()
{
    const QDateTime now = m_clock.now();
    TokenExpectations expected;
    expected.audience = m_profile.clientId;
    expected.now = now;
    // The issuer is the discovery document's: TokenVerification reads it on the Login URL.
    m_verification = std::make_unique<TokenVerification>(m_http, kVerifyStage);
    connect(m_verification.get(), &TokenVerification::finished, this, &TokenCommand::onVerdict);
    m_verification->start(m_profile.loginUrl, m_token, expected);
}

void TokenCommand::onVerdict(const TokenVerdict &verdict)
{
    const QDateTime now = m_clock.now();
    const DecodedToken decoded = decodeToken(m_token, now);
    TokenOutcome outcome;
    outcome.products.insert(u"decoded"_s, decoded.toJson());
    outcome.products.insert(u"verdict"_s, verdictJson(verdict));
    outcome.status = statusFromExp(decoded, now);
    outcome.report = decodedReport(m_token, decoded) + verdictReport(verdict);
    if (const Exchange *unanswered = unansweredExchange(m_log); verdict.keysUnreachable && unanswered) {
        FlowError error;
        error.kind = FlowError::Kind::Transport;
        error.stage = kVerifyStage.title;
        error.stageId = kVerifyStage.id;
        error.explanation = u"%1 (%2)"_s.arg(unanswered->transportError, unanswered->request.url.toString(QUrl::RemoveQuery));
        error.fix = u"Check the profile's loginUrl and the network, then try again."_s;
        outcome.error = error;
    } else if (!verdict.valid()) {
        outcome.error = checkFailed(kVerifyStage, u"The token failed verification: %1."_s.arg(verdict.problem),
                                    u"A token of another org or app, a tampered or expired one fails; check that "
                                    "the profile's loginUrl and clientId are the ones the token was issued for."_s);
    }
    finish(outcome);
}

void TokenCommand::runTool()
{
    TokenSet tokens;
    tokens.id = m_cl.identityUrl; // the identity URL comes only from --id
    TokenToolsConfig config = TokenToolsConfig::from(m_profile, tokens);
    if (!m_cl.identityUrl.isEmpty())
        config.identityUrl = QUrl(m_cl.identityUrl);
    m_tools = std::make_unique<TokenTools>(m_http, m_clock, config);
    connect(m_tools.get(), &TokenTools::finished, this, &TokenCommand::onToolFinished);
    const TokenKind kind = m_cl.refreshToken ? TokenKind::RefreshToken : TokenKind::AccessToken;
    m_tools->run(*toolAction(m_cl.tokenAction), m_token, kind);
}

void TokenCommand::onToolFinished(const TokenActionResult &result)
{
    const QDateTime now = m_clock.now();
    TokenOutcome outcome;
    outcome.products.insert(u"result"_s, resultJson(result));
    outcome.status = result.status;
    outcome.error = result.error;
    // A refresh token is opaque to everyone but the org: its name says more than its format.
    const QString token = m_cl.refreshToken ? u"refresh token (%1 characters)"_s.arg(m_token.size())
                                            : maskedToken(m_token, decodeToken(m_token, now));
    outcome.report = u"Token: %1, not shown\n"_s.arg(token) +
                     (result.ok() ? toolReport(result, now) : QString());
    finish(outcome);
}

// Ctrl-C / SIGTERM: the contract's exit 4 with its JSON object; a second one ends at once.
void TokenCommand::onTerminationRequested()
{
    if (m_finished) {
        QCoreApplication::exit(130);
        return;
    }
    if (m_verification)
        m_verification->abort();
    if (m_tools)
        m_tools->abort(); // may report Cancelled itself, through finished()
    fail(FlowError::cancelled(m_cl.tokenAction == u"verify" ? kVerifyStage.title : ProfileResolver::setupStage()));
}

void TokenCommand::fail(const FlowError &error)
{
    TokenOutcome outcome;
    outcome.error = error;
    finish(outcome);
}

void TokenCommand::finish(const TokenOutcome &outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_stdin.stop(); // the terminal's echo comes back
    if (m_cl.json) {
        QJsonObject result{{u"command"_s, u"token "_s + m_cl.tokenAction},
                           {u"ok"_s, !outcome.error},
                           {u"status"_s, statusJson(outcome.status)},
                           {u"error"_s, outcome.error ? QJsonValue(outcome.error->toJson()) : QJsonValue(QJsonValue::Null)},
                           {u"exchanges"_s, m_log.toJson()}};
        const QString product = m_cl.tokenAction == u"decode"   ? u"decoded"_s
                                : m_cl.tokenAction == u"verify" ? u"verdict"_s
                                                                : u"result"_s;
        result.insert(product, QJsonValue::Null); // present, null when the command ended before it
        for (auto it = outcome.products.begin(); it != outcome.products.end(); ++it)
            result.insert(it.key(), it.value());
        printJson(result);
    } else {
        printOut(outcome.report);
        if (outcome.error)
            printErr(failureReport(*outcome.error));
    }
    exitAfterResult(outcome.error ? outcome.error->exitCode() : 0);
}

} // namespace ecalab::app
