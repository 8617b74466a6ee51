#include "KeysCommand.h"

#include "Console.h"
#include "SecretEnvironment.h"

#include "crypto/KeyGeneration.h"
#include "crypto/KeyInspection.h"

#include <QDir>
#include <QJsonArray>

#include <cmath>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;
using namespace ecalab::crypto;
using Kind = KeyProblem::Kind;

namespace {
constexpr qint64 kSecondsPerDay = 86'400;

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QString when(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
}

// Days from `now` to `then`, a part day counted whole: a fresh 365-day certificate has 365 days
// left, one expiring in ten hours 1, one that expired an hour ago -0 → 0 days ago.
qint64 daysFrom(const QDateTime &now, const QDateTime &then)
{
    return qint64(std::ceil(double(now.secsTo(then)) / double(kSecondsPerDay)));
}

// The command line's own advice for a passphrase: the one place it can come from.
KeyProblem forTheCommandLine(KeyProblem problem)
{
    const QString name = QString::fromUtf16(SecretEnvironment::kKeyPassphraseName);
    if (problem.kind == Kind::PassphraseNeeded)
        problem.fix = u"Set %1 to its passphrase and run again (secrets are read from the environment, never "
                      "from the command line)."_s.arg(name);
    else if (problem.kind == Kind::WrongPassphrase)
        problem.fix = u"%1 does not decrypt it: check its value (case, keyboard layout, a trailing newline)."_s.arg(name);
    return problem;
}

QJsonObject problemJson(const KeyProblem &problem)
{
    return {{u"kind"_s, kindName(problem.kind)}, {u"message"_s, problem.message}, {u"fix"_s, problem.fix},
            {u"openSslError"_s, problem.openSslError}};
}

QJsonObject keyJson(const KeyInfo &info)
{
    return {{u"type"_s, info.type}, {u"bits"_s, info.bits}, {u"format"_s, info.format},
            {u"publicKeySha256"_s, info.publicKeySha256}};
}

QString validityWord(const CertificateInfo &info, const QDateTime &now)
{
    return now < info.notBefore ? u"notYetValid"_s : now > info.notAfter ? u"expired"_s : u"valid"_s;
}

QJsonObject certificateJson(const Certificate &certificate, const QDateTime &now)
{
    const CertificateInfo info = certificate.info();
    return {{u"subject"_s, info.subject},
            {u"issuer"_s, info.issuer},
            {u"commonName"_s, info.commonName},
            {u"notBefore"_s, info.notBefore.toString(Qt::ISODate)},
            {u"notAfter"_s, info.notAfter.toString(Qt::ISODate)},
            {u"validity"_s, validityWord(info, now)},
            {u"daysLeft"_s, daysFrom(now, info.notAfter)},
            {u"sha256Fingerprint"_s, info.sha256Fingerprint},
            {u"serialNumber"_s, info.serialNumber},
            {u"selfSigned"_s, info.selfSigned},
            {u"publicKey"_s, keyJson(info.publicKey)}};
}

QString validityText(const CertificateInfo &info, const QDateTime &now)
{
    QString state;
    if (now < info.notBefore)
        state = u"NOT YET VALID: starts in %1 days"_s.arg(std::max<qint64>(1, daysFrom(now, info.notBefore)));
    else if (now > info.notAfter)
        state = u"EXPIRED %1 days ago"_s.arg(std::max<qint64>(0, -daysFrom(now, info.notAfter)));
    else
        state = u"valid for %1 more days"_s.arg(daysFrom(now, info.notAfter));
    return u"%1 to %2 (%3)"_s.arg(when(info.notBefore), when(info.notAfter), state);
}

QString problemText(const KeyProblem &problem)
{
    QString text = u"  problem:  %1\n  fix:      %2\n"_s.arg(problem.message, problem.fix);
    if (!problem.openSslError.isEmpty())
        text += u"  OpenSSL:  %1\n"_s.arg(problem.openSslError);
    return text;
}

QString certificateText(const Certificate &certificate, const QDateTime &now)
{
    const CertificateInfo info = certificate.info();
    return u"  subject     %1\n  issuer      %2%3\n  valid       %4\n  SHA-256     %5\n  public key  %6 %7 bits\n"_s
        .arg(info.subject, info.issuer, info.selfSigned ? u" (self-signed)"_s : QString(), validityText(info, now),
             info.sha256Fingerprint, info.publicKey.type)
        .arg(info.publicKey.bits);
}

QString contentWord(KeyFileContent content, bool json)
{
    switch (content) {
    case KeyFileContent::PrivateKey: return json ? u"privateKey"_s : u"private key"_s;
    case KeyFileContent::Certificate: return u"certificate"_s;
    case KeyFileContent::Pkcs12: return json ? u"pkcs12"_s : u"PKCS#12 bundle"_s;
    case KeyFileContent::Unknown: break;
    }
    return json ? u"unknown"_s : u"not readable as a key or certificate"_s;
}

QString humanReport(const KeyFileReport &report, const QDateTime &now)
{
    QString text = u"%1: %2"_s.arg(shown(report.path), contentWord(report.content, false));
    if (report.key) {
        const KeyInfo info = report.key->info();
        text += u", %1 %2 bits, %3\n  public key SHA-256  %4\n"_s.arg(info.type).arg(info.bits).arg(info.format,
                                                                                                    info.publicKeySha256);
    } else {
        text += u'\n';
    }
    if (report.certificate)
        text += (report.content == KeyFileContent::Certificate ? QString() : u"  with its certificate:\n"_s) +
                certificateText(*report.certificate, now);
    for (const KeyProblem &problem : report.problems)
        text += problemText(problem);
    return text;
}

// Each key file against each certificate file: "match" only when every one of them has its partner.
struct Pairing
{
    std::optional<bool> match;
    QString text;
};

Pairing pairUp(const QList<KeyFileReport> &reports)
{
    QList<const KeyFileReport *> keys;
    QList<const KeyFileReport *> certificates;
    for (const KeyFileReport &report : reports) {
        if (report.key)
            keys.append(&report);
        else if (report.certificate && report.content == KeyFileContent::Certificate)
            certificates.append(&report);
    }
    Pairing pairing;
    if (keys.isEmpty() || certificates.isEmpty())
        return pairing;
    const auto partnered = [](const KeyFileReport &key, const KeyFileReport &certificate) {
        return belongTogether(*key.key, *certificate.certificate);
    };
    bool all = true;
    for (const KeyFileReport *certificate : certificates) {
        const auto partner = std::find_if(keys.begin(), keys.end(),
                                          [&](const KeyFileReport *key) { return partnered(*key, *certificate); });
        all = all && partner != keys.end();
        pairing.text += partner != keys.end()
                            ? u"%1 and %2: match (the same public key)\n"_s.arg(shown((*partner)->path), shown(certificate->path))
                            : u"%1: do NOT match any key given; upload the certificate of the key you sign with\n"_s.arg(
                                  shown(certificate->path));
    }
    for (const KeyFileReport *key : keys) {
        const bool found = std::any_of(certificates.begin(), certificates.end(),
                                       [&](const KeyFileReport *certificate) { return partnered(*key, *certificate); });
        all = all && found;
        if (!found)
            pairing.text += u"%1: do NOT match any certificate given\n"_s.arg(shown(key->path));
    }
    pairing.match = all;
    return pairing;
}

int runInspect(const CommandLine &cl)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QByteArray passphrase = SecretEnvironment::keyPassphrase();
    QList<KeyFileReport> reports;
    bool unusable = false;
    bool mismatch = false;
    for (const QString &path : cl.keyFiles) {
        KeyFileReport report = inspectKeyFile(path, passphrase, now);
        for (KeyProblem &problem : report.problems) {
            problem = forTheCommandLine(problem);
            (problem.kind == Kind::KeyCertificateMismatch ? mismatch : unusable) = true;
        }
        reports.append(std::move(report));
    }
    wipeSecret(passphrase);
    const Pairing pairing = pairUp(reports);
    mismatch = mismatch || pairing.match == false;
    if (cl.json) {
        QJsonArray files;
        for (const KeyFileReport &report : reports) {
            QJsonArray problems;
            for (const KeyProblem &problem : report.problems)
                problems.append(problemJson(problem));
            files.append(QJsonObject{
                {u"path"_s, shown(report.path)},
                {u"kind"_s, contentWord(report.content, true)},
                {u"key"_s, report.key ? QJsonValue(keyJson(report.key->info())) : QJsonValue(QJsonValue::Null)},
                {u"certificate"_s, report.certificate ? QJsonValue(certificateJson(*report.certificate, now))
                                                      : QJsonValue(QJsonValue::Null)},
                {u"problems"_s, problems}});
        }
        printJson({{u"files"_s, files}, {u"match"_s, pairing.match ? QJsonValue(*pairing.match) : QJsonValue()}});
    } else {
        QString text;
        for (const KeyFileReport &report : reports)
            text += humanReport(report, now) + u'\n';
        printOut(text + pairing.text);
    }
    if (unusable)
        printErr(u"ecalab: a file above cannot be used for the JWT bearer flow; see its problem and fix.\n"_s);
    return unusable ? 2 : mismatch ? 1 : 0;
}

int runGenerate(const CommandLine &cl)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString commonName = cl.commonName.isEmpty() ? QString::fromUtf16(kDefaultCommonName) : cl.commonName;
    auto pair = generateKeyPair(cl.bits.value_or(kDefaultKeyBits), commonName, cl.days.value_or(kDefaultValidDays), now);
    auto written = pair ? writeKeyPair(*pair, cl.outDir, cl.force) : Expected<WrittenKeyFiles, KeyProblem>(unexpected(pair.error()));
    if (!written) {
        if (cl.json)
            printJson({{u"keyFile"_s, QJsonValue()}, {u"certificateFile"_s, QJsonValue()}, {u"certificate"_s, QJsonValue()},
                       {u"problems"_s, QJsonArray{problemJson(written.error())}}});
        printErr(u"ecalab: %1\n  %2\n"_s.arg(written.error().message, written.error().fix));
        return 2;
    }
    if (cl.json) {
        printJson({{u"keyFile"_s, shown(written->keyPath)}, {u"certificateFile"_s, shown(written->certificatePath)},
                   {u"certificate"_s, certificateJson(pair->certificate, now)}, {u"problems"_s, QJsonArray()}});
        return 0;
    }
    const CertificateInfo info = pair->certificate.info();
    printOut(u"Wrote a new key pair for the JWT bearer flow:\n"
             "  private key   %1   (owner-only; keep it here, never upload or share it)\n"
             "  certificate   %2\n\n"
             "Certificate:\n  subject       %3\n  valid         %4\n  SHA-256       %5\n\n"
             "Next: upload %6 to the app: Setup → External Client App Manager → <app> → Edit Settings → "
             "OAuth Settings → Enable JWT Bearer Flow → Upload certificate.\n"
             "Then set the profile's privateKeyFile to %1.\n"_s.arg(shown(written->keyPath), shown(written->certificatePath),
                                                                     info.subject, validityText(info, now),
                                                                     info.sha256Fingerprint,
                                                                     QString::fromUtf16(kGeneratedCertificateName)));
    return 0;
}
} // namespace

int runKeysCommand(const CommandLine &commandLine)
{
    return commandLine.keysAction == u"generate" ? runGenerate(commandLine) : runInspect(commandLine);
}

QString keysHelpText()
{
    return uR"(Usage:
  ecalab keys generate --out DIR [--cn NAME] [--days N] [--bits N] [--force] [--json]
  ecalab keys inspect FILE... [--json]

generate: an RSA key pair for the JWT bearer flow, written to DIR (created if needed):
  private.key       the private key, PKCS#8 PEM, owner-only (0600); keep it, never upload it
  certificate.crt   a self-signed X.509 certificate (SHA-256) to upload to the app:
                    Setup → External Client App Manager → <app> → Edit Settings → OAuth Settings →
                    Enable JWT Bearer Flow → Upload certificate
  --out DIR   where to write the two files (required)
  --cn NAME   the certificate's common name (default "ECA Lab JWT")
  --days N    how long the certificate is valid, from now (default 365)
  --bits N    2048 (default), 3072 or 4096; Salesforce needs RSA of 2048 bits or more
  --force     replace private.key and certificate.crt if they exist (the old key stops working)

inspect: what each FILE is — a private key (PEM or DER, PKCS#1 or PKCS#8, encrypted or not), a
  certificate (PEM or DER) or a PKCS#12 bundle — its type, size, format and fingerprints, whether a
  certificate is valid now, and when a key and a certificate are given, whether they match.
  An encrypted key's or bundle's passphrase is read from ECALAB_KEY_PASSPHRASE.

Options:
  --json   print one JSON object on stdout (never a private key):
           generate: {"keyFile", "certificateFile", "certificate": {...}, "problems": [...]}
           inspect:  {"files": [{"path", "kind": "privateKey"|"certificate"|"pkcs12"|"unknown",
                      "key", "certificate", "problems": [{"kind", "message", "fix", "openSslError"}]}],
                      "match": true|false|null}
  --help   this text

Exit codes: 0 fine, 1 a key and a certificate that do not match, 2 usage error or a file that cannot
be used (unknown format, passphrase missing or wrong, not RSA, under 2048 bits, certificate expired or
not yet valid, a file that exists without --force).
)"_s;
}

} // namespace ecalab::app
