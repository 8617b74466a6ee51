#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace ecalab::emu {

class OrgModel;

// Remembered consent: once a user allows an app, the consent page is skipped for the same
// scopes until `prompt=consent` or the approval is forgotten (Setup → OAuth Connected Apps usage).
struct Approval
{
    QString userId;   // 15-char 005 id
    QString clientId; // consumer key
    QStringList scopes;
    qint64 approvedAtMs = 0;
};

class Approvals
{
public:
    // Records (or widens) the approval of `scopes` by the user for the app.
    void remember(const QString &userId, const QString &clientId, const QStringList &scopes, qint64 nowMs);
    // True when the user has approved every one of `scopes` for the app.
    bool covers(QStringView userId, QStringView clientId, const QStringList &scopes) const;
    // True when the user has approved the app at all, whatever the scopes (the JWT bearer flow's
    // "prior approval", §5).
    bool hasApproved(QStringView userId, QStringView clientId) const;
    // Forgets approvals; empty arguments match everything. Returns how many were forgotten.
    int forget(QStringView userId = {}, QStringView clientId = {});
    void clear() { m_approvals.clear(); }
    QJsonArray toJson(const OrgModel &org) const;

private:
    QList<Approval> m_approvals;
};

} // namespace ecalab::emu
