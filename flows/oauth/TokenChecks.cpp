#include "TokenChecks.h"

#include "http/HttpClient.h"

namespace ecalab {

TokenChecks::TokenChecks(HttpClient &http, StageLabel idTokenStage, QObject *parent)
    : QObject(parent), m_http(http), m_idTokenStage(std::move(idTokenStage))
{
}

TokenChecks::~TokenChecks() = default;

bool TokenChecks::checksIdToken(const TokenSet &tokens, const TokenCheckInputs &inputs)
{
    return !tokens.idToken.isEmpty() && (inputs.discovery || !inputs.discoveryUrl.isEmpty());
}

void TokenChecks::start(const TokenSet &tokens, const TokenCheckInputs &inputs)
{
    abort();
    m_tokens = tokens;
    m_clientSecret = inputs.clientSecret;
    m_results = {};
    if (!checksIdToken(tokens, inputs)) {
        finish();
        return;
    }
    IdTokenExpectations expected = inputs.idToken;
    expected.accessToken = tokens.accessToken; // at_hash (OIDC Core §3.1.3.8)
    // IdTokenVerification takes the stage's title; the HttpClient finds its id among the declared stages.
    m_verification = std::make_unique<IdTokenVerification>(m_http, m_idTokenStage.title);
    connect(m_verification.get(), &IdTokenVerification::finished, this, &TokenChecks::onIdTokenVerdict);
    if (inputs.discovery)
        m_verification->start(*inputs.discovery, tokens.idToken, expected);
    else
        m_verification->start(inputs.discoveryUrl, tokens.idToken, expected);
}

void TokenChecks::abort()
{
    if (!m_verification)
        return;
    m_verification->disconnect(this);
    m_verification->abort();
}

void TokenChecks::onIdTokenVerdict(const IdTokenVerdict &verdict)
{
    m_results.idToken = verdict;
    finish();
}

// A failed ID token does not skip the signature: both verdicts are reported, the first failure
// is the one the run names (Flow::failCheck).
void TokenChecks::finish()
{
    m_results.signature = m_tokens.verifySignature(m_clientSecret);
    Q_EMIT finished(m_results);
}

} // namespace ecalab
