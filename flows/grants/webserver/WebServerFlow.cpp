#include "WebServerFlow.h"

#include "grants/FlowRegistry.h"
#include "grants/webserver/AuthorizeProbe.h"

#include "browser/BrowserLauncher.h"
#include "callback/LoopbackReceiver.h"
#include "core/Clock.h"
#include "oauth/ErrorCatalog.h"
#include "oauth/OAuthResponse.h"
#include "oauth/Pkce.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kName = u"web-server"_s;
const QString kTitle = u"Web server"_s;
const QString kCheckStage = WebServerFlow::kStages[WebServerFlow::CheckSettings].title.toString();
const QString kWaitStage = WebServerFlow::kStages[WebServerFlow::WaitForCallback].title.toString();

// §3.2: the web-server example shows `access-denied`, user-agent flows `access_denied`.
bool isDenial(const QString &error)
{
    return error == u"access_denied" || error == u"access-denied";
}
// The Open browser stage when the launch failed; the CLI prints it as it is.
const QString kLaunchFailed = u"Could not open your browser — copy the URL and open it yourself: "_s;
// How long the person has to log in and approve when no --timeout is given: long enough for a
// login with MFA, short enough that a forgotten run ends by itself.
constexpr int kDefaultCallbackWaitSeconds = 300;
} // namespace

FlowDescriptor webServerDescriptor()
{
    FlowDescriptor d;
    d.name = kName;
    d.title = kTitle;
    d.summary = u"Browser login and consent, PKCE, loopback callback"_s;
    d.fields = {{ProfileField::LoginUrl, true, u"My Domain, login.salesforce.com or test.salesforce.com"_s},
                {ProfileField::ClientId, true, u"the consumer key"_s},
                {ProfileField::CallbackUrl, true, u"the app's Callback URL on loopback, e.g. http://localhost:1717/OauthRedirect"_s},
                {ProfileField::ClientSecret, false, u"the consumer secret; without it a public client (Require Secret off)"_s},
                {ProfileField::ClientAuth, false, u"post (default) or basic"_s},
                {ProfileField::Scopes, false, u"asked scopes, e.g. api refresh_token openid"_s},
                {ProfileField::Pkce, false, u"true (default): S256 code challenge"_s},
                {ProfileField::Prompt, false, u"login, consent, select_account"_s},
                {ProfileField::LoginHint, false, u"pre-fills the username"_s},
                {ProfileField::Display, false, u"page, popup, touch"_s}};
    d.waitsForPerson = true;
    d.validate = &webserver::Config::validate;
    d.create = [](const Profile &profile, const FlowContext &context) -> std::unique_ptr<Flow> {
        return std::make_unique<WebServerFlow>(profile, context.http, context.clock, context.random, context.browser,
                                               context.options);
    };
    return d;
}

QString WebServerFlow::name() const
{
    return kName;
}

QString WebServerFlow::title() const
{
    return kTitle;
}

WebServerFlow::WebServerFlow(const Profile &profile, HttpClient &http, const Clock &clock, RandomSource &random,
                             BrowserLauncher *browser, const RunOptions &options, QObject *parent)
    : Flow(http, parent), m_profile(profile), m_clock(clock), m_random(random), m_browser(browser),
      m_waitTimeoutSeconds(options.waitTimeoutSeconds.value_or(kDefaultCallbackWaitSeconds)),
      m_waitFromOption(options.waitTimeoutSeconds.has_value()), m_waitLimitName(options.waitLimitName)
{
}

WebServerFlow::~WebServerFlow() = default;

void WebServerFlow::start()
{
    if (m_state != State::Idle && m_state != State::Finished)
        return;
    resetRun(kStages);
    enterStage(CheckSettings);
    if (!prepare())
        return;
    openBrowser();
    m_state = State::WaitingForCallback;
    m_deadline = m_clock.createTimer();
    connect(m_deadline.get(), &ClockTimer::timeout, this, &WebServerFlow::onDeadline);
    m_deadline->start(qint64(m_waitTimeoutSeconds) * 1000);
    m_waitPrompt.deadlineMs = m_clock.msecsSinceEpoch() + qint64(m_waitTimeoutSeconds) * 1000;
    enterStage(WaitForCallback, StageState::WaitingForUser,
               u"Waiting on %1 for up to %2 s"_s.arg(m_config.callbackUrl.toString()).arg(m_waitTimeoutSeconds));
    setPrompt(m_waitPrompt);
    m_authorizeProbe = std::make_unique<webserver::AuthorizeProbe>(http(), stageLabel(WaitForCallback));
    connect(m_authorizeProbe.get(), &webserver::AuthorizeProbe::finished, this, &WebServerFlow::onAuthorizeProbed);
    m_authorizeProbe->start(m_authorizeUrl);
}

// Settings, secrets and the listener: everything that can fail before the browser is opened.
bool WebServerFlow::prepare()
{
    auto config = webserver::Config::fromProfile(m_profile, kCheckStage);
    if (!config) {
        end(config.error());
        return false;
    }
    m_config = std::move(config.value());
    if (!m_browser) {
        end(FlowError::configuration(kCheckStage, u"No way to open a browser was given to this run."_s,
                                     u"Use --browser COMMAND or --no-browser."_s));
        return false;
    }
    m_secrets = {};
    m_secrets.state = randomToken(m_random);
    if (m_config.wantsOpenId())
        m_secrets.nonce = randomToken(m_random);
    if (m_config.pkce) {
        const pkce::Pair pair = pkce::generate(m_random);
        m_secrets.codeVerifier = pair.verifier;
        m_secrets.codeChallenge = pair.challenge;
        http().redactor().addKnownSecret({u"code_verifier"_s, pair.verifier.toLatin1()});
    }
    if (!m_config.clientSecret.isEmpty())
        http().redactor().addKnownSecret({u"client_secret"_s, m_config.clientSecret.toUtf8()});
    m_authorizeUrl = webserver::buildAuthorizeUrl(m_config, m_secrets);
    m_receiver = std::make_unique<LoopbackReceiver>();
    auto listening = m_receiver->listen(m_config.loopback, m_secrets.state, kCheckStage);
    if (!listening) {
        end(listening.error());
        return false;
    }
    connect(m_receiver.get(), &LoopbackReceiver::callbackReceived, this, &WebServerFlow::onCallback);
    connect(m_receiver.get(), &LoopbackReceiver::probeIgnored, this, &WebServerFlow::onProbe);
    QStringList addresses;
    for (const QHostAddress &address : m_receiver->listenAddresses())
        addresses.append(address.toString());
    finishStage(CheckSettings, StageState::Done,
                u"client %1, PKCE %2, listening on %3 (%4)"_s.arg(m_config.clientId, m_config.pkce ? u"S256"_s : u"off"_s,
                                                                 m_config.callbackUrl.toString(), addresses.join(u", "_s)));
    return true;
}

void WebServerFlow::openBrowser()
{
    enterStage(OpenBrowser, StageState::Running, m_authorizeUrl.toString());
    m_waitPrompt = {};
    m_waitPrompt.kind = UserPrompt::Kind::OpenBrowser;
    m_waitPrompt.url = m_authorizeUrl;
    m_waitPrompt.listeningOn = m_config.callbackUrl;
    const BrowserLauncher::Result result = m_browser->open(m_authorizeUrl);
    m_waitPrompt.browserOpened = result.opened;
    m_waitPrompt.browserNote = result.note;
    m_waitPrompt.browserFailed = result.failed;
    if (result.watch)
        connect(result.watch, &LaunchWatch::failed, this, &WebServerFlow::onBrowserFailed);
    if (result.opened)
        finishStage(OpenBrowser, StageState::Done, u"Opened the authorize URL in the browser"_s);
    else if (result.failed)
        finishStage(OpenBrowser, StageState::Warning, kLaunchFailed + result.note);
    else
        finishStage(OpenBrowser, StageState::Skipped,
                    result.note.isEmpty() ? u"Open the authorize URL in a browser"_s : result.note);
}

// A launch that failed after the fact changes what the person must do, not the run: the URL can
// still be pasted into a browser, so the wait goes on.
void WebServerFlow::onBrowserFailed(const QString &note)
{
    if (m_state != State::WaitingForCallback)
        return;
    m_waitPrompt.browserOpened = false;
    m_waitPrompt.browserFailed = true;
    m_waitPrompt.browserNote = note;
    finishStage(OpenBrowser, StageState::Warning, kLaunchFailed + note);
    setPrompt(m_waitPrompt);
}

// The probe saw what the browser shows. An error there ends the run at once with that error: the
// request (client_id, redirect_uri, scopes, challenge) is fixed for this run, so the callback
// cannot come, and waiting out the countdown only hides the answer; the fix in Setup takes a few
// minutes to apply (§0) and the retry is a new run anyway. Anything else says nothing alarming.
void WebServerFlow::onAuthorizeProbed(const webserver::ProbeResult &result)
{
    if (m_state != State::WaitingForCallback)
        return;
    if (!result.showsError()) {
        finishStage(WaitForCallback, StageState::WaitingForUser,
                    u"Waiting on %1 — %2"_s.arg(m_config.callbackUrl.toString(), result.detail));
        return;
    }
    FlowError e;
    e.kind = FlowError::Kind::ServerRejected;
    e.stage = kWaitStage;
    e.httpStatus = result.httpStatus;
    e.error = result.error;
    e.errorDescription = result.errorDescription;
    const ErrorCatalog::Explanation known = ErrorCatalog::explain(e.error, e.errorDescription, name());
    const QString what = e.error.isEmpty() ? u"an error page"_s : u"Salesforce's error "_s + e.error;
    e.explanation = u"Your browser is showing %1 instead of the login page, so no callback can come (%2)."_s.arg(
        what, result.detail);
    if (known.known)
        e.explanation += u" "_s + known.explanation;
    if (e.error == u"redirect_uri_mismatch")
        e.explanation += u" This run sent redirect_uri=%1."_s.arg(m_config.callbackUrl.toString());
    end(e);
}

void WebServerFlow::cancel()
{
    switch (m_state) {
    case State::Idle:
    case State::Finished: return;
    case State::RequestingToken:
        if (m_call) {
            m_call->abort(); // answers through handleTokenResponse with Failure::Aborted
            return;
        }
        break;
    case State::WaitingForCallback:
    case State::VerifyingIdToken: break;
    }
    end(FlowError::cancelled(currentStageTitle()));
}

void WebServerFlow::onProbe(const QString &path)
{
    if (m_state != State::WaitingForCallback)
        return;
    finishStage(WaitForCallback, StageState::WaitingForUser,
                u"Waiting on %1 — ignored a request for %2 (404)"_s.arg(m_config.callbackUrl.toString(), path));
}

void WebServerFlow::onDeadline()
{
    if (m_state != State::WaitingForCallback)
        return;
    // A callback that never comes is a wait on the person that ran out: exit 4 with Expired
    // (ARCHITECTURE.md: "cancelled, denied or expired while waiting for the user").
    FlowError e;
    e.kind = FlowError::Kind::Expired;
    e.stage = kWaitStage;
    e.explanation = u"No callback arrived at %1 within %2 s (%3)."_s.arg(m_config.callbackUrl.toString())
                        .arg(m_waitTimeoutSeconds)
                        .arg(m_waitFromOption ? u"the wait you set"_s : u"the default wait"_s);
    e.fix = u"Finish the login and approval in the browser sooner, or allow longer (%1). If the browser showed a "
            "Salesforce error page instead of coming back, the callback URL is probably not one of the app's "
            "Callback URLs (redirect_uri_mismatch) or the consumer key is wrong."_s.arg(m_waitLimitName);
    end(e);
}

FlowError WebServerFlow::callbackError(const CallbackResult &result) const
{
    FlowError e;
    e.stage = kWaitStage;
    if (result.kind == CallbackResult::Kind::BadState) {
        e.kind = FlowError::Kind::Protocol;
        e.explanation = result.receivedState.isEmpty()
                            ? u"The callback carries no state, so it cannot be tied to this run; its code was not used (RFC 6749 §10.12)."_s
                            : u"The callback's state does not match the one this run sent; its code was not used (RFC 6749 §10.12)."_s;
        e.fix = u"Run again and finish in the tab this run opened; a callback from an older tab or another site is refused."_s;
        return e;
    }
    e.kind = isDenial(result.error) ? FlowError::Kind::Cancelled : FlowError::Kind::ServerRejected;
    e.error = result.error;
    e.errorDescription = result.errorDescription;
    if (result.error == u"missing_code")
        e.explanation = u"The callback carries neither a code nor an error."_s;
    return e;
}

void WebServerFlow::onCallback(const CallbackResult &result)
{
    if (m_state != State::WaitingForCallback)
        return;
    m_deadline->stop();
    if (result.kind != CallbackResult::Kind::Code) {
        end(callbackError(result));
        return;
    }
    finishStage(WaitForCallback, StageState::Done, u"Callback with a code and the expected state"_s);
    m_state = State::RequestingToken;
    enterStage(TokenRequest, StageState::Running, m_config.tokenEndpoint.toString());
    http().redactor().addKnownSecret({u"code"_s, result.code.toUtf8()});
    m_call = http().send(webserver::buildTokenRequest(m_config, result.code, m_secrets.codeVerifier),
                         stageLabel(TokenRequest));
    connect(m_call, &HttpCall::finished, this, &WebServerFlow::handleTokenResponse);
}

void WebServerFlow::handleTokenResponse(const HttpOutcome &outcome)
{
    if (m_state != State::RequestingToken)
        return;
    auto tokens = interpretTokenResponse(outcome, {http(), stageLabel(TokenRequest)});
    if (!tokens) {
        end(tokens.error());
        return;
    }
    m_tokens = std::move(tokens.value());
    finishStage(TokenRequest, StageState::Done, u"HTTP %1"_s.arg(outcome.response.status));
    verifyTokens();
}

// The nonce this run sent must come back in the ID token (OIDC Core §3.1.3.7 step 11).
void WebServerFlow::verifyTokens()
{
    m_state = State::VerifyingIdToken;
    TokenCheckInputs inputs;
    inputs.clientSecret = m_config.clientSecret;
    inputs.discoveryUrl = m_config.discoveryUrl;
    inputs.idToken.clientId = m_config.clientId;
    inputs.idToken.nonce = m_secrets.nonce;
    inputs.idToken.nowSeconds = m_clock.msecsSinceEpoch() / 1000;
    checkTokens({VerifyIdToken, VerifySignature}, m_tokens, inputs, [this](const TokenCheckResults &) {
        m_state = State::Finished;
        succeed(m_tokens);
    });
}

void WebServerFlow::end(FlowError error)
{
    m_state = State::Finished;
    if (m_authorizeProbe)
        m_authorizeProbe->abort();
    if (m_deadline)
        m_deadline->stop();
    if (m_receiver)
        m_receiver->close();
    abortTokenChecks();
    fail(std::move(error));
}

} // namespace ecalab
