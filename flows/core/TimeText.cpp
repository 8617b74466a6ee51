#include "TimeText.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

QString relativeTime(const QDateTime &when, const QDateTime &now)
{
    const qint64 seconds = now.secsTo(when);
    const qint64 magnitude = seconds < 0 ? -seconds : seconds;
    if (magnitude == 0)
        return u"now"_s;
    constexpr qint64 kDay = 86'400;
    constexpr qint64 kYear = 365 * kDay;
    const QString amount = magnitude < 120         ? u"%1 s"_s.arg(magnitude)
                           : magnitude < 7200      ? u"%1 min"_s.arg(magnitude / 60)
                           : magnitude < 2 * kDay  ? u"%1 h"_s.arg(magnitude / 3600)
                           : magnitude < 2 * kYear ? u"%1 days"_s.arg(magnitude / kDay)
                                                   : u"%1 years"_s.arg(magnitude / kYear);
    return seconds < 0 ? u"%1 ago"_s.arg(amount) : u"in %1"_s.arg(amount);
}

QString localDateTimeText(const QDateTime &when)
{
    return when.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss t"_s);
}

} // namespace ecalab
