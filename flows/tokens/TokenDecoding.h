#pragma once

#include "core/TimeText.h" // relativeTime, localDateTimeText

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace ecalab {

// What a token is, before anything is trusted (§7.2, §7.7, RFC 7519): a JWT (ID token, JWT-format
// access token), a Salesforce session token `00D…!…` (opaque: only the org ID can be read from
// it), another opaque string, or something that is no token at all.
enum class TokenFormat { Jwt, SalesforceSession, Opaque, Malformed };
QString tokenFormatName(TokenFormat format); // "jwt", "salesforce-session", "opaque", "malformed"

// One line of the decoded view: a header or claim, its value as shown (times in local time and
// relative to now), and what it means in plain words (empty for claims nobody explains).
struct ClaimLine
{
    QString part; // "header" or "claims"
    QString name;
    QString value;
    QString meaning;
};

struct DecodedToken
{
    TokenFormat format = TokenFormat::Malformed;
    QJsonObject header;     // Jwt only
    QJsonObject claims;     // Jwt only
    QList<ClaimLine> lines; // Jwt: every header and claim field, in order
    QString orgId;          // SalesforceSession: the org ID before '!'; Jwt: from the claims when present
    QString problem;        // Malformed: why (not three parts, not base64url, not JSON, too long)
    QDateTime decodedAt;    // the `now` decodeToken was given: summary()'s relative times

    std::optional<QDateTime> expiresAt() const; // Jwt with a numeric exp: when it expires

    QString summary() const;    // one line: "JWT (RS256, kid 248) for ada@…, expires … (in 2 min)"
    QJsonObject toJson() const; // {"format","header","claims","orgId","problem"} for --json
};

// Longer than any token Salesforce issues by far; a bigger paste is not a token.
inline constexpr qsizetype kMaxTokenLength = 64 * 1024;

DecodedToken decodeToken(const QString &token, const QDateTime &now);

// A paste as a token: surrounding whitespace trimmed, a leading "Authorization:" and "Bearer "
// (people paste headers) removed. decodeToken and verifyJwt both read tokens through it.
QString normalizedToken(const QString &pasted);
// A JSON epoch-seconds value (exp, iat, nbf) as a UTC time, clamped so 1e300 is no undefined cast
// (core/JsonNumbers.h); nothing when it is not a number.
std::optional<QDateTime> epochSecondsTime(const QJsonValue &value);
// An epoch-seconds claim as the decoded view shows it: "1764000000 (2025-11-24 17:00:00 CET, in 3 min)".
QString describeEpochSeconds(qint64 seconds, const QDateTime &now);

} // namespace ecalab
