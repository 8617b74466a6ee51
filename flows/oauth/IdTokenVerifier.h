#pragma once

#include "tokens/TokenVerification.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

namespace ecalab {

class HttpClient;

// The ID token as the flows check it: a thin layer over the one JWT verifier
// (tokens/TokenVerification.h), which makes every check.

// Allowed clock difference for exp/nbf/iat (OIDC Core §3.1.3.7 leaves it to the client). Salesforce's
// ID tokens once lived only 120 s (reference §7.7), so the skew stays small.
inline constexpr qint64 kIdTokenClockSkewSeconds = 60;

struct IdTokenExpectations
{
    QString issuer;      // the discovery document's `issuer`
    QString clientId;    // `aud`
    QString nonce;       // empty: no nonce was sent, none is required
    QString accessToken; // for `at_hash`; empty: not checked
    qint64 nowSeconds = 0;

    // An ID token is always checked for iss and aud: the issuer and client id go through as they are.
    TokenExpectations toTokenExpectations() const;
};

// The result of one verification: `problem` empty means every check passed.
using IdTokenVerdict = TokenVerdict;

// OIDC Core §3.1.3.7 checks on a token whose JWKS is already at hand (pure; unit-tested with keys
// generated in the test). An empty issuer or client id is a problem: an ID token is never taken
// without both checks.
IdTokenVerdict verifyIdToken(const QString &idToken, const QJsonObject &jwks, const IdTokenExpectations &expected);

// Fetches discovery (`/.well-known/openid-configuration` on the login host) and its `jwks_uri`
// as recorded exchanges, then verifies (TokenVerification: a kid not in the JWKS refetches it
// once). Emits `finished` exactly once per start() unless abort() came first.
class IdTokenVerification : public QObject
{
    Q_OBJECT
public:
    IdTokenVerification(HttpClient &http, QString stage, QObject *parent = nullptr);
    void start(const QUrl &discoveryUrl, const QString &idToken, const IdTokenExpectations &expected);
    // With the discovery document already read by the flow: only the JWKS is fetched.
    void start(const QJsonObject &discovery, const QString &idToken, const IdTokenExpectations &expected);
    void abort();

Q_SIGNALS:
    void finished(const ecalab::TokenVerdict &verdict);

private:
    TokenVerification m_verification;
};

} // namespace ecalab
