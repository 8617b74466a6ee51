#include "LoginSessions.h"

#include "Crypto.h"
#include "OrgModel.h"

#include <QJsonObject>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kSidLength = 64;
constexpr QStringView kSidAlphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
} // namespace

const LoginSession &LoginSessions::start(const User &user, qint64 nowMs, int timeoutMinutes)
{
    LoginSession session;
    session.sid = Crypto::randomString(kSidLength, kSidAlphabet);
    session.userId = user.id15;
    session.authTimeMs = nowMs;
    session.expiresAtMs = nowMs + qint64(timeoutMinutes) * 60'000;
    m_sessions.append(session);
    return m_sessions.last();
}

QString LoginSessions::cookieValue(const HttpRequest &request, QByteArrayView name)
{
    // Every Cookie header, "a=b; c=d" (RFC 6265 §5.4); the first match wins.
    for (const auto &[header, value] : request.headers) {
        if (header.compare("cookie", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &pair : value.split(';')) {
            const qsizetype equals = pair.indexOf('=');
            if (equals > 0 && pair.left(equals).trimmed() == name)
                return QString::fromLatin1(pair.mid(equals + 1).trimmed());
        }
    }
    return {};
}

const LoginSession *LoginSessions::current(const HttpRequest &request, qint64 nowMs, const OrgModel &org) const
{
    const QString sid = cookieValue(request, kCookieName);
    if (sid.isEmpty())
        return nullptr;
    for (const LoginSession &session : m_sessions) {
        if (session.sid != sid)
            continue;
        const User *user = org.userById(session.userId);
        return nowMs < session.expiresAtMs && user && user->active ? &session : nullptr;
    }
    return nullptr;
}

QByteArray LoginSessions::setCookieValue(const LoginSession &session)
{
    return QByteArray(kCookieName) + '=' + session.sid.toLatin1() + "; Path=/; HttpOnly; SameSite=Lax";
}

int LoginSessions::endForUser(QStringView userId)
{
    return int(m_sessions.removeIf([userId](const LoginSession &s) { return s.userId == userId; }));
}

QJsonArray LoginSessions::toJson(qint64 nowMs, const OrgModel &org) const
{
    QJsonArray array;
    for (const LoginSession &s : m_sessions) {
        const User *user = org.userById(s.userId);
        array.append(QJsonObject{{u"username"_s, user ? user->username : QString()},
                                 {u"authTime"_s, s.authTimeMs},
                                 {u"expiresAt"_s, s.expiresAtMs},
                                 {u"active"_s, nowMs < s.expiresAtMs && user && user->active}});
    }
    return array;
}

} // namespace ecalab::emu
