#include "ClientCredentialsFlow.h"

#include "grants/FlowRegistry.h"
#include "oauth/Endpoints.h"
#include "profile/ProfileChecks.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kName = u"client-credentials"_s;
const QString kTitle = u"Client credentials"_s;
const QString kCheckStage = u"Check settings"_s;
const QString kTokenStage = u"Token request"_s;
const QString kSignatureStage = u"Verify signature"_s;
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

HttpRequest ClientCredentialsFlow::buildTokenRequest(const ClientCredentialsConfig &config)
{
    FormFields fields{{u"grant_type"_s, u"client_credentials"_s}};
    if (config.clientAuth == ClientAuthMethod::Post) {
        fields.append({u"client_id"_s, config.clientId});
        fields.append({u"client_secret"_s, config.clientSecret});
    }
    HttpRequest request = HttpRequest::formPost(config.tokenEndpoint, fields);
    if (config.clientAuth == ClientAuthMethod::Basic) {
        // Salesforce consumer keys and secrets are URL-safe already; they are sent as-is, the way
        // simple-salesforce and the Salesforce docs build the header (§2).
        const QByteArray credentials = (config.clientId + u':' + config.clientSecret).toUtf8().toBase64();
        request.setHeader("Authorization", "Basic " + credentials);
    }
    return request;
}

ClientCredentialsFlow::ClientCredentialsFlow(const Profile &profile, HttpClient &http, QObject *parent)
    : Flow(http, parent), m_profile(profile)
{
}

void ClientCredentialsFlow::start()
{
    if (m_state == State::RequestingToken)
        return;
    resetRun({kCheckStage, kTokenStage, kSignatureStage});
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
    m_call = http().send(buildTokenRequest(m_config), kTokenStage);
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
    auto tokens = interpretTokenResponse(outcome, kTokenStage);
    if (!tokens) {
        fail(tokens.error());
        return;
    }
    finishStage(TokenRequest, StageState::Done, u"HTTP %1"_s.arg(outcome.response.status));
    verifySignatureStage(VerifySignature, *tokens, m_config.clientSecret);
    succeed(*tokens);
}

} // namespace ecalab
