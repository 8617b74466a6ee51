#pragma once

// Steps of the device flow as a device would take them, over real HTTP; the person's part (approve,
// deny) is the admin API's (EmulatorAdmin).
#include "EmulatorHttp.h"

#include <QRegularExpression>

namespace ecalab::emu::test {

inline const QString kDeviceGrant = QStringLiteral("device");
inline const QString kRfcGrant = QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");

class DeviceSteps
{
public:
    DeviceSteps(Http &http, const QString &clientId) : m_http(http), m_clientId(clientId) {}

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

private:
    Http &m_http;
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
