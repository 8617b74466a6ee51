// Certificate of KeyMaterial.h: X.509 (RFC 5280) read with the X509 API, described for people.
#include "KeyMaterial.h"

#include "KeyMaterialParts.h"

#include "crypto/Digest.h"
#include "crypto/OpenSslError.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <ctime>

namespace ecalab::crypto {

using namespace Qt::Literals::StringLiterals;
using Kind = KeyProblem::Kind;

namespace {
QString bioText(BIO &bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(&bio, &data);
    return length > 0 ? QString::fromUtf8(data, qsizetype(length)) : QString();
}

// RFC 2253 order and escaping, but UTF-8 shown as text rather than \XX escapes.
QString nameText(const X509_NAME *name)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
        return {};
    return bioText(*bio);
}

QString commonNameOf(const X509_NAME *name)
{
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    const X509_NAME_ENTRY *entry = index >= 0 ? X509_NAME_get_entry(name, index) : nullptr;
    unsigned char *utf8 = nullptr;
    const int length = entry ? ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry)) : -1;
    if (length < 0)
        return {};
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return text;
}

QDateTime asn1DateTime(const ASN1_TIME *time)
{
    std::tm parts{};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

QString serialHex(const ASN1_INTEGER *serial)
{
    const BignumPtr number(ASN1_INTEGER_to_BN(serial, nullptr));
    char *hex = number ? BN_bn2hex(number.get()) : nullptr;
    if (!hex)
        return {};
    const QString text = QString::fromLatin1(hex);
    OPENSSL_free(hex);
    return text;
}

KeyProblem notACertificate(QByteArrayView data, const QString &shown, const QString &openSsl)
{
    if (sniffKeyFile(data) == KeyFileContent::PrivateKey || sniffKeyFile(data) == KeyFileContent::Pkcs12)
        return keyProblem(Kind::UnknownFormat, u"%1 is a private key, not a certificate."_s.arg(atStart(shown)),
                          u"Give the certificate (the .crt file uploaded to the app)."_s, openSsl);
    return keyProblem(Kind::UnknownFormat, u"%1 is not an X.509 certificate (PEM or DER)."_s.arg(atStart(shown)),
                      u"Give the certificate file: PEM (-----BEGIN CERTIFICATE-----) or DER."_s, openSsl);
}

QString dayText(const QDateTime &time)
{
    return time.toString(Qt::ISODate);
}
} // namespace

Certificate Certificate::fromX509(X509Ptr certificate, const QString &format, const QString &fileName)
{
    Certificate made;
    made.m_x509 = sharedX509(std::move(certificate));
    made.m_format = format;
    made.m_fileName = fileName;
    return made;
}

Expected<Certificate, KeyProblem> Certificate::load(QByteArrayView data, const QString &fileName)
{
    ERR_clear_error();
    const QString shown = shownName(fileName, u"the certificate"_s);
    const QByteArray raw = QByteArray::fromRawData(data.data(), data.size());
    X509Ptr certificate;
    QString format;
    if (raw.contains("-----BEGIN ")) {
        const auto block = findPem(raw, isCertificateLabel);
        if (!block)
            return unexpected(notACertificate(data, shown, {}));
        BioPtr bio(BIO_new_mem_buf(block->text.data(), int(block->text.size())));
        certificate.reset(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
        format = u"PEM certificate"_s;
    } else {
        const auto *cursor = reinterpret_cast<const unsigned char *>(data.data());
        certificate.reset(d2i_X509(nullptr, &cursor, long(data.size())));
        format = u"DER certificate"_s;
    }
    if (!certificate)
        return unexpected(notACertificate(data, shown, takeOpenSslErrors()));
    // A certificate parses even when its key does not (an unknown algorithm, a broken encoding);
    // every use of a Certificate needs the key, so such a one is refused here.
    if (!X509_get0_pubkey(certificate.get()))
        return unexpected(keyProblem(Kind::UnknownFormat,
                                     u"%1 is a certificate, but its public key cannot be read."_s.arg(atStart(shown)),
                                     u"Give the certificate made for the RSA key (the .crt file uploaded to the app)."_s,
                                     takeOpenSslErrors()));
    ERR_clear_error();
    return fromX509(std::move(certificate), format, fileName);
}

Expected<Certificate, KeyProblem> Certificate::loadFile(const QString &path)
{
    auto bytes = readKeyFile(path, u"Certificate file"_s);
    if (!bytes)
        return unexpected(bytes.error());
    return load(*bytes, path);
}

CertificateInfo Certificate::info() const
{
    CertificateInfo info;
    X509 *x = m_x509.get();
    info.subject = nameText(X509_get_subject_name(x));
    info.issuer = nameText(X509_get_issuer_name(x));
    info.commonName = commonNameOf(X509_get_subject_name(x));
    info.notBefore = asn1DateTime(X509_get0_notBefore(x));
    info.notAfter = asn1DateTime(X509_get0_notAfter(x));
    info.sha256Fingerprint = colonHex(sha256(der()));
    info.serialNumber = serialHex(X509_get0_serialNumber(x));
    info.selfSigned = X509_self_signed(x, 1) == 1; // issuer = subject, and its own key verifies it
    info.publicKey = keyInfo(publicKey(), m_format);
    ERR_clear_error();
    return info;
}

QByteArray Certificate::pem() const
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), m_x509.get()) != 1) {
        ERR_clear_error();
        return {};
    }
    return bioText(*bio).toLatin1();
}

QByteArray Certificate::der() const
{
    unsigned char *out = nullptr;
    const int length = i2d_X509(m_x509.get(), &out);
    if (length <= 0)
        return {};
    QByteArray bytes(reinterpret_cast<const char *>(out), length);
    OPENSSL_free(out);
    return bytes;
}

EVP_PKEY &Certificate::publicKey() const
{
    return *X509_get0_pubkey(m_x509.get());
}

X509 &Certificate::x509() const
{
    return *m_x509;
}

std::optional<KeyProblem> Certificate::validityProblem(const QDateTime &now) const
{
    const QString shown = shownName(m_fileName, u"The certificate"_s);
    const QDateTime notBefore = asn1DateTime(X509_get0_notBefore(m_x509.get()));
    const QDateTime notAfter = asn1DateTime(X509_get0_notAfter(m_x509.get()));
    const QString renew = u"Generate a new key pair (ecalab keys generate --out DIR) and upload its certificate.crt "
                          "to the app."_s;
    // RFC 5280 §4.1.2.5: valid from notBefore through notAfter, both inclusive.
    if (notBefore.isValid() && now < notBefore)
        return keyProblem(Kind::CertificateNotYetValid,
                          u"%1 is not valid before %2 (it is now %3)."_s.arg(shown, dayText(notBefore),
                                                                             dayText(now.toUTC())),
                          u"Check this computer's clock, or wait until then. "_s + renew);
    if (notAfter.isValid() && now > notAfter)
        return keyProblem(Kind::CertificateExpired,
                          u"%1 expired on %2 (it is now %3)."_s.arg(shown, dayText(notAfter), dayText(now.toUTC())),
                          renew);
    return std::nullopt;
}

} // namespace ecalab::crypto
