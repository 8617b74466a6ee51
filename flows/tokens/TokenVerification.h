#pragma once

#include "core/Expected.h"
#include "http/Exchange.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

namespace ecalab {

class HttpCall;
class HttpClient;
struct HttpOutcome;

// What a JWT (ID token or JWT-format access token) must match (OIDC Core §3.1.3.7, RFC 7519 §4.1).
struct TokenExpectations
{
    QString issuer;      // the discovery document's issuer; empty: not checked
    QString audience;    // the client id; empty: not checked
    QString nonce;       // empty: none required
    QString accessToken; // for at_hash (ID tokens); empty: not checked
    QDateTime now;
    qint64 clockSkewSeconds = 60; // allowance on exp / nbf / iat, stated in the verdict
};

// One verification: `problem` empty means every check passed; `passed` lists what was checked.
struct TokenVerdict
{
    QString problem;
    QStringList passed; // "signature RS256 (kid 248)", "iss", "aud", "exp (60 s skew)", "nbf", "nonce", "at_hash"
    QString keyId;
    // The discovery document or the JWKS got no HTTP answer (network, TLS, timeout): the verdict
    // is about the way to the keys, not about the token (the CLI's exit 3, not 1).
    bool keysUnreachable = false;

    static TokenVerdict refused(const QString &problem); // nothing passed, for this reason
    bool valid() const { return problem.isEmpty(); }
    QString checkValue() const; // "valid" or "invalid: <problem>"
};

// The pure checks on a JWT whose JWKS is at hand. alg must be RS256 (none, HS256 with the public
// key as secret, … are refused: RFC 8725 §3.1).
TokenVerdict verifyJwt(const QString &token, const QJsonObject &jwks, const TokenExpectations &expected);

// OIDC Core §3.1.3.6: BASE64URL(left half of SHA-256(access_token)), the ID token's at_hash.
QString accessTokenHash(const QString &accessToken);

// The verdict when the token's kid is in neither the JWKS nor its refetch (§7.8: keys rotate).
QString rotatedKeyProblem(const QString &kid);

// The answer of a discovery document or JWKS request as a JSON object, or why it is none
// (`what` names the document in the message). Pure, for tests/fuzz.
Expected<QJsonObject, QString> readJsonAnswer(const HttpOutcome &outcome, const QString &what);

// What verification takes from a discovery document (OIDC Discovery §3): jwks_uri, and issuer
// unless `knownIssuer` is set. Either missing (or a jwks_uri without a scheme) is the error.
struct DiscoveredKeys
{
    QUrl jwksUri;
    QString issuer;
};
Expected<DiscoveredKeys, QString> readDiscovery(const QJsonObject &discovery, const QString &knownIssuer);

// Discovery (`/.well-known/openid-configuration` on `loginUrl`) → jwks_uri → verifyJwt, as
// recorded exchanges of `stage`. A kid that is not in the JWKS refetches it once (keys rotate,
// §7.8); still missing, the verdict says the key was rotated away. Emits finished exactly once
// per start() unless abort() came first.
class TokenVerification : public QObject
{
    Q_OBJECT
public:
    TokenVerification(HttpClient &http, StageLabel stage, QObject *parent = nullptr);
    ~TokenVerification() override;

    void start(const QUrl &loginUrl, const QString &token, const TokenExpectations &expected);
    // The discovery document at an explicit URL (a profile's discovery override).
    void startAtDiscoveryUrl(const QUrl &discoveryUrl, const QString &token, const TokenExpectations &expected);
    // With the discovery document already read: only the JWKS is fetched.
    void start(const QJsonObject &discovery, const QString &token, const TokenExpectations &expected);
    void abort(); // no `finished` after it

Q_SIGNALS:
    void finished(const ecalab::TokenVerdict &verdict);

private:
    void send(const QUrl &url, void (TokenVerification::*then)(const HttpOutcome &));
    void onDiscovery(const HttpOutcome &outcome);
    void fetchJwks(const QJsonObject &discovery);
    void onJwks(const HttpOutcome &outcome);
    void onJwksRefetched(const HttpOutcome &outcome);
    void finish(const TokenVerdict &verdict);

    HttpClient &m_http;
    StageLabel m_stage;
    QString m_token;
    TokenExpectations m_expected;
    QUrl m_jwksUri;
    QPointer<HttpCall> m_call;
    bool m_done = true;
};

} // namespace ecalab
