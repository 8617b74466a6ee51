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

QString relativeTime(const QDateTime &when, const QDateTime &now)
{
    const qint64 seconds = now.secsTo(when);
    const qint64 magnitude = seconds < 0 ? -seconds : seconds;
    const QString amount = magnitude < 120 ? u"%1 s"_s.arg(magnitude)
                           : magnitude < 7200 ? u"%1 min"_s.arg(magnitude / 60)
                                              : u"%1 h"_s.arg(magnitude / 3600);
    return seconds < 0 ? u"%1 ago"_s.arg(amount) : u"in %1"_s.arg(amount);
}

namespace {
QString localTime(const QDateTime &when)
{
    return when.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss t"_s);
}
} // namespace

QJsonObject AssertionPreview::toJson(const QDateTime &now) const
{
    return {{u"header"_s, header},
            {u"claims"_s, claims.toJson()},
            {u"audienceReason"_s, audienceReason},
            {u"expires"_s, localTime(claims.expiresAt)},
            {u"expiresIn"_s, relativeTime(claims.expiresAt, now)}};
}

QString AssertionPreview::summary(const QDateTime &now) const
{
    return u"aud %1 (%2) · sub %3 · iss %4 · exp %5 (%6)"_s.arg(claims.audience, audienceReason, claims.subject, claims.issuer,
                                                            localTime(claims.expiresAt),
                                                            relativeTime(claims.expiresAt, now));
}

} // namespace ecalab
