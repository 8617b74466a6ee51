#include "DeviceFlow.h"

#include "grants/FlowRegistry.h"

#include "browser/BrowserLauncher.h"
#include "oauth/OAuthResponse.h"
#include "oauth/ResponseBody.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;
using device::PollVerdict;
using device::Protocol;

namespace {
const QString kName = u"device"_s;
const QString kTitle = u"Device"_s;
const QString kCheckStage = DeviceFlow::kStages[DeviceFlow::CheckSettings].title.toString();
const QString kDiscoveryStage = DeviceFlow::kStages[DeviceFlow::Discovery].title.toString();
const QString kWaitStage = DeviceFlow::kStages[DeviceFlow::WaitForApproval].title.toString();

QString minutes(qint64 seconds)
{
    if (seconds % 60 == 0)
        return seconds == 60 ? u"1 minute"_s : u"%1 minutes"_s.arg(seconds / 60);
    return u"%1 s"_s.arg(seconds);
}
} // namespace

FlowDescriptor deviceDescriptor()
{
    FlowDescriptor d;
    d.name = kName;
    d.title = kTitle;
    d.summary = u"A code to enter on another screen"_s;
    d.fields = {{ProfileField::LoginUrl, true, u"My Domain, login.salesforce.com or test.salesforce.com"_s},
                {ProfileField::ClientId, true, u"the consumer key (device clients are public)"_s},
                {ProfileField::ClientSecret, false, u"only to check the response's signature"_s},
                {ProfileField::Scopes, false, u"asked scopes"_s},
                {ProfileField::DeviceDialect, false, u"auto (default, from discovery), salesforce or rfc8628"_s},
                {ProfileField::DeviceCodeLifetime, false, u"seconds a code lives when the server does not say"_s}};
    d.waitsForPerson = true;
    d.validate = &device::Config::validate;
    d.create = [](const Profile &profile, const FlowContext &context) -> std::unique_ptr<Flow> {
        return std::make_unique<DeviceFlow>(profile, context.http, context.clock, context.browser, context.options);
    };
    return d;
}

QString DeviceFlow::name() const
{
    return kName;
}

QString DeviceFlow::title() const
{
    return kTitle;
}

DeviceFlow::DeviceFlow(const Profile &profile, HttpClient &http, const Clock &clock, BrowserLauncher *browser,
                       const RunOptions &options, QObject *parent)
    : Flow(http, parent), m_profile(profile), m_clock(clock), m_browser(browser),
      m_waitTimeoutSeconds(options.waitTimeoutSeconds), m_waitLimitName(options.waitLimitName)
{
}

DeviceFlow::~DeviceFlow() = default;

void DeviceFlow::start()
{
    if (m_state != State::Idle && m_state != State::Finished)
        return;
    resetRun(kStages);
    m_authorization = {};
    m_pollsAnswered = 0;
    m_deadlineMs = -1;
    m_lastAnswer.clear();
    m_discovery.reset();
    enterStage(CheckSettings);
    auto config = device::Config::fromProfile(m_profile, kCheckStage);
    if (!config) {
        m_state = State::Finished;
        fail(config.error());
        return;
    }
    m_config = std::move(config.value());
    m_poller = std::make_unique<device::DevicePoller>(http(), m_clock, stageLabel(WaitForApproval));
    connect(m_poller.get(), &device::DevicePoller::due, this, &DeviceFlow::onPollDue);
    connect(m_poller.get(), &device::DevicePoller::answered, this, &DeviceFlow::handlePollAnswer);
    finishStage(CheckSettings, StageState::Done, u"client %1, dialect: %2"_s.arg(m_config.clientId,
                                                                                deviceDialectName(m_config.dialect)));
    if (m_config.dialect == DeviceDialect::Salesforce) {
        m_protocol = Protocol::Salesforce;
        finishStage(Discovery, StageState::Skipped, u"The profile asks for Salesforce's dialect (deviceDialect)"_s);
        requestCode(m_config.tokenEndpoint);
        return;
    }
    discover();
}

void DeviceFlow::cancel()
{
    if (m_state == State::Idle || m_state == State::Finished)
        return;
    if (m_call) {
        m_call->abort(); // answers through its handler with Failure::Aborted → Cancelled
        return;
    }
    if (m_poller && m_poller->isPolling()) {
        m_poller->stop(); // the poll in flight answers as Aborted → Cancelled
        return;
    }
    m_state = State::Finished;
    abortTokenChecks();
    end(FlowError::cancelled(currentStageTitle()));
}

// Discovery decides the dialect (§7.9: Salesforce advertises no device endpoint, RFC 8414
// servers do). Unreadable discovery is not fatal in Auto mode: Salesforce's dialect needs none.
void DeviceFlow::discover()
{
    m_state = State::Discovering;
    enterStage(Discovery, StageState::Running, m_config.discoveryUrl.toString());
    m_call = http().send(HttpRequest::get(m_config.discoveryUrl), stageLabel(Discovery));
    connect(m_call, &HttpCall::finished, this, &DeviceFlow::handleDiscovery);
}

void DeviceFlow::handleDiscovery(const HttpOutcome &outcome)
{
    if (m_state != State::Discovering)
        return;
    if (outcome.failure == HttpOutcome::Failure::Aborted) {
        end(FlowError::cancelled(kDiscoveryStage));
        return;
    }
    const auto fields = outcome.ok() && outcome.response.status == 200
                            ? parseResponseFields(outcome.response)
                            : Expected<QJsonObject, QString>(unexpected(
                                  outcome.ok() ? u"HTTP %1"_s.arg(outcome.response.status) : outcome.errorString));
    if (fields)
        m_discovery = *fields;
    const QUrl endpoint = fields ? device::advertisedDeviceEndpoint(*fields) : QUrl();
    if (!endpoint.isEmpty()) {
        m_protocol = Protocol::Rfc8628;
        finishStage(Discovery, StageState::Done, u"device_authorization_endpoint advertised: RFC 8628"_s);
        requestCode(endpoint);
        return;
    }
    if (m_config.dialect == DeviceDialect::Rfc8628) {
        FlowError e;
        e.kind = FlowError::Kind::Protocol;
        e.httpStatus = outcome.response.status;
        e.explanation = u"The profile asks for the RFC 8628 dialect, but %1 advertises no device_authorization_endpoint (%2)."_s
                            .arg(m_config.discoveryUrl.toString(),
                                 fields ? u"the field is absent or not a URL"_s : fields.error());
        e.fix = u"Set deviceDialect to \"auto\" or \"salesforce\": Salesforce's own device flow runs on the token endpoint (§4.4)."_s;
        end(e);
        return;
    }
    m_protocol = Protocol::Salesforce;
    if (fields)
        finishStage(Discovery, StageState::Done, u"No device_authorization_endpoint advertised: Salesforce's dialect"_s);
    else
        finishStage(Discovery, StageState::Warning,
                    u"Could not read the discovery document (%1); using Salesforce's dialect"_s.arg(fields.error()));
    requestCode(m_config.tokenEndpoint);
}

void DeviceFlow::requestCode(const QUrl &endpoint)
{
    m_state = State::RequestingCode;
    enterStage(DeviceRequest, StageState::Running, u"%1 (%2 dialect)"_s.arg(endpoint.toString(), device::protocolTitle(m_protocol)));
    m_call = http().send(device::buildDeviceRequest(m_config, m_protocol, endpoint), stageLabel(DeviceRequest));
    connect(m_call, &HttpCall::finished, this, &DeviceFlow::handleDeviceAnswer);
}

void DeviceFlow::handleDeviceAnswer(const HttpOutcome &outcome)
{
    if (m_state != State::RequestingCode)
        return;
    auto fields = interpretOAuthResponse(outcome, {http(), stageLabel(DeviceRequest), u"the device request"_s});
    if (!fields) {
        end(fields.error());
        return;
    }
    auto authorization = device::parseAuthorization(*fields);
    if (!authorization) {
        FlowError e;
        e.kind = FlowError::Kind::Protocol;
        e.httpStatus = outcome.response.status;
        e.rawBody = http().redactedText(outcome.response.body);
        e.explanation = u"The device request was answered, but %1 (§4.1, RFC 8628 §3.2)."_s.arg(authorization.error());
        end(e);
        return;
    }
    m_authorization = std::move(authorization.value());
    m_intervalSeconds = m_authorization.intervalSeconds;
    QString detail = u"user code %1, poll every %2 s"_s.arg(m_authorization.userCode).arg(m_intervalSeconds);
    if (!m_authorization.warnings.isEmpty())
        detail += u" — "_s + m_authorization.warnings.join(u"; "_s);
    finishStage(DeviceRequest, m_authorization.warnings.isEmpty() ? StageState::Done : StageState::Warning, detail);
    beginWaiting();
}

void DeviceFlow::beginWaiting()
{
    m_state = State::WaitingForApproval;
    const int lifetime = device::lifetimeSeconds(m_config, m_authorization);
    m_waitSeconds = m_waitTimeoutSeconds ? std::min(lifetime, *m_waitTimeoutSeconds) : lifetime;
    m_deadlineMs = m_clock.msecsSinceEpoch() + qint64(m_waitSeconds) * 1000;
    m_waitPrompt = {};
    m_waitPrompt.kind = UserPrompt::Kind::EnterDeviceCode;
    m_waitPrompt.url = m_authorization.verificationUrl;
    m_waitPrompt.completeUrl = m_authorization.verificationUrlComplete;
    m_waitPrompt.userCode = m_authorization.userCode;
    openBrowser();
    enterStage(WaitForApproval, StageState::WaitingForUser,
               u"Enter %1 at %2 within %3"_s.arg(m_authorization.userCode, m_authorization.verificationUrl.toString(),
                                                 minutes(m_waitSeconds)));
    updatePrompt();
    armNextPoll();
}

void DeviceFlow::openBrowser()
{
    if (!m_browser) {
        m_waitPrompt.browserNote = u"Open the URL on any device with a browser."_s;
        return;
    }
    const QUrl url = m_authorization.verificationUrlComplete.isEmpty() ? m_authorization.verificationUrl
                                                                       : m_authorization.verificationUrlComplete;
    const BrowserLauncher::Result result = m_browser->open(url);
    m_waitPrompt.browserOpened = result.opened;
    m_waitPrompt.browserNote = result.note;
    m_waitPrompt.browserFailed = result.failed;
    if (!result.watch)
        return;
    // A launch that fails later changes what the person does (open the page themselves), not the run.
    connect(result.watch, &LaunchWatch::failed, this, [this](const QString &note) {
        if (m_state != State::WaitingForApproval && m_state != State::Polling)
            return;
        m_waitPrompt.browserOpened = false;
        m_waitPrompt.browserFailed = true;
        m_waitPrompt.browserNote = note;
        updatePrompt();
    });
}

void DeviceFlow::updatePrompt()
{
    m_waitPrompt.deadlineMs = m_deadlineMs;
    m_waitPrompt.pollCount = m_pollsAnswered;
    m_waitPrompt.intervalSeconds = m_intervalSeconds;
    m_waitPrompt.lastAnswer = m_lastAnswer;
    setPrompt(m_waitPrompt);
}

// The next poll is due one interval after the last answer; if the code expires sooner, the
// timer fires at the deadline instead and the run ends as Expired without a pointless poll.
void DeviceFlow::armNextPoll()
{
    const qint64 remaining = m_deadlineMs - m_clock.msecsSinceEpoch();
    if (remaining <= 0) {
        onPollDue();
        return;
    }
    m_poller->arm(std::min(qint64(m_intervalSeconds) * 1000, remaining));
}

void DeviceFlow::onPollDue()
{
    if (m_state != State::WaitingForApproval)
        return;
    if (m_clock.msecsSinceEpoch() >= m_deadlineMs) {
        expireAtDeadline();
        return;
    }
    m_state = State::Polling;
    m_poller->send(device::buildPollRequest(m_config, m_protocol, m_authorization.deviceCode));
}

void DeviceFlow::expireAtDeadline()
{
    FlowError e;
    e.kind = FlowError::Kind::Expired;
    e.stage = kWaitStage;
    const int lifetime = device::lifetimeSeconds(m_config, m_authorization);
    if (m_waitSeconds < lifetime) {
        e.explanation = u"Nobody approved user code %1 within the wait you set, %2 s (%3 polls answered); the code itself would have lived %4."_s
                            .arg(m_authorization.userCode)
                            .arg(m_waitSeconds)
                            .arg(m_pollsAnswered)
                            .arg(minutes(lifetime));
        e.fix = u"Allow longer (%1), or enter the code at %2 sooner."_s.arg(m_waitLimitName,
                                                                          m_authorization.verificationUrl.toString());
        expire(e);
        return;
    }
    e.explanation = u"Nobody approved user code %1 within %2 (%3 polls answered), so the device code has expired. %4"_s
                        .arg(m_authorization.userCode, minutes(lifetime))
                        .arg(m_pollsAnswered)
                        .arg(m_authorization.expiresInSeconds || m_config.lifetimeOverrideSeconds
                                 ? QString()
                                 : u"Salesforce does not say how long a device code lives; ECA Lab assumes 10 minutes (§4.3)."_s);
    e.fix = u"Run again and enter the code at %1 sooner; profile field deviceCodeLifetimeSeconds changes how long ECA Lab waits."_s
                .arg(m_authorization.verificationUrl.toString());
    expire(e);
}

void DeviceFlow::handlePollAnswer(const HttpOutcome &outcome)
{
    if (m_state != State::Polling)
        return;
    m_state = State::WaitingForApproval;
    if (outcome.failure == HttpOutcome::Failure::Aborted) {
        end(FlowError::cancelled(kWaitStage));
        return;
    }
    ++m_pollsAnswered;
    auto tokens = interpretTokenResponse(outcome, {http(), stageLabel(WaitForApproval)});
    if (tokens) {
        m_lastAnswer = u"approved"_s;
        updatePrompt();
        succeedWith(*tokens);
        return;
    }
    FlowError e = tokens.error();
    if (e.kind != FlowError::Kind::ServerRejected) {
        end(e); // network trouble or an answer that is not OAuth: said plainly, not retried blindly
        return;
    }
    switch (device::classifyPollError(e.error, e.errorDescription)) {
    case PollVerdict::Pending: keepWaiting(e.error); return;
    case PollVerdict::SlowDown:
        m_intervalSeconds += device::kSlowDownStepSeconds; // RFC 8628 §3.5, for all later polls
        keepWaiting(e.error);
        return;
    case PollVerdict::Denied:
        e.kind = FlowError::Kind::Cancelled; // exit 4: the person said no (ARCHITECTURE.md exit codes)
        m_lastAnswer = e.error;
        updatePrompt();
        end(e);
        return;
    case PollVerdict::Expired:
        // Salesforce's words for this are unconfirmed (§4.3), so the meaning is said here, not
        // left to a catalogue lookup of whatever description came back.
        e.kind = FlowError::Kind::Expired;
        e.explanation = u"The server says the device code for user code %1 has expired (after %2 polls): nobody approved it in time."_s
                            .arg(m_authorization.userCode)
                            .arg(m_pollsAnswered);
        e.fix = u"Run again and enter the new code at %1 sooner."_s.arg(m_authorization.verificationUrl.toString());
        expire(e);
        return;
    case PollVerdict::Refused: break;
    }
    m_lastAnswer = e.error;
    updatePrompt();
    end(e);
}

void DeviceFlow::keepWaiting(const QString &answer)
{
    m_lastAnswer = answer;
    finishStage(WaitForApproval, StageState::WaitingForUser,
                u"Enter %1 at %2 — poll %3: %4, next in %5 s"_s.arg(m_authorization.userCode,
                                                                    m_authorization.verificationUrl.toString())
                    .arg(m_pollsAnswered)
                    .arg(answer)
                    .arg(m_intervalSeconds));
    updatePrompt();
    armNextPoll();
}

void DeviceFlow::succeedWith(const TokenSet &tokens)
{
    m_tokens = tokens;
    finishStage(WaitForApproval, StageState::Done,
                u"Approved; token issued after %1 poll%2"_s.arg(m_pollsAnswered).arg(m_pollsAnswered == 1 ? u""_s : u"s"_s));
    // The device flow sends no nonce, so none is required; discovery read for the dialect is reused.
    m_state = State::VerifyingIdToken;
    TokenCheckInputs inputs;
    inputs.clientSecret = m_config.clientSecret;
    inputs.discovery = m_discovery;
    inputs.discoveryUrl = m_config.discoveryUrl;
    inputs.idToken.clientId = m_config.clientId;
    inputs.idToken.nowSeconds = m_clock.msecsSinceEpoch() / 1000;
    checkTokens({VerifyIdToken, VerifySignature}, m_tokens, inputs, [this](const TokenCheckResults &) {
        m_state = State::Finished;
        succeed(m_tokens);
    });
}

void DeviceFlow::expire(FlowError error)
{
    m_lastAnswer = error.error.isEmpty() ? u"expired"_s : error.error;
    updatePrompt();
    end(std::move(error));
}

void DeviceFlow::end(FlowError error)
{
    m_state = State::Finished;
    if (m_poller)
        m_poller->stop();
    fail(std::move(error));
}

} // namespace ecalab
