#pragma once

// One real RS256 token for the JWT and JWKS targets: signed once with the emulator's committed
// demo signing key (kid 248, public demo material), checked at a fixed time so runs repeat.

#include "crypto/KeyMaterial.h"
#include "crypto/Rs256.h"
#include "emu/SigningKeys.h"
#include "tokens/TokenVerification.h"

#include <QDateTime>
#include <QFile>
#include <QJsonObject>
#include <QTimeZone>

namespace ecalab::fuzz {

struct SignedToken
{
    QString token;
    QJsonObject jwks;
    TokenExpectations expected;
};

inline const SignedToken &signedToken()
{
    static const SignedToken signedOnce = [] {
        using namespace Qt::Literals::StringLiterals;
        const QDateTime now(QDate(2026, 12, 2), QTime(0, 0), QTimeZone::utc());
        const emu::SigningKeys keys;
        const QJsonObject claims{{u"iss"_s, u"https://login.salesforce.com"_s},
                                 {u"aud"_s, u"3MVG9fuzzConsumerKey"_s},
                                 {u"sub"_s, u"https://login.salesforce.com/id/00DXX0000000001AAA/005XX0000000001AAA"_s},
                                 {u"iat"_s, now.toSecsSinceEpoch() - 60},
                                 {u"exp"_s, now.toSecsSinceEpoch() + 3600}};
        SignedToken made;
        made.token = QString::fromLatin1(keys.signJwt(claims));
        made.jwks = keys.jwks();
        made.expected.issuer = u"https://login.salesforce.com"_s;
        made.expected.audience = u"3MVG9fuzzConsumerKey"_s;
        made.expected.now = now;
        return made;
    }();
    return signedOnce;
}

// Whether the emulator's demo key `kid` itself makes `signature` over `signingInput`. RS256
// (PKCS#1 v1.5) signatures are deterministic, so signing again is a check independent of the
// verifier under test.
inline bool madeByDemoKey(const QString &kid, const QByteArray &signingInput, const QByteArray &signature)
{
    QFile file(QStringLiteral(":/emulator/demo/signing/%1.pem").arg(kid));
    if (!file.open(QIODevice::ReadOnly))
        return false; // not one of ours: nothing of ours signed it
    const auto key = crypto::PrivateKey::load(file.readAll());
    if (!key)
        return false;
    const auto made = crypto::signRs256(key->pkey(), signingInput);
    return made && *made == signature;
}

} // namespace ecalab::fuzz
