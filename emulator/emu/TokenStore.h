#pragma once

#include "HttpTypes.h"

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace ecalab::emu {

class OrgModel;

// One access token = one session (§7.2). Kept until reset; expiry is computed on use.
struct AccessToken
{
    QString value;  // <15-char org id>!<opaque> (§1.4)
    QString userId; // 15-char 005 id
    QString clientId;
    QStringList scopes;
    qint64 issuedAtMs = 0;
    qint64 expiresAtMs = 0;
    QString identityUrl; // the `id` of the token response (host used at issue time)
    QString grantType;
    HostKind issuedOn = HostKind::MyDomain;
    bool revoked = false;
};

// A refresh token (§1.4, §7.1): issued by the browser and device flows when `refresh_token` or
// `offline_access` is granted. Kept until revoked or reset.
struct RefreshToken
{
    QString value; // "5Aep861…" like Salesforce's samples (§1.6)
    QString userId;
    QString clientId;
    QStringList scopes;
    qint64 issuedAtMs = 0;
    QString identityUrl;
    HostKind issuedOn = HostKind::MyDomain;
    bool revoked = false;
};

class TokenStore
{
public:
    const AccessToken &add(const AccessToken &token);
    const RefreshToken &addRefresh(const RefreshToken &token);
    RefreshToken *findRefresh(QStringView value);
    AccessToken *find(QStringView value);
    const AccessToken *find(QStringView value) const;
    // The token if it is a live session now: known, not revoked, not expired, its user active.
    const AccessToken *active(QStringView value, qint64 nowMs, const OrgModel &org) const;
    void clear()
    {
        m_tokens.clear();
        m_refreshTokens.clear();
    }
    QJsonArray toJson(qint64 nowMs, const OrgModel &org) const;

private:
    QList<AccessToken> m_tokens;
    QList<RefreshToken> m_refreshTokens;
};

// The emulator's clock: system time plus an offset the admin API moves (every expiry uses it).
class EmulatorClock
{
public:
    qint64 nowMs() const;
    qint64 offsetMs() const { return m_offsetMs; }
    void advance(qint64 ms) { m_offsetMs += ms; }
    void setOffset(qint64 ms) { m_offsetMs = ms; }

private:
    qint64 m_offsetMs = 0;
};

} // namespace ecalab::emu
