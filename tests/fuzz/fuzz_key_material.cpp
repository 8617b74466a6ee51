// Private keys and certificates as people hand them over for the JWT bearer flow (RFC 7523):
// PEM, DER, PKCS#8 (encrypted or not), PKCS#1, PKCS#12. The first byte picks the loader and the
// passphrase; the corpus keys were generated for this purpose (tests/fuzz/README.md).

#include "FuzzSupport.h"

#include "crypto/KeyMaterial.h"

#include <QTimeZone>

using namespace ecalab;
using namespace ecalab::crypto;
using namespace Qt::Literals::StringLiterals;

namespace {

const QByteArray kPassphrase = "fuzz-passphrase"; // of the encrypted keys and bundles in the corpus

// A loaded key exported as PKCS#8 and loaded again is the same key.
void checkKey(const PrivateKey &key)
{
    const KeyInfo info = key.info();
    fuzz::require(!info.type.isEmpty() && !info.publicKeySha256.isEmpty(), "a loaded key has a type and fingerprint");
    (void)key.salesforceProblem();
    if (const auto &certificate = key.certificate())
        (void)belongTogether(key, *certificate);
    auto pem = key.pkcs8Pem();
    if (!pem)
        return;
    const auto again = PrivateKey::load(*pem);
    wipeSecret(*pem);
    fuzz::require(again && again->info().publicKeySha256 == info.publicKeySha256, "PKCS#8 export reloads the key");
}

void checkCertificate(const Certificate &certificate)
{
    const CertificateInfo info = certificate.info();
    fuzz::require(!info.sha256Fingerprint.isEmpty(), "a loaded certificate has a fingerprint");
    (void)certificate.validityProblem(QDateTime(QDate(2026, 12, 2), QTime(0, 0), QTimeZone::utc()));
    const auto again = Certificate::load(certificate.der());
    fuzz::require(again && again->info().sha256Fingerprint == info.sha256Fingerprint, "DER export reloads it");
    (void)salesforceKeyProblem(certificate.publicKey(), u"The certificate"_s);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > size_t(kMaxKeyFileBytes))
        return 0;
    const int mode = data[0] % 3;
    const QByteArray file = fuzz::bytes(data + 1, size - 1);
    (void)sniffKeyFile(file);
    if (mode == 2) {
        if (const auto certificate = Certificate::load(file, u"fuzz.crt"_s))
            checkCertificate(*certificate);
        return 0;
    }
    const auto key = PrivateKey::load(file, mode == 0 ? kPassphrase : QByteArray(), u"fuzz.key"_s);
    if (key)
        checkKey(*key);
    else
        fuzz::require(!key.error().message.isEmpty(), "a refused key says why");
    return 0;
}
