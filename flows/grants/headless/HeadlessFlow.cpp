#include "HeadlessFlow.h"

#include "core/Clock.h"
#include "core/RandomSource.h"
#include "oauth/CodeExchange.h"
#include "oauth/ErrorCatalog.h"
#include "oauth/OAuthResponse.h"
#include "oauth/Pkce.h"

#include <utility>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
// A code as people type it: "123 456" and a trailing newline are the same code.
QString normalisedCode(const QString &typed)
{
    QString code = typed;
    code.remove(u' ');
    return code.trimmed();
}
} // namespace

FlowDescriptor headlessDescriptor(const QString &name, const QString &title, const QString &summary,
                                  HeadlessMember member, const QList<FlowFieldUse> &memberFields,
                                  std::function<std::unique_ptr<Flow>(const Profile &, const FlowContext &)> create)
{
    FlowDescriptor d;
    d.name = name;
    d.title = title;
    d.summary = summary;
    d.fields = {{ProfileField::SiteUrl, true, u"the Experience Cloud site (https://acme.my.site.com/customers), "
                                             "never My Domain: every call goes there"_s},
                {ProfileField::ClientId, true, u"the consumer key of an app with the Authorization Code and "
                                               "Credentials flow enabled"_s},
                {ProfileField::ClientSecret, false, u"a private client's secret, sent with the code exchange"_s},
                {ProfileField::CallbackUrl, false, u"redirect_uri; empty or loopback: the site's "
                                                   "/services/oauth2/echo (register it on the app)"_s},
                {ProfileField::Scopes, false, u"e.g. openid api refresh_token"_s}};
    d.fields += memberFields;
    d.notes = {{ProfileField::Pkce, u"always on: the code is traded with PKCE (§6.2)"_s},
               {ProfileField::LoginUrl, u"not used: headless calls go to the site"_s}};
    d.waitsForPerson = true; // the password and one-time code prompts
    d.validate = [member](const Profile &profile) { return HeadlessConfig::validate(profile, member); };
    d.create = std::move(create);
    return d;
}

namespace {
int stageWithId(std::span<const StageSpec> table, QStringView id)
{
    for (const StageSpec &spec : table) {
        if (spec.id == id)
            return spec.index;
    }
    return -1;
}
} // namespace

HeadlessFlow::HeadlessFlow(const Profile &profile, const FlowContext &context, const Member &member, QObject *parent)
    : Flow(context.http, parent), m_profile(profile), m_clock(context.clock), m_random(context.random),
      m_member(member.kind), m_name(member.name), m_title(member.title), m_table(member.stages),
      m_stages{stageWithId(m_table, u"check-settings"), stageWithId(m_table, u"authorize"),
               stageWithId(m_table, u"read-code"), stageWithId(m_table, u"token-request"),
               stageWithId(m_table, u"verify-id-token"), stageWithId(m_table, u"verify-signature")},
      m_waitSeconds(context.options.waitTimeoutSeconds.value_or(kDefaultAnswerWaitSeconds)),
      m_waitLimitName(context.options.waitLimitName)
{
    // succeeded() or failed() may come from the flow kit's token tail: the run is over either way.
    connect(this, &Flow::statusChanged, this, [this] {
        if (isFinished())
            m_state = State::Finished;
    });
}

HeadlessFlow::~HeadlessFlow() = default;

QString HeadlessFlow::stageTitle(int stage) const
{
    return m_table[std::size_t(stage)].title.toString();
}

void HeadlessFlow::start()
{
    if (m_state != State::Idle && m_state != State::Finished)
        return;
    resetRun(m_table);
    const Stages st = stages();
    enterStage(st.checkSettings);
    auto config = HeadlessConfig::fromProfile(m_profile, m_member, stageTitle(st.checkSettings));
    if (!config) {
        end(config.error());
        return;
    }
    m_config = std::move(config.value());
    m_code.clear();
    m_state = State::Idle;
    if (!m_config.clientSecret.isEmpty())
        http().redactor().addKnownSecret({u"client_secret"_s, m_config.clientSecret.toUtf8()});
    finishStage(st.checkSettings, StageState::Done,
                u"site %1 · redirect_uri %2"_s.arg(m_config.siteUrl.toString(), m_config.redirectUri));
    begin();
}

void HeadlessFlow::cancel()
{
    switch (m_state) {
    case State::Idle:
    case State::Finished: return;
    case State::Calling:
        if (m_call) {
            m_call->abort(); // answers with Failure::Aborted: a Cancelled error at the call's stage
            return;
        }
        break;
    case State::AwaitingAnswer:
    case State::CheckingTokens: break;
    }
    end(FlowError::cancelled(currentStageTitle()));
}

void HeadlessFlow::end(FlowError error)
{
    stopAskDeadline();
    abortTokenChecks();
    m_answered = {};
    m_state = State::Finished;
    fail(std::move(error));
}

HttpCall *HeadlessFlow::send(const HttpRequest &request, int stage)
{
    m_state = State::Calling;
    m_call = http().send(request, stageLabel(stage));
    return m_call;
}

void HeadlessFlow::ask(int stage, UserPrompt prompt, const QString &detail, Answered answered)
{
    m_state = State::AwaitingAnswer;
    m_askedId = prompt.id;
    m_answered = std::move(answered);
    const QString what = prompt.question;
    askWithDeadline(m_clock, stage, detail, std::move(prompt), m_waitSeconds,
                    [this, stage, what] { answerWaitEnded(stage, what); });
}

void HeadlessFlow::askPassword(int stage, const QString &promptId, const QString &question, Answered answered)
{
    UserPrompt prompt;
    prompt.kind = UserPrompt::Kind::AskSecret;
    prompt.id = promptId;
    prompt.question = question;
    ask(stage, std::move(prompt), u"Waiting for the password"_s, std::move(answered));
}

void HeadlessFlow::askOneTimeCode(int stage, const QString &sentTo, Answered answered)
{
    UserPrompt prompt;
    prompt.kind = UserPrompt::Kind::AskOneTimeCode;
    prompt.id = QString::fromUtf16(kOtpPromptId);
    prompt.sentTo = sentTo;
    prompt.question = u"The one-time code"_s; // where it went is sentTo, shown beside it
    ask(stage, std::move(prompt), u"Waiting for the code sent to %1"_s.arg(sentTo), std::move(answered));
}

void HeadlessFlow::handleAnswer(const QString &promptId, const QString &value)
{
    if (m_state != State::AwaitingAnswer || promptId != m_askedId)
        return;
    stopAskDeadline();
    m_state = State::Idle;
    const QString answer = promptId == QStringView(kOtpPromptId) ? normalisedCode(value) : value;
    if (answer.isEmpty()) {
        end(FlowError::configuration(currentStageTitle(), u"Nothing was entered (%1)."_s.arg(promptId),
                                     u"Run again and enter it when asked."_s));
        return;
    }
    // A secret of this run from now on: masked wherever it is sent or echoed back.
    http().redactor().addKnownSecret({promptId, answer.toUtf8()});
    Answered answered = std::exchange(m_answered, {});
    answered(answer);
}

void HeadlessFlow::answerWaitEnded(int stage, const QString &what)
{
    FlowError e;
    e.kind = FlowError::Kind::Expired;
    e.stage = stageTitle(stage);
    e.explanation = u"Nothing was entered for \"%1\" within %2 s."_s.arg(what).arg(m_waitSeconds);
    e.fix = u"Answer sooner, or allow longer (%1)."_s.arg(m_waitLimitName);
    end(e);
}

void HeadlessFlow::callSite(int stage, const headless::SiteApi &api, SiteRequest request, Fields then)
{
    m_siteRequest = std::move(request);
    m_siteThen = std::move(then);
    m_sentBearer = false;
    sendSite(stage, api, {});
}

void HeadlessFlow::sendSite(int stage, const headless::SiteApi &api, const QString &bearerToken)
{
    const HttpRequest request = m_siteRequest(bearerToken);
    enterStage(stage, StageState::Running, request.url.toString());
    connect(send(request, stage), &HttpCall::finished, this,
            [this, stage, api](const HttpOutcome &outcome) { handleSiteAnswer(stage, api, outcome); });
}

void HeadlessFlow::handleSiteAnswer(int stage, const headless::SiteApi &api, const HttpOutcome &outcome)
{
    if (m_state != State::Calling)
        return;
    if (outcome.ok() && outcome.response.status == 401 && !m_sentBearer) {
        // §6.1: the site requires authentication for this API: a Bearer token with its scope.
        UserPrompt prompt;
        prompt.kind = UserPrompt::Kind::AskSecret;
        prompt.id = QString::fromUtf16(kInitTokenPromptId);
        prompt.question = u"An access token with the %1 scope (the site requires authentication for %2)"_s.arg(
            api.scope, api.name);
        ask(stage, std::move(prompt), u"HTTP 401: the site requires authentication — waiting for an access token"_s,
            [this, stage, api](const QString &token) {
                m_sentBearer = true;
                sendSite(stage, api, token);
            });
        return;
    }
    QJsonObject fields;
    const bool emptySuccess = outcome.ok() && outcome.response.status / 100 == 2 && outcome.response.body.trimmed().isEmpty();
    if (!emptySuccess) {
        auto read = interpretOAuthResponse(outcome, {http(), stageLabel(stage), u"the site's %1 API"_s.arg(api.name)});
        if (!read) {
            end(read.error());
            return;
        }
        fields = std::move(read.value());
    }
    m_state = State::Idle;
    Fields then = std::exchange(m_siteThen, {});
    then(fields);
}

void HeadlessFlow::authorize(const headless::AuthorizeCall &call)
{
    const Stages st = stages();
    const pkce::Pair pair = pkce::generate(m_random);
    m_secrets = {randomToken(m_random), pair.verifier, pair.challenge};
    QString detail = u"%1 · Auth-Request-Type: %2"_s.arg(m_config.authorizeEndpoint.toString(), call.requestType);
    if (!call.uvid.isEmpty())
        detail += u" · visitor %1"_s.arg(call.uvid);
    enterStage(st.authorize, StageState::Running, detail);
    connect(send(headless::buildAuthorizeRequest(m_config, call, m_secrets), st.authorize), &HttpCall::finished, this,
            &HeadlessFlow::handleAuthorizeAnswer);
}

// Not a redirect with a code: the server's error (JSON or a redirect carrying error=), or an
// answer that says what came instead.
FlowError HeadlessFlow::authorizeRefusal(const HttpOutcome &outcome)
{
    const ResponseOrigin origin{http(), stageLabel(stages().authorize), u"the site's /authorize"_s};
    if (const auto answer = headless::readAuthorizeAnswer(outcome.response); answer && !answer->error().isEmpty()) {
        FlowError e;
        e.kind = FlowError::Kind::ServerRejected;
        e.stage = origin.stage.title;
        e.httpStatus = outcome.response.status;
        e.error = answer->error();
        e.errorDescription = answer->fields.value(u"error_description").toString();
        return e;
    }
    auto fields = interpretOAuthResponse(outcome, origin);
    if (!fields)
        return fields.error();
    FlowError e;
    e.kind = FlowError::Kind::Protocol;
    e.stage = origin.stage.title;
    e.httpStatus = outcome.response.status;
    e.explanation = u"The site's /authorize answered HTTP %1 without a code: neither a redirect with code= nor "
                    "JSON with \"code\"."_s.arg(outcome.response.status);
    return e;
}

void HeadlessFlow::handleAuthorizeAnswer(const HttpOutcome &outcome)
{
    if (m_state != State::Calling)
        return;
    const Stages st = stages();
    const auto answer = outcome.ok() ? headless::readAuthorizeAnswer(outcome.response) : std::nullopt;
    if (!outcome.ok()) {
        end(errorFromFailedOutcome(outcome, {http(), stageLabel(st.authorize), u"the site's /authorize"_s}));
        return;
    }
    if (!answer || answer->code().isEmpty()) {
        FlowError e = authorizeRefusal(outcome);
        if (e.error == u"redirect_uri_mismatch") // which URL, and why this one (HeadlessConfig::chooseRedirectUri)
            e.explanation = ErrorCatalog::explain(e.error, e.errorDescription).explanation +
                            u" This run sent redirect_uri=%1 (the site's echo endpoint unless the profile's callbackUrl "
                            "is a non-loopback URL): add it to the app's Callback URLs."_s.arg(m_config.redirectUri);
        end(e);
        return;
    }
    if (answer->state() != m_secrets.state) { // RFC 6749 §10.12: not this run's answer
        FlowError e;
        e.kind = FlowError::Kind::Protocol;
        e.stage = stageTitle(st.authorize);
        e.explanation = u"The answer's state does not match the one this run sent; its code was not used (RFC 6749 §10.12)."_s;
        end(e);
        return;
    }
    m_code = answer->code();
    http().redactor().addKnownSecret({u"code"_s, m_code.toUtf8()});
    const QString how = answer->location.isEmpty()
                            ? u"HTTP %1 with JSON: a code and the expected state"_s.arg(outcome.response.status)
                            : u"HTTP %1 to %2: a code and the expected state"_s.arg(outcome.response.status).arg(
                                  answer->location.toString(QUrl::RemoveQuery));
    // --json shows the answer decoded (§6.2): the redirect without its query, and its fields.
    setCheck(u"authorizeAnswer"_s, QJsonObject{{u"status"_s, outcome.response.status},
                                               {u"redirect"_s, answer->location.toString(QUrl::RemoveQuery)},
                                               {u"fields"_s, masked(answer->fields)}});
    finishStage(st.authorize, StageState::Done, how);
    if (!answer->location.isEmpty() && headless::isEchoEndpoint(m_config, answer->location)) {
        readEcho(answer->location);
        return;
    }
    finishStage(st.readCode, StageState::Skipped,
                answer->location.isEmpty() ? u"/authorize answered with the code itself"_s
                                           : u"redirect_uri is not the echo endpoint: the code was read from the Location"_s);
    exchangeCode(answer->fields);
}

// §6.8: what browser JavaScript does with the 302 — follow it to the echo endpoint, read the JSON.
void HeadlessFlow::readEcho(const QUrl &location)
{
    const int stage = stages().readCode;
    enterStage(stage, StageState::Running, location.toString(QUrl::RemoveQuery));
    connect(send(HttpRequest::get(location), stage), &HttpCall::finished, this, &HeadlessFlow::handleEchoAnswer);
}

void HeadlessFlow::handleEchoAnswer(const HttpOutcome &outcome)
{
    if (m_state != State::Calling)
        return;
    const int stage = stages().readCode;
    auto fields = interpretOAuthResponse(outcome, {http(), stageLabel(stage), u"the echo endpoint"_s});
    if (!fields) {
        end(fields.error());
        return;
    }
    if (fields->value(u"code").toString() != m_code) {
        FlowError e;
        e.kind = FlowError::Kind::Protocol;
        e.stage = stageTitle(stage);
        e.explanation = u"The echo endpoint's JSON does not carry the code of the redirect it was given (§6.8)."_s;
        end(e);
        return;
    }
    setCheck(u"echoAnswer"_s, masked(*fields));
    finishStage(stage, StageState::Done, u"JSON: %1"_s.arg(fields->keys().join(u", "_s)));
    exchangeCode(*fields);
}

void HeadlessFlow::exchangeCode(const QJsonObject &fields)
{
    const int stage = stages().tokenRequest;
    QString detail = m_config.tokenEndpoint.toString();
    // The code is traded where the profile says the site is, never at a host the answer names: the
    // client secret and the verifier go with it.
    const QUrl community(fields.value(u"sfdc_community_url").toString());
    if (!community.isEmpty() && community.adjusted(QUrl::StripTrailingSlash) != m_config.siteUrl.adjusted(QUrl::StripTrailingSlash))
        detail += u" (the answer names sfdc_community_url %1; the profile's site is used)"_s.arg(community.toString());
    enterStage(stage, StageState::Running, detail);
    const CodeExchange exchange{m_config.tokenEndpoint, m_code, m_secrets.codeVerifier, m_config.redirectUri,
                                ClientAuth::fromProfile(m_config.clientAuth, m_config.clientId, m_config.clientSecret)};
    connect(send(buildCodeExchangeRequest(exchange), stage), &HttpCall::finished, this,
            &HeadlessFlow::handleTokenAnswer);
}

// Server text as every view gets it: with the run's secrets (the code among them) masked.
QJsonObject HeadlessFlow::masked(const QJsonObject &fields)
{
    QJsonObject out;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        out.insert(it.key(), QString::fromUtf8(http().redactor().redactText(it.value().toString().toUtf8())));
    return out;
}

void HeadlessFlow::handleTokenAnswer(const HttpOutcome &outcome)
{
    if (m_state != State::Calling)
        return;
    m_state = State::CheckingTokens;
    const Stages st = stages();
    TokenCheckInputs inputs;
    inputs.clientSecret = m_config.clientSecret;
    inputs.discoveryUrl = m_config.discoveryUrl; // the site's own issuer and keys (§7.9)
    inputs.idToken.clientId = m_config.clientId;
    inputs.idToken.nowSeconds = m_clock.msecsSinceEpoch() / 1000;
    finishTokenRequest(st.tokenRequest, outcome, {st.verifyIdToken, st.verifySignature}, inputs);
}

} // namespace ecalab
