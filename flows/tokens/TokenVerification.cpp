#include "TokenVerification.h"

#include "core/FormEncoding.h"
#include "core/JsonNumbers.h"
#include "crypto/Digest.h"
#include "http/HttpClient.h"
#include "oauth/Endpoints.h"
#include "oauth/Jwt.h"
#include "tokens/TokenDecoding.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
// RFC 8725 §3.1: the header is attacker-chosen, so the algorithm is fixed here, never taken from it.
QString algorithmProblem(const QJsonObject &header)
{
    if (!header.contains(u"alg"))
        return u"the header names no alg; only RS256 is accepted"_s;
    const QString alg = header.value(u"alg").toString();
    if (alg == u"RS256")
        return {};
    if (alg.compare(u"none", Qt::CaseInsensitive) == 0)
        return u"alg is \"%1\": the token is unsigned, so nothing vouches for its claims; only RS256 is accepted "
               u"(RFC 8725 §3.1)"_s.arg(alg);
    if (alg.startsWith(u"HS"))
        return u"alg is \"%1\": an HMAC, which Salesforce never issues; a verifier that took the org's public key as "
               u"the HMAC secret would accept a forgery (key confusion, RFC 8725 §2.1); only RS256 is accepted"_s.arg(
                   alg);
    return u"alg is \"%1\"; Salesforce signs its tokens with RS256 (§7.7) and nothing else is accepted"_s.arg(alg);
}

bool audienceMatches(const QJsonValue &aud, const QString &audience)
{
    if (aud.isString())
        return aud.toString() == audience;
    return aud.isArray() && aud.toArray().contains(QJsonValue(audience));
}

QString audienceText(const QJsonValue &aud)
{
    if (aud.isString())
        return u"\"%1\""_s.arg(aud.toString());
    if (aud.isArray()) {
        QStringList names;
        for (const QJsonValue &value : aud.toArray())
            names.append(u"\"%1\""_s.arg(value.toString()));
        return names.isEmpty() ? u"an empty list"_s : names.join(u", "_s);
    }
    return u"missing"_s;
}

QString skew(const TokenExpectations &expected)
{
    return u"%1 s skew"_s.arg(expected.clockSkewSeconds);
}

// exp is required; nbf and iat are checked when present (RFC 7519 §4.1.4–6), each with the skew.
QString checkTimes(const QJsonObject &claims, const TokenExpectations &expected, QStringList &passed)
{
    const QDateTime now = expected.now.isValid() ? expected.now : QDateTime::currentDateTimeUtc();
    const qint64 nowSeconds = now.toSecsSinceEpoch();
    const qint64 allowance = expected.clockSkewSeconds;
    const QJsonValue expValue = claims.value(u"exp");
    if (expValue.isUndefined())
        return u"exp is missing: a token without an expiry is refused"_s;
    if (!expValue.isDouble())
        return u"exp is not a number of seconds"_s;
    const qint64 exp = jsonEpochSeconds(expValue.toDouble());
    if (nowSeconds > exp + allowance)
        return u"it expired: exp is %1, beyond the %2 s clock-skew allowance"_s.arg(describeEpochSeconds(exp, now))
            .arg(allowance);
    passed.append(u"exp (%1)"_s.arg(skew(expected)));
    if (const QJsonValue nbfValue = claims.value(u"nbf"); !nbfValue.isUndefined()) {
        if (!nbfValue.isDouble())
            return u"nbf is not a number of seconds"_s;
        const qint64 nbf = jsonEpochSeconds(nbfValue.toDouble());
        if (nowSeconds + allowance < nbf)
            return u"it is not valid yet: nbf is %1, beyond the %2 s clock-skew allowance"_s
                .arg(describeEpochSeconds(nbf, now))
                .arg(allowance);
        passed.append(u"nbf (%1)"_s.arg(skew(expected)));
    }
    if (const QJsonValue iatValue = claims.value(u"iat"); !iatValue.isUndefined()) {
        if (!iatValue.isDouble())
            return u"iat is not a number of seconds"_s;
        const qint64 iat = jsonEpochSeconds(iatValue.toDouble());
        if (nowSeconds + allowance < iat)
            return u"it was issued in the future: iat is %1, beyond the %2 s clock-skew allowance; this "
                   u"computer's clock or the server's is wrong"_s.arg(describeEpochSeconds(iat, now))
                       .arg(allowance);
        passed.append(u"iat (%1)"_s.arg(skew(expected)));
    }
    return {};
}

// The claim checks after the signature (OIDC Core §3.1.3.7, RFC 7519 §4.1); the first problem,
// with what passed appended.
QString checkClaims(const QJsonObject &claims, const TokenExpectations &expected, QStringList &passed)
{
    if (!expected.issuer.isEmpty()) {
        if (!claims.contains(u"iss"))
            return u"iss is missing; the org's issuer is \"%1\""_s.arg(expected.issuer);
        if (const QString iss = claims.value(u"iss").toString(); iss != expected.issuer)
            return u"iss is \"%1\", the org's issuer is \"%2\""_s.arg(iss, expected.issuer);
        passed.append(u"iss"_s);
    }
    if (!expected.audience.isEmpty()) {
        const QJsonValue aud = claims.value(u"aud");
        if (!audienceMatches(aud, expected.audience))
            return u"aud is %1, not this app's consumer key \"%2\": the token was issued to another app"_s.arg(
                audienceText(aud), expected.audience);
        // OIDC Core §3.1.3.7 step 5: with several audiences, azp names the one it was issued to.
        if (const QString azp = claims.value(u"azp").toString(); claims.contains(u"azp") && azp != expected.audience)
            return u"azp is \"%1\", not this app's consumer key \"%2\""_s.arg(azp, expected.audience);
        passed.append(u"aud"_s);
    }
    if (const QString problem = checkTimes(claims, expected, passed); !problem.isEmpty())
        return problem;
    if (!expected.nonce.isEmpty()) {
        if (claims.value(u"nonce").toString() != expected.nonce)
            return claims.contains(u"nonce") ? u"nonce does not match the one sent"_s : u"nonce is missing"_s;
        passed.append(u"nonce"_s);
    }
    if (!expected.accessToken.isEmpty() && claims.contains(u"at_hash")) {
        if (claims.value(u"at_hash").toString() != accessTokenHash(expected.accessToken))
            return u"at_hash does not match the access token: this ID token was issued with another access token"_s;
        passed.append(u"at_hash"_s);
    }
    return {};
}

QString keyProblem(const QJsonObject &key, const QString &kid)
{
    if (const QString use = key.value(u"use").toString(); key.contains(u"use") && use != u"sig")
        return u"key \"%1\" is published for use \"%2\", not for signatures"_s.arg(kid, use);
    if (const QString alg = key.value(u"alg").toString(); key.contains(u"alg") && alg != u"RS256")
        return u"key \"%1\" is published for alg %2, not RS256"_s.arg(kid, alg);
    return {};
}

// verifyJwt, telling apart a kid the JWKS does not have (the network class refetches then).
TokenVerdict check(const QString &pasted, const QJsonObject &jwks, const TokenExpectations &expected, bool *kidMissing)
{
    TokenVerdict verdict;
    const QString token = normalizedToken(pasted);
    const DecodedToken decoded = decodeToken(token, expected.now);
    switch (decoded.format) {
    case TokenFormat::Jwt:
        break;
    case TokenFormat::SalesforceSession:
        verdict.problem = u"it is a Salesforce session token of org %1, not a JWT: it carries no signature to verify; "
                          u"introspection tells whether it is active"_s.arg(decoded.orgId);
        return verdict;
    case TokenFormat::Opaque:
        verdict.problem = u"it is an opaque token, not a JWT: it carries no signature to verify; introspection tells "
                          u"whether it is active"_s;
        return verdict;
    case TokenFormat::Malformed:
        verdict.problem = u"it is not a JWT: "_s + decoded.problem;
        return verdict;
    }
    auto jwt = Jwt::parse(token);
    if (!jwt) { // decodeToken read it; kept for the parse's own guarantees
        verdict.problem = u"it is not a JWT: "_s + jwt.error();
        return verdict;
    }
    if (QString problem = algorithmProblem(jwt->header); !problem.isEmpty()) {
        verdict.problem = std::move(problem);
        return verdict;
    }
    if (jwt->header.contains(u"crit")) {
        verdict.problem =
            u"the header lists crit parameters, which this verifier does not understand (RFC 7515 §4.1.11)"_s;
        return verdict;
    }
    const QString kid = jwt->header.value(u"kid").toString();
    verdict.keyId = kid;
    auto key = findSigningKey(jwks, kid);
    if (!key) {
        if (kidMissing)
            *kidMissing = !kid.isEmpty();
        verdict.problem = key.error();
        return verdict;
    }
    const QString keyId = key->value(u"kid").toString();
    verdict.keyId = keyId;
    if (QString problem = keyProblem(*key, keyId); !problem.isEmpty()) {
        verdict.problem = std::move(problem);
        return verdict;
    }
    auto signature = verifyRs256(*jwt, *key);
    if (!signature) {
        verdict.problem = signature.error();
        return verdict;
    }
    if (!*signature) {
        verdict.problem = u"the RS256 signature does not verify with key \"%1\": the token was altered, or signed by "
                          u"another key"_s.arg(keyId);
        return verdict;
    }
    verdict.passed.append(keyId.isEmpty() ? u"signature RS256 (the JWKS's only key)"_s
                                          : u"signature RS256 (kid %1)"_s.arg(keyId));
    verdict.problem = checkClaims(jwt->claims, expected, verdict.passed);
    return verdict;
}

// A verdict for keys that could not be read; unreachable when no HTTP answer came at all.
TokenVerdict keysProblem(const HttpOutcome &outcome, const QString &problem)
{
    using Failure = HttpOutcome::Failure;
    TokenVerdict verdict = TokenVerdict::refused(problem);
    verdict.keysUnreachable =
        outcome.failure == Failure::Transport || outcome.failure == Failure::Tls || outcome.failure == Failure::Timeout;
    return verdict;
}
} // namespace

TokenVerdict TokenVerdict::refused(const QString &problem)
{
    TokenVerdict verdict;
    verdict.problem = problem;
    return verdict;
}

QString TokenVerdict::checkValue() const
{
    return valid() ? u"valid"_s : u"invalid: "_s + problem;
}

QString accessTokenHash(const QString &accessToken)
{
    const QByteArray digest = crypto::sha256(accessToken.toLatin1());
    return QString::fromLatin1(base64UrlEncode(digest.left(digest.size() / 2)));
}

QString rotatedKeyProblem(const QString &kid)
{
    return u"the key (kid %1) that signed it is not in the org's JWKS any more: it was rotated away, or the token is "
           u"from another org"_s.arg(kid);
}

TokenVerdict verifyJwt(const QString &token, const QJsonObject &jwks, const TokenExpectations &expected)
{
    return check(token, jwks, expected, nullptr);
}

Expected<QJsonObject, QString> readJsonAnswer(const HttpOutcome &outcome, const QString &what)
{
    if (!outcome.ok())
        return unexpected(u"the %1 could not be fetched: %2"_s.arg(what, outcome.errorString));
    if (outcome.response.status != 200)
        return unexpected(u"the %1 answered HTTP %2"_s.arg(what).arg(outcome.response.status));
    const QJsonDocument doc = QJsonDocument::fromJson(outcome.response.body);
    if (!doc.isObject())
        return unexpected(u"the %1 is not a JSON object"_s.arg(what));
    return doc.object();
}

Expected<DiscoveredKeys, QString> readDiscovery(const QJsonObject &discovery, const QString &knownIssuer)
{
    DiscoveredKeys keys{QUrl(discovery.value(u"jwks_uri").toString()), knownIssuer};
    if (keys.issuer.isEmpty())
        keys.issuer = discovery.value(u"issuer").toString();
    if (!keys.jwksUri.isValid() || keys.jwksUri.scheme().isEmpty() || keys.issuer.isEmpty())
        return unexpected(u"the discovery document has no issuer or jwks_uri"_s);
    return keys;
}

TokenVerification::TokenVerification(HttpClient &http, StageLabel stage, QObject *parent)
    : QObject(parent), m_http(http), m_stage(std::move(stage))
{
}

TokenVerification::~TokenVerification()
{
    abort();
}

void TokenVerification::start(const QUrl &loginUrl, const QString &token, const TokenExpectations &expected)
{
    startAtDiscoveryUrl(endpointUrl(loginUrl, endpoints::kDiscovery), token, expected);
}

void TokenVerification::startAtDiscoveryUrl(const QUrl &discoveryUrl, const QString &token,
                                            const TokenExpectations &expected)
{
    abort();
    m_token = token;
    m_expected = expected;
    m_done = false;
    send(discoveryUrl, &TokenVerification::onDiscovery);
}

void TokenVerification::start(const QJsonObject &discovery, const QString &token, const TokenExpectations &expected)
{
    abort();
    m_token = token;
    m_expected = expected;
    m_done = false;
    fetchJwks(discovery);
}

void TokenVerification::abort()
{
    m_done = true;
    if (m_call) {
        m_call->disconnect(this);
        m_call->abort();
    }
}

// A stage known by its title only (IdTokenVerification's callers) is looked up among the declared stages.
void TokenVerification::send(const QUrl &url, void (TokenVerification::*then)(const HttpOutcome &))
{
    const HttpRequest request = HttpRequest::get(url);
    m_call = m_stage.id.isEmpty() ? m_http.send(request, m_stage.title) : m_http.send(request, m_stage);
    connect(m_call, &HttpCall::finished, this, then);
}

void TokenVerification::onDiscovery(const HttpOutcome &outcome)
{
    auto discovery = readJsonAnswer(outcome, u"discovery document"_s);
    if (!discovery) {
        finish(keysProblem(outcome, discovery.error()));
        return;
    }
    fetchJwks(*discovery);
}

void TokenVerification::fetchJwks(const QJsonObject &discovery)
{
    auto keys = readDiscovery(discovery, m_expected.issuer);
    if (!keys) {
        finish(TokenVerdict::refused(keys.error()));
        return;
    }
    m_jwksUri = keys->jwksUri;
    m_expected.issuer = keys->issuer;
    send(m_jwksUri, &TokenVerification::onJwks);
}

void TokenVerification::onJwks(const HttpOutcome &outcome)
{
    auto jwks = readJsonAnswer(outcome, u"JWKS"_s);
    if (!jwks) {
        finish(keysProblem(outcome, jwks.error()));
        return;
    }
    bool kidMissing = false;
    TokenVerdict verdict = check(m_token, *jwks, m_expected, &kidMissing);
    if (!kidMissing) {
        finish(verdict);
        return;
    }
    // §7.8: the org rotates its keys; a key newer than the copy just read may be published by now.
    send(m_jwksUri, &TokenVerification::onJwksRefetched);
}

void TokenVerification::onJwksRefetched(const HttpOutcome &outcome)
{
    auto jwks = readJsonAnswer(outcome, u"JWKS (fetched again for a kid it did not have)"_s);
    if (!jwks) {
        finish(keysProblem(outcome, jwks.error()));
        return;
    }
    bool kidMissing = false;
    TokenVerdict verdict = check(m_token, *jwks, m_expected, &kidMissing);
    if (kidMissing)
        verdict.problem = rotatedKeyProblem(verdict.keyId);
    finish(verdict);
}

void TokenVerification::finish(const TokenVerdict &verdict)
{
    if (m_done)
        return;
    m_done = true;
    m_call = nullptr;
    Q_EMIT finished(verdict);
}

} // namespace ecalab
