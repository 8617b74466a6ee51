#include "KeyInspection.h"

#include "KeyMaterialParts.h"


namespace ecalab::crypto {

using namespace Qt::Literals::StringLiterals;
using Kind = KeyProblem::Kind;

namespace {
void addCertificateProblems(KeyFileReport &report, const QDateTime &now)
{
    const Certificate &certificate = *report.certificate;
    if (auto problem = certificate.validityProblem(now))
        report.problems.append(*problem);
    if (report.content == KeyFileContent::Certificate) {
        const QString what = u"The certificate %1's key"_s.arg(shownName(report.path, QString()));
        if (auto problem = salesforceKeyProblem(certificate.publicKey(), what))
            report.problems.append(*problem);
    } else if (report.key && !belongTogether(*report.key, certificate)) {
        report.problems.append(keyProblem(Kind::KeyCertificateMismatch,
                                          u"The key and the certificate inside %1 are not a pair."_s.arg(
                                              shownName(report.path, QString())),
                                          u"Export the bundle again from the key and its own certificate."_s));
    }
}
} // namespace

KeyFileReport inspectKeyFile(const QString &path, const QByteArray &passphrase, const QDateTime &now)
{
    KeyFileReport report;
    report.path = path;
    auto bytes = readKeyFile(path, u"File"_s);
    if (!bytes) {
        report.problems.append(bytes.error());
        return report;
    }
    const SecretBytes owned(std::move(*bytes)); // it may be a private key
    report.content = sniffKeyFile(owned.bytes());
    if (report.content == KeyFileContent::Certificate) {
        auto certificate = Certificate::load(owned.bytes(), path);
        if (!certificate) {
            report.problems.append(certificate.error());
            return report;
        }
        report.certificate = *certificate;
        addCertificateProblems(report, now);
        return report;
    }
    // A private key, a bundle, or unknown: PrivateKey says best what is wrong with it.
    auto key = PrivateKey::load(owned.bytes(), passphrase, path);
    if (!key) {
        report.problems.append(key.error());
        return report;
    }
    report.key = *key;
    if (report.content == KeyFileContent::Unknown)
        report.content = KeyFileContent::PrivateKey;
    if (auto problem = key->salesforceProblem())
        report.problems.append(*problem);
    if (key->certificate()) {
        report.certificate = key->certificate();
        addCertificateProblems(report, now);
    }
    return report;
}

} // namespace ecalab::crypto
