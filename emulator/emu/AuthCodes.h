#pragma once

#include "HttpTypes.h"

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace ecalab::emu {

class OrgModel;

// An authorization code and everything it is bound to (§3.2, §3.3).
struct AuthCode
{
    QString value;
    QString clientId;
    QString redirectUri;
    QString codeChallenge; // empty: no PKCE on this code
    QString codeChallengeMethod;
    QStringList scopes;
    QString nonce;
    QString userId; // 15-char 005 id
    qint64 authTimeMs = 0;
    qint64 issuedAtMs = 0;
    qint64 expiresAtMs = 0;
    HostKind host = HostKind::MyDomain; // where /authorize was called
    bool used = false;
};

class AuthCodes
{
public:
    // §3.2: "about 15 minutes (unconfirmed)".
    static constexpr qint64 kLifetimeMs = 15 * 60'000;

    // A fresh code, shaped like Salesforce's: "aPrx" + standard base64 that always ends in "==" and
    // may hold '+' and '/', so a client that does not URL-encode (or decode) it exactly once fails.
    const AuthCode &issue(AuthCode code, qint64 nowMs);
    AuthCode *find(QStringView value);
    void clear() { m_codes.clear(); }
    QJsonArray toJson(qint64 nowMs, const OrgModel &org) const;

    static QString newValue();

private:
    QList<AuthCode> m_codes;
};

} // namespace ecalab::emu
