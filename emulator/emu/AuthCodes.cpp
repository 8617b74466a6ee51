#include "AuthCodes.h"

#include "Crypto.h"
#include "OrgModel.h"

#include <QJsonObject>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
// 58 random bytes: 58 = 3·19 + 1, so standard base64 ends in "==" (80 characters in all).
constexpr int kRandomBytes = 58;
} // namespace

QString AuthCodes::newValue()
{
    QString value;
    do {
        value = u"aPrx"_s + QString::fromLatin1(Crypto::randomBytes(kRandomBytes).toBase64());
    } while (!value.contains(u'+') && !value.contains(u'/')); // always something beyond '=' to encode
    return value;
}

const AuthCode &AuthCodes::issue(AuthCode code, qint64 nowMs)
{
    do {
        code.value = newValue();
    } while (find(code.value));
    code.issuedAtMs = nowMs;
    code.expiresAtMs = nowMs + kLifetimeMs;
    code.used = false;
    m_codes.append(code);
    return m_codes.last();
}

AuthCode *AuthCodes::find(QStringView value)
{
    for (AuthCode &code : m_codes) {
        if (!value.isEmpty() && code.value == value)
            return &code;
    }
    return nullptr;
}

QJsonArray AuthCodes::toJson(qint64 nowMs, const OrgModel &org) const
{
    QJsonArray array;
    for (const AuthCode &c : m_codes) {
        const User *user = org.userById(c.userId);
        array.append(QJsonObject{{u"code"_s, c.value},
                                 {u"clientId"_s, c.clientId},
                                 {u"redirectUri"_s, c.redirectUri},
                                 {u"username"_s, user ? user->username : QString()},
                                 {u"scope"_s, c.scopes.join(u' ')},
                                 {u"codeChallenge"_s, c.codeChallenge},
                                 {u"codeChallengeMethod"_s, c.codeChallengeMethod},
                                 {u"nonce"_s, c.nonce},
                                 {u"host"_s, hostKindName(c.host)},
                                 {u"issuedAt"_s, c.issuedAtMs},
                                 {u"expiresAt"_s, c.expiresAtMs},
                                 {u"used"_s, c.used},
                                 {u"active"_s, !c.used && nowMs < c.expiresAtMs}});
    }
    return array;
}

} // namespace ecalab::emu
