#include "TokenReport.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
QString row(const QString &name, const QString &value, const QString &meaning = {})
{
    QString line = u"  %1 %2"_s.arg(name.leftJustified(16), value);
    if (!meaning.isEmpty())
        line += u"   — "_s + meaning;
    return line + u'\n';
}

QString shownValue(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

QString utc(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
}

QString statusLine(const TokenStatus &status, const QDateTime &now)
{
    QString line = u"State: %1"_s.arg(status.label());
    QStringList details;
    if (!status.source.isEmpty())
        details.append(u"from the %1"_s.arg(status.source));
    if (status.checkedAt.isValid())
        details.append(u"checked %1"_s.arg(utc(status.checkedAt)));
    if (status.expiresAt)
        details.append(u"expires %1 (%2)"_s.arg(utc(*status.expiresAt), relativeTime(*status.expiresAt, now)));
    if (!details.isEmpty())
        line += u" ("_s + details.join(u"; "_s) + u')';
    return line + u'\n';
}

// The claim lines of one part ("header" or "claims") under their heading.
QString partLines(const DecodedToken &decoded, const QString &part, const QString &heading)
{
    QString text;
    for (const ClaimLine &line : decoded.lines) {
        if (line.part == part)
            text += row(line.name, line.value, line.meaning);
    }
    return text.isEmpty() ? QString() : heading + u":\n"_s + text;
}
} // namespace

QString maskedToken(const QString &token, const DecodedToken &decoded)
{
    const QString length = u"(%1 characters)"_s.arg(token.size());
    switch (decoded.format) {
    case TokenFormat::Jwt: return u"JWT "_s + length;
    case TokenFormat::SalesforceSession: return u"Salesforce session token 00D…!… "_s + length;
    case TokenFormat::Opaque: return u"opaque token "_s + length;
    case TokenFormat::Malformed: break;
    }
    return u"not a token "_s + length;
}

QString decodedReport(const QString &token, const DecodedToken &decoded)
{
    QString text = u"Token: %1, not shown\n"_s.arg(maskedToken(token, decoded));
    if (decoded.format == TokenFormat::Malformed)
        return text + u"It cannot be read: %1\n"_s.arg(decoded.problem);
    text += decoded.summary() + u'\n';
    if (!decoded.orgId.isEmpty())
        text += row(u"org ID"_s, decoded.orgId);
    return text + partLines(decoded, u"header"_s, u"Header"_s) + partLines(decoded, u"claims"_s, u"Claims"_s);
}

QString verdictReport(const TokenVerdict &verdict)
{
    if (!verdict.valid())
        return u"✖ Not verified: %1\n"_s.arg(verdict.problem);
    return u"✔ Verified: %1\n"_s.arg(verdict.passed.join(u", "_s));
}

QString toolReport(const TokenActionResult &result, const QDateTime &now)
{
    QString text;
    if (!result.summary.isEmpty())
        text += u"%1: %2\n"_s.arg(tokenActionName(result.action), result.summary);
    for (auto it = result.fields.begin(); it != result.fields.end(); ++it)
        text += row(it.key(), shownValue(it.value()));
    if (result.status)
        text += statusLine(*result.status, now);
    return text;
}

QJsonObject verdictJson(const TokenVerdict &verdict)
{
    return {{u"valid"_s, verdict.valid()},
            {u"check"_s, verdict.checkValue()},
            {u"problem"_s, verdict.problem},
            {u"passed"_s, QJsonArray::fromStringList(verdict.passed)},
            {u"keyId"_s, verdict.keyId}};
}

QJsonObject resultJson(const TokenActionResult &result)
{
    return {{u"action"_s, tokenActionName(result.action)}, {u"summary"_s, result.summary}, {u"fields"_s, result.fields}};
}

QJsonValue statusJson(const std::optional<TokenStatus> &status)
{
    if (!status)
        return QJsonValue::Null;
    return QJsonObject{{u"state"_s, status->label()},
                       {u"checkedAt"_s, status->checkedAt.toUTC().toString(Qt::ISODate)},
                       {u"expiresAt"_s, status->expiresAt ? QJsonValue(status->expiresAt->toUTC().toString(Qt::ISODate))
                                                          : QJsonValue(QJsonValue::Null)},
                       {u"source"_s, status->source}};
}

std::optional<TokenStatus> statusFromExp(const DecodedToken &decoded, const QDateTime &now)
{
    const auto exp = decoded.expiresAt();
    if (!exp)
        return std::nullopt;
    TokenStatus status;
    status.expiresAt = exp;
    status.state = *status.expiresAt < now ? TokenStatus::State::Expired : TokenStatus::State::Unknown;
    status.checkedAt = now;
    status.source = u"exp claim"_s;
    return status;
}

QString tokenHelpText()
{
    return uR"(Usage:
  ecalab token decode [--json] TOKEN|-
  ecalab token verify [--profile NAME|FILE] [--set KEY=VALUE] [--json] TOKEN|-
  ecalab token introspect|revoke [--refresh] [--profile NAME|FILE] [--set KEY=VALUE] [--json] TOKEN|-
  ecalab token userinfo [--profile NAME|FILE] [--set KEY=VALUE] [--json] TOKEN|-
  ecalab token identity --id URL [--json] TOKEN|-

TOKEN is the token itself, or - to read it from stdin (one line; safer: a command-line argument is
visible in the process list and the shell history). The token is never printed: the report shows
its format and length only.

  decode      what the token is: a JWT's header and claims (times in UTC and relative, known
              claims explained), a Salesforce session token's org ID (00D…!… is opaque), or why
              it is no token at all. No request is sent
  verify      a JWT (ID token or JWT access token) checked against the org: the JWKS found through
              discovery on the profile's loginUrl, signature RS256 (kid; a rotated key refetches
              the JWKS once), iss (the discovery issuer), aud (the profile's clientId), exp/nbf
              with 60 s of clock skew. A failed check exits 1 with the reason
  introspect  ask the org whether the token is active, its scope, user and expiry (§7.4; with
              the client's authentication: clientId and its secret)
  userinfo    the user the token belongs to (§7.5)
  identity    the identity URL (the token response's `id`, given with --id URL) with the token (§7.6)
  revoke      end the token (§7.3): an access token ends its session, a refresh token its approval

Options:
  --profile NAME|FILE   a saved profile (ecalab profiles list), or a profile JSON file: the org and
                        client the token belongs to (loginUrl, clientId, clientAuth)
  --set KEY=VALUE       override one profile field (repeatable), as for ecalab run
  --refresh             introspect, revoke: TOKEN is a refresh token (else an access token)
  --id URL              identity: the identity URL, https://…/id/<org id>/<user id>
  --timeout SECONDS     give up on a request after SECONDS (exit 3)
  --json                print one JSON object on stdout:
                        {"command": "token ACTION", "ok", "decoded" | "verdict" | "result": {…},
                         "status": {"state", "checkedAt", "expiresAt", "source"} | null,
                         "error": {…} | null, "exchanges": [… redacted …]}
  --help                this text

The client secret comes from ECALAB_CLIENT_SECRET or the keychain entry of a saved profile.

Exit codes: 0 done (also when introspection says the token is inactive), 1 the org refused, its
answer is not usable, or the token failed verification (or cannot be read), 2 usage or
configuration error (no token, a profile without loginUrl or clientId), 3 network, TLS or timeout,
4 cancelled.
)"_s;
}

} // namespace ecalab::app
