#pragma once

#include "core/Expected.h"
#include "crypto/KeyMaterial.h"

#include <QDateTime>
#include <QString>

namespace ecalab::crypto {

// A key pair for the JWT bearer flow (RFC 7523): the private key stays here, the certificate is
// uploaded to the app (§5 of the protocol reference).

struct GeneratedKeyPair
{
    PrivateKey key;
    Certificate certificate;
};

inline constexpr int kDefaultKeyBits = 2048;
inline constexpr int kDefaultValidDays = 365;
inline constexpr int kMaxValidDays = 3650 * 3; // past ~30 years a date slip is likelier than intent
inline constexpr char16_t kDefaultCommonName[] = u"ECA Lab JWT";

// RSA (2048 default; 3072, 4096 allowed, others refused) + self-signed X.509 v3, SHA-256, CN `commonName`,
// valid `validDays` from `now`.
Expected<GeneratedKeyPair, KeyProblem> generateKeyPair(int bits, const QString &commonName, int validDays,
                                                       const QDateTime &now);

struct WrittenKeyFiles
{
    QString keyPath;
    QString certificatePath;
};
inline constexpr char16_t kGeneratedKeyName[] = u"private.key";             // PKCS#8 PEM, 0600
inline constexpr char16_t kGeneratedCertificateName[] = u"certificate.crt"; // PEM

// Creates `dir` if needed; the key written owner-only (0600 from the start, never world-readable for a
// moment), never over an existing file unless `force` (FileExists otherwise); WriteFailed with the OS reason.
Expected<WrittenKeyFiles, KeyProblem> writeKeyPair(const GeneratedKeyPair &pair, const QString &dir, bool force);

} // namespace ecalab::crypto
