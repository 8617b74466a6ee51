#pragma once

#include "HttpTypes.h"
#include "OrderedTable.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace ecalab::emu {

class OrgModel;
struct App;

// One access token = one session (§7.2). Expiry is computed on use; ended sessions are pruned.
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
    QString family; // the refresh-token family it was issued with or refreshed from; empty: none
};

// A refresh token (§1.4, §7.1): issued by the browser and device flows when `refresh_token` or
// `offline_access` is granted. One approval starts a family; rotation adds to it.
struct RefreshToken
{
    QString value; // "5Aep861…" like Salesforce's samples (§1.6)
    QString userId;
    QString clientId;
    QStringList scopes;
    qint64 issuedAtMs = 0;
    qint64 approvedAtMs = 0; // the family's start: a "SpecificLifetime" policy counts from here
    qint64 lastUsedAtMs = 0; // a "SpecificInactivity" policy counts from here
    qint64 authTimeMs = 0;   // the login behind the approval (auth_time of refreshed ID tokens)
    QString identityUrl;
    HostKind issuedOn = HostKind::MyDomain;
    QString family;       // the value of the family's first refresh token
    bool rotated = false; // replaced by rotation: presenting it again is reuse (§7.1)
};

// Sessions and refresh tokens, looked up by value in O(1) and kept in issue order.
//
// Bounds (the emulator's, not Salesforce's): at most kMaxSessions access tokens are kept — an
// ended one (expired or revoked) is dropped as soon as it is the oldest, and past the bound the
// oldest live session ends, answering like an expired one. Refresh tokens are bounded by the
// approval limit (§7.1: kMaxApprovalsPerUserAndApp families per user and app, the oldest revoked)
// and kRememberedRotations rotated tokens per family; a revoked family is forgotten at once.
class TokenStore
{
public:
    static constexpr std::size_t kMaxSessions = 50'000;
    static constexpr int kMaxApprovalsPerUserAndApp = 5; // §7.1, §12.8: the 6th revokes the oldest
    static constexpr int kRememberedRotations = 20;      // rotated tokens kept per family to detect reuse

    const AccessToken &add(const AccessToken &token); // at its issue time: older ended ones are pruned
    AccessToken *find(const QString &value) { return m_access.find(value); }
    const AccessToken *find(const QString &value) const { return m_access.find(value); }
    // The token if it is a live session now: known, not revoked, not expired, its user active.
    const AccessToken *active(const QString &value, qint64 nowMs, const OrgModel &org) const;
    void revoke(AccessToken &token) { token.revoked = true; }

    // A new approval: starts the token's family (evicting the oldest over the approval limit).
    const RefreshToken &addApproval(RefreshToken token);
    // Rotation (§7.1): `used` is replaced by `next`, which joins its family.
    const RefreshToken &rotate(RefreshToken &used, RefreshToken next);
    RefreshToken *findRefresh(const QString &value) { return m_refresh.find(value); }
    // The refresh token if it can be used now (§7.1): known, not rotated away, within its app's
    // refresh-token policy, its user active.
    const RefreshToken *usableRefresh(const QString &value, qint64 nowMs, const OrgModel &org) const;
    // When the app's refresh-token policy ends it; none when valid until revoked.
    static std::optional<qint64> expiresAtMs(const RefreshToken &token, const App &app);
    // Ends a family: its refresh tokens are forgotten and its access tokens revoked (§7.3).
    void revokeFamily(const QString family);

    void clear();
    std::size_t accessTokenCount() const { return m_access.size(); }
    std::size_t refreshTokenCount() const { return m_refresh.size(); }

    // The admin listing: access tokens then refresh tokens, oldest first, one page of them.
    struct Page
    {
        std::size_t offset = 0;
        std::size_t limit = 100;
        QString type; // "access_token" | "refresh_token" | empty for both
    };
    QJsonArray toJson(qint64 nowMs, const OrgModel &org, const Page &page) const;
    std::size_t countOf(const QString &type) const;

private:
    struct Family
    {
        QString key;               // userId + '/' + clientId: whose approval it is
        QStringList refreshTokens; // oldest first; the last one is current
        QSet<QString> accessTokens;
    };
    void pruneSessions(qint64 nowMs);
    void forgetSession(const QString &value);
    void forgetOldestRotation(Family &family);

    OrderedTable<AccessToken> m_access;
    OrderedTable<RefreshToken> m_refresh;
    QHash<QString, Family> m_families;
    QHash<QString, QStringList> m_approvals; // user/client → families, oldest first
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
