#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "HttpTypes.h"

namespace ecalab::emu {

// Which wire dialect a device authorization was started in (§4.4 compares them).
enum class DeviceDialect { Salesforce, Rfc8628 };

// The device flow's emulator switches (admin API: /__emulator/device/settings).
struct DeviceSettings
{
    // §4.3/§13: the server-side lifetime of a device code is unconfirmed; sfdx-core tells the user
    // to approve within 10 minutes, so the emulator expires codes after that.
    static constexpr int kDefaultLifetimeSeconds = 600;
    // §4.1: Salesforce's sample answer says "interval": 5.
    static constexpr int kDefaultIntervalSeconds = 5;

    // Standard RFC 8628 mode: discovery advertises the device authorization endpoint, which
    // answers, and the RFC's polling grant is accepted. Salesforce's own dialect keeps working.
    bool rfc8628 = false;
    int lifetimeSeconds = kDefaultLifetimeSeconds;
    int intervalSeconds = kDefaultIntervalSeconds;
    bool enforceInterval = true; // off: never answer slow_down (for clients on a manual clock)

    QJsonObject toJson() const;
};

// One device authorization from request to consumption (RFC 8628 §3.1–3.5, §4.1–4.3).
struct DeviceAuthorization
{
    enum class State { Pending, Approved, Denied, Consumed };

    QString deviceCode;
    QString userCode; // canonical form: 8 uppercase letters and digits (§4.1)
    QString clientId;
    QStringList scopes;              // granted on approval
    HostKind host = HostKind::Login; // the host the device asked: verification and `id` follow it
    DeviceDialect dialect = DeviceDialect::Salesforce;
    qint64 createdAtMs = 0;
    qint64 expiresAtMs = 0;
    int intervalSeconds = DeviceSettings::kDefaultIntervalSeconds; // grows by 5 s on each slow_down
    qint64 lastPollMs = -1;                                        // -1: never polled
    int polls = 0;
    State state = State::Pending;
    QString username;       // who approved or denied
    qint64 decidedAtMs = 0; // when: the id_token's auth_time

    bool isExpired(qint64 nowMs) const { return nowMs >= expiresAtMs; }
    QJsonObject toJson(qint64 nowMs) const;
    static QString stateName(State state);
};

class DeviceCodeStore
{
public:
    enum class Decision { Done, UnknownCode, Expired, AlreadyDecided };
    // The person's answer for a typed user code (the page and the admin API both land here).
    Decision decide(QStringView typedUserCode, bool approve, const QString &username, qint64 nowMs);

    // A new pending authorization with fresh, unique codes; the store keeps it.
    DeviceAuthorization &create(const QString &clientId, const QStringList &scopes, HostKind host,
                                DeviceDialect dialect, qint64 nowMs);
    DeviceAuthorization *byDeviceCode(QStringView deviceCode);
    // Accepts what a person types: lower case, spaces and a dash in the middle are forgiven.
    DeviceAuthorization *byUserCode(QStringView typed);
    static QString normalizeUserCode(QStringView typed);
    void clear() { m_items.clear(); }
    QJsonArray toJson(qint64 nowMs, bool pendingOnly) const;

    DeviceSettings settings;

private:
    QList<DeviceAuthorization> m_items;
};

} // namespace ecalab::emu
