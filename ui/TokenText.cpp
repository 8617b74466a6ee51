#include "TokenText.h"

#include "core/JsonNumbers.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
QString durationText(qint64 seconds)
{
    if (seconds < 60)
        return QObject::tr("%1 s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return QObject::tr("%1 min").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return minutes % 60 ? QObject::tr("%1 h %2 min").arg(hours).arg(minutes % 60) : QObject::tr("%1 h").arg(hours);
    return (hours < 72 ? QObject::tr("%1 h").arg(hours) : QObject::tr("%1 days").arg(hours / 24));
}
} // namespace

QString claimMeaning(const QString &name)
{
    static const QHash<QString, QString> meanings{
        {u"iss"_s, QObject::tr("Issuer: who made the token")},
        {u"sub"_s, QObject::tr("Subject: the user (or app) the token is about")},
        {u"aud"_s, QObject::tr("Audience: who the token is meant for")},
        {u"exp"_s, QObject::tr("Expires at")},
        {u"iat"_s, QObject::tr("Issued at")},
        {u"nbf"_s, QObject::tr("Not valid before")},
        {u"jti"_s, QObject::tr("Token id, unique per token")},
        {u"scp"_s, QObject::tr("Scopes granted")},
        {u"scope"_s, QObject::tr("Scopes granted")},
        {u"client_id"_s, QObject::tr("Consumer key of the app")},
        {u"auth_time"_s, QObject::tr("When the user last logged in")},
        {u"nonce"_s, QObject::tr("The nonce sent in the authorize request (replay protection)")},
        {u"at_hash"_s, QObject::tr("Hash of the access token issued with this ID token")},
        {u"c_hash"_s, QObject::tr("Hash of the authorization code issued with this ID token")},
        {u"name"_s, QObject::tr("User's full name")},
        {u"email"_s, QObject::tr("User's e-mail address")},
        {u"email_verified"_s, QObject::tr("Whether the e-mail address was verified")},
        {u"preferred_username"_s, QObject::tr("Salesforce username")},
        {u"organization_id"_s, QObject::tr("Org id (18 characters)")},
        {u"user_id"_s, QObject::tr("User id (18 characters)")},
        {u"mty"_s, QObject::tr("Salesforce token type marker")},
        {u"tty"_s, QObject::tr("Salesforce token type marker")},
        {u"sfi"_s, QObject::tr("Salesforce internal token id")},
        {u"kid"_s, QObject::tr("Key id: which key of the issuer's JWKS signed it")},
    };
    return meanings.value(name);
}

QString jsonValueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double d = value.toDouble();
        return isExactJsonInteger(d) ? QString::number(qint64(d)) : QString::number(d);
    }
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isNull())
        return u"null"_s;
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

QString localTimeText(const QDateTime &when)
{
    return when.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString relativeTimeText(const QDateTime &when, const QDateTime &now)
{
    const qint64 seconds = now.secsTo(when);
    if (qAbs(seconds) < 5)
        return QObject::tr("just now");
    return seconds > 0 ? QObject::tr("in %1").arg(durationText(seconds))
                       : QObject::tr("%1 ago").arg(durationText(-seconds));
}

} // namespace ecalab::ui
