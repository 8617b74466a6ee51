#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace ecalab::ui {

// Reading token fields for people (UX.md "Tokens read like jwt.io"). Display only: decoding and
// verifying are the engine's (tokens/TokenDecoding.h, TokenVerification.h).
QString claimMeaning(const QString &name);

QString localTimeText(const QDateTime &when);                          // "2025-11-24 17:05:12"
QString relativeTimeText(const QDateTime &when, const QDateTime &now); // "3 min ago", "in 1 h 58 min"
QString jsonValueText(const QJsonValue &value);                        // strings bare, the rest compact JSON

} // namespace ecalab::ui
