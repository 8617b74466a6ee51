#include "KeyMaterialPanel.h"

#include "CopyFeedback.h"
#include "Icons.h"
#include "KeyGenerationForm.h"
#include "Style.h"
#include "UiContext.h"

#include "core/Clock.h"
#include "crypto/KeyGeneration.h"
#include "crypto/KeyMaterial.h"
#include "profile/ProfileStore.h"
#include "WrappingLabel.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <optional>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;
using crypto::Certificate;
using crypto::KeyProblem;
using crypto::PrivateKey;

struct KeyMaterialPanel::Read
{
    std::optional<PrivateKey> key;
    std::optional<KeyProblem> keyProblem;
    std::optional<Certificate> certificate; // the certificate file's, else one a PKCS#12 key carried
    bool certificateFromKeyFile = false;
    std::optional<KeyProblem> certificateProblem;
};

namespace {
QLabel *factsLabel(const QString &name, QWidget *parent)
{
    auto *label = new WrappingLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText); // file names and subjects come from files
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long subjects never widen the window
    return label;
}

// "AB:CD:EF:01:23:45:67:89…:EF:01": enough to tell two apart at a glance; the tooltip has all of it.
QString shortFingerprint(const QString &fingerprint)
{
    return fingerprint.size() <= 36 ? fingerprint : fingerprint.left(23) + u'…' + fingerprint.right(5);
}

QString localDate(const QDateTime &when)
{
    return QLocale().toString(when.toLocalTime().date(), QLocale::ShortFormat);
}

QString problemText(const KeyProblem &problem)
{
    return problem.fix.isEmpty() ? problem.message : problem.message + u' ' + problem.fix;
}

QString safeFolderName(const QString &name)
{
    QString safe = name.simplified();
    safe.replace(QRegularExpression(u"[^A-Za-z0-9._-]+"_s), u"-"_s);
    return safe.isEmpty() ? u"profile"_s : safe;
}
} // namespace

KeyMaterialPanel::KeyMaterialPanel(QWidget *parent)
    : QWidget(parent), m_keyFacts(factsLabel(u"keyFacts"_s, this)),
      m_certificateFacts(factsLabel(u"certificateFacts"_s, this)), m_verdict(factsLabel(u"keyMatchVerdict"_s, this)),
      m_generate(new QPushButton(tr("&Generate key and certificate…"), this)),
      m_copyCertificate(new QPushButton(icon(u"copy"_s), tr("Copy certificate for upload"), this)),
      m_installBox(new QWidget(this)), m_installNote(factsLabel(u"installCertificateNote"_s, m_installBox)),
      m_install(new QPushButton(tr("Install on the demo app"), this)), m_generation(new KeyGenerationForm(this))
{
    setObjectName(u"keyMaterialPanel"_s);
    setAccessibleName(tr("Key and certificate"));
    m_keyFacts->setAccessibleName(tr("Private key"));
    m_certificateFacts->setAccessibleName(tr("Certificate"));
    m_verdict->setAccessibleName(tr("Key and certificate match"));
    m_generate->setObjectName(u"generateKeysButton"_s);
    m_generate->setToolTip(tr("Make a new RSA key and a self-signed certificate to upload to the app"));
    m_copyCertificate->setObjectName(u"copyCertificateButton"_s);
    m_copyCertificate->setToolTip(tr("Copy the certificate (PEM) — the public part the app's settings take"));
    m_install->setObjectName(u"installCertificateButton"_s);
    m_installBox->setObjectName(u"installCertificateBox"_s);
    m_generation->hide();
    m_generation->setNow([this] { return now(); });

    m_install->setToolTip(tr("Upload the certificate to the demo app, as an admin does in Setup for a real org"));
    m_install->hide();
    auto *install = new QVBoxLayout(m_installBox);
    install->setContentsMargins(0, 0, 0, 0);
    install->addWidget(m_installNote);
    m_installBox->hide();
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_generate);
    buttons->addWidget(m_copyCertificate);
    buttons->addWidget(m_install); // in the row, so the offer is seen without scrolling
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(m_keyFacts);
    layout->addWidget(m_certificateFacts);
    layout->addWidget(m_verdict);
    layout->addLayout(buttons);
    layout->addWidget(m_generation);
    layout->addWidget(m_installBox);

    connect(m_generate, &QPushButton::clicked, this,
            [this] { m_generation->open(QString::fromUtf16(crypto::kDefaultCommonName), defaultKeyFolder()); });
    connect(m_copyCertificate, &QPushButton::clicked, this, &KeyMaterialPanel::copyCertificate);
    connect(m_install, &QPushButton::clicked, this, &KeyMaterialPanel::installCertificate);
    connect(m_generation, &KeyGenerationForm::generated, this, &KeyMaterialPanel::onGenerated);
    setProfile(Profile(), true);
}

void KeyMaterialPanel::setClock(const Clock *clock)
{
    m_clock = clock;
    showCertificate();
}

void KeyMaterialPanel::setDemo(DemoOrg *demo)
{
    m_demo = demo;
    showInstallOffer();
}

void KeyMaterialPanel::setProfile(const Profile &profile, bool reload)
{
    const bool filesChanged = !m_loaded || profile.privateKeyFile != m_profile.privateKeyFile ||
                              profile.certificateFile != m_profile.certificateFile;
    m_profile = profile;
    if (filesChanged || reload) {
        auto read = std::make_shared<Read>();
        if (!profile.privateKeyFile.isEmpty()) {
            auto key = PrivateKey::loadFile(profile.privateKeyFile); // no passphrase: an encrypted key stays locked
            if (key)
                read->key = std::move(key.value());
            else
                read->keyProblem = key.error();
        }
        if (!profile.certificateFile.isEmpty()) {
            auto certificate = Certificate::loadFile(profile.certificateFile);
            if (certificate)
                read->certificate = std::move(certificate.value());
            else
                read->certificateProblem = certificate.error();
        } else if (read->key && read->key->certificate()) {
            read->certificate = read->key->certificate();
            read->certificateFromKeyFile = true;
        }
        m_read = std::move(read);
        m_loaded = true;
    }
    showKey();
    showCertificate();
    showVerdict();
    showInstallOffer();
}

void KeyMaterialPanel::setEditable(bool editable)
{
    m_generate->setEnabled(editable);
    m_install->setEnabled(editable);
    m_generation->setEnabled(editable);
}

void KeyMaterialPanel::showKey()
{
    QString text;
    QString tip;
    if (m_profile.privateKeyFile.isEmpty()) {
        text = tr("No private key file yet: choose one, or generate a key and certificate.");
    } else if (m_read->key) {
        const crypto::KeyInfo info = m_read->key->info();
        text = tr("Key: %1 %2 bits, %3\nPublic key SHA-256 %4")
                   .arg(info.type)
                   .arg(info.bits)
                   .arg(info.format, shortFingerprint(info.publicKeySha256));
        tip = tr("Public key SHA-256 %1").arg(info.publicKeySha256);
    } else if (m_read->keyProblem->kind == KeyProblem::Kind::PassphraseNeeded) {
        text = tr("Key: encrypted — passphrase asked at Run.");
    } else {
        text = tr("Key: %1").arg(problemText(*m_read->keyProblem));
    }
    m_keyFacts->setText(text);
    m_keyFacts->setToolTip(tip);
    m_keyFacts->setProperty("state", m_read->key ? u"loaded"_s : m_read->keyProblem ? u"problem"_s : u"none"_s);
}

void KeyMaterialPanel::showCertificate()
{
    if (!m_read)
        return;
    m_copyCertificate->setEnabled(m_read->certificate.has_value());
    if (m_read->certificateProblem) {
        m_certificateFacts->setText(tr("Certificate: %1").arg(problemText(*m_read->certificateProblem)));
        m_certificateFacts->setToolTip(QString());
        m_certificateFacts->show();
        return;
    }
    m_certificateFacts->setVisible(m_read->certificate.has_value());
    if (!m_read->certificate)
        return;
    const crypto::CertificateInfo info = m_read->certificate->info();
    const QDateTime at = now();
    QString validity;
    if (at < info.notBefore)
        validity = tr("not valid before %1").arg(localDate(info.notBefore));
    else if (at > info.notAfter)
        validity = tr("expired %1 (%2 days ago)").arg(localDate(info.notAfter)).arg(info.notAfter.daysTo(at));
    else
        validity = tr("valid until %1 (%2 days)").arg(localDate(info.notAfter)).arg(at.daysTo(info.notAfter));
    const QString who = info.commonName.isEmpty() ? info.subject : info.commonName;
    m_certificateFacts->setText(
        tr("%1: %2, %3%4\nSHA-256 %5")
            .arg(m_read->certificateFromKeyFile ? tr("Certificate (in the key file)") : tr("Certificate"), who,
                 validity, info.selfSigned ? tr(", self-signed") : QString(),
                 shortFingerprint(info.sha256Fingerprint)));
    m_certificateFacts->setToolTip(tr("Subject %1\nIssuer %2\nSerial %3\nSHA-256 %4")
                                       .arg(info.subject, info.issuer, info.serialNumber, info.sha256Fingerprint));
}

void KeyMaterialPanel::showVerdict()
{
    QString verdict;
    QString text;
    if (m_read->certificate && m_read->key) {
        const bool match = crypto::belongTogether(*m_read->key, *m_read->certificate);
        verdict = match ? u"match"_s : u"mismatch"_s;
        text = match ? tr("Key and certificate belong together ✓")
                     : tr("✗ Key and certificate do NOT belong together: Salesforce would refuse the signature.");
    } else if (m_read->certificate && m_read->keyProblem &&
               m_read->keyProblem->kind == KeyProblem::Kind::PassphraseNeeded) {
        verdict = u"unknown"_s;
        text = tr("Whether they belong together is checked at Run, once the key is unlocked.");
    }
    const bool dark = isDark(palette());
    const QString color = verdict == u"match"      ? (dark ? u"#8ce99a"_s : u"#2b8a3e"_s)
                          : verdict == u"mismatch" ? (dark ? u"#ff8787"_s : u"#c92a2a"_s)
                                                   : QString();
    m_verdict->setText(text);
    m_verdict->setProperty("verdict", verdict);
    QPalette colored = palette(); // a palette, not a style sheet: this runs as the person types
    if (!color.isEmpty())
        colored.setColor(QPalette::WindowText, QColor(color));
    m_verdict->setPalette(colored);
    m_verdict->setVisible(!text.isEmpty());
}

// After a key and certificate were made here for the demo org: install the certificate on the
// demo app, which is what an admin does in Setup for a real one.
void KeyMaterialPanel::showInstallOffer()
{
    const bool demoProfile = m_demo && m_demo->serves(m_profile.loginUrl);
    const bool ours = !m_generatedCertificate.isEmpty() && m_profile.certificateFile == m_generatedCertificate;
    const bool offer = demoProfile && ours && m_read && m_read->certificate;
    m_installBox->setVisible(offer);
    const bool installed = offer && m_installedCertificate == m_profile.certificateFile;
    m_install->setVisible(offer && !installed);
    if (!offer)
        return;
    m_installNote->setText(
        installed ? tr("Installed on the demo app ✓ — its JWT bearer assertions are now checked against this "
                       "certificate.")
                  : tr("Install on the demo app does what an admin does for a real org in Setup → External "
                       "Client App Manager → the app → Edit Settings → OAuth Settings → Enable JWT Bearer Flow → "
                       "upload the certificate."));
}

void KeyMaterialPanel::copyCertificate()
{
    if (m_read && m_read->certificate) // the public certificate only; never the key
        copyWithFeedback(m_copyCertificate, QString::fromLatin1(m_read->certificate->pem()));
}

void KeyMaterialPanel::installCertificate()
{
    if (!m_demo || !m_read || !m_read->certificate)
        return;
    QString error;
    if (!m_demo->installCertificate(m_profile.clientId, m_read->certificate->pem(), &error)) {
        m_installNote->setText(tr("The demo app did not take the certificate: %1").arg(error));
        return;
    }
    m_installedCertificate = m_profile.certificateFile;
    showInstallOffer();
}

void KeyMaterialPanel::onGenerated(const QString &keyPath, const QString &certificatePath)
{
    m_generatedCertificate = certificatePath;
    m_installedCertificate.clear(); // a new certificate, even at the same path
    m_generation->hide();
    Q_EMIT filesGenerated(keyPath, certificatePath);
}

QDateTime KeyMaterialPanel::now() const
{
    return m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
}

// A folder of the profile's own under the config directory: never the demo key's temp folder.
QString KeyMaterialPanel::defaultKeyFolder() const
{
    return QDir(ProfileStore::defaultConfigDirectory()).filePath(u"keys/"_s + safeFolderName(m_profile.name));
}

} // namespace ecalab::ui
