#include "ClientCredentialsFlow.h"

#include "oauth/Endpoints.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kCheckStage = u"Check settings"_s;
const QString kTokenStage = u"Token request"_s;
const QString kSignatureStage = u"Verify signature"_s;
} // namespace

Expected<ClientCredentialsConfig, FlowError> ClientCredentialsConfig::fromProfile(const Profile &profile)
{
    if (const QString problem = baseUrlProblem(profile.loginUrl, u"Login URL"_s); !problem.isEmpty())
        return unexpected(FlowError::configuration(
            kCheckStage, problem, u"Set Login URL to the org's My Domain, e.g. https://acme.my.salesforce.com."_s));
    if (profile.clientId.isEmpty())
        return unexpected(FlowError::configuration(kCheckStage, u"The consumer key (clientId) is empty."_s,
                                                   u"Copy it from the app's OAuth Settings → Consumer Key and Secret."_s));
    if (profile.clientSecret.isEmpty())
        return unexpected(FlowError::configuration(
            kCheckStage, u"The client credentials flow needs the consumer secret, and none is set."_s,
            u"Enter it in the profile (kept in the keychain), or set ECALAB_CLIENT_SECRET for `ecalab run`."_s));
    ClientCredentialsConfig config;
    config.tokenEndpoint = endpointUrl(profile.loginUrl, endpoints::kToken);
    config.clientId = profile.clientId;
    config.clientSecret = profile.clientSecret;
    config.clientAuth = profile.clientAuth;
    return config;
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
