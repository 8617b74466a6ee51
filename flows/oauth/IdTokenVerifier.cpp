#include "IdTokenVerifier.h"

#include "core/FormEncoding.h"
#include "crypto/Digest.h"
#include "http/HttpClient.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
bool audienceMatches(const QJsonValue &aud, const QString &clientId)
{
    if (aud.isString())
        return aud.toString() == clientId;
    return aud.isArray() && aud.toArray().contains(QJsonValue(clientId));
}

// The claim checks after the signature; returns the first problem, appending what passed.
QString checkClaims(const QJsonObject &claims, const IdTokenExpectations &expected, QStringList &passed)
{
    const QString iss = claims.value(u"iss").toString();
    if (iss != expected.issuer)
        return u"iss is \"%1\", the discovery document's issuer is \"%2\""_s.arg(iss, expected.issuer);
    passed.append(u"iss"_s);
    if (!audienceMatches(claims.value(u"aud"), expected.clientId))
        return u"aud does not name this app's consumer key"_s;
    passed.append(u"aud"_s);
    if (!claims.value(u"exp").isDouble())
        return u"exp is missing"_s;
    const qint64 exp = qint64(claims.value(u"exp").toDouble());
    if (exp + kIdTokenClockSkewSeconds < expected.nowSeconds)
        return u"it expired %1 s ago (exp %2)"_s.arg(expected.nowSeconds - exp).arg(exp);
    passed.append(u"exp"_s);
    if (!expected.nonce.isEmpty()) {
        if (claims.value(u"nonce").toString() != expected.nonce)
            return claims.contains(u"nonce") ? u"nonce does not match the one sent"_s : u"nonce is missing"_s;
        passed.append(u"nonce"_s);
    }
    if (!expected.accessToken.isEmpty() && claims.contains(u"at_hash")) {
        if (claims.value(u"at_hash").toString() != accessTokenHash(expected.accessToken))
            return u"at_hash does not match the access token"_s;
        passed.append(u"at_hash"_s);
    }
    return {};
}
} // namespace

QString accessTokenHash(const QString &accessToken)
{
    const QByteArray digest = crypto::sha256(accessToken.toLatin1());
    return QString::fromLatin1(base64UrlEncode(digest.left(digest.size() / 2)));
}

IdTokenVerdict verifyIdToken(const QString &idToken, const QJsonObject &jwks, const IdTokenExpectations &expected)
{
    IdTokenVerdict verdict;
    auto jwt = Jwt::parse(idToken);
    if (!jwt) {
        verdict.problem = jwt.error();
        return verdict;
    }
    const QString alg = jwt->header.value(u"alg").toString();
    if (alg != u"RS256") {
        verdict.problem = u"alg is \"%1\"; Salesforce signs ID tokens with RS256 (§7.7)"_s.arg(alg);
        return verdict;
    }
    const QString kid = jwt->header.value(u"kid").toString();
    auto key = findSigningKey(jwks, kid);
    if (!key) {
        verdict.problem = key.error();
        return verdict;
    }
    auto signature = verifyRs256(*jwt, *key);
    if (!signature || !*signature) {
        verdict.problem = signature ? u"the RS256 signature does not verify with key \"%1\""_s.arg(kid) : signature.error();
        return verdict;
    }
    verdict.passed.append(u"signature RS256 (kid %1)"_s.arg(kid));
    verdict.problem = checkClaims(jwt->claims, expected, verdict.passed);
    return verdict;
}

IdTokenVerification::IdTokenVerification(HttpClient &http, QString stage, QObject *parent)
    : QObject(parent), m_http(http), m_stage(std::move(stage))
{
}

void IdTokenVerification::start(const QUrl &discoveryUrl, const QString &idToken, const IdTokenExpectations &expected)
{
    m_idToken = idToken;
    m_expected = expected;
    m_done = false;
    m_call = m_http.send(HttpRequest::get(discoveryUrl), m_stage);
    connect(m_call, &HttpCall::finished, this, &IdTokenVerification::onDiscovery);
}

void IdTokenVerification::start(const QJsonObject &discovery, const QString &idToken, const IdTokenExpectations &expected)
{
    m_idToken = idToken;
    m_expected = expected;
    m_done = false;
    fetchJwks(discovery);
}

void IdTokenVerification::abort()
{
    if (m_call)
        m_call->abort();
}

Expected<QJsonObject, QString> IdTokenVerification::readJson(const HttpOutcome &outcome, const QString &what) const
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

void IdTokenVerification::onDiscovery(const HttpOutcome &outcome)
{
    auto discovery = readJson(outcome, u"discovery document"_s);
    if (!discovery) {
        finish({discovery.error(), {}});
        return;
    }
    fetchJwks(*discovery);
}

void IdTokenVerification::fetchJwks(const QJsonObject &discovery)
{
    const QUrl jwksUri(discovery.value(u"jwks_uri").toString());
    m_expected.issuer = discovery.value(u"issuer").toString();
    if (!jwksUri.isValid() || jwksUri.scheme().isEmpty() || m_expected.issuer.isEmpty()) {
        finish({u"the discovery document has no issuer or jwks_uri"_s, {}});
        return;
    }
    m_call = m_http.send(HttpRequest::get(jwksUri), m_stage);
    connect(m_call, &HttpCall::finished, this, &IdTokenVerification::onJwks);
}

void IdTokenVerification::onJwks(const HttpOutcome &outcome)
{
    auto jwks = readJson(outcome, u"JWKS"_s);
    if (!jwks) {
        finish({jwks.error(), {}});
        return;
    }
    finish(verifyIdToken(m_idToken, *jwks, m_expected));
}

void IdTokenVerification::finish(const IdTokenVerdict &verdict)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(verdict);
}

} // namespace ecalab
