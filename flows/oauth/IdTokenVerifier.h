#pragma once

#include "core/Expected.h"
#include "oauth/Jwt.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace ecalab {

class HttpCall;
class HttpClient;
struct HttpOutcome;

// Allowed clock difference for exp/iat (OIDC Core §3.1.3.7 leaves it to the client). Salesforce's
// ID tokens once lived only 120 s (reference §7.7), so the skew stays small.
inline constexpr qint64 kIdTokenClockSkewSeconds = 60;

struct IdTokenExpectations
{
    QString issuer;      // the discovery document's `issuer`
    QString clientId;    // `aud`
    QString nonce;       // empty: no nonce was sent, none is required
    QString accessToken; // for `at_hash`; empty: not checked
    qint64 nowSeconds = 0;
};

// The result of one verification: `problem` empty means every check passed.
struct IdTokenVerdict
{
    QString problem;
    QStringList passed; // "signature RS256 (kid 248)", "iss", "aud", "exp", "nonce", "at_hash"
    bool valid() const { return problem.isEmpty(); }
    QString checkValue() const { return valid() ? QStringLiteral("valid") : QStringLiteral("invalid: ") + problem; }
};

// OIDC Core §3.1.3.7 checks on a token whose JWKS is already at hand (pure; unit-tested with keys
// generated in the test).
IdTokenVerdict verifyIdToken(const QString &idToken, const QJsonObject &jwks, const IdTokenExpectations &expected);
// OIDC Core §3.1.3.6: BASE64URL(left half of SHA-256(access_token)).
QString accessTokenHash(const QString &accessToken);

// Fetches discovery (`/.well-known/openid-configuration` on the login host) and its `jwks_uri`
// as recorded exchanges, then verifies. Emits `finished` exactly once.
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
    void finished(const ecalab::IdTokenVerdict &verdict);

private:
    void onDiscovery(const HttpOutcome &outcome);
    void fetchJwks(const QJsonObject &discovery);
    void onJwks(const HttpOutcome &outcome);
    void finish(const IdTokenVerdict &verdict);
    Expected<QJsonObject, QString> readJson(const HttpOutcome &outcome, const QString &what) const;

    HttpClient &m_http;
    QString m_stage;
    QString m_idToken;
    IdTokenExpectations m_expected;
    QPointer<HttpCall> m_call;
    bool m_done = false;
};

} // namespace ecalab
