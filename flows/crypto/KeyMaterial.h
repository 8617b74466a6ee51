#pragma once

#include "core/Expected.h"
#include "crypto/OpenSslPtr.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>

#include <memory>
#include <optional>

namespace ecalab::crypto {

// Private keys and X.509 certificates as a person hands them over for the JWT bearer flow
// (RFC 7523): PEM, DER, PKCS#8 (encrypted or not), PKCS#1 and PKCS#12, read through OpenSSL 3's
// OSSL_DECODER and X509 APIs. Every failure says which of the usual mistakes it is.

// Keys and certificates are small; a larger file is the wrong file (a tarball, a disk image).
inline constexpr qint64 kMaxKeyFileBytes = 256 * 1024;

struct KeyProblem
{
    enum class Kind {
        FileUnreadable, UnknownFormat, PassphraseNeeded, WrongPassphrase, NotRsa, KeyTooSmall,
        CertificateExpired, CertificateNotYetValid, KeyCertificateMismatch, GenerationFailed,
        WriteFailed, FileExists
    };
    Kind kind = Kind::UnknownFormat;
    QString message;      // what is wrong, in plain words, naming the file when known
    QString fix;          // what to do
    QString openSslError; // OpenSSL's own text, may be empty
};

// "PassphraseNeeded", "KeyTooSmall", … as in the enum (for JSON output and tests).
QString kindName(KeyProblem::Kind kind);

struct KeyInfo
{
    QString type;            // "RSA", "EC", "ED25519", … (EVP_PKEY_get0_type_name)
    int bits = 0;
    QString publicKeySha256; // SHA-256 of the DER SubjectPublicKeyInfo, "AB:CD:…" upper-case hex
    // "PEM PKCS#8", "PEM PKCS#1", "PEM PKCS#8 (encrypted)", "PEM PKCS#1 (encrypted)", "PEM SEC1",
    // "DER", "DER (encrypted)", "PKCS#12", "PEM certificate", "DER certificate"
    QString format;
};

struct CertificateInfo
{
    QString subject, issuer, commonName; // one-line RFC 2253 text
    QDateTime notBefore, notAfter;       // UTC
    QString sha256Fingerprint;           // of the DER certificate, "AB:CD:…"
    QString serialNumber;                // hex
    bool selfSigned = false;
    KeyInfo publicKey;
};

class Certificate
{
public:
    static Expected<Certificate, KeyProblem> load(QByteArrayView data, const QString &fileName = {}); // PEM or DER
    static Expected<Certificate, KeyProblem> loadFile(const QString &path);
    // Takes ownership of a certificate made here (KeyGeneration); `format` as KeyInfo::format.
    static Certificate fromX509(X509Ptr certificate, const QString &format = QStringLiteral("PEM certificate"),
                                const QString &fileName = {});

    CertificateInfo info() const;
    QByteArray pem() const; // "-----BEGIN CERTIFICATE-----…", what is uploaded to the app
    QByteArray der() const;
    EVP_PKEY &publicKey() const;
    X509 &x509() const;
    QString fileName() const { return m_fileName; }
    // Expired / not yet valid at `now`, as a problem; nullopt when valid.
    std::optional<KeyProblem> validityProblem(const QDateTime &now) const;

private:
    Certificate() = default;
    std::shared_ptr<X509> m_x509;
    QString m_format;
    QString m_fileName;
};

class PrivateKey
{
public:
    // PEM (PKCS#1, PKCS#8, encrypted PKCS#8), DER (PKCS#1/PKCS#8), PKCS#12 (with its password).
    // An encrypted key or PKCS#12 with an empty passphrase → PassphraseNeeded; a wrong one → WrongPassphrase.
    // A PEM file that also holds a certificate, and a PKCS#12 bundle, give certificate().
    static Expected<PrivateKey, KeyProblem> load(QByteArrayView data, const QByteArray &passphrase = {},
                                                 const QString &fileName = {});
    static Expected<PrivateKey, KeyProblem> loadFile(const QString &path, const QByteArray &passphrase = {});
    // Takes ownership of a key made here (KeyGeneration); `format` as KeyInfo::format.
    static PrivateKey fromPkey(PkeyPtr key, const QString &format = QStringLiteral("PEM PKCS#8"));

    EVP_PKEY &pkey() const;
    KeyInfo info() const;
    const std::optional<Certificate> &certificate() const; // the certificate a PKCS#12 bundle carried
    QString fileName() const { return m_fileName; }
    // Salesforce's JWT bearer needs RSA of 2048 bits or more (§5): NotRsa / KeyTooSmall, else nullopt.
    std::optional<KeyProblem> salesforceProblem() const;
    // Unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), for writing a generated key. The
    // caller owns a secret: wipe it with OPENSSL_cleanse when done.
    Expected<QByteArray, KeyProblem> pkcs8Pem() const;

private:
    PrivateKey() = default;
    std::shared_ptr<EVP_PKEY> m_pkey;
    QString m_format;
    QString m_fileName;
    std::optional<Certificate> m_certificate;
};

bool belongTogether(const PrivateKey &key, const Certificate &certificate); // same public key

// NotRsa / KeyTooSmall for any key, public or private (a certificate's too); `what` starts the
// message ("The key /path/acme.key").
std::optional<KeyProblem> salesforceKeyProblem(EVP_PKEY &key, const QString &what);

// What a file holds, by a look at its bytes, without a passphrase (for `ecalab keys inspect`).
enum class KeyFileContent { PrivateKey, Certificate, Pkcs12, Unknown };
KeyFileContent sniffKeyFile(QByteArrayView data);

// Public-key facts of any key (type, bits, SPKI fingerprint); `format` is copied into the result.
KeyInfo keyInfo(EVP_PKEY &key, const QString &format);

// Overwrites a secret the caller owns (a passphrase read from the environment) with
// OPENSSL_cleanse, which the compiler cannot drop as a dead store, then empties it.
void wipeSecret(QByteArray &secret);

// "AB:CD:…": upper-case hex pairs, as `openssl x509 -fingerprint` prints them.
QString colonHex(QByteArrayView bytes);

} // namespace ecalab::crypto
