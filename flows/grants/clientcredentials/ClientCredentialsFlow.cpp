#include "ClientCredentialsFlow.h"

#include "grants/FlowRegistry.h"
#include "oauth/ClientAuth.h"
#include "oauth/Endpoints.h"
#include "profile/ProfileChecks.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kName = u"client-credentials"_s;
const QString kTitle = u"Client credentials"_s;
const QString kCheckStage = ClientCredentialsFlow::kStages[ClientCredentialsFlow::CheckSettings].title.toString();
} // namespace

FieldProblems ClientCredentialsConfig::validate(const Profile &profile)
{
    FieldProblems problems;
    checks::loginUrl(profile, checks::LoginHost::MyDomainOnly, problems);
    checks::clientId(profile, problems);
    checks::clientSecret(profile, checks::Secret::Required, kTitle, problems);
    return problems;
}

Expected<ClientCredentialsConfig, FlowError> ClientCredentialsConfig::fromProfile(const Profile &profile)
{
    if (auto problem = checks::firstBlocking(validate(profile), kCheckStage))
        return unexpected(*problem);
    ClientCredentialsConfig config;
    config.tokenEndpoint = endpointUrl(profile.loginUrl, endpoints::kToken);
    config.clientId = profile.clientId;
    config.clientSecret = profile.clientSecret;
    config.clientAuth = profile.clientAuth;
    return config;
}

FlowDescriptor clientCredentialsDescriptor()
{
    FlowDescriptor d;
    d.name = kName;
    d.title = kTitle;
    d.summary = u"Server-to-server token for the app's Run As user (My Domain only)"_s;
    d.fields = {{ProfileField::LoginUrl, true, u"the org's My Domain; the generic login hosts refuse this grant"_s},
                {ProfileField::ClientId, true, u"the consumer key"_s},
                {ProfileField::ClientSecret, true, u"the consumer secret (or ECALAB_CLIENT_SECRET)"_s},
                {ProfileField::ClientAuth, false, u"post (in the body, default) or basic (HTTP Basic)"_s}};
    // §2: the request carries no scope; the token gets the scopes the app is given in Setup.
    d.notes = {{ProfileField::Scopes, u"Not sent: the token gets the scopes the app is given in Setup "
                                      "(OAuth Settings → Selected OAuth Scopes)."_s}};
    d.validate = &ClientCredentialsConfig::validate;
    d.create = [](const Profile &profile, const FlowContext &context) -> std::unique_ptr<Flow> {
        return std::make_unique<ClientCredentialsFlow>(profile, context.http);
    };
    return d;
}

QString ClientCredentialsFlow::name() const
{
    return kName;
}

QString ClientCredentialsFlow::title() const
{
    return kTitle;
}

// §2: the secret in the body or as HTTP Basic, both verified by Salesforce.
HttpRequest ClientCredentialsFlow::buildTokenRequest(const ClientCredentialsConfig &config)
{
    const ClientAuth client = ClientAuth::fromProfile(config.clientAuth, config.clientId, config.clientSecret);
    return client.formPost(config.tokenEndpoint, {{u"grant_type"_s, u"client_credentials"_s}});
}

ClientCredentialsFlow::ClientCredentialsFlow(const Profile &profile, HttpClient &http, QObject *parent)
    : Flow(http, parent), m_profile(profile)
{
}

void ClientCredentialsFlow::start()
{
    if (m_state == State::RequestingToken)
        return;
    resetRun(kStages);
    enterStage(CheckSettings);
    auto config = ClientCredentialsConfig::fromProfile(m_profile);
    if (!config) {
        m_state = State::Finished;
        fail(config.error());
        return;
    }
    m_config = std::move(config.value());
    finishStage(CheckSettings, StageState::Done);

    m_state = State::RequestingToken;
    http().redactor().addKnownSecret({u"client_secret"_s, m_config.clientSecret.toUtf8()});
    enterStage(TokenRequest, StageState::Running, m_config.tokenEndpoint.toString());
    m_call = http().send(buildTokenRequest(m_config), stageLabel(TokenRequest));
    connect(m_call, &HttpCall::finished, this, &ClientCredentialsFlow::handleTokenResponse);
}

void ClientCredentialsFlow::cancel()
{
    if (m_state != State::RequestingToken)
        return;
    if (m_call)
        m_call->abort(); // answers through handleTokenResponse with Failure::Aborted
}

void ClientCredentialsFlow::handleTokenResponse(const HttpOutcome &outcome)
{
    if (m_state != State::RequestingToken)
        return; // a late answer after the run ended: ignore it, as Qt's OAuth flows do
    m_state = State::Finished;
    TokenCheckInputs inputs;
    inputs.clientSecret = m_config.clientSecret;
    // §2 returns no id_token: only the signature is checked.
    finishTokenRequest(TokenRequest, outcome, {-1, VerifySignature}, inputs);
}

} // namespace ecalab
