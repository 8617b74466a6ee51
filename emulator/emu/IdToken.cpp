#include "IdToken.h"

#include "Crypto.h"
#include "UserDocuments.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
// Claims per scope (OIDC Core §5.4), taken from the same user document as UserInfo (§7.5).
const QStringList kProfileClaims{
    u"name"_s,    u"given_name"_s, u"family_name"_s, u"nickname"_s, u"preferred_username"_s,
    u"picture"_s, u"profile"_s,    u"zoneinfo"_s,    u"locale"_s,   u"updated_at"_s};
const QStringList kEmailClaims{u"email"_s, u"email_verified"_s};
const QStringList kAddressClaims{u"address"_s};
const QStringList kPhoneClaims{u"phone_number"_s}; // §7.7 (unconfirmed)

bool grants(const QStringList &scopes, const QString &scope)
{
    return UserDocuments::grantsClaims(scopes, scope);
}
} // namespace

QString IdToken::atHash(const QString &accessToken)
{
    const QByteArray digest = Crypto::sha256(accessToken.toLatin1());
    return QString::fromLatin1(Crypto::base64Url(digest.left(digest.size() / 2)));
}

QJsonObject IdToken::claims(const EmulatorContext &context, const Inputs &in)
{
    const qint64 iat = context.clock.nowMs() / 1000;
    QJsonObject claims{{u"at_hash"_s, atHash(in.token.value)},
                       {u"sub"_s, in.token.identityUrl},
                       {u"aud"_s, in.token.clientId},
                       {u"iss"_s, context.baseUrl(in.host)},
                       {u"iat"_s, iat},
                       {u"exp"_s, iat + kLifetimeSeconds},
                       {u"auth_time"_s, in.authTimeMs / 1000}};
    if (!in.nonce.isEmpty())
        claims.insert(u"nonce"_s, in.nonce);
    const Fields info = UserDocuments(context).userInfo(in.user, in.token, QString());
    auto copy = [&](const QStringList &names) {
        for (const QString &name : names) {
            const QJsonValue value = info.value(name);
            if (!value.isNull() && !value.isUndefined()) // e.g. no phone_number for a user without one
                claims.insert(name, value);
        }
    };
    if (grants(in.token.scopes, u"profile"_s))
        copy(kProfileClaims);
    if (grants(in.token.scopes, u"email"_s))
        copy(kEmailClaims);
    if (grants(in.token.scopes, u"address"_s))
        copy(kAddressClaims);
    if (grants(in.token.scopes, u"phone"_s))
        copy(kPhoneClaims);
    return claims;
}

QByteArray IdToken::sign(const EmulatorContext &context, const Inputs &inputs)
{
    return context.keys.signJwt(claims(context, inputs));
}

} // namespace ecalab::emu
