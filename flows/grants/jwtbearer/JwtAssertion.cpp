#include "JwtAssertion.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

QJsonObject AssertionClaims::toJson() const
{
    return {{u"iss"_s, issuer}, {u"sub"_s, subject}, {u"aud"_s, audience}, {u"exp"_s, expiresAt.toSecsSinceEpoch()}};
}

QJsonObject assertionHeader()
{
    return {{u"alg"_s, u"RS256"_s}};
}

QJsonObject AssertionPreview::toJson(const QDateTime &now) const
{
    return {{u"header"_s, header},
            {u"claims"_s, claims.toJson()},
            {u"audienceReason"_s, audienceReason},
            {u"expires"_s, localDateTimeText(claims.expiresAt)},
            {u"expiresIn"_s, relativeTime(claims.expiresAt, now)}};
}

QString AssertionPreview::summary(const QDateTime &now) const
{
    return u"aud %1 (%2) · sub %3 · iss %4 · exp %5 (%6)"_s.arg(claims.audience, audienceReason, claims.subject,
                                                                claims.issuer, localDateTimeText(claims.expiresAt),
                                                                relativeTime(claims.expiresAt, now));
}

} // namespace ecalab
