#include "KeyMaterialParts.h"

#include "core/SmallFile.h"
#include "crypto/OpenSslError.h"

#include <openssl/crypto.h>
#include <openssl/err.h>

#include <QDir>
#include <QFileInfo>

namespace ecalab::crypto {

using namespace Qt::Literals::StringLiterals;
using Kind = KeyProblem::Kind;

KeyProblem keyProblem(KeyProblem::Kind kind, const QString &message, const QString &fix, const QString &openSsl)
{
    KeyProblem problem;
    problem.kind = kind;
    problem.message = message;
    problem.fix = fix;
    problem.openSslError = openSsl;
    return problem;
}

QString shownName(const QString &fileName, const QString &fallback)
{
    return fileName.isEmpty() ? fallback : QDir::toNativeSeparators(fileName);
}

QString atStart(const QString &shown)
{
    return shown.startsWith(u"the "_s) ? u'T' + shown.mid(1) : shown;
}

SecretBytes::SecretBytes(QByteArrayView view) : m_bytes(view.data(), view.size()) {}

SecretBytes::SecretBytes(QByteArray &&owned) : m_bytes(std::move(owned)) {}

SecretBytes::~SecretBytes()
{
    // data() detaches a shared buffer first; then only this copy is wiped, which is all we own.
    if (!m_bytes.isEmpty())
        OPENSSL_cleanse(m_bytes.data(), size_t(m_bytes.size()));
}

std::optional<PemBlock> findPem(const QByteArray &data, const std::function<bool(QByteArrayView)> &labelMatches)
{
    static constexpr QByteArrayView kBegin = "-----BEGIN ";
    static constexpr QByteArrayView kDashes = "-----";
    for (qsizetype from = data.indexOf(kBegin); from >= 0; from = data.indexOf(kBegin, from + 1)) {
        const qsizetype labelStart = from + kBegin.size();
        const qsizetype labelEnd = data.indexOf(kDashes, labelStart);
        if (labelEnd < 0)
            return std::nullopt;
        const QByteArray label = data.mid(labelStart, labelEnd - labelStart);
        if (!labelMatches(label))
            continue;
        const QByteArray endLine = "-----END " + label + "-----";
        const qsizetype end = data.indexOf(endLine, labelEnd);
        if (end < 0)
            return std::nullopt;
        PemBlock block;
        block.label = label;
        block.text = QByteArrayView(data).sliced(from, end + endLine.size() - from);
        return block;
    }
    return std::nullopt;
}

bool isCertificateLabel(QByteArrayView label)
{
    return label == "CERTIFICATE";
}

Expected<QByteArray, KeyProblem> readKeyFile(const QString &path, const QString &what)
{
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    // readSmallFile checks the same, in words meant for JSON files; these are about keys.
    if (!info.exists())
        return unexpected(keyProblem(Kind::FileUnreadable, u"%1 %2 does not exist."_s.arg(what, shown),
                                     u"Check the path (ecalab keys generate --out DIR makes a key pair)."_s));
    if (!info.isFile())
        return unexpected(keyProblem(Kind::FileUnreadable,
                                     u"%1 %2 is not a regular file (a directory, device or pipe)."_s.arg(what, shown),
                                     u"Give the path of the key or certificate file itself."_s));
    if (info.size() > kMaxKeyFileBytes)
        return unexpected(keyProblem(Kind::FileUnreadable,
                                     u"%1 %2 is larger than %3 bytes; keys and certificates are a few kilobytes."_s
                                         .arg(what, shown)
                                         .arg(kMaxKeyFileBytes),
                                     u"Check that this is the right file."_s));
    auto bytes = readSmallFile(path, kMaxKeyFileBytes, what);
    if (!bytes)
        return unexpected(keyProblem(Kind::FileUnreadable, bytes.error(),
                                     u"Check the file's permissions: the user running ECA Lab must be able to read it."_s));
    return std::move(*bytes);
}

Expected<QByteArray, QString> encodeKey(EVP_PKEY &key, int selection, const char *outputType, const char *structure)
{
    EncoderCtxPtr ctx(OSSL_ENCODER_CTX_new_for_pkey(&key, selection, outputType, structure, nullptr));
    unsigned char *out = nullptr;
    size_t length = 0;
    if (!ctx || OSSL_ENCODER_CTX_get_num_encoders(ctx.get()) == 0 || OSSL_ENCODER_to_data(ctx.get(), &out, &length) != 1)
        return unexpected(takeOpenSslErrors());
    QByteArray bytes(reinterpret_cast<const char *>(out), qsizetype(length));
    OPENSSL_clear_free(out, length); // it may be a private key
    return bytes;
}

Pkcs12Ptr parsePkcs12(QByteArrayView data)
{
    const auto *cursor = reinterpret_cast<const unsigned char *>(data.data());
    Pkcs12Ptr p12(d2i_PKCS12(nullptr, &cursor, long(data.size())));
    ERR_clear_error();
    return p12;
}

namespace {
// RFC 7292 §5: the MAC is keyed by the password, so checking it tells a wrong password apart.
// A bundle made with an empty password (-passout pass:) opens with none given.
std::optional<KeyProblem> pkcs12PasswordProblem(PKCS12 &p12, const QByteArray &password, const QString &shown)
{
    if (PKCS12_mac_present(&p12) != 1)
        return std::nullopt;
    if (password.isEmpty()) {
        if (PKCS12_verify_mac(&p12, nullptr, 0) == 1 || PKCS12_verify_mac(&p12, "", 0) == 1)
            return std::nullopt;
        ERR_clear_error();
        return keyProblem(Kind::PassphraseNeeded, u"%1 is a PKCS#12 bundle protected by a password."_s.arg(atStart(shown)),
                          u"Give the password the bundle was exported with."_s);
    }
    if (PKCS12_verify_mac(&p12, password.constData(), int(password.size())) == 1)
        return std::nullopt;
    return keyProblem(Kind::WrongPassphrase, u"The password does not open the PKCS#12 bundle %1."_s.arg(shown),
                      u"Check the password the bundle was exported with."_s, takeOpenSslErrors());
}
} // namespace

Expected<Pkcs12Contents, KeyProblem> openPkcs12(PKCS12 &p12, const QByteArray &password, const QString &shown)
{
    if (auto problem = pkcs12PasswordProblem(p12, password, shown))
        return unexpected(*problem);
    EVP_PKEY *key = nullptr;
    X509 *certificate = nullptr;
    STACK_OF(X509) *chain = nullptr;
    const int parsed = PKCS12_parse(&p12, password.isEmpty() ? nullptr : password.constData(), &key, &certificate, &chain);
    Pkcs12Contents contents;
    contents.key.reset(key);
    contents.certificate.reset(certificate);
    const X509StackPtr chainOwner(chain); // the CA chain is not needed for signing
    if (parsed != 1)
        return unexpected(keyProblem(
            Kind::UnknownFormat, u"OpenSSL cannot open the PKCS#12 bundle %1."_s.arg(shown),
            u"A bundle made with old algorithms (RC2, 3DES) needs converting: openssl pkcs12 -legacy -in FILE -out key.pem, "
            "then give key.pem."_s,
            takeOpenSslErrors()));
    if (!contents.key)
        return unexpected(keyProblem(Kind::UnknownFormat, u"The PKCS#12 bundle %1 holds no private key."_s.arg(shown),
                                     u"Export the bundle with its private key (openssl pkcs12 -export -inkey KEY …)."_s));
    ERR_clear_error();
    return contents;
}

} // namespace ecalab::crypto
