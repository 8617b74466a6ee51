#include "KeyGeneration.h"

#include "KeyMaterialParts.h"

#include "crypto/OpenSslError.h"

#include <openssl/bn.h>
#include <openssl/err.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace ecalab::crypto {

using namespace Qt::Literals::StringLiterals;
using Kind = KeyProblem::Kind;

namespace {
constexpr int kMaxCommonNameLength = 64; // RFC 5280 Appendix A.1: ub-common-name
constexpr int kSerialBits = 159;         // RFC 5280 §4.1.2.2: positive, at most 20 octets

std::optional<KeyProblem> requestProblem(int bits, const QString &commonName, int validDays)
{
    const auto refuse = [](Kind kind, const QString &message, const QString &fix) {
        return std::optional<KeyProblem>(keyProblem(kind, message, fix));
    };
    if (bits < 2048)
        return refuse(Kind::KeyTooSmall, u"An RSA key of %1 bits is too small; Salesforce needs 2048 or more."_s.arg(bits),
                      u"Use --bits 2048 (the default), 3072 or 4096."_s);
    if (bits != 2048 && bits != 3072 && bits != 4096)
        return refuse(Kind::GenerationFailed, u"%1 bits is not a key size ECA Lab makes."_s.arg(bits),
                      u"Use --bits 2048 (the default), 3072 or 4096."_s);
    if (commonName.trimmed().isEmpty() || commonName.size() > kMaxCommonNameLength)
        return refuse(Kind::GenerationFailed,
                      u"The certificate's common name must be 1 to %1 characters."_s.arg(kMaxCommonNameLength),
                      u"Give a short name with --cn, such as \"ECA Lab JWT\"."_s);
    if (validDays < 1 || validDays > kMaxValidDays)
        return refuse(Kind::GenerationFailed, u"A validity of %1 days is out of range."_s.arg(validDays),
                      u"Use --days between 1 and %1."_s.arg(kMaxValidDays));
    return std::nullopt;
}

bool addExtension(X509 &certificate, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, &certificate, &certificate, nullptr, nullptr, 0); // self-signed: issuer = subject
    const X509ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    return extension && X509_add_ext(&certificate, extension.get(), -1) == 1;
}

bool setRandomSerial(X509 &certificate)
{
    const BignumPtr serial(BN_new());
    return serial && BN_rand(serial.get(), kSerialBits, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
           BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(&certificate)) != nullptr;
}

// An X.509 v3 certificate (RFC 5280 §4.1) for `key`, signed by itself with SHA-256.
X509Ptr selfSigned(EVP_PKEY &key, const QString &commonName, int validDays, const QDateTime &now)
{
    X509Ptr certificate(X509_new());
    if (!certificate)
        return nullptr;
    X509 &x = *certificate;
    const QByteArray cn = commonName.toUtf8();
    const time_t start = time_t(now.toSecsSinceEpoch());
    X509_NAME *name = X509_get_subject_name(&x);
    const bool ok = X509_set_version(&x, X509_VERSION_3) == 1 && setRandomSerial(x) &&
                    ASN1_TIME_set(X509_getm_notBefore(&x), start) != nullptr &&
                    ASN1_TIME_set(X509_getm_notAfter(&x), start + time_t(validDays) * 86'400) != nullptr &&
                    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                               reinterpret_cast<const unsigned char *>(cn.constData()), int(cn.size()),
                                               -1, 0) == 1 &&
                    X509_set_issuer_name(&x, name) == 1 && X509_set_pubkey(&x, &key) == 1 &&
                    // A signing certificate, not a CA: it only stands for the key the assertions use.
                    addExtension(x, NID_basic_constraints, "critical,CA:FALSE") &&
                    addExtension(x, NID_key_usage, "critical,digitalSignature") &&
                    addExtension(x, NID_subject_key_identifier, "hash") && X509_sign(&x, &key, EVP_sha256()) > 0;
    return ok ? std::move(certificate) : nullptr;
}

#ifdef Q_OS_UNIX
QString osError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Writes a new file created with `mode` by open(2) itself, so it is never more readable than that,
// not even between create and chmod. O_NOFOLLOW: a symlink planted at the path is not followed.
std::optional<QString> writeNewFile(const QString &path, const QByteArray &bytes, mode_t mode)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0)
        return osError(errno);
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = errno;
            ::close(fd);
            ::unlink(native.constData());
            return osError(error);
        }
        done += n;
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int error = errno;
        ::unlink(native.constData());
        return osError(error);
    }
    return std::nullopt;
}

// `force`: written beside the target, then rename(2)d over it, so the target is either the old file
// or the whole new one, and the new mode is the new file's own, not the old file's.
std::optional<KeyProblem> writeFile(const QString &path, const QByteArray &bytes, mode_t mode, bool force)
{
    const QString shown = QDir::toNativeSeparators(path);
    const QString written = force ? u"%1.new-%2"_s.arg(path).arg(::getpid()) : path;
    if (const auto error = writeNewFile(written, bytes, mode)) {
        if (!force && QFileInfo(path).exists())
            return keyProblem(Kind::FileExists, u"%1 already exists; ECA Lab does not write over a key."_s.arg(shown),
                              u"Choose another directory, or add --force to replace it."_s);
        return keyProblem(Kind::WriteFailed, u"Cannot write %1: %2."_s.arg(shown, *error),
                          u"Check that the directory is writable, or choose another with --out."_s);
    }
    if (force && ::rename(QFile::encodeName(written).constData(), QFile::encodeName(path).constData()) != 0) {
        const int error = errno;
        ::unlink(QFile::encodeName(written).constData());
        return keyProblem(Kind::WriteFailed, u"Cannot replace %1: %2."_s.arg(shown, osError(error)),
                          u"Check that the directory is writable, or choose another with --out."_s);
    }
    return std::nullopt;
}
#else
std::optional<KeyProblem> writeFile(const QString &path, const QByteArray &bytes, bool ownerOnly, bool force)
{
    QFile file(path);
    if (force)
        QFile::remove(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
        (ownerOnly && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) ||
        file.write(bytes) != bytes.size() || !file.flush())
        return keyProblem(Kind::WriteFailed, u"Cannot write %1: %2."_s.arg(QDir::toNativeSeparators(path), file.errorString()),
                          u"Check that the directory is writable, or choose another with --out."_s);
    return std::nullopt;
}
#endif
} // namespace

Expected<GeneratedKeyPair, KeyProblem> generateKeyPair(int bits, const QString &commonName, int validDays,
                                                       const QDateTime &now)
{
    if (auto problem = requestProblem(bits, commonName, validDays))
        return unexpected(*problem);
    ERR_clear_error();
    PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(bits)));
    X509Ptr certificate = key ? selfSigned(*key, commonName, validDays, now) : nullptr;
    if (!certificate)
        return unexpected(keyProblem(Kind::GenerationFailed, u"OpenSSL could not make the key pair."_s,
                                     u"Report this as a bug, with the OpenSSL version."_s, takeOpenSslErrors()));
    GeneratedKeyPair pair{.key = PrivateKey::fromPkey(std::move(key), u"PEM PKCS#8"_s),
                          .certificate = Certificate::fromX509(std::move(certificate), u"PEM certificate"_s)};
    return pair;
}

Expected<WrittenKeyFiles, KeyProblem> writeKeyPair(const GeneratedKeyPair &pair, const QString &dir, bool force)
{
    const QDir directory(dir);
    WrittenKeyFiles files;
    files.keyPath = directory.filePath(QString::fromUtf16(kGeneratedKeyName));
    files.certificatePath = directory.filePath(QString::fromUtf16(kGeneratedCertificateName));
    if (!QDir().mkpath(dir))
        return unexpected(keyProblem(Kind::WriteFailed,
                                     u"Cannot create the directory %1."_s.arg(QDir::toNativeSeparators(dir)),
                                     u"Check the path and its permissions, or choose another with --out."_s));
    // Both are checked before either is written, so a refusal leaves the directory as it was.
    for (const QString &path : {files.keyPath, files.certificatePath}) {
        if (!force && (QFileInfo::exists(path) || QFileInfo(path).isSymLink()))
            return unexpected(keyProblem(
                Kind::FileExists, u"%1 already exists; ECA Lab does not write over a key pair."_s.arg(QDir::toNativeSeparators(path)),
                u"Choose another --out directory, or add --force to replace both files (then upload the new "
                "certificate to the app: the old key stops working)."_s));
    }
    auto pem = pair.key.pkcs8Pem();
    if (!pem)
        return unexpected(pem.error());
    const SecretBytes keyPem(std::move(*pem));
#ifdef Q_OS_UNIX
    auto keyProblemSeen = writeFile(files.keyPath, keyPem.bytes(), 0600, force);
    auto certificateProblem = keyProblemSeen ? std::nullopt : writeFile(files.certificatePath, pair.certificate.pem(), 0644, force);
#else
    auto keyProblemSeen = writeFile(files.keyPath, keyPem.bytes(), true, force);
    auto certificateProblem = keyProblemSeen ? std::nullopt : writeFile(files.certificatePath, pair.certificate.pem(), false, force);
#endif
    if (keyProblemSeen)
        return unexpected(*keyProblemSeen);
    if (certificateProblem) {
        if (!force)
            QFile::remove(files.keyPath); // a key without its certificate is of no use; leave nothing half-done
        return unexpected(*certificateProblem);
    }
    return files;
}

} // namespace ecalab::crypto
