#pragma once

#include "core/Expected.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ecalab {

enum class SignatureCheck { Valid, Invalid, Missing, NoSecret };
QString signatureCheckName(SignatureCheck check); // "valid", "invalid", "missing", "not-checked"

// A parsed token response with every Salesforce field of §1.4 typed; fields this version does not
// know are kept in `extra` for display, never dropped.
struct TokenSet
{
    QString accessToken;
    QString refreshToken;
    QString instanceUrl;
    QString id; // identity URL .../id/<org18>/<user18>
    QString tokenType;
    QString issuedAt; // epoch ms as a 13-digit string (§1.3)
    QString signature;
    QString scope;
    QString idToken;
    QString sfdcCommunityUrl;
    QString sfdcCommunityId;
    QString apiInstanceUrl;
    QJsonObject extra;
    QStringList warnings; // shape problems worth showing that do not make the token unusable

    static const QStringList &knownFieldNames();
    static Expected<TokenSet, QString> fromFields(const QJsonObject &fields);

    QJsonObject toJson() const; // every field as received, known and extra
    QStringList scopes() const { return scope.split(u' ', Qt::SkipEmptyParts); }
    QString orgId() const;  // from the last two path segments of `id`, as jsforce does
    QString userId() const;
    std::optional<QDateTime> issuedAtTime() const;

    // §1.5: base64(HMAC-SHA256(consumer secret, id + issued_at)), compared in constant time.
    SignatureCheck verifySignature(const QString &consumerSecret) const;
    static QString computeSignature(const QString &consumerSecret, const QString &id, const QString &issuedAt);
};

} // namespace ecalab
