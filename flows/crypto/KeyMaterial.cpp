#include "KeyMaterial.h"

#include "KeyMaterialParts.h"

#include "crypto/Digest.h"
#include "crypto/OpenSslError.h"
#include "crypto/RsaKey.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <QDir>
#include <QFileInfo>

#include <cstring>

namespace ecalab::crypto {

using namespace Qt::Literals::StringLiterals;
using Kind = KeyProblem::Kind;

namespace {
constexpr int kSalesforceMinimumBits = 2048; // §5: an RS256 signature with an RSA key of 2048 bits or more

const QString kGenerateFix = u"Generate an RSA key pair with ecalab keys generate --out DIR (or openssl genpkey "
                             "-algorithm RSA -pkeyopt rsa_keygen_bits:2048) and upload its certificate to the app."_s;

// What the decoder's passphrase callback was asked, so a failure can tell "no passphrase given"
// and "the passphrase was wrong" apart from "this is no key at all".
struct PassphraseAsk
{
    const QByteArray *passphrase = nullptr;
    bool asked = false;
};

int passphraseCallback(char *buffer, size_t size, size_t *length, const OSSL_PARAM[], void *arg)
{
    auto *ask = static_cast<PassphraseAsk *>(arg);
    ask->asked = true;
    const QByteArray &passphrase = *ask->passphrase;
    if (passphrase.isEmpty() || size_t(passphrase.size()) > size)
        return 0;
    std::memcpy(buffer, passphrase.constData(), size_t(passphrase.size())); // OpenSSL wipes its buffer
    *length = size_t(passphrase.size());
    return 1;
}

struct DecodedKey
{
    PkeyPtr key;
    bool encrypted = false;
};

// OSSL_DECODER over PEM or DER (`inputType`), any key type; PKCS#1, SEC1, PKCS#8 and encrypted PKCS#8.
Expected<DecodedKey, KeyProblem> decodePrivateKey(QByteArrayView bytes, const char *inputType,
                                                  const QByteArray &passphrase, const QString &shown)
{
    EVP_PKEY *raw = nullptr;
    // Private-key structures only: a public key or certificate is not read as a key to sign with.
    DecoderCtxPtr ctx(OSSL_DECODER_CTX_new_for_pkey(&raw, inputType, nullptr, nullptr, EVP_PKEY_PRIVATE_KEY, nullptr,
                                                    nullptr));
    PassphraseAsk ask;
    ask.passphrase = &passphrase;
    const auto *cursor = reinterpret_cast<const unsigned char *>(bytes.data());
    size_t left = size_t(bytes.size());
    const bool ok = ctx && OSSL_DECODER_CTX_set_passphrase_cb(ctx.get(), &passphraseCallback, &ask) == 1 &&
                    OSSL_DECODER_from_data(ctx.get(), &cursor, &left) == 1 && raw;
    PkeyPtr key(raw);
    if (ok) {
        ERR_clear_error(); // the decoders that did not match leave entries behind
        DecodedKey decoded;
        decoded.key = std::move(key);
        decoded.encrypted = ask.asked;
        return decoded;
    }
    const QString openSsl = takeOpenSslErrors();
    if (ask.asked && passphrase.isEmpty())
        return unexpected(keyProblem(Kind::PassphraseNeeded, u"%1 is encrypted and needs its passphrase."_s.arg(atStart(shown)),
                                     u"Give the passphrase the key was encrypted with."_s, openSsl));
    if (ask.asked)
        return unexpected(keyProblem(Kind::WrongPassphrase, u"The passphrase does not decrypt %1."_s.arg(shown),
                                     u"Check the passphrase (case, keyboard layout, a trailing newline)."_s, openSsl));
    return unexpected(keyProblem(Kind::UnknownFormat, u"%1 is not a private key OpenSSL can read."_s.arg(atStart(shown)),
                                 u"Give a PEM or DER private key (PKCS#1 or PKCS#8) or a PKCS#12 bundle."_s, openSsl));
}

QString pemFormat(const QByteArray &label, QByteArrayView block)
{
    if (label == "ENCRYPTED PRIVATE KEY")
        return u"PEM PKCS#8 (encrypted)"_s;
    if (label == "PRIVATE KEY")
        return u"PEM PKCS#8"_s;
    // RFC 1421 headers mark the traditional OpenSSL encryption of PKCS#1 / SEC1 keys.
    const QString encrypted = QByteArray::fromRawData(block.data(), block.size()).contains("Proc-Type: 4,ENCRYPTED")
                                  ? u" (encrypted)"_s
                                  : QString();
    if (label == "RSA PRIVATE KEY")
        return u"PEM PKCS#1"_s + encrypted;
    if (label == "EC PRIVATE KEY")
        return u"PEM SEC1"_s + encrypted;
    return u"PEM "_s + QString::fromLatin1(label) + encrypted;
}

KeyProblem notAPrivateKey(QByteArrayView data, const QString &shown)
{
    const QByteArray raw = QByteArray::fromRawData(data.data(), data.size());
    if (findPem(raw, isCertificateLabel) || sniffKeyFile(data) == KeyFileContent::Certificate)
        return keyProblem(Kind::UnknownFormat, u"%1 is a certificate, not a private key."_s.arg(atStart(shown)),
                          u"Give the private key that belongs to the certificate (the .key file)."_s);
    if (raw.contains("-----BEGIN PUBLIC KEY-----") || raw.contains("-----BEGIN RSA PUBLIC KEY-----"))
        return keyProblem(Kind::UnknownFormat, u"%1 holds a public key only."_s.arg(atStart(shown)),
                          u"Signing needs the private key; give the file the key pair was generated into."_s);
    return keyProblem(Kind::UnknownFormat, u"%1 holds no PEM private key."_s.arg(atStart(shown)),
                      u"Give a PEM or DER private key (PKCS#1 or PKCS#8) or a PKCS#12 bundle."_s);
}
} // namespace

PrivateKey PrivateKey::fromPkey(PkeyPtr key, const QString &format)
{
    PrivateKey made;
    made.m_pkey = sharedPkey(std::move(key));
    made.m_format = format;
    return made;
}

Expected<PrivateKey, KeyProblem> PrivateKey::load(QByteArrayView data, const QByteArray &passphrase,
                                                  const QString &fileName)
{
    ERR_clear_error();
    const QString shown = shownName(fileName, u"the key"_s);
    const QByteArray raw = QByteArray::fromRawData(data.data(), data.size());
    if (!raw.contains("-----BEGIN ")) {
        // DER: a PKCS#12 bundle parses strictly as one, so it is tried before the key decoders.
        if (Pkcs12Ptr p12 = parsePkcs12(data)) {
            auto contents = openPkcs12(*p12, passphrase, shown);
            if (!contents)
                return unexpected(contents.error());
            PrivateKey key = fromPkey(std::move(contents->key), u"PKCS#12"_s);
            key.m_fileName = fileName;
            // A certificate whose key cannot be read is left out: every use of it needs the key.
            if (contents->certificate && X509_get0_pubkey(contents->certificate.get()))
                key.m_certificate = Certificate::fromX509(std::move(contents->certificate), u"PKCS#12"_s, fileName);
            return key;
        }
        auto decoded = decodePrivateKey(data, "DER", passphrase, shown);
        if (!decoded) {
            KeyProblem problem = decoded.error();
            if (problem.kind == Kind::UnknownFormat && sniffKeyFile(data) == KeyFileContent::Certificate)
                problem = notAPrivateKey(data, shown);
            return unexpected(problem);
        }
        PrivateKey key = fromPkey(std::move(decoded->key), decoded->encrypted ? u"DER (encrypted)"_s : u"DER"_s);
        key.m_fileName = fileName;
        return key;
    }
    const auto block = findPem(raw, [](QByteArrayView label) { return label.endsWith("PRIVATE KEY"); });
    if (!block)
        return unexpected(notAPrivateKey(data, shown));
    // The key's own PEM is copied out of the file's text; the copy is wiped when done.
    const SecretBytes pem(block->text);
    auto decoded = decodePrivateKey(pem.bytes(), "PEM", passphrase, shown);
    if (!decoded)
        return unexpected(decoded.error());
    PrivateKey key = fromPkey(std::move(decoded->key), pemFormat(block->label, block->text));
    key.m_fileName = fileName;
    // A "combined" PEM (key and certificate in one file) carries its certificate along.
    if (const auto certificateBlock = findPem(raw, isCertificateLabel)) {
        if (auto certificate = Certificate::load(certificateBlock->text, fileName))
            key.m_certificate = *certificate;
    }
    return key;
}

Expected<PrivateKey, KeyProblem> PrivateKey::loadFile(const QString &path, const QByteArray &passphrase)
{
    auto bytes = readKeyFile(path, u"Key file"_s);
    if (!bytes)
        return unexpected(bytes.error());
    const SecretBytes owned(std::move(*bytes));
    return load(owned.bytes(), passphrase, path);
}

EVP_PKEY &PrivateKey::pkey() const
{
    return *m_pkey;
}

KeyInfo PrivateKey::info() const
{
    return keyInfo(*m_pkey, m_format);
}

const std::optional<Certificate> &PrivateKey::certificate() const
{
    return m_certificate;
}

std::optional<KeyProblem> PrivateKey::salesforceProblem() const
{
    return salesforceKeyProblem(*m_pkey, shownName(m_fileName, u"The key"_s));
}

std::optional<KeyProblem> salesforceKeyProblem(EVP_PKEY &key, const QString &what)
{
    if (!isRsaKey(key)) {
        const char *type = EVP_PKEY_get0_type_name(&key);
        return keyProblem(Kind::NotRsa,
                          u"%1 is an %2 key; Salesforce's JWT bearer flow signs with RS256, which needs an RSA key (§5)."_s
                              .arg(what, type ? QString::fromLatin1(type) : u"unknown"_s),
                          kGenerateFix);
    }
    if (const int bits = EVP_PKEY_get_bits(&key); bits < kSalesforceMinimumBits)
        return keyProblem(Kind::KeyTooSmall,
                          u"%1 is an RSA key of %2 bits; Salesforce needs %3 bits or more."_s.arg(what)
                              .arg(bits)
                              .arg(kSalesforceMinimumBits),
                          kGenerateFix);
    return std::nullopt;
}

Expected<QByteArray, KeyProblem> PrivateKey::pkcs8Pem() const
{
    auto pem = encodeKey(*m_pkey, EVP_PKEY_KEYPAIR, "PEM", "PrivateKeyInfo");
    if (!pem)
        return unexpected(keyProblem(Kind::WriteFailed, u"OpenSSL cannot write the private key as PKCS#8."_s,
                                     u"Report this as a bug, with the OpenSSL version."_s, pem.error()));
    return std::move(*pem);
}

bool belongTogether(const PrivateKey &key, const Certificate &certificate)
{
    const bool same = EVP_PKEY_eq(&key.pkey(), &certificate.publicKey()) == 1;
    ERR_clear_error(); // keys of different types queue an error; that is just "no"
    return same;
}

KeyFileContent sniffKeyFile(QByteArrayView data)
{
    const QByteArray raw = QByteArray::fromRawData(data.data(), data.size());
    if (raw.contains("-----BEGIN ")) {
        if (findPem(raw, [](QByteArrayView label) { return label.endsWith("PRIVATE KEY"); }))
            return KeyFileContent::PrivateKey;
        return findPem(raw, isCertificateLabel) ? KeyFileContent::Certificate : KeyFileContent::Unknown;
    }
    KeyFileContent content = KeyFileContent::Unknown;
    const auto *cursor = reinterpret_cast<const unsigned char *>(data.data());
    if (X509Ptr(d2i_X509(nullptr, &cursor, long(data.size()))))
        content = KeyFileContent::Certificate;
    else if (parsePkcs12(data))
        content = KeyFileContent::Pkcs12;
    else if (auto decoded = decodePrivateKey(data, "DER", {}, {}); decoded || decoded.error().kind != Kind::UnknownFormat)
        content = KeyFileContent::PrivateKey;
    ERR_clear_error();
    return content;
}

KeyInfo keyInfo(EVP_PKEY &key, const QString &format)
{
    KeyInfo info;
    const char *type = EVP_PKEY_get0_type_name(&key);
    info.type = type ? QString::fromLatin1(type) : QString();
    info.bits = EVP_PKEY_get_bits(&key);
    info.format = format;
    if (auto spki = encodeKey(key, EVP_PKEY_PUBLIC_KEY, "DER", "SubjectPublicKeyInfo"))
        info.publicKeySha256 = colonHex(sha256(*spki));
    ERR_clear_error();
    return info;
}

void wipeSecret(QByteArray &secret)
{
    if (!secret.isEmpty())
        OPENSSL_cleanse(secret.data(), size_t(secret.size()));
    secret.clear();
}

QString colonHex(QByteArrayView bytes)
{
    return QString::fromLatin1(QByteArray(bytes.data(), bytes.size()).toHex(':').toUpper());
}

QString kindName(KeyProblem::Kind kind)
{
    switch (kind) {
    case Kind::FileUnreadable: return u"FileUnreadable"_s;
    case Kind::UnknownFormat: return u"UnknownFormat"_s;
    case Kind::PassphraseNeeded: return u"PassphraseNeeded"_s;
    case Kind::WrongPassphrase: return u"WrongPassphrase"_s;
    case Kind::NotRsa: return u"NotRsa"_s;
    case Kind::KeyTooSmall: return u"KeyTooSmall"_s;
    case Kind::CertificateExpired: return u"CertificateExpired"_s;
    case Kind::CertificateNotYetValid: return u"CertificateNotYetValid"_s;
    case Kind::KeyCertificateMismatch: return u"KeyCertificateMismatch"_s;
    case Kind::GenerationFailed: return u"GenerationFailed"_s;
    case Kind::WriteFailed: return u"WriteFailed"_s;
    case Kind::FileExists: return u"FileExists"_s;
    }
    return u"UnknownFormat"_s;
}

} // namespace ecalab::crypto
