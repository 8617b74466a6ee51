#pragma once

#include "crypto/KeyMaterial.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace ecalab::crypto {

// One key or certificate file looked at as the JWT bearer flow would use it (`ecalab keys inspect`,
// the Keys view): what it is, and every reason it would not do.
struct KeyFileReport
{
    QString path;
    KeyFileContent content = KeyFileContent::Unknown;
    std::optional<PrivateKey> key;
    // A certificate file, or the certificate a PKCS#12 bundle or combined PEM carried.
    std::optional<Certificate> certificate;
    // Loading, Salesforce's key rules (§5), the certificate's validity at `now`, and a bundle
    // whose key and certificate differ. Empty when the file is fit for use.
    QList<KeyProblem> problems;
};

KeyFileReport inspectKeyFile(const QString &path, const QByteArray &passphrase, const QDateTime &now);

} // namespace ecalab::crypto
