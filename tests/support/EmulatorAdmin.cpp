#include "EmulatorAdmin.h"

namespace ecalab::test {

using namespace Qt::Literals::StringLiterals;

Answer EmulatorAdmin::call(const QByteArray &method, const QString &pathAndQuery, const QJsonObject &body)
{
    const QUrl url(m_url.toString(QUrl::StripTrailingSlash) + pathAndQuery);
    const bool write = method != "GET" && method != "HEAD";
    if (!write)
        return m_http.send(method, url);
    const QByteArray payload = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return m_http.send(method, url, payload, {{"Content-Type", "application/json"}});
}

Answer EmulatorAdmin::changeApp(const QString &clientIdOrName, const QJsonObject &settings)
{
    return call("PATCH", u"/apps/"_s + clientIdOrName, settings);
}

Answer EmulatorAdmin::changeUser(const QString &username, const QJsonObject &settings)
{
    return call("PATCH", u"/users/"_s + username, settings);
}

Answer EmulatorAdmin::changeOrg(const QJsonObject &settings)
{
    return call("PATCH", u"/org"_s, settings);
}

Answer EmulatorAdmin::injectFault(const QJsonObject &fault)
{
    return call("POST", u"/faults"_s, fault);
}

Answer EmulatorAdmin::advanceClock(double seconds)
{
    return call("POST", u"/clock"_s, {{u"advanceSeconds"_s, seconds}});
}

Answer EmulatorAdmin::reset()
{
    return call("POST", u"/reset"_s);
}

Answer EmulatorAdmin::approveDevice(const QString &userCode, const QString &username)
{
    return call("POST", u"/device/approve"_s, {{u"userCode"_s, userCode}, {u"username"_s, username}});
}

Answer EmulatorAdmin::denyDevice(const QString &userCode)
{
    return call("POST", u"/device/deny"_s, {{u"userCode"_s, userCode}});
}

Answer EmulatorAdmin::changeDeviceSettings(const QJsonObject &changes)
{
    return call("PATCH", u"/device/settings"_s, changes);
}

Answer EmulatorAdmin::changeSite(const QJsonObject &settings)
{
    return call("PATCH", u"/site"_s, settings);
}

QJsonArray EmulatorAdmin::outbox(const QString &to, const QString &purpose)
{
    QStringList query;
    if (!to.isEmpty())
        query << u"to="_s + QString::fromLatin1(QUrl::toPercentEncoding(to)); // a phone's '+' stays a '+'
    if (!purpose.isEmpty())
        query << u"purpose="_s + QString::fromLatin1(QUrl::toPercentEncoding(purpose));
    const QString suffix = query.isEmpty() ? QString() : u"?"_s + query.join(u'&');
    return get(u"/outbox"_s + suffix).json()[u"messages"].toArray();
}

QString EmulatorAdmin::lastOtpSentTo(const QString &address)
{
    const QJsonArray messages = outbox(address);
    return messages.isEmpty() ? QString() : messages.last()[u"otp"].toString();
}

Answer EmulatorAdmin::clearOutbox()
{
    return call("DELETE", u"/outbox"_s);
}

} // namespace ecalab::test
