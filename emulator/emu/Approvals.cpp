#include "Approvals.h"

#include "OrgModel.h"

#include <QJsonObject>

#include <algorithm>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

void Approvals::remember(const QString &userId, const QString &clientId, const QStringList &scopes, qint64 nowMs)
{
    for (Approval &approval : m_approvals) {
        if (approval.userId == userId && approval.clientId == clientId) {
            for (const QString &scope : scopes) {
                if (!approval.scopes.contains(scope))
                    approval.scopes << scope;
            }
            approval.approvedAtMs = nowMs;
            return;
        }
    }
    m_approvals.append({userId, clientId, scopes, nowMs});
}

bool Approvals::covers(QStringView userId, QStringView clientId, const QStringList &scopes) const
{
    for (const Approval &approval : m_approvals) {
        if (approval.userId != userId || approval.clientId != clientId)
            continue;
        for (const QString &scope : scopes) {
            if (!approval.scopes.contains(scope))
                return false;
        }
        return true;
    }
    return false;
}

bool Approvals::hasApproved(QStringView userId, QStringView clientId) const
{
    return std::any_of(m_approvals.cbegin(), m_approvals.cend(), [userId, clientId](const Approval &a) {
        return a.userId == userId && a.clientId == clientId;
    });
}

int Approvals::forget(QStringView userId, QStringView clientId)
{
    return int(m_approvals.removeIf([userId, clientId](const Approval &a) {
        return (userId.isEmpty() || a.userId == userId) && (clientId.isEmpty() || a.clientId == clientId);
    }));
}

QJsonArray Approvals::toJson(const OrgModel &org) const
{
    QJsonArray array;
    for (const Approval &a : m_approvals) {
        const User *user = org.userById(a.userId);
        const App *app = org.appByClientId(a.clientId);
        array.append(QJsonObject{{u"username"_s, user ? user->username : QString()},
                                 {u"clientId"_s, a.clientId},
                                 {u"app"_s, app ? app->fullName : QString()},
                                 {u"scope"_s, a.scopes.join(u' ')},
                                 {u"approvedAt"_s, a.approvedAtMs}});
    }
    return array;
}

} // namespace ecalab::emu
