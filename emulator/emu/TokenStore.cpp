#include "TokenStore.h"

#include "OrgModel.h"

#include <QDateTime>
#include <QJsonObject>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
QString approvalKey(const QString &userId, const QString &clientId)
{
    return userId + u'/' + clientId;
}

bool ended(const AccessToken &token, qint64 nowMs)
{
    return token.revoked || nowMs >= token.expiresAtMs;
}
} // namespace

const AccessToken &TokenStore::add(const AccessToken &token)
{
    pruneSessions(token.issuedAtMs);
    if (!token.family.isEmpty()) {
        if (auto family = m_families.find(token.family); family != m_families.end())
            family->accessTokens.insert(token.value);
    }
    return m_access.insert(token.value, token);
}

// Amortised O(1): every add drops the ended sessions at the old end, then the oldest live ones
// over the bound.
void TokenStore::pruneSessions(qint64 nowMs)
{
    while (!m_access.isEmpty() && (ended(m_access.oldest(), nowMs) || m_access.size() >= kMaxSessions))
        forgetSession(m_access.oldestKey());
}

void TokenStore::forgetSession(const QString &value)
{
    const AccessToken *token = m_access.find(value);
    if (!token)
        return;
    if (auto family = m_families.find(token->family); family != m_families.end())
        family->accessTokens.remove(value);
    m_access.erase(QString(value)); // a copy: `value` may be the key being erased
}

const AccessToken *TokenStore::active(const QString &value, qint64 nowMs, const OrgModel &org) const
{
    const AccessToken *token = value.isEmpty() ? nullptr : m_access.find(value);
    if (!token || ended(*token, nowMs))
        return nullptr;
    const User *user = org.userById(token->userId);
    return user && user->active ? token : nullptr; // deactivating a user ends its sessions
}

std::optional<qint64> TokenStore::expiresAtMs(const RefreshToken &token, const App &app)
{
    const std::optional<qint64> validity = app.refreshTokenValidityMs();
    if (!validity)
        return std::nullopt;
    const bool sinceLastUse = app.refreshTokenPolicyType == u"SpecificInactivity";
    return (sinceLastUse ? token.lastUsedAtMs : token.approvedAtMs) + *validity;
}

const RefreshToken *TokenStore::usableRefresh(const QString &value, qint64 nowMs, const OrgModel &org) const
{
    const RefreshToken *token = value.isEmpty() ? nullptr : m_refresh.find(value);
    const App *app = token ? org.appByClientId(token->clientId) : nullptr;
    const User *user = token ? org.userById(token->userId) : nullptr;
    if (!token || token->rotated || !app || !user || !user->active)
        return nullptr;
    const std::optional<qint64> end = expiresAtMs(*token, *app);
    return end && nowMs >= *end ? nullptr : token;
}

const RefreshToken &TokenStore::addApproval(RefreshToken token)
{
    token.family = token.value;
    const QString key = approvalKey(token.userId, token.clientId);
    while (m_approvals.value(key).size() >= kMaxApprovalsPerUserAndApp)
        revokeFamily(m_approvals.value(key).constFirst()); // also takes it off m_approvals
    m_approvals[key].append(token.family);
    Family &family = m_families[token.family];
    family.key = key;
    family.refreshTokens = {token.value};
    return m_refresh.insert(token.value, token);
}

const RefreshToken &TokenStore::rotate(RefreshToken &used, RefreshToken next)
{
    used.rotated = true;
    next.family = used.family;
    Family &family = m_families[next.family];
    family.refreshTokens.append(next.value);
    const RefreshToken &added = m_refresh.insert(next.value, next);
    while (family.refreshTokens.size() > kRememberedRotations + 1)
        forgetOldestRotation(family);
    return added;
}

void TokenStore::forgetOldestRotation(Family &family)
{
    m_refresh.erase(family.refreshTokens.takeFirst());
}

void TokenStore::revokeFamily(const QString familyName) // a copy: callers pass values held by what it erases
{
    const auto it = m_families.find(familyName);
    if (it == m_families.end())
        return;
    for (const QString &value : std::as_const(it->refreshTokens))
        m_refresh.erase(value);
    for (const QString &value : std::as_const(it->accessTokens)) {
        if (AccessToken *token = m_access.find(value))
            token->revoked = true;
    }
    const QString key = it->key;
    m_families.erase(it);
    QStringList &approvals = m_approvals[key];
    approvals.removeAll(familyName);
    if (approvals.isEmpty())
        m_approvals.remove(key);
}

void TokenStore::clear()
{
    m_access.clear();
    m_refresh.clear();
    m_families.clear();
    m_approvals.clear();
}

std::size_t TokenStore::countOf(const QString &type) const
{
    if (type == u"access_token")
        return m_access.size();
    if (type == u"refresh_token")
        return m_refresh.size();
    return m_access.size() + m_refresh.size();
}

QJsonArray TokenStore::toJson(qint64 nowMs, const OrgModel &org, const Page &page) const
{
    QJsonArray array;
    auto username = [&org](const QString &userId) {
        const User *user = org.userById(userId);
        return user ? user->username : QString();
    };
    const bool withAccess = page.type != u"refresh_token", withRefresh = page.type != u"access_token";
    const std::size_t accessShown = withAccess ? m_access.size() : 0;
    if (withAccess && page.offset < accessShown) {
        m_access.forEach(
            [&](const AccessToken &t) {
                array.append(QJsonObject{{u"type"_s, u"access_token"_s},
                                         {u"token"_s, t.value},
                                         {u"username"_s, username(t.userId)},
                                         {u"clientId"_s, t.clientId},
                                         {u"scope"_s, t.scopes.join(u' ')},
                                         {u"grantType"_s, t.grantType},
                                         {u"issuedAt"_s, t.issuedAtMs},
                                         {u"expiresAt"_s, t.expiresAtMs},
                                         {u"revoked"_s, t.revoked},
                                         {u"refreshFamily"_s, t.family},
                                         {u"active"_s, active(t.value, nowMs, org) != nullptr}});
            },
            page.offset, qint64(page.limit));
    }
    const std::size_t left = page.limit - std::size_t(array.size());
    if (!withRefresh || left == 0)
        return array;
    const std::size_t refreshOffset = page.offset > accessShown ? page.offset - accessShown : 0;
    m_refresh.forEach(
        [&](const RefreshToken &t) {
            const App *app = org.appByClientId(t.clientId);
            const std::optional<qint64> end = app ? expiresAtMs(t, *app) : std::nullopt;
            array.append(QJsonObject{{u"type"_s, u"refresh_token"_s},
                                     {u"token"_s, t.value},
                                     {u"username"_s, username(t.userId)},
                                     {u"clientId"_s, t.clientId},
                                     {u"scope"_s, t.scopes.join(u' ')},
                                     {u"issuedAt"_s, t.issuedAtMs},
                                     {u"lastUsedAt"_s, t.lastUsedAtMs},
                                     {u"family"_s, t.family},
                                     {u"rotated"_s, t.rotated},
                                     {u"expiresAt"_s, end ? QJsonValue(*end) : QJsonValue()},
                                     {u"active"_s, usableRefresh(t.value, nowMs, org) != nullptr}});
        },
        refreshOffset, qint64(left));
    return array;
}

qint64 EmulatorClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch() + m_offsetMs;
}

} // namespace ecalab::emu
