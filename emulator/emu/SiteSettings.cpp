#include "SiteSettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QPair>

#include <cmath>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
using Switch = QPair<QString, bool SiteSettings::*>;

const QList<Switch> &switches()
{
    static const QList<Switch> list{{u"headlessRegistration"_s, &SiteSettings::headlessRegistration},
                                    {u"headlessPasswordlessLogin"_s, &SiteSettings::headlessPasswordlessLogin},
                                    {u"headlessForgotPassword"_s, &SiteSettings::headlessForgotPassword},
                                    {u"registrationRequiresAuth"_s, &SiteSettings::registrationRequiresAuth},
                                    {u"passwordlessLoginRequiresAuth"_s, &SiteSettings::passwordlessLoginRequiresAuth},
                                    {u"forgotPasswordRequiresAuth"_s, &SiteSettings::forgotPasswordRequiresAuth},
                                    {u"recaptchaRequired"_s, &SiteSettings::recaptchaRequired},
                                    {u"guestAccess"_s, &SiteSettings::guestAccess}};
    return list;
}

QStringList knownFields()
{
    QStringList names;
    for (const Switch &entry : switches())
        names << entry.first;
    return names << u"otpLifetimeSeconds"_s << u"registrationUserType"_s;
}

QString shown(const QJsonValue &value)
{
    if (value.isString())
        return u"\"%1\""_s.arg(value.toString());
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

bool failed(QString *error, const QString &where, const QString &key, const QString &what)
{
    if (error)
        *error = u"%1%2%3: %4"_s.arg(where, where.isEmpty() ? QString() : u"."_s, key, what);
    return false;
}
} // namespace

bool SiteSettings::apply(const QJsonObject &changes, const QString &where, const QStringList &userTypes, QString *error)
{
    SiteSettings next = *this;
    const QStringList known = knownFields();
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (!known.contains(it.key()))
            return failed(error, where, it.key(), u"unknown field (known: %1)"_s.arg(known.join(u", "_s)));
    }
    for (const auto &[name, field] : switches()) {
        if (!changes.contains(name))
            continue;
        if (!changes.value(name).isBool())
            return failed(error, where, name, u"expected true or false, got %1"_s.arg(shown(changes.value(name))));
        next.*field = changes.value(name).toBool();
    }
    if (const QJsonValue v = changes.value(u"otpLifetimeSeconds"_s); !v.isUndefined()) {
        const double d = v.toDouble();
        if (!v.isDouble() || d != std::trunc(d) || d < kMinOtpLifetimeSeconds || d > kMaxOtpLifetimeSeconds)
            return failed(error, where, u"otpLifetimeSeconds"_s,
                          u"expected a whole number from %1 to %2, got %3"_s.arg(kMinOtpLifetimeSeconds)
                              .arg(kMaxOtpLifetimeSeconds)
                              .arg(shown(v)));
        next.otpLifetimeSeconds = int(d);
    }
    if (const QJsonValue v = changes.value(u"registrationUserType"_s); !v.isUndefined()) {
        if (!v.isString() || !userTypes.contains(v.toString()))
            return failed(error, where, u"registrationUserType"_s,
                          u"expected one of %1, got %2"_s.arg(userTypes.join(u", "_s), shown(v)));
        next.registrationUserType = v.toString();
    }
    *this = next;
    return true;
}

QJsonObject SiteSettings::toJson() const
{
    QJsonObject object;
    for (const auto &[name, field] : switches())
        object.insert(name, this->*field);
    object.insert(u"otpLifetimeSeconds"_s, otpLifetimeSeconds);
    object.insert(u"registrationUserType"_s, registrationUserType);
    return object;
}

} // namespace ecalab::emu
