#include "Jwt.h"

#include "core/FormEncoding.h"
#include "crypto/Rs256.h"
#include "crypto/RsaKey.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
// RFC 7515 §2: base64url without padding. Trailing '=' is tolerated; any other character outside
// the alphabet, or a length no encoding produces, is named.
QString base64UrlProblem(const QByteArray &part)
{
    qsizetype end = part.size();
    while (end > 0 && part.at(end - 1) == '=' && part.size() - end < 2)
        --end;
    for (qsizetype i = 0; i < end; ++i) {
        const char c = part.at(i);
        const bool ok =
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (ok)
            continue;
        if (c == '+' || c == '/')
            return u"'%1' at position %2 is standard base64, not base64url"_s.arg(QLatin1Char(c)).arg(i + 1);
        return u"character %1 at position %2 is not in the base64url alphabet"_s
            .arg(c > ' ' && c < 127 ? u"'%1'"_s.arg(QLatin1Char(c)) : u"0x%1"_s.arg(uchar(c), 2, 16, QLatin1Char('0')))
            .arg(i + 1);
    }
    if (end % 4 == 1)
        return u"%1 characters cannot be base64url (a length of 4n+1)"_s.arg(end);
    return {};
}

Expected<QJsonObject, QString> decodeJsonPart(const QByteArray &part, const QString &what)
{
    if (part.isEmpty())
        return unexpected(u"the %1 is empty"_s.arg(what));
    if (const QString problem = base64UrlProblem(part); !problem.isEmpty())
        return unexpected(u"the %1 is not base64url: %2"_s.arg(what, problem));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(base64UrlDecode(part), &error);
    if (error.error != QJsonParseError::NoError)
        return unexpected(
            u"the %1 is base64url but not JSON (%2 at byte %3)"_s.arg(what, error.errorString()).arg(error.offset));
    if (!doc.isObject())
        return unexpected(u"the %1 is JSON but not an object"_s.arg(what));
    return doc.object();
}

Expected<crypto::PkeyPtr, QString> rsaKeyFromJwk(const QJsonObject &jwk)
{
    if (jwk.value(u"kty").toString() != u"RSA")
        return unexpected(u"the key is not an RSA key (kty %1)"_s.arg(jwk.value(u"kty").toString()));
    return crypto::rsaPublicKey(base64UrlDecode(jwk.value(u"n").toString().toLatin1()),
                                base64UrlDecode(jwk.value(u"e").toString().toLatin1()));
}
} // namespace

Expected<Jwt, QString> Jwt::parse(const QString &compact)
{
    const QList<QByteArray> parts = compact.toLatin1().split('.');
    if (parts.size() == 5)
        return unexpected(
            u"it has five dot-separated parts: an encrypted JWT (JWE), which only its recipient can read; "
            u"a signed JWT (compact JWS) has three"_s);
    if (parts.size() != 3)
        return unexpected(u"it has %1 dot-separated part%2; a JWT (compact JWS) has three"_s.arg(parts.size())
                              .arg(parts.size() == 1 ? u""_s : u"s"_s));
    Jwt jwt;
    auto header = decodeJsonPart(parts[0], u"header"_s);
    if (!header)
        return unexpected(header.error());
    auto claims = decodeJsonPart(parts[1], u"payload"_s);
    if (!claims)
        return unexpected(claims.error());
    jwt.header = *header;
    jwt.claims = *claims;
    jwt.signingInput = parts[0] + '.' + parts[1];
    if (const QString problem = base64UrlProblem(parts[2]); !problem.isEmpty())
        return unexpected(u"the signature is not base64url: "_s + problem);
    jwt.signature = base64UrlDecode(parts[2]);
    return jwt;
}

Expected<bool, QString> verifyRs256(const Jwt &jwt, const QJsonObject &jwk)
{
    // The header is attacker-chosen: only RS256 is checked here, never "none" (RFC 8725 §3.1).
    if (const QString alg = jwt.header.value(u"alg").toString(); alg != u"RS256")
        return unexpected(u"the JWT's alg is \"%1\", not RS256"_s.arg(alg));
    auto key = rsaKeyFromJwk(jwk);
    if (!key)
        return unexpected(key.error());
    return crypto::verifyRs256(**key, jwt.signingInput, jwt.signature);
}

Expected<QJsonObject, QString> findSigningKey(const QJsonObject &jwks, const QString &kid)
{
    const QJsonArray keys = jwks.value(u"keys").toArray();
    QList<QJsonObject> rsaKeys;
    for (const QJsonValue &value : keys) {
        const QJsonObject key = value.toObject();
        if (!kid.isEmpty() && key.value(u"kid").toString() == kid)
            return key;
        if (key.value(u"kty").toString() == u"RSA" && key.value(u"use").toString(u"sig"_s) == u"sig")
            rsaKeys.append(key);
    }
    if (kid.isEmpty() && rsaKeys.size() == 1)
        return rsaKeys.first();
    if (kid.isEmpty())
        return unexpected(u"the token names no kid and the JWKS has %1 RSA signing keys"_s.arg(rsaKeys.size()));
    return unexpected(u"the JWKS has no key with kid \"%1\" (%2 keys published)"_s.arg(kid).arg(keys.size()));
}

Expected<QString, QString> signCompactRs256(const QJsonObject &header, const QJsonObject &claims, EVP_PKEY &key)
{
    if (const QString alg = header.value(u"alg").toString(); alg != u"RS256")
        return unexpected(u"the JWS header's alg is \"%1\"; only RS256 is signed"_s.arg(alg));
    // RFC 7515 §7.1: BASE64URL(UTF8(header)) '.' BASE64URL(payload), signed as ASCII.
    const QByteArray signingInput = base64UrlEncode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                                    base64UrlEncode(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    auto signature = crypto::signRs256(key, signingInput);
    if (!signature)
        return unexpected(signature.error());
    return QString::fromLatin1(signingInput + '.' + base64UrlEncode(*signature));
}

} // namespace ecalab
