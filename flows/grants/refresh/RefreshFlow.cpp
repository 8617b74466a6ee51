#include "RefreshFlow.h"

#include "core/Clock.h"
#include "oauth/ClientAuth.h"
#include "oauth/Endpoints.h"
#include "oauth/OAuthResponse.h"
#include "profile/ProfileChecks.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kName = u"refresh"_s;
const QString kTitle = u"Refresh token"_s;
const QString kCheckStage = RefreshFlow::kStages[RefreshFlow::CheckSettings].title.toString();
const QString kTokenStage = RefreshFlow::kStages[RefreshFlow::RefreshToken].title.toString();
// How long the prompt waits when no --timeout is given: a person pasting, not a server.
constexpr int kDefaultWaitSeconds = 300;
} // namespace

FieldProblems RefreshConfig::validate(const Profile &profile)
{
    FieldProblems problems;
    checks::loginUrl(profile, checks::LoginHost::Any, problems);
    checks::clientId(profile, problems);
    checks::clientSecret(profile, checks::Secret::RequiredForBasic, kTitle, problems);
    return problems;
}

Expected<RefreshConfig, FlowError> RefreshConfig::fromProfile(const Profile &profile)
{
    if (auto problem = checks::firstBlocking(validate(profile), kCheckStage))
        return unexpected(*problem);
    RefreshConfig config;
    config.tokenEndpoint = endpointUrl(profile.loginUrl, endpoints::kToken);
    config.discoveryUrl = endpointUrl(profile.loginUrl, endpoints::kDiscovery);
    config.clientId = profile.clientId;
    config.clientSecret = profile.clientSecret;
    config.clientAuth = profile.clientAuth;
    return config;
}

FlowDescriptor refreshDescriptor()
{
    FlowDescriptor d;
    d.name = kName;
    d.title = kTitle;
    d.summary = u"A new access token for a refresh token from an earlier run (ECALAB_REFRESH_TOKEN, --set or asked)"_s;
    d.fields = {{ProfileField::LoginUrl, true, u"the host that issued the refresh token: My Domain, login or test, or the site"_s},
                {ProfileField::ClientId, true, u"the consumer key the refresh token was issued to"_s},
                {ProfileField::ClientSecret, false,
                 u"required when the app's 'Require secret for refresh token flow' is on, the default"_s},
                {ProfileField::ClientAuth, false, u"post (in the body, default) or basic (HTTP Basic)"_s}};
    // §7.1: the answer carries the approval's scopes; none can be asked for here.
    d.notes = {{ProfileField::Scopes, u"Not sent: a refreshed token has the scopes of the original approval."_s}};
    d.waitsForPerson = true; // the refresh-token prompt
    d.validate = &RefreshConfig::validate;
    d.create = [](const Profile &profile, const FlowContext &context) -> std::unique_ptr<Flow> {
        return std::make_unique<RefreshFlow>(profile, context.http, context.clock, context.options);
    };
    return d;
}

RefreshFlow::RefreshFlow(const Profile &profile, HttpClient &http, const Clock &clock, const RunOptions &options,
                         QObject *parent)
    : Flow(http, parent), m_profile(profile), m_clock(clock),
      m_waitTimeoutSeconds(options.waitTimeoutSeconds.value_or(kDefaultWaitSeconds)),
      m_waitLimitName(options.waitLimitName)
{
}

RefreshFlow::~RefreshFlow() = default;

QString RefreshFlow::name() const
{
    return kName;
}

QString RefreshFlow::title() const
{
    return kTitle;
}

// §7.1: grant_type, refresh_token, then the client's part (client_id[, client_secret] or Basic).
HttpRequest RefreshFlow::buildTokenRequest(const RefreshConfig &config, const QString &refreshToken)
{
    const ClientAuth client = ClientAuth::fromProfile(config.clientAuth, config.clientId, config.clientSecret);
    return client.formPost(config.tokenEndpoint,
                           {{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, refreshToken}});
}

void RefreshFlow::start()
{
    if (m_state == State::AwaitingRefreshToken || m_state == State::RequestingToken || m_state == State::Checking)
        return;
    resetRun(kStages);
    m_sentRefreshToken.clear();
    enterStage(CheckSettings);
    auto config = RefreshConfig::fromProfile(m_profile);
    if (!config) {
        end(config.error());
        return;
    }
    m_config = std::move(config.value());
    if (!m_config.clientSecret.isEmpty())
        http().redactor().addKnownSecret({u"client_secret"_s, m_config.clientSecret.toUtf8()});
    const ClientAuth client = ClientAuth::fromProfile(m_config.clientAuth, m_config.clientId, m_config.clientSecret);
    finishStage(CheckSettings, StageState::Done, u"client authentication %1"_s.arg(client.methodName()));
    askForRefreshToken();
}

// The token is a credential kept outside the profile, so it is asked for like a passphrase; the
// state is set before the prompt, which may be answered at once (--set, env).
void RefreshFlow::askForRefreshToken()
{
    m_state = State::AwaitingRefreshToken;
    UserPrompt ask;
    ask.kind = UserPrompt::Kind::AskSecret;
    ask.id = QString::fromUtf16(kRefreshTokenPromptId);
    ask.question = u"The refresh token to exchange (from an earlier run's refresh_token)"_s;
    askWithDeadline(m_clock, RefreshToken, u"Waiting for the refresh token"_s, ask, m_waitTimeoutSeconds,
                    [this] { waitEnded(); });
}

void RefreshFlow::handleAnswer(const QString &promptId, const QString &value)
{
    if (m_state != State::AwaitingRefreshToken || promptId != QStringView(kRefreshTokenPromptId))
        return;
    stopAskDeadline();
    const QString token = value.trimmed();
    if (token.isEmpty()) {
        end(FlowError::configuration(kTokenStage, u"The refresh token given is empty."_s,
                                     u"Pass the refresh_token of an earlier run (ECALAB_REFRESH_TOKEN, --set "
                                     "refreshToken=…, or stdin)."_s));
        return;
    }
    sendRefresh(token);
}

void RefreshFlow::waitEnded()
{
    FlowError e;
    e.kind = FlowError::Kind::Expired;
    e.stage = kTokenStage;
    e.explanation = u"No refresh token was given within %1 s."_s.arg(m_waitTimeoutSeconds);
    e.fix = u"Set ECALAB_REFRESH_TOKEN, answer sooner, or allow longer (%1)."_s.arg(m_waitLimitName);
    end(e);
}

void RefreshFlow::sendRefresh(const QString &refreshToken)
{
    // Known before it is sent, so the request, any echo and every view show it masked.
    http().redactor().addKnownSecret({u"refresh_token"_s, refreshToken.toUtf8()});
    m_sentRefreshToken = refreshToken;
    finishStage(RefreshToken, StageState::Done, u"%1 characters, masked in every view"_s.arg(refreshToken.size()));
    m_state = State::RequestingToken;
    enterStage(TokenRequest, StageState::Running, m_config.tokenEndpoint.toString());
    m_call = http().send(buildTokenRequest(m_config, refreshToken), stageLabel(TokenRequest));
    connect(m_call, &HttpCall::finished, this, &RefreshFlow::handleTokenResponse);
}

void RefreshFlow::cancel()
{
    if (m_state == State::AwaitingRefreshToken) {
        setPrompt({});
        end(FlowError::cancelled(kTokenStage));
        return;
    }
    if (m_state == State::RequestingToken && m_call) {
        m_call->abort(); // answers through handleTokenResponse with Failure::Aborted
        return;
    }
    if (m_state == State::Checking) {
        abortTokenChecks();
        end(FlowError::cancelled(currentStageTitle()));
    }
}

void RefreshFlow::handleTokenResponse(const HttpOutcome &outcome)
{
    if (m_state != State::RequestingToken)
        return; // a late answer after the run ended
    auto tokens = interpretTokenResponse(outcome, {http(), stageLabel(TokenRequest)});
    if (!tokens) {
        end(tokens.error());
        return;
    }
    // §7.1: with rotation on, every refresh answers a new refresh token and spends the one sent.
    const bool rotated = !tokens->refreshToken.isEmpty() && tokens->refreshToken != m_sentRefreshToken;
    setCheck(u"refresh_token"_s, rotated ? u"rotated"_s : u"kept"_s);
    finishStage(TokenRequest, StageState::Done,
                u"HTTP %1 · %2"_s.arg(outcome.response.status)
                    .arg(rotated ? u"rotated: a new refresh token replaces the one sent"_s
                                 : u"no new refresh token: the one sent stays valid (rotation is off)"_s));
    checkAndSucceed(*tokens);
}

void RefreshFlow::checkAndSucceed(const TokenSet &tokens)
{
    m_state = State::Checking;
    TokenCheckInputs inputs;
    inputs.clientSecret = m_config.clientSecret;
    inputs.discoveryUrl = m_config.discoveryUrl;
    inputs.idToken.clientId = m_config.clientId;
    inputs.idToken.nowSeconds = m_clock.msecsSinceEpoch() / 1000; // a refresh sends no nonce: none is required
    checkTokens({VerifyIdToken, VerifySignature}, tokens, inputs, [this, tokens](const TokenCheckResults &) {
        m_state = State::Finished;
        succeed(tokens);
    });
}

void RefreshFlow::end(FlowError error)
{
    stopAskDeadline();
    m_state = State::Finished;
    fail(std::move(error));
}

} // namespace ecalab
