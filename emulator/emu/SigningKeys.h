#pragma once

#include "Crypto.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace ecalab::emu {

// The emulator's RS256 keys (committed demo material, never generated at start-up). All are
// published at /id/keys under numeric kids like Salesforce's (§7.8); the current one signs.
class SigningKeys
{
public:
    static constexpr char16_t kCurrentKid[] = u"248";

    SigningKeys(); // loads :/emulator/demo/signing/*.pem
    QJsonObject jwks() const;
    QString currentKid() const { return QString::fromUtf16(kCurrentKid); }
    // A compact JWS: base64url(header).base64url(claims).base64url(RS256 signature).
    QByteArray signJwt(const QJsonObject &claims) const;

private:
    QList<QPair<QString, RsaKey>> m_keys;
};

} // namespace ecalab::emu
