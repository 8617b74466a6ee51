#pragma once

// KeyMaterial's inner pieces, shared by its source files (KeyMaterial, Certificate, KeyGeneration);
// not for use outside flows/crypto.

#include "core/Expected.h"
#include "crypto/KeyMaterial.h"
#include "crypto/OpenSslPtr.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <optional>

namespace ecalab::crypto {

KeyProblem keyProblem(KeyProblem::Kind kind, const QString &message, const QString &fix, const QString &openSsl = {});

// "/home/ada/keys/acme.key" (native separators), or `fallback` when there is no file name.
QString shownName(const QString &fileName, const QString &fallback);
// `shown` at the start of a sentence: "The key", a file name unchanged.
QString atStart(const QString &shown);

// Bytes of a private key owned here, wiped with OPENSSL_cleanse (which the compiler cannot drop
// as a dead store) before the memory is returned.
class SecretBytes
{
public:
    explicit SecretBytes(QByteArrayView view);  // a deep copy
    explicit SecretBytes(QByteArray &&owned);   // takes the buffer (a file just read)
    ~SecretBytes();
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;
    const QByteArray &bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

// One "-----BEGIN LABEL-----" … "-----END LABEL-----" block of a PEM text (RFC 7468 §2).
struct PemBlock
{
    QByteArray label;
    QByteArrayView text; // from BEGIN to the end of the END line, inside the searched data
};
std::optional<PemBlock> findPem(const QByteArray &data, const std::function<bool(QByteArrayView)> &labelMatches);
bool isCertificateLabel(QByteArrayView label); // "CERTIFICATE" (RFC 7468 §5.1)

// The file's bytes, at most kMaxKeyFileBytes; FileUnreadable with the reason otherwise.
// `what` is "Key file" or "Certificate file".
Expected<QByteArray, KeyProblem> readKeyFile(const QString &path, const QString &what);

// A key encoded by OSSL_ENCODER (`outputType` "PEM"/"DER", `structure` "PrivateKeyInfo",
// "SubjectPublicKeyInfo"); OpenSSL's error text otherwise. The caller wipes a private key's bytes.
Expected<QByteArray, QString> encodeKey(EVP_PKEY &key, int selection, const char *outputType, const char *structure);

// A DER PKCS#12 (RFC 7292) structure, or null when the bytes are not one.
Pkcs12Ptr parsePkcs12(QByteArrayView data);
struct Pkcs12Contents
{
    PkeyPtr key;
    X509Ptr certificate;
};
// The key (and its certificate) of a bundle, checking the password against the MAC first so a wrong
// one is told apart from a damaged file.
Expected<Pkcs12Contents, KeyProblem> openPkcs12(PKCS12 &p12, const QByteArray &password, const QString &shown);

} // namespace ecalab::crypto
