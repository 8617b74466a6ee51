#include "JwtAccessToken.h"

#include <QJsonArray>

#include <algorithm>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr QStringView kJtiAlphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
}

bool JwtAccessToken::appliesTo(const App &app, QStringView grantType)
{
    return app.isNamedUserJwtEnabled &&
           std::find(kGrantTypes.begin(), kGrantTypes.end(), grantType) != kGrantTypes.end();
}

qint64 JwtAccessToken::lifetimeMs(const OrgModel &org, const App &app)
{
    const int minutes = app.namedUserJwtTimeout > 0 ? app.namedUserJwtTimeout : org.org.sessionTimeoutInMinutes;
    return qint64(minutes) * 60'000;
}

QJsonObject JwtAccessToken::claims(const EmulatorContext &context, const AccessToken &token)
{
    const QString subject = kSubjectIsIdentityUrl ? token.identityUrl : token.userId;
    const QString audience = kAudienceIsInstanceUrl ? context.instanceUrl() : token.clientId;
    const qint64 iat = token.issuedAtMs / 1000;
    return {{u"iss"_s, context.baseUrl(token.issuedOn)}, // the discovery issuer of the host called (§7.7)
            {u"sub"_s, subject},
            {u"aud"_s, audience},
            {u"client_id"_s, token.clientId},
            {QString::fromUtf16(kScopeClaim), QJsonArray::fromStringList(token.scopes)},
            {u"iat"_s, iat},
            {u"nbf"_s, iat},
            {u"exp"_s, token.expiresAtMs / 1000}, // the session's end: introspection's `exp` (§7.4)
            {u"jti"_s, Crypto::randomString(kJtiLength, kJtiAlphabet)}};
}

QString JwtAccessToken::sign(const EmulatorContext &context, const AccessToken &token)
{
    return QString::fromLatin1(context.keys.signJwt(claims(context, token)));
}

} // namespace ecalab::emu
