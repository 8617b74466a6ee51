#include "TokenDecoding.h"

#include "core/JsonNumbers.h"
#include "oauth/Jwt.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <array>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
// The claims whose values are epoch seconds (RFC 7519 §4.1.4–6, OIDC Core §2 and §5.1).
const QStringList kTimeClaims{u"exp"_s, u"iat"_s, u"nbf"_s, u"auth_time"_s, u"updated_at"_s};

struct Meaning
{
    QStringView name;
    QStringView text;
};

// JOSE header parameters (RFC 7515 §4.1).
constexpr std::array kHeaderMeanings{
    Meaning{u"alg", u"Signature algorithm. Salesforce signs with RS256 (RSA with SHA-256) only; a verifier must refuse "
                    u"every other value, none and HS256 above all"},
    Meaning{u"kid", u"Which of the org's published keys (/id/keys) signed it; keys rotate, so an old token may name a "
                    u"key that is gone"},
    Meaning{u"typ", u"The token's media type (JWT)"},
    Meaning{u"cty", u"The payload's content type (a nested JWT when JWT)"},
    Meaning{u"jku",
            u"A URL for a key set, named by the token itself: never trusted; the keys come from the org's discovery"},
    Meaning{u"x5u", u"A URL for a certificate, named by the token itself: never trusted"},
    Meaning{u"jwk", u"A public key carried in the token itself: never trusted (anyone can sign with their own key)"},
    Meaning{u"x5c", u"A certificate chain carried in the token itself"},
    Meaning{u"x5t", u"SHA-1 thumbprint of the signing certificate"},
    Meaning{u"x5t#S256", u"SHA-256 thumbprint of the signing certificate"},
    Meaning{u"crit", u"Header parameters a verifier must understand or else refuse the token"},
};

// Registered claims (RFC 7519 §4.1, RFC 9068 §2.2, RFC 8693 §4), OIDC Core §2 and §5.1, and
// Salesforce's own (reference §1.4, §7.5–§7.7).
constexpr std::array kClaimMeanings{
    Meaning{u"iss", u"Issuer: who made the token. Must equal the issuer of the org's discovery document (login host, "
                    u"My Domain or site)"},
    Meaning{u"sub", u"Subject: the user. For Salesforce, the identity URL …/id/<org id>/<user id>"},
    Meaning{u"aud",
            u"Audience: who the token is for, the consumer key (client id) of the app; another app must refuse it"},
    Meaning{u"exp", u"Expires: after this time the token must be refused"},
    Meaning{u"iat", u"Issued at: when the token was made"},
    Meaning{u"nbf", u"Not before: before this time the token must be refused"},
    Meaning{u"nonce", u"The random value the app sent in the authorize request, echoed back so a replayed ID token is "
                      u"noticed"},
    Meaning{u"at_hash", u"Access-token hash: the left half of SHA-256 of the access token issued with it, base64url; "
                        u"ties this ID token to that access token"},
    Meaning{u"c_hash", u"Code hash: the left half of SHA-256 of the authorization code issued with it (hybrid flow)"},
    Meaning{u"auth_time", u"When the user last actually logged in (entered credentials), not when this token was made"},
    Meaning{u"jti", u"JWT ID: a unique identifier of this token, so it can be recognised if used twice"},
    Meaning{u"scp", u"Scopes granted (a list): what the token may be used for"},
    Meaning{u"scope", u"Scopes granted (space-separated): what the token may be used for"},
    Meaning{u"client_id", u"The consumer key of the app the token was issued to"},
    Meaning{u"azp", u"Authorized party: the app the token was issued to, when aud names several"},
    Meaning{u"amr", u"How the user authenticated (password, MFA, …)"},
    Meaning{u"acr", u"How strongly the user authenticated (an assurance level)"},
    Meaning{u"sid", u"The login session this token belongs to"},
    Meaning{u"act", u"The actor: who acts on behalf of the subject (token exchange)"},
    Meaning{u"name", u"The user's full name"},
    Meaning{u"given_name", u"The user's first name"},
    Meaning{u"family_name", u"The user's last name"},
    Meaning{u"nickname", u"The user's nickname (Salesforce: the community nickname)"},
    Meaning{u"preferred_username", u"The user's Salesforce username (an email-like login name)"},
    Meaning{u"email", u"The user's email address"},
    Meaning{u"email_verified", u"Whether the user confirmed that email address"},
    Meaning{u"picture", u"URL of the user's profile photo"},
    Meaning{u"profile", u"URL of the user's profile page in the org"},
    Meaning{u"zoneinfo", u"The user's time zone"},
    Meaning{u"locale", u"The user's locale"},
    Meaning{u"language", u"The user's language"},
    Meaning{u"address", u"The user's postal address"},
    Meaning{u"phone_number", u"The user's phone number"},
    Meaning{u"phone_number_verified", u"Whether the user confirmed that phone number"},
    Meaning{u"updated_at", u"When the user's record last changed"},
    Meaning{u"custom_attributes", u"Salesforce: the app's custom attributes, set on the app's policies, evaluated for "
                                  u"this user (§7.7)"},
    Meaning{u"custom_permissions", u"Salesforce: the custom permissions this user has among those the app asked for "
                                   u"(custom_permissions scope)"},
    Meaning{u"organization_id", u"Salesforce: the org's ID (00D…)"},
    Meaning{u"user_id", u"Salesforce: the user's ID (005…)"},
    Meaning{u"user_type", u"Salesforce: the kind of user (STANDARD, or a site user type)"},
    Meaning{u"is_app_installed", u"Salesforce: whether the app is installed (approved) in the org"},
    Meaning{u"photos", u"Salesforce: URLs of the user's photo and thumbnail"},
    Meaning{u"urls", u"Salesforce: the org's API endpoints for this user ({version} is a placeholder to fill in)"},
    Meaning{u"active", u"Salesforce: whether the user is active"},
    Meaning{u"utcOffset", u"Salesforce: the user's offset from UTC, in milliseconds"},
    Meaning{u"sfdc_community_url", u"Salesforce: the Experience Cloud site the user logged in through"},
    Meaning{u"sfdc_community_id", u"Salesforce: the ID (0DB…) of the Experience Cloud site the user logged in through"},
};

template <std::size_t N> QString lookUp(const std::array<Meaning, N> &table, const QString &name)
{
    for (const Meaning &meaning : table) {
        if (meaning.name == name)
            return meaning.text.toString();
    }
    return {};
}

QString claimMeaning(const QString &name)
{
    QString meaning = lookUp(kClaimMeanings, name);
    if (meaning.isEmpty() && name.startsWith(u"sfdc_"))
        meaning = u"Salesforce-specific (sfdc_…)"_s;
    return meaning;
}

// A Salesforce session ID: the 15- or 18-character org ID, '!', the opaque rest (§1.4).
const QRegularExpression kSessionToken(u"^(00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)!([\\x21-\\x7e]+)$"_s);
// The org ID in an identity URL (`sub` of a Salesforce ID token): …/id/<org id>/<user id>.
const QRegularExpression kIdentityUrl(u"/id/(00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)/(005[A-Za-z0-9]{12,15})"_s);

std::optional<QDateTime> timeOf(const QJsonValue &value)
{
    if (value.isDouble())
        return epochSecondsTime(value);
    if (value.isString()) { // Salesforce's updated_at is ISO 8601 (§7.5), OIDC's is epoch seconds
        const QDateTime parsed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        if (parsed.isValid())
            return parsed;
    }
    return std::nullopt;
}

QString valueText(const QString &name, const QJsonValue &value, const QDateTime &now)
{
    if (kTimeClaims.contains(name)) {
        if (value.isDouble())
            return describeEpochSeconds(jsonEpochSeconds(value.toDouble()), now);
        if (const auto when = timeOf(value))
            return u"%1 (%2, %3)"_s.arg(value.toString(), localDateTimeText(*when), relativeTime(*when, now));
    }
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::abs(number) < 0x1p63 && number == std::trunc(number)) // a whole number a qint64 holds
            return QString::number(qint64(number));
        return QString::number(number, 'g', 17);
    }
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

// Known names first, in the order a reader looks for them; then the rest, alphabetically (a
// QJsonObject keeps no source order).
template <std::size_t N> QStringList ordered(const QJsonObject &object, const std::array<Meaning, N> &table)
{
    QStringList names;
    for (const Meaning &meaning : table) {
        if (object.contains(meaning.name))
            names.append(meaning.name.toString());
    }
    for (const QString &key : object.keys()) {
        if (!names.contains(key))
            names.append(key);
    }
    return names;
}

QString subjectMeaning(const QString &sub)
{
    const QRegularExpressionMatch match = kIdentityUrl.match(sub);
    if (!match.hasMatch())
        return lookUp(kClaimMeanings, u"sub"_s);
    return u"Subject: the user, as Salesforce's identity URL: org %1, user %2"_s.arg(match.captured(1),
                                                                                     match.captured(2));
}

QString algMeaning(const QString &alg)
{
    if (alg == u"none")
        return u"none: the token is unsigned, so nothing vouches for its claims; a verifier must refuse it"_s;
    if (alg.startsWith(u"HS"))
        return u"%1: an HMAC with a shared secret. Salesforce never issues these; accepting one with the org's public "
               u"key "
               u"as the secret is the key-confusion forgery"_s.arg(alg);
    return lookUp(kHeaderMeanings, u"alg"_s);
}

QString orgIdFromClaims(const QJsonObject &claims)
{
    if (const QString org = claims.value(u"organization_id").toString(); org.startsWith(u"00D"))
        return org;
    for (const QString &name : {u"sub"_s, u"iss"_s}) {
        const QRegularExpressionMatch match = kIdentityUrl.match(claims.value(name).toString());
        if (match.hasMatch())
            return match.captured(1);
    }
    return {};
}

// A JWS header is a JSON object (RFC 7515 §4), so its base64url starts with the encoding of '{':
// 'e' then one of w–z, 0–9, '-', '_'. Other strings with dots — a Salesforce refresh token
// "5Aep861….…" — are opaque tokens, not broken JWTs.
bool beginsLikeJoseHeader(const QString &token)
{
    static const QString secondCharacters = u"wxyz0123456789-_"_s;
    return token.size() > 1 && token.at(0) == u'e' && secondCharacters.contains(token.at(1));
}

DecodedToken malformed(const QString &problem)
{
    DecodedToken decoded;
    decoded.format = TokenFormat::Malformed;
    decoded.problem = problem;
    return decoded;
}

// The first character that cannot be in a token (tokens are printable ASCII without spaces).
QString characterProblem(const QString &token)
{
    for (qsizetype i = 0; i < token.size(); ++i) {
        const QChar c = token.at(i);
        if (c.isSpace())
            return u"it contains whitespace (position %1); a token is one unbroken string"_s.arg(i + 1);
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return u"character U+%1 at position %2 cannot be in a token (printable ASCII only)"_s
                .arg(c.unicode(), 4, 16, QLatin1Char('0'))
                .arg(i + 1);
    }
    return {};
}

QString expirySummary(const QJsonObject &claims, const QDateTime &now)
{
    const auto when = epochSecondsTime(claims.value(u"exp"));
    if (!when)
        return u"no expiry"_s;
    return u"%1 %2 (%3)"_s.arg(*when < now ? u"expired"_s : u"expires"_s, localDateTimeText(*when),
                               relativeTime(*when, now));
}
} // namespace

QString tokenFormatName(TokenFormat format)
{
    switch (format) {
    case TokenFormat::Jwt:
        return u"jwt"_s;
    case TokenFormat::SalesforceSession:
        return u"salesforce-session"_s;
    case TokenFormat::Opaque:
        return u"opaque"_s;
    case TokenFormat::Malformed:
        return u"malformed"_s;
    }
    return u"malformed"_s;
}

QString normalizedToken(const QString &pasted)
{
    QString token = pasted.trimmed();
    if (token.startsWith(u"Authorization:", Qt::CaseInsensitive))
        token = token.mid(14).trimmed();
    if (token.startsWith(u"Bearer", Qt::CaseInsensitive) && token.size() > 6 && token.at(6).isSpace())
        token = token.mid(7).trimmed();
    return token;
}

QString describeEpochSeconds(qint64 seconds, const QDateTime &now)
{
    const QDateTime when = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    return u"%1 (%2, %3)"_s.arg(seconds).arg(localDateTimeText(when), relativeTime(when, now));
}

DecodedToken decodeToken(const QString &pasted, const QDateTime &now)
{
    const QString token = normalizedToken(pasted);
    if (token.isEmpty())
        return malformed(u"it is empty"_s);
    if (token.size() > kMaxTokenLength)
        return malformed(
            u"it is %1 characters long; no token is longer than %2, so this paste is something else"_s.arg(token.size())
                .arg(kMaxTokenLength));
    if (const QString problem = characterProblem(token); !problem.isEmpty())
        return malformed(problem);

    // Before the dots are counted: a session ID's opaque part may hold dots too.
    if (const QRegularExpressionMatch session = kSessionToken.match(token); session.hasMatch()) {
        DecodedToken decoded;
        decoded.format = TokenFormat::SalesforceSession;
        decoded.orgId = session.captured(1);
        return decoded;
    }
    if (!token.contains(u'.') || !beginsLikeJoseHeader(token)) {
        DecodedToken decoded;
        decoded.format = TokenFormat::Opaque;
        return decoded;
    }

    auto jwt = Jwt::parse(token);
    if (!jwt)
        return malformed(jwt.error());
    DecodedToken decoded;
    decoded.format = TokenFormat::Jwt;
    decoded.header = jwt->header;
    decoded.claims = jwt->claims;
    decoded.orgId = orgIdFromClaims(jwt->claims);
    for (const QString &name : ordered(jwt->header, kHeaderMeanings)) {
        const QJsonValue value = jwt->header.value(name);
        const QString meaning = name == u"alg" ? algMeaning(value.toString()) : lookUp(kHeaderMeanings, name);
        decoded.lines.append({u"header"_s, name, valueText(QString(), value, now), meaning});
    }
    for (const QString &name : ordered(jwt->claims, kClaimMeanings)) {
        const QJsonValue value = jwt->claims.value(name);
        const QString meaning = name == u"sub" ? subjectMeaning(value.toString()) : claimMeaning(name);
        decoded.lines.append({u"claims"_s, name, valueText(name, value, now), meaning});
    }
    decoded.decodedAt = now; // summary()'s relative times
    return decoded;
}

std::optional<QDateTime> epochSecondsTime(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(jsonEpochSeconds(value.toDouble()), Qt::UTC);
}

std::optional<QDateTime> DecodedToken::expiresAt() const
{
    return format == TokenFormat::Jwt ? epochSecondsTime(claims.value(u"exp")) : std::nullopt;
}

QString DecodedToken::summary() const
{
    switch (format) {
    case TokenFormat::Jwt:
        break;
    case TokenFormat::SalesforceSession:
        return u"Salesforce session token of org %1: opaque, it cannot be decoded; introspection tells whether it is "
               u"active"_s.arg(orgId);
    case TokenFormat::Opaque:
        return u"Opaque token: not a JWT, it cannot be decoded; only the server that issued it can say what it is "
               u"(introspection)"_s;
    case TokenFormat::Malformed:
        return u"Not a token: "_s + problem;
    }
    QStringList algKid{header.value(u"alg").toString(u"no alg"_s)};
    if (header.contains(u"kid"))
        algKid.append(u"kid "_s + header.value(u"kid").toString());
    QString who;
    for (const QString &name : {u"preferred_username"_s, u"email"_s, u"username"_s, u"sub"_s}) {
        if (const QString value = claims.value(name).toString(); !value.isEmpty()) {
            who = value;
            break;
        }
    }
    QString text = u"JWT (%1)"_s.arg(algKid.join(u", "_s));
    if (!who.isEmpty())
        text += u" for "_s + who;
    return text + u", "_s + expirySummary(claims, decodedAt);
}

QJsonObject DecodedToken::toJson() const
{
    return {{u"format"_s, tokenFormatName(format)},
            {u"header"_s, header},
            {u"claims"_s, claims},
            {u"orgId"_s, orgId},
            {u"problem"_s, problem}};
}

} // namespace ecalab
