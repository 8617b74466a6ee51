#include "IdTokenVerifier.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

TokenExpectations IdTokenExpectations::toTokenExpectations() const
{
    TokenExpectations expected;
    expected.issuer = issuer;
    expected.audience = clientId;
    expected.nonce = nonce;
    expected.accessToken = accessToken;
    expected.now = QDateTime::fromSecsSinceEpoch(nowSeconds, Qt::UTC);
    expected.clockSkewSeconds = kIdTokenClockSkewSeconds;
    return expected;
}

IdTokenVerdict verifyIdToken(const QString &idToken, const QJsonObject &jwks, const IdTokenExpectations &expected)
{
    if (expected.issuer.isEmpty())
        return TokenVerdict::refused(u"there is no issuer to check the ID token's iss against"_s);
    if (expected.clientId.isEmpty())
        return TokenVerdict::refused(u"there is no consumer key to check the ID token's aud against"_s);
    return verifyJwt(idToken, jwks, expected.toTokenExpectations());
}

IdTokenVerification::IdTokenVerification(HttpClient &http, QString stage, QObject *parent)
    : QObject(parent), m_verification(http, StageLabel{{}, std::move(stage)})
{
    connect(&m_verification, &TokenVerification::finished, this, &IdTokenVerification::finished);
}

// The issuer comes from the discovery document (TokenVerification takes it when none is given).
void IdTokenVerification::start(const QUrl &discoveryUrl, const QString &idToken, const IdTokenExpectations &expected)
{
    m_verification.startAtDiscoveryUrl(discoveryUrl, idToken, expected.toTokenExpectations());
}

void IdTokenVerification::start(const QJsonObject &discovery, const QString &idToken,
                                const IdTokenExpectations &expected)
{
    m_verification.start(discovery, idToken, expected.toTokenExpectations());
}

void IdTokenVerification::abort()
{
    m_verification.abort();
}

} // namespace ecalab
