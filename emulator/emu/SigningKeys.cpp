#include "SigningKeys.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

SigningKeys::SigningKeys()
{
    for (const QString &kid : {u"248"_s, u"244"_s, u"246"_s}) {
        QFile file(u":/emulator/demo/signing/%1.pem"_s.arg(kid));
        QString error;
        std::optional<RsaKey> key;
        if (file.open(QIODevice::ReadOnly))
            key = RsaKey::fromPrivateKeyPem(file.readAll(), &error);
        if (!key)
            qFatal("emulator signing key %s is missing from the resources: %s", qPrintable(kid), qPrintable(error));
        m_keys.append({kid, *key});
    }
}

QJsonObject SigningKeys::jwks() const
{
    QJsonArray keys;
    for (const auto &[kid, key] : m_keys)
        keys.append(key.publicJwk(kid));
    return {{u"keys"_s, keys}};
}

QByteArray SigningKeys::signJwt(const QJsonObject &claims) const
{
    // Header as in Salesforce's ID tokens: kid, typ, alg (§7.7).
    const QJsonObject header{{u"kid"_s, currentKid()}, {u"typ"_s, u"JWT"_s}, {u"alg"_s, u"RS256"_s}};
    const QByteArray input = Crypto::base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                             Crypto::base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    for (const auto &[kid, key] : m_keys) {
        if (kid == currentKid())
            return input + '.' + Crypto::base64Url(key.signSha256(input));
    }
    return {};
}

} // namespace ecalab::emu
