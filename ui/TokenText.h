#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace ecalab::ui {

// Reading tokens for people (UX.md "Tokens read like jwt.io"). Display only: nothing here
// verifies a signature; that is the engine's job.
struct DecodedJwt
{
    QJsonObject header;
    QJsonObject payload;
    int signatureBytes = 0;
};

// A JWT in compact form: three base64url parts whose first two decode to JSON objects.
std::optional<DecodedJwt> decodeJwt(const QString &token);

struct ClaimRow
{
    QString name;
    QString value; // times as local time with "x min ago" / "in y min"
    QString meaning;
};
QList<ClaimRow> claimRows(const QJsonObject &payload, const QDateTime &now);
QString claimMeaning(const QString &name);

QString localTimeText(const QDateTime &when);                          // "2025-11-24 17:05:12"
QString relativeTimeText(const QDateTime &when, const QDateTime &now); // "3 min ago", "in 1 h 58 min"
QString jsonValueText(const QJsonValue &value);                        // strings bare, the rest compact JSON

} // namespace ecalab::ui
