#pragma once

// Steps of the device flow as a device (and an admin) would take them, over real HTTP.
#include "EmulatorHttp.h"

#include "Emulator.h"

#include <QRegularExpression>

namespace ecalab::emu::test {

inline const QString kDeviceGrant = QStringLiteral("device");
inline const QString kRfcGrant = QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");

class DeviceSteps
{
public:
    DeviceSteps(Http &http, Emulator &emulator, const QString &clientId)
        : m_http(http), m_emulator(emulator), m_clientId(clientId)
    {
    }

    QUrl tokenUrl(const QUrl &host) const { return join(host, QStringLiteral("/services/oauth2/token")); }
    QUrl rfcAuthorizeUrl(const QUrl &host) const
    {
        return join(host, QStringLiteral("/services/oauth2/device/authorize"));
    }

    // §4.1: response_type=device_code on the token endpoint (scope omitted when empty).
    Answer requestCode(const QUrl &host, const QString &scope = {}, QList<QPair<QString, QString>> extra = {})
    {
        QList<QPair<QString, QString>> params{{QStringLiteral("response_type"), QStringLiteral("device_code")},
                                              {QStringLiteral("client_id"), m_clientId}};
        if (!scope.isEmpty())
            params.append({QStringLiteral("scope"), scope});
        return m_http.postForm(tokenUrl(host), params + extra);
    }
    // RFC 8628 §3.1 on the emulator's device authorization endpoint.
    Answer requestRfcCode(const QUrl &host, const QString &scope = {})
    {
        QList<QPair<QString, QString>> params{{QStringLiteral("client_id"), m_clientId}};
        if (!scope.isEmpty())
            params.append({QStringLiteral("scope"), scope});
        return m_http.postForm(rfcAuthorizeUrl(host), params);
    }
    // §4.3 (grant_type=device, code=) or RFC 8628 §3.4 (the urn grant, device_code=).
    Answer poll(const QUrl &host, const QString &deviceCode, bool rfc = false)
    {
        return m_http.postForm(tokenUrl(host),
                               {{QStringLiteral("grant_type"), rfc ? kRfcGrant : kDeviceGrant},
                                {QStringLiteral("client_id"), m_clientId},
                                {rfc ? QStringLiteral("device_code") : QStringLiteral("code"), deviceCode}});
    }

    Answer admin(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        const QUrl url = join(m_emulator.adminUrl(), path);
        if (method == "GET")
            return m_http.get(url);
        return m_http.send(method, url, QJsonDocument(body).toJson(QJsonDocument::Compact),
                           {{"Content-Type", "application/json"}});
    }
    Answer approve(const QString &userCode, const QString &username)
    {
        return admin("POST", QStringLiteral("/device/approve"),
                     {{QStringLiteral("userCode"), userCode}, {QStringLiteral("username"), username}});
    }
    Answer deny(const QString &userCode)
    {
        return admin("POST", QStringLiteral("/device/deny"), {{QStringLiteral("userCode"), userCode}});
    }
    Answer settings(const QJsonObject &changes) { return admin("PATCH", QStringLiteral("/device/settings"), changes); }

private:
    Http &m_http;
    Emulator &m_emulator;
    QString m_clientId;
};

// The `error` and `error_description` of a token-endpoint JSON error.
inline QPair<QString, QString> oauthError(const Answer &answer)
{
    return {answer.json().value(QStringLiteral("error")).toString(),
            answer.json().value(QStringLiteral("error_description")).toString()};
}

// The names of a JSON object's members in document order (QJsonObject would sort them).
inline QStringList jsonKeysInOrder(const QByteArray &body)
{
    static const QRegularExpression key(QStringLiteral("\"([a-z_]+)\":"));
    QStringList names;
    for (auto it = key.globalMatch(QString::fromUtf8(body)); it.hasNext();)
        names << it.next().captured(1);
    return names;
}

} // namespace ecalab::emu::test
