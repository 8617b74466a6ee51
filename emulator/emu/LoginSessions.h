#pragma once

#include "HttpTypes.h"

#include <QJsonArray>
#include <QList>
#include <QString>

namespace ecalab::emu {

class OrgModel;
struct User;

// A browser's login on the emulator: the `sid` cookie (one cookie for all three hosts, which
// share 127.0.0.1) naming a session of one user. Used by the authorize page and the device
// page (/setup/connect) alike.
struct LoginSession
{
    QString sid;
    QString userId;        // 15-char 005 id
    qint64 authTimeMs = 0; // when the password was checked: the id_token's auth_time (§7.7)
    qint64 expiresAtMs = 0;
};

class LoginSessions
{
public:
    static constexpr char kCookieName[] = "sid";

    // A new session for `user`, living for the org's session timeout (§7.2).
    const LoginSession &start(const User &user, qint64 nowMs, int timeoutMinutes);
    // The session the request's `sid` cookie names, if it is alive and its user still active.
    const LoginSession *current(const HttpRequest &request, qint64 nowMs, const OrgModel &org) const;
    // `Set-Cookie` value: host-only, whole host, HttpOnly, SameSite=Lax (form posts from our own pages).
    static QByteArray setCookieValue(const LoginSession &session);
    static QString cookieValue(const HttpRequest &request, QByteArrayView name);

    void endAll() { m_sessions.clear(); }
    int endForUser(QStringView userId); // log a user out everywhere; the count ended
    QJsonArray toJson(qint64 nowMs, const OrgModel &org) const;

private:
    QList<LoginSession> m_sessions;
};

} // namespace ecalab::emu
