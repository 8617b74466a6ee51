#include "TokenStore.h"

#include "OrgModel.h"

#include <QDateTime>
#include <QJsonObject>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

const AccessToken &TokenStore::add(const AccessToken &token)
{
    m_tokens.append(token);
    return m_tokens.last();
}

const RefreshToken &TokenStore::addRefresh(const RefreshToken &token)
{
    m_refreshTokens.append(token);
    return m_refreshTokens.last();
}

RefreshToken *TokenStore::findRefresh(QStringView value)
{
    for (RefreshToken &token : m_refreshTokens) {
        if (!value.isEmpty() && token.value == value)
            return &token;
    }
    return nullptr;
}

AccessToken *TokenStore::find(QStringView value)
{
    for (AccessToken &token : m_tokens) {
        if (!value.isEmpty() && token.value == value)
            return &token;
    }
    return nullptr;
}

const AccessToken *TokenStore::find(QStringView value) const
{
    return const_cast<TokenStore *>(this)->find(value);
}

const AccessToken *TokenStore::active(QStringView value, qint64 nowMs, const OrgModel &org) const
{
    const AccessToken *token = find(value);
    if (!token || token->revoked || nowMs >= token->expiresAtMs)
        return nullptr;
    const User *user = org.userById(token->userId);
    return user && user->active ? token : nullptr; // deactivating a user ends its sessions
}

QJsonArray TokenStore::toJson(qint64 nowMs, const OrgModel &org) const
{
    QJsonArray array;
    for (const AccessToken &t : m_tokens) {
        const User *user = org.userById(t.userId);
        array.append(QJsonObject{{u"type"_s, u"access_token"_s},
                                 {u"token"_s, t.value},
                                 {u"username"_s, user ? user->username : QString()},
                                 {u"clientId"_s, t.clientId},
                                 {u"scope"_s, t.scopes.join(u' ')},
                                 {u"grantType"_s, t.grantType},
                                 {u"issuedAt"_s, t.issuedAtMs},
                                 {u"expiresAt"_s, t.expiresAtMs},
                                 {u"revoked"_s, t.revoked},
                                 {u"active"_s, active(t.value, nowMs, org) != nullptr}});
    }
    for (const RefreshToken &t : m_refreshTokens) {
        const User *user = org.userById(t.userId);
        array.append(QJsonObject{{u"type"_s, u"refresh_token"_s},
                                 {u"token"_s, t.value},
                                 {u"username"_s, user ? user->username : QString()},
                                 {u"clientId"_s, t.clientId},
                                 {u"scope"_s, t.scopes.join(u' ')},
                                 {u"issuedAt"_s, t.issuedAtMs},
                                 {u"revoked"_s, t.revoked},
                                 {u"active"_s, !t.revoked && user && user->active}});
    }
    return array;
}

qint64 EmulatorClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch() + m_offsetMs;
}

} // namespace ecalab::emu
