// `ecalab keys generate` and `ecalab keys inspect` as a person and a script use them: a generated
// pair matches, is written owner-only and never over an existing one without --force; a key and
// a certificate that are not a pair exit 1; an encrypted key opens with ECALAB_KEY_PASSPHRASE and
// without it says to set that variable; --json is one object; nothing secret is ever printed.
#include "CliRun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::Literals::StringLiterals;
using namespace ecalab::test;

namespace {
constexpr int kRunMs = 60'000;
const QByteArray kPassphrase = "Cli-Key-Pass-789";

QByteArray because(const char *what, const CliResult &r)
{
    return QByteArray(what) + " — " + r.summary();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

mode_t modeOf(const QString &path)
{
    struct stat st{};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 0777) : mode_t(-1);
}

// The openssl command line, for fixtures this code did not make.
bool openssl(const QStringList &args, QByteArray *out = nullptr)
{
    QProcess process;
    process.start(u"openssl"_s, args);
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit)
        return false;
    if (out)
        *out = process.readAllStandardOutput();
    return process.exitCode() == 0;
}

// The base64 lines of a PEM private key: none of them may appear in anything printed.
QList<QByteArray> secretLines(const QString &keyPath)
{
    QList<QByteArray> lines;
    for (const QByteArray &line : readAll(keyPath).split('\n'))
        if (!line.isEmpty() && !line.startsWith("-----"))
            lines.append(line);
    return lines;
}
} // namespace

class TestCliKeys : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ecalabBinary()), "ECALAB_BINARY must point at the built ecalab");
        QVERIFY(m_dir.isValid());
    }

    void generateThenInspectMatches()
    {
        const QString out = path(u"a"_s);
        const CliResult made = run({u"keys"_s, u"generate"_s, u"--out"_s, out, u"--cn"_s, u"CLI Test"_s, u"--days"_s, u"30"_s});
        QCOMPARE(made.exitCode, 0);
        const QString key = out + u"/private.key"_s;
        const QString certificate = out + u"/certificate.crt"_s;
        for (const QByteArray &text : {key.toUtf8(), certificate.toUtf8(), QByteArray("CN=CLI Test"), QByteArray("SHA-256"),
                                       QByteArray("External Client App Manager"), QByteArray("Upload certificate"),
                                       QByteArray("valid for 30 more days")})
            QVERIFY2(made.out.contains(text), because(text.constData(), made));
        QCOMPARE(modeOf(key), mode_t(0600));
        QVERIFY(!made.out.contains("PRIVATE KEY") && !made.err.contains("PRIVATE KEY"));
        QVERIFY2(leakProblem(made.out + made.err, secretLines(key)).isEmpty(), "the key's bytes were printed");
        // The fingerprint printed is the one openssl computes.
        QByteArray fingerprint;
        QVERIFY(openssl({u"x509"_s, u"-in"_s, certificate, u"-noout"_s, u"-fingerprint"_s, u"-sha256"_s}, &fingerprint));
        QVERIFY2(made.out.contains(fingerprint.trimmed().split('=').last()), because("openssl's fingerprint", made));

        const CliResult inspected = run({u"keys"_s, u"inspect"_s, key, certificate});
        QCOMPARE(inspected.exitCode, 0);
        for (const char *text : {"private key, RSA 2048 bits, PEM PKCS#8", "self-signed", ": match", "valid for 30 more days"})
            QVERIFY2(inspected.out.contains(text), because(text, inspected));
        QVERIFY2(!inspected.out.contains("do NOT"), inspected.out.constData());
        QVERIFY(leakProblem(inspected.out + inspected.err, secretLines(key)).isEmpty());
    }

    void anExistingPairIsReplacedOnlyWithForce()
    {
        const QString out = path(u"force"_s);
        QCOMPARE(run({u"keys"_s, u"generate"_s, u"--out"_s, out}).exitCode, 0);
        const QString key = out + u"/private.key"_s;
        const QByteArray before = readAll(key);
        const CliResult again = run({u"keys"_s, u"generate"_s, u"--out"_s, out});
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains("already exists") && again.err.contains("--force"), because("refusal", again));
        QCOMPARE(readAll(key), before);
        const CliResult json = run({u"keys"_s, u"generate"_s, u"--out"_s, out, u"--json"_s});
        QCOMPARE(json.exitCode, 2);
        QCOMPARE(json.json()[u"problems"][0][u"kind"].toString(), u"FileExists"_s);

        const CliResult forced = run({u"keys"_s, u"generate"_s, u"--out"_s, out, u"--force"_s});
        QCOMPARE(forced.exitCode, 0);
        QVERIFY(readAll(key) != before);
        QCOMPARE(modeOf(key), mode_t(0600));
        QCOMPARE(run({u"keys"_s, u"inspect"_s, key, out + u"/certificate.crt"_s}).exitCode, 0);
    }

    void aMismatchedPairExitsOne()
    {
        const QString a = path(u"m1"_s);
        const QString b = path(u"m2"_s);
        QCOMPARE(run({u"keys"_s, u"generate"_s, u"--out"_s, a}).exitCode, 0);
        QCOMPARE(run({u"keys"_s, u"generate"_s, u"--out"_s, b}).exitCode, 0);
        const QStringList args{u"keys"_s, u"inspect"_s, a + u"/private.key"_s, b + u"/certificate.crt"_s};
        const CliResult r = run(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("do NOT match"), because("do NOT match", r));
        const CliResult json = run(args + QStringList{u"--json"_s});
        QCOMPARE(json.exitCode, 1);
        QVERIFY2(singleJsonObjectProblem(json.out).isEmpty(), json.out.constData());
        QCOMPARE(json.json()[u"match"], QJsonValue(false));
    }

    void anEncryptedKeyOpensWithThePassphraseVariable()
    {
        const QString out = path(u"enc"_s);
        QCOMPARE(run({u"keys"_s, u"generate"_s, u"--out"_s, out}).exitCode, 0);
        const QString encrypted = out + u"/encrypted.pem"_s;
        QVERIFY(openssl({u"pkcs8"_s, u"-topk8"_s, u"-v2"_s, u"aes-256-cbc"_s, u"-in"_s, out + u"/private.key"_s,
                         u"-passout"_s, u"pass:"_s + QString::fromLatin1(kPassphrase), u"-out"_s, encrypted}));
        const QStringList args{u"keys"_s, u"inspect"_s, encrypted, out + u"/certificate.crt"_s};

        const CliResult without = run(args);
        QCOMPARE(without.exitCode, 2);
        QVERIFY2((without.out + without.err).contains("ECALAB_KEY_PASSPHRASE"), because("the variable's name", without));
        const CliResult withoutJson = run(args + QStringList{u"--json"_s});
        QCOMPARE(withoutJson.json()[u"files"][0][u"problems"][0][u"kind"].toString(), u"PassphraseNeeded"_s);
        QVERIFY(withoutJson.json()[u"match"].isNull());

        QProcessEnvironment env = environment();
        env.insert(u"ECALAB_KEY_PASSPHRASE"_s, QString::fromLatin1(kPassphrase));
        const CliResult with = runCli(args, env, kRunMs);
        QCOMPARE(with.exitCode, 0);
        QVERIFY2(with.out.contains("PEM PKCS#8 (encrypted)") && with.out.contains(": match"), because("loaded", with));
        QVERIFY2(!(with.out + with.err).contains(kPassphrase), "the passphrase was printed");

        env.insert(u"ECALAB_KEY_PASSPHRASE"_s, u"not-it"_s);
        const CliResult wrong = runCli(args + QStringList{u"--json"_s}, env, kRunMs);
        QCOMPARE(wrong.exitCode, 2);
        QCOMPARE(wrong.json()[u"files"][0][u"problems"][0][u"kind"].toString(), u"WrongPassphrase"_s);
        QVERIFY(!wrong.out.contains("not-it"));
    }

    void jsonIsOneObjectWithoutSecrets()
    {
        const QString out = path(u"json"_s);
        const CliResult made = run({u"keys"_s, u"generate"_s, u"--out"_s, out, u"--bits"_s, u"3072"_s, u"--json"_s});
        QCOMPARE(made.exitCode, 0);
        QVERIFY2(singleJsonObjectProblem(made.out).isEmpty(), made.out.constData());
        const QJsonObject generated = made.json();
        QCOMPARE(generated[u"keyFile"].toString(), QDir::toNativeSeparators(out + u"/private.key"_s));
        QCOMPARE(generated[u"certificateFile"].toString(), QDir::toNativeSeparators(out + u"/certificate.crt"_s));
        QCOMPARE(generated[u"certificate"][u"commonName"].toString(), u"ECA Lab JWT"_s);
        QCOMPARE(generated[u"certificate"][u"publicKey"][u"bits"].toInt(), 3072);
        QCOMPARE(generated[u"certificate"][u"daysLeft"].toInt(), 365);

        const CliResult inspected =
            run({u"keys"_s, u"inspect"_s, out + u"/private.key"_s, out + u"/certificate.crt"_s, u"--json"_s});
        QCOMPARE(inspected.exitCode, 0);
        QVERIFY2(singleJsonObjectProblem(inspected.out).isEmpty(), inspected.out.constData());
        const QJsonArray files = inspected.json()[u"files"].toArray();
        QCOMPARE(files.size(), 2);
        QCOMPARE(files[0][u"kind"].toString(), u"privateKey"_s);
        QCOMPARE(files[0][u"key"][u"bits"].toInt(), 3072);
        QVERIFY(files[0][u"certificate"].isNull());
        QCOMPARE(files[1][u"kind"].toString(), u"certificate"_s);
        QCOMPARE(files[1][u"certificate"][u"sha256Fingerprint"], generated[u"certificate"][u"sha256Fingerprint"]);
        QCOMPARE(files[1][u"certificate"][u"publicKey"][u"publicKeySha256"], files[0][u"key"][u"publicKeySha256"]);
        QCOMPARE(inspected.json()[u"match"], QJsonValue(true));
        QVERIFY(files[0][u"problems"].toArray().isEmpty());
        QVERIFY(leakProblem(made.out + inspected.out, secretLines(out + u"/private.key"_s)).isEmpty());
    }

    void unusableFilesExitTwo()
    {
        const QString ec = path(u"ec.pem"_s);
        QVERIFY(openssl({u"ecparam"_s, u"-name"_s, u"prime256v1"_s, u"-genkey"_s, u"-noout"_s, u"-out"_s, ec}));
        QFile garbage(path(u"garbage.key"_s));
        QVERIFY(garbage.open(QIODevice::WriteOnly) && garbage.write("this is not a key\n") > 0);
        garbage.close();
        const struct
        {
            QString file;
            QString kind;
        } cases[] = {{ec, u"NotRsa"_s}, {garbage.fileName(), u"UnknownFormat"_s}, {path(u"missing.key"_s), u"FileUnreadable"_s}};
        for (const auto &c : cases) {
            const CliResult r = run({u"keys"_s, u"inspect"_s, c.file, u"--json"_s});
            QCOMPARE(r.exitCode, 2);
            QCOMPARE(r.json()[u"files"][0][u"problems"][0][u"kind"].toString(), c.kind);
            QVERIFY2(!r.json()[u"files"][0][u"problems"][0][u"fix"].toString().isEmpty(), r.out.constData());
        }
        const CliResult small = run({u"keys"_s, u"generate"_s, u"--out"_s, path(u"small"_s), u"--bits"_s, u"1024"_s});
        QCOMPARE(small.exitCode, 2);
        QVERIFY2(small.err.contains("2048"), because("2048", small));
        QVERIFY(!QFile::exists(path(u"small/private.key"_s)));
    }

    void usageMistakesExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        QTest::newRow("no action") << QStringList{u"keys"_s} << u"generate or inspect"_s;
        QTest::newRow("typo action") << QStringList{u"keys"_s, u"inspcet"_s, u"x"_s} << u"did you mean \"inspect\"?"_s;
        QTest::newRow("inspect nothing") << QStringList{u"keys"_s, u"inspect"_s} << u"one or more files"_s;
        QTest::newRow("generate without --out") << QStringList{u"keys"_s, u"generate"_s} << u"--out DIR"_s;
        QTest::newRow("typo option") << QStringList{u"keys"_s, u"generate"_s, u"--out"_s, u"x"_s, u"--dyas"_s, u"3"_s}
                                     << u"did you mean --days?"_s;
        QTest::newRow("days not a number") << QStringList{u"keys"_s, u"generate"_s, u"--out"_s, u"x"_s, u"--days"_s, u"soon"_s}
                                           << u"whole number"_s;
    }
    void usageMistakesExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        const CliResult r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(says), because(qPrintable(says), r));
        QVERIFY(!QFile::exists(u"x"_s));
    }

    void helpShowsKeys()
    {
        const CliResult help = run({u"keys"_s, u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        for (const char *text : {"ecalab keys generate --out DIR", "ecalab keys inspect FILE", "ECALAB_KEY_PASSPHRASE",
                                 "--force", "Exit codes"})
            QVERIFY2(help.out.contains(text), because(text, help));
        QCOMPARE(run({u"help"_s, u"keys"_s}).out, help.out);
        const CliResult global = run({u"--help"_s});
        QVERIFY2(global.out.contains("ecalab keys generate") && global.out.contains("ecalab keys inspect"),
                 global.out.constData());
    }

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QProcessEnvironment environment() const { return cliEnvironment(m_dir.filePath(u"config"_s)); }
    CliResult run(const QStringList &args) const { return runCli(args, environment(), kRunMs); }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCliKeys)
#include "tst_cli_keys.moc"
