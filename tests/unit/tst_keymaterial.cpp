// Key material as people hand it over (RFC 7523 keys): every format the openssl command line makes
// loads with the right facts, each usual mistake gets its own KeyProblem::Kind, and a generated
// pair matches itself, is written owner-only and is never written over without --force. Every
// fixture is made here by `openssl`, so nothing is checked only against this code's own output.
#include "OpenSslTool.h"

#include "crypto/KeyGeneration.h"
#include "crypto/KeyInspection.h"
#include "crypto/KeyMaterial.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/err.h>

#include <sys/stat.h>
#include <unistd.h>

using namespace ecalab;
using namespace ecalab::crypto;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;
using Kind = KeyProblem::Kind;

Q_DECLARE_METATYPE(KeyProblem::Kind)

namespace {
const QString kKeyPass = u"Key-Pass-123"_s;
const QString kBundlePass = u"Bundle-Pass-456"_s;

QString colonHexOf(const QByteArray &digest)
{
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

// "sha256 Fingerprint=AB:CD:…" / "serial=0123…" → the part after '='.
QString afterEquals(const QByteArray &line)
{
    return QString::fromLatin1(line.trimmed()).section(u'=', 1);
}

mode_t modeOf(const QString &path)
{
    struct stat st{};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 0777) : mode_t(-1);
}
} // namespace

class TestKeyMaterial : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString keyPass = u"pass:"_s + kKeyPass;
        const QList<QStringList> steps{
            {u"genpkey"_s, u"-algorithm"_s, u"RSA"_s, u"-pkeyopt"_s, u"rsa_keygen_bits:2048"_s, u"-out"_s, u"rsa.pem"_s},
            {u"rsa"_s, u"-in"_s, u"rsa.pem"_s, u"-traditional"_s, u"-out"_s, u"rsa1.pem"_s},
            {u"pkcs8"_s, u"-topk8"_s, u"-v2"_s, u"aes-256-cbc"_s, u"-in"_s, u"rsa.pem"_s, u"-passout"_s, keyPass, u"-out"_s,
             u"rsa-enc.pem"_s},
            {u"pkey"_s, u"-in"_s, u"rsa.pem"_s, u"-outform"_s, u"DER"_s, u"-out"_s, u"rsa.der"_s},
            {u"rsa"_s, u"-in"_s, u"rsa.pem"_s, u"-traditional"_s, u"-outform"_s, u"DER"_s, u"-out"_s, u"rsa1.der"_s},
            {u"pkcs8"_s, u"-topk8"_s, u"-v2"_s, u"aes-256-cbc"_s, u"-in"_s, u"rsa.pem"_s, u"-passout"_s, keyPass,
             u"-outform"_s, u"DER"_s, u"-out"_s, u"rsa-enc.der"_s},
            {u"pkey"_s, u"-in"_s, u"rsa.pem"_s, u"-pubout"_s, u"-outform"_s, u"DER"_s, u"-out"_s, u"rsa-pub.der"_s},
            {u"req"_s, u"-x509"_s, u"-new"_s, u"-key"_s, u"rsa.pem"_s, u"-sha256"_s, u"-days"_s, u"30"_s, u"-subj"_s,
             u"/O=ECA Lab Tests/CN=Fixture JWT"_s, u"-out"_s, u"cert.pem"_s},
            {u"x509"_s, u"-in"_s, u"cert.pem"_s, u"-outform"_s, u"DER"_s, u"-out"_s, u"cert.der"_s},
            {u"pkcs12"_s, u"-export"_s, u"-inkey"_s, u"rsa.pem"_s, u"-in"_s, u"cert.pem"_s, u"-passout"_s,
             u"pass:"_s + kBundlePass, u"-out"_s, u"bundle.p12"_s},
            {u"ecparam"_s, u"-name"_s, u"prime256v1"_s, u"-genkey"_s, u"-noout"_s, u"-out"_s, u"ec.pem"_s},
            {u"genpkey"_s, u"-algorithm"_s, u"RSA"_s, u"-pkeyopt"_s, u"rsa_keygen_bits:1024"_s, u"-out"_s, u"small.pem"_s},
            {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, u"other.pem"_s, u"-subj"_s,
             u"/CN=Other"_s, u"-days"_s, u"30"_s, u"-out"_s, u"other-cert.pem"_s},
            {u"req"_s, u"-x509"_s, u"-new"_s, u"-key"_s, u"rsa.pem"_s, u"-days"_s, u"1"_s, u"-subj"_s, u"/CN=Short"_s,
             u"-out"_s, u"short.pem"_s},
        };
        for (const QStringList &step : steps) {
            const ToolResult r = openssl(step, m_dir.path());
            QVERIFY2(r.ok(), qPrintable(step.join(u' ') + u": "_s + QString::fromUtf8(r.err)));
        }
        QVERIFY(writeAll(path(u"garbage.bin"_s), QByteArray::fromHex("3082deadbeef00112233445566778899")));
        QVERIFY(writeAll(path(u"garbage.pem"_s), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"));
        m_spkiSha256 = colonHexOf(QCryptographicHash::hash(readAll(path(u"rsa-pub.der"_s)), QCryptographicHash::Sha256));
        const ToolResult fingerprint = openssl({u"x509"_s, u"-in"_s, u"cert.pem"_s, u"-noout"_s, u"-fingerprint"_s,
                                                u"-sha256"_s}, m_dir.path());
        QVERIFY(fingerprint.ok());
        m_certSha256 = afterEquals(fingerprint.out);
        QCOMPARE(m_certSha256.size(), 32 * 3 - 1);
    }

    void everyFormatLoadsWithItsFacts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("passphrase");
        QTest::addColumn<QString>("format");
        QTest::newRow("PKCS#8 PEM") << u"rsa.pem"_s << QString() << u"PEM PKCS#8"_s;
        QTest::newRow("PKCS#1 PEM") << u"rsa1.pem"_s << QString() << u"PEM PKCS#1"_s;
        QTest::newRow("encrypted PKCS#8 PEM") << u"rsa-enc.pem"_s << kKeyPass << u"PEM PKCS#8 (encrypted)"_s;
        QTest::newRow("PKCS#8 DER") << u"rsa.der"_s << QString() << u"DER"_s;
        QTest::newRow("PKCS#1 DER") << u"rsa1.der"_s << QString() << u"DER"_s;
        QTest::newRow("encrypted PKCS#8 DER") << u"rsa-enc.der"_s << kKeyPass << u"DER (encrypted)"_s;
        QTest::newRow("PKCS#12") << u"bundle.p12"_s << kBundlePass << u"PKCS#12"_s;
    }
    void everyFormatLoadsWithItsFacts()
    {
        QFETCH(QString, file);
        QFETCH(QString, passphrase);
        QFETCH(QString, format);
        const auto key = PrivateKey::loadFile(path(file), passphrase.toUtf8());
        QVERIFY2(key, qPrintable(key ? QString() : key.error().message + u" / "_s + key.error().openSslError));
        const KeyInfo info = key->info();
        QCOMPARE(info.type, u"RSA"_s);
        QCOMPARE(info.bits, 2048);
        QCOMPARE(info.format, format);
        // Every spelling of the one key is the one key: the fingerprint of openssl's own SPKI.
        QCOMPARE(info.publicKeySha256, m_spkiSha256);
        QVERIFY(!key->salesforceProblem());
        QCOMPARE(key->fileName(), path(file));
        QCOMPARE(ERR_peek_error(), 0UL); // nothing left on OpenSSL's error queue for the next caller
    }

    void aBundleCarriesItsCertificate()
    {
        const auto key = PrivateKey::loadFile(path(u"bundle.p12"_s), kBundlePass.toUtf8());
        QVERIFY(key);
        QVERIFY(key->certificate().has_value());
        QCOMPARE(key->certificate()->info().sha256Fingerprint, m_certSha256);
        QVERIFY(belongTogether(*key, *key->certificate()));
        const auto plain = PrivateKey::loadFile(path(u"rsa.pem"_s));
        QVERIFY(plain && !plain->certificate().has_value());
    }

    void ecKeysLoadButAreNotForSalesforce()
    {
        const auto ec = PrivateKey::loadFile(path(u"ec.pem"_s));
        QVERIFY2(ec, qPrintable(ec ? QString() : ec.error().message));
        QCOMPARE(ec->info().type, u"EC"_s);
        QCOMPARE(ec->info().bits, 256);
        QCOMPARE(ec->info().format, u"PEM SEC1"_s);
        const auto problem = ec->salesforceProblem();
        QVERIFY(problem);
        QCOMPARE(problem->kind, Kind::NotRsa);
        QVERIFY2(problem->message.contains(u"ec.pem"_s) && problem->message.contains(u"RSA"_s), qPrintable(problem->message));

        const auto small = PrivateKey::loadFile(path(u"small.pem"_s));
        QVERIFY(small);
        QCOMPARE(small->info().bits, 1024);
        QCOMPARE(small->salesforceProblem().value_or(KeyProblem()).kind, Kind::KeyTooSmall);
        QVERIFY(small->salesforceProblem()->message.contains(u"1024"_s));
    }

    void certificatesLoadWithTheirFacts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::newRow("PEM") << u"cert.pem"_s << u"PEM certificate"_s;
        QTest::newRow("DER") << u"cert.der"_s << u"DER certificate"_s;
    }
    void certificatesLoadWithTheirFacts()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        const auto certificate = Certificate::loadFile(path(file));
        QVERIFY2(certificate, qPrintable(certificate ? QString() : certificate.error().message));
        const CertificateInfo info = certificate->info();
        QCOMPARE(info.sha256Fingerprint, m_certSha256);
        QCOMPARE(info.commonName, u"Fixture JWT"_s);
        QCOMPARE(info.subject, u"CN=Fixture JWT,O=ECA Lab Tests"_s); // RFC 2253: most specific first
        QCOMPARE(info.issuer, info.subject);
        QVERIFY(info.selfSigned);
        const ToolResult serial = openssl({u"x509"_s, u"-in"_s, u"cert.pem"_s, u"-noout"_s, u"-serial"_s}, m_dir.path());
        QCOMPARE(info.serialNumber, afterEquals(serial.out));
        QCOMPARE(info.notBefore.timeSpec(), Qt::UTC);
        QCOMPARE(info.notBefore.daysTo(info.notAfter), 30);
        QVERIFY(qAbs(info.notBefore.secsTo(QDateTime::currentDateTimeUtc())) < 3600);
        QCOMPARE(info.publicKey.format, format);
        QCOMPARE(info.publicKey.publicKeySha256, m_spkiSha256);
        QVERIFY(!certificate->validityProblem(QDateTime::currentDateTimeUtc()));
        QVERIFY(certificate->pem().startsWith("-----BEGIN CERTIFICATE-----\n"));
        QCOMPARE(certificate->der(), readAll(path(u"cert.der"_s)));
    }

    void eachMistakeHasItsOwnKind_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("passphrase");
        QTest::addColumn<Kind>("kind");
        QTest::newRow("PEM, no passphrase") << u"rsa-enc.pem"_s << QString() << Kind::PassphraseNeeded;
        QTest::newRow("PEM, wrong passphrase") << u"rsa-enc.pem"_s << u"nope"_s << Kind::WrongPassphrase;
        QTest::newRow("DER, no passphrase") << u"rsa-enc.der"_s << QString() << Kind::PassphraseNeeded;
        QTest::newRow("DER, wrong passphrase") << u"rsa-enc.der"_s << u"nope"_s << Kind::WrongPassphrase;
        QTest::newRow("PKCS#12, no password") << u"bundle.p12"_s << QString() << Kind::PassphraseNeeded;
        QTest::newRow("PKCS#12, wrong password") << u"bundle.p12"_s << u"nope"_s << Kind::WrongPassphrase;
        QTest::newRow("garbage bytes") << u"garbage.bin"_s << QString() << Kind::UnknownFormat;
        QTest::newRow("garbage PEM") << u"garbage.pem"_s << QString() << Kind::UnknownFormat;
        QTest::newRow("a certificate") << u"cert.pem"_s << QString() << Kind::UnknownFormat;
        QTest::newRow("a DER certificate") << u"cert.der"_s << QString() << Kind::UnknownFormat;
        QTest::newRow("no such file") << u"missing.pem"_s << QString() << Kind::FileUnreadable;
        QTest::newRow("a directory") << u"."_s << QString() << Kind::FileUnreadable;
    }
    void eachMistakeHasItsOwnKind()
    {
        QFETCH(QString, file);
        QFETCH(QString, passphrase);
        QFETCH(Kind, kind);
        const auto key = PrivateKey::loadFile(path(file), passphrase.toUtf8());
        QVERIFY2(!key, "must not load");
        QCOMPARE(kindName(key.error().kind), kindName(kind));
        QVERIFY2(key.error().message.contains(QDir::toNativeSeparators(path(file))), qPrintable(key.error().message));
        QVERIFY(!key.error().fix.isEmpty());
        QCOMPARE(ERR_peek_error(), 0UL);
        if (file.startsWith(u"cert"_s))
            QVERIFY2(key.error().message.contains(u"certificate"_s), qPrintable(key.error().message));
        if (kind == Kind::WrongPassphrase && file.endsWith(u".pem"_s))
            QVERIFY2(!key.error().openSslError.isEmpty(), "OpenSSL's own words are kept");
    }

    void aKeyIsNotACertificate()
    {
        const auto certificate = Certificate::loadFile(path(u"rsa.pem"_s));
        QVERIFY(!certificate);
        QCOMPARE(certificate.error().kind, Kind::UnknownFormat);
        QVERIFY2(certificate.error().message.contains(u"private key"_s), qPrintable(certificate.error().message));
        QCOMPARE(Certificate::loadFile(path(u"garbage.bin"_s)).error().kind, Kind::UnknownFormat);
        QCOMPARE(Certificate::loadFile(path(u"missing.crt"_s)).error().kind, Kind::FileUnreadable);
        QCOMPARE(sniffKeyFile(readAll(path(u"rsa.der"_s))), KeyFileContent::PrivateKey);
        QCOMPARE(sniffKeyFile(readAll(path(u"rsa-enc.der"_s))), KeyFileContent::PrivateKey);
        QCOMPARE(sniffKeyFile(readAll(path(u"cert.der"_s))), KeyFileContent::Certificate);
        QCOMPARE(sniffKeyFile(readAll(path(u"bundle.p12"_s))), KeyFileContent::Pkcs12);
        QCOMPARE(sniffKeyFile(readAll(path(u"garbage.bin"_s))), KeyFileContent::Unknown);
    }

    void validityIsJudgedAtTheGivenTime()
    {
        const auto certificate = Certificate::loadFile(path(u"short.pem"_s));
        QVERIFY(certificate);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(!certificate->validityProblem(now));
        const auto expired = certificate->validityProblem(now.addDays(10));
        QVERIFY(expired);
        QCOMPARE(expired->kind, Kind::CertificateExpired);
        QVERIFY2(expired->message.contains(u"short.pem"_s) && expired->message.contains(u"expired"_s),
                 qPrintable(expired->message));
        const auto early = certificate->validityProblem(now.addDays(-10));
        QVERIFY(early);
        QCOMPARE(early->kind, Kind::CertificateNotYetValid);
    }

    void aKeyBelongsOnlyWithItsOwnCertificate()
    {
        const auto rsa = PrivateKey::loadFile(path(u"rsa.pem"_s));
        const auto other = PrivateKey::loadFile(path(u"other.pem"_s));
        const auto ec = PrivateKey::loadFile(path(u"ec.pem"_s));
        const auto cert = Certificate::loadFile(path(u"cert.pem"_s));
        const auto otherCert = Certificate::loadFile(path(u"other-cert.pem"_s));
        QVERIFY(rsa && other && ec && cert && otherCert);
        QVERIFY(belongTogether(*rsa, *cert));
        QVERIFY(belongTogether(*other, *otherCert));
        QVERIFY(!belongTogether(*rsa, *otherCert));
        QVERIFY(!belongTogether(*other, *cert));
        QVERIFY(!belongTogether(*ec, *cert));
        QCOMPARE(ERR_peek_error(), 0UL);
    }

    void inspectionSaysWhatAFileIsAndWhatIsWrong()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const KeyFileReport bundle = inspectKeyFile(path(u"bundle.p12"_s), kBundlePass.toUtf8(), now);
        QCOMPARE(bundle.content, KeyFileContent::Pkcs12);
        QVERIFY(bundle.key && bundle.certificate);
        QVERIFY(bundle.problems.isEmpty());

        const KeyFileReport locked = inspectKeyFile(path(u"bundle.p12"_s), {}, now);
        QCOMPARE(locked.content, KeyFileContent::Pkcs12);
        QVERIFY(!locked.key);
        QCOMPARE(locked.problems.size(), 1);
        QCOMPARE(locked.problems.first().kind, Kind::PassphraseNeeded);

        const KeyFileReport certificate = inspectKeyFile(path(u"short.pem"_s), {}, now.addDays(10));
        QCOMPARE(certificate.content, KeyFileContent::Certificate);
        QVERIFY(certificate.certificate && !certificate.key);
        QCOMPARE(certificate.problems.size(), 1);
        QCOMPARE(certificate.problems.first().kind, Kind::CertificateExpired);

        const KeyFileReport ec = inspectKeyFile(path(u"ec.pem"_s), {}, now);
        QCOMPARE(ec.content, KeyFileContent::PrivateKey);
        QCOMPARE(ec.problems.size(), 1);
        QCOMPARE(ec.problems.first().kind, Kind::NotRsa);

        const KeyFileReport garbage = inspectKeyFile(path(u"garbage.bin"_s), {}, now);
        QCOMPARE(garbage.content, KeyFileContent::Unknown);
        QCOMPARE(garbage.problems.first().kind, Kind::UnknownFormat);
        QCOMPARE(inspectKeyFile(path(u"missing.pem"_s), {}, now).problems.first().kind, Kind::FileUnreadable);
    }

    void aGeneratedPairMatchesAndIsWrittenOwnerOnly()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto pair = generateKeyPair(2048, u"Gen Test"_s, 10, now);
        QVERIFY2(pair, qPrintable(pair ? QString() : pair.error().message + pair.error().openSslError));
        QVERIFY(belongTogether(pair->key, pair->certificate));
        QVERIFY(!pair->key.salesforceProblem());
        const CertificateInfo info = pair->certificate.info();
        QCOMPARE(info.commonName, u"Gen Test"_s);
        QVERIFY(info.selfSigned);
        QCOMPARE(info.notBefore.toSecsSinceEpoch(), now.toSecsSinceEpoch());
        QCOMPARE(info.notAfter.toSecsSinceEpoch(), now.addDays(10).toSecsSinceEpoch());

        const QString out = path(u"gen/sub"_s);
        const auto written = writeKeyPair(*pair, out, false);
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
        QCOMPARE(QFileInfo(written->keyPath).fileName(), u"private.key"_s);
        QCOMPARE(QFileInfo(written->certificatePath).fileName(), u"certificate.crt"_s);
        QCOMPARE(modeOf(written->keyPath), mode_t(0600));
        QVERIFY(readAll(written->keyPath).startsWith("-----BEGIN PRIVATE KEY-----"));
        // openssl agrees: a v3 SHA-256 certificate, not a CA, whose modulus is the key's.
        const ToolResult text = openssl({u"x509"_s, u"-in"_s, written->certificatePath, u"-noout"_s, u"-text"_s});
        QVERIFY2(text.out.contains("Version: 3") && text.out.contains("sha256WithRSAEncryption") &&
                     text.out.contains("CA:FALSE") && text.out.contains("Digital Signature"),
                 text.out.constData());
        const ToolResult certModulus = openssl({u"x509"_s, u"-in"_s, written->certificatePath, u"-noout"_s, u"-modulus"_s});
        const ToolResult keyModulus = openssl({u"rsa"_s, u"-in"_s, written->keyPath, u"-noout"_s, u"-modulus"_s});
        QVERIFY(certModulus.ok() && keyModulus.ok());
        QCOMPARE(certModulus.out, keyModulus.out);
        const auto reloaded = PrivateKey::loadFile(written->keyPath);
        QVERIFY(reloaded);
        QCOMPARE(reloaded->info().format, u"PEM PKCS#8"_s);
        QCOMPARE(reloaded->info().publicKeySha256, pair->key.info().publicKeySha256);
    }

    void anExistingPairIsReplacedOnlyWithForce()
    {
        const QString out = path(u"force"_s);
        const auto first = generateKeyPair(2048, u"First"_s, 5, QDateTime::currentDateTimeUtc());
        QVERIFY(first && writeKeyPair(*first, out, false));
        const QString keyPath = out + u"/private.key"_s;
        const QByteArray before = readAll(keyPath);
        // Loosened by hand: a forced replacement must still end up 0600, not keep the old mode.
        QVERIFY(::chmod(QFile::encodeName(keyPath).constData(), 0644) == 0);

        const auto second = generateKeyPair(2048, u"Second"_s, 5, QDateTime::currentDateTimeUtc());
        QVERIFY(second);
        const auto refused = writeKeyPair(*second, out, false);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Kind::FileExists);
        QVERIFY(refused.error().message.contains(u"private.key"_s));
        QVERIFY(refused.error().fix.contains(u"--force"_s));
        QCOMPARE(readAll(keyPath), before);

        const auto forced = writeKeyPair(*second, out, true);
        QVERIFY2(forced, qPrintable(forced ? QString() : forced.error().message));
        QVERIFY(readAll(keyPath) != before);
        QCOMPARE(modeOf(keyPath), mode_t(0600));
        const auto certificate = Certificate::loadFile(out + u"/certificate.crt"_s);
        const auto key = PrivateKey::loadFile(keyPath);
        QVERIFY(certificate && key && belongTogether(*key, *certificate));
        QCOMPARE(certificate->info().commonName, u"Second"_s);
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), 2); // no temporary left behind
    }

    void generationRefusesWhatSalesforceCannotUse_data()
    {
        QTest::addColumn<int>("bits");
        QTest::addColumn<QString>("cn");
        QTest::addColumn<int>("days");
        QTest::addColumn<Kind>("kind");
        QTest::newRow("1024 bits") << 1024 << u"x"_s << 30 << Kind::KeyTooSmall;
        QTest::newRow("2047 bits") << 2047 << u"x"_s << 30 << Kind::KeyTooSmall;
        QTest::newRow("5000 bits") << 5000 << u"x"_s << 30 << Kind::GenerationFailed;
        QTest::newRow("no name") << 2048 << u" "_s << 30 << Kind::GenerationFailed;
        QTest::newRow("name too long") << 2048 << QString(65, u'n') << 30 << Kind::GenerationFailed;
        QTest::newRow("0 days") << 2048 << u"x"_s << 0 << Kind::GenerationFailed;
    }
    void generationRefusesWhatSalesforceCannotUse()
    {
        QFETCH(int, bits);
        QFETCH(QString, cn);
        QFETCH(int, days);
        QFETCH(Kind, kind);
        const auto pair = generateKeyPair(bits, cn, days, QDateTime::currentDateTimeUtc());
        QVERIFY(!pair);
        QCOMPARE(kindName(pair.error().kind), kindName(kind));
        QVERIFY(!pair.error().fix.isEmpty());
    }

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_spkiSha256;
    QString m_certSha256;
};

QTEST_GUILESS_MAIN(TestKeyMaterial)
#include "tst_keymaterial.moc"
