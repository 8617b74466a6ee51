#pragma once

#include <QDateTime>
#include <QString>

namespace ecalab {

// Times as the engine's one-line texts show them (the JWT bearer preview, the token inspector).

// How far `when` is from `now`: "in 45 s", "in 3 min", "2 h ago", "3 days ago", "in 2 years", "now".
QString relativeTime(const QDateTime &when, const QDateTime &now);

// Local time with its zone: "2025-11-24 17:00:00 CET".
QString localDateTimeText(const QDateTime &when);

} // namespace ecalab
