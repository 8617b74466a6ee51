#include "DeviceCodes.h"

#include "Crypto.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
// §4.1: "about 8 uppercase alphanumerics", e.g. X1D9SEET.
constexpr int kUserCodeLength = 8;
constexpr QStringView kUserCodeAlphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
// §4.1: an opaque standard-base64 string; 42 random bytes give 56 characters without padding
// (but possibly '+' and '/', so clients must form-encode it).
constexpr int kDeviceCodeBytes = 42;
} // namespace

QJsonObject DeviceSettings::toJson() const
{
    return {{u"dialect"_s, rfc8628 ? u"rfc8628"_s : u"salesforce"_s},
            {u"rfc8628"_s, rfc8628},
            {u"lifetimeSeconds"_s, lifetimeSeconds},
            {u"intervalSeconds"_s, intervalSeconds},
            {u"enforceInterval"_s, enforceInterval}};
}

QString DeviceAuthorization::stateName(State state)
{
    switch (state) {
    case State::Pending:
        return u"pending"_s;
    case State::Approved:
        return u"approved"_s;
    case State::Denied:
        return u"denied"_s;
    case State::Consumed:
        return u"consumed"_s;
    }
    return {};
}

QJsonObject DeviceAuthorization::toJson(qint64 nowMs) const
{
    // The device code is the client's credential for the token: the admin API shows only its start.
    return {{u"userCode"_s, userCode},
            {u"deviceCodeStart"_s, deviceCode.left(6)},
            {u"clientId"_s, clientId},
            {u"scope"_s, scopes.join(u' ')},
            {u"host"_s, hostKindName(host)},
            {u"dialect"_s, dialect == DeviceDialect::Salesforce ? u"salesforce"_s : u"rfc8628"_s},
            {u"state"_s, stateName(state)},
            {u"expired"_s, isExpired(nowMs)},
            {u"secondsLeft"_s, qMax<qint64>(0, (expiresAtMs - nowMs) / 1000)},
            {u"intervalSeconds"_s, intervalSeconds},
            {u"polls"_s, polls},
            {u"username"_s, username}};
}

DeviceAuthorization &DeviceCodeStore::create(const QString &clientId, const QStringList &scopes, HostKind host,
                                             DeviceDialect dialect, qint64 nowMs)
{
    DeviceAuthorization item;
    do {
        item.userCode = Crypto::randomString(kUserCodeLength, kUserCodeAlphabet);
    } while (byUserCode(item.userCode));
    do {
        item.deviceCode = QString::fromLatin1(Crypto::randomBytes(kDeviceCodeBytes).toBase64());
    } while (byDeviceCode(item.deviceCode));
    item.clientId = clientId;
    item.scopes = scopes;
    item.host = host;
    item.dialect = dialect;
    item.createdAtMs = nowMs;
    item.expiresAtMs = nowMs + qint64(settings.lifetimeSeconds) * 1000;
    item.intervalSeconds = settings.intervalSeconds;
    m_items.append(item);
    return m_items.last();
}

DeviceAuthorization *DeviceCodeStore::byDeviceCode(QStringView deviceCode)
{
    if (deviceCode.isEmpty())
        return nullptr;
    for (DeviceAuthorization &item : m_items) {
        if (Crypto::constantTimeEquals(item.deviceCode.toUtf8(), deviceCode.toUtf8()))
            return &item;
    }
    return nullptr;
}

QString DeviceCodeStore::normalizeUserCode(QStringView typed)
{
    QString code;
    for (const QChar c : typed) {
        if (c.isLetterOrNumber())
            code.append(c.toUpper());
        else if (!c.isSpace() && c != u'-')
            return {}; // anything else cannot be part of a code
    }
    return code;
}

DeviceAuthorization *DeviceCodeStore::byUserCode(QStringView typed)
{
    const QString code = normalizeUserCode(typed);
    if (code.isEmpty())
        return nullptr;
    for (DeviceAuthorization &item : m_items) {
        if (item.userCode == code)
            return &item;
    }
    return nullptr;
}

DeviceCodeStore::Decision DeviceCodeStore::decide(QStringView typedUserCode, bool approve, const QString &username,
                                                  qint64 nowMs)
{
    DeviceAuthorization *item = byUserCode(typedUserCode);
    if (!item)
        return Decision::UnknownCode;
    if (item->state != DeviceAuthorization::State::Pending)
        return Decision::AlreadyDecided;
    if (item->isExpired(nowMs))
        return Decision::Expired;
    item->state = approve ? DeviceAuthorization::State::Approved : DeviceAuthorization::State::Denied;
    item->username = username;
    item->decidedAtMs = nowMs;
    return Decision::Done;
}

QJsonArray DeviceCodeStore::toJson(qint64 nowMs, bool pendingOnly) const
{
    QJsonArray list;
    for (const DeviceAuthorization &item : m_items) {
        if (pendingOnly && (item.state != DeviceAuthorization::State::Pending || item.isExpired(nowMs)))
            continue;
        list.append(item.toJson(nowMs));
    }
    return list;
}

} // namespace ecalab::emu
