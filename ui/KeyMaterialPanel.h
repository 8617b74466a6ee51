#pragma once

#include "profile/Profile.h"

#include <QByteArray>
#include <QDateTime>
#include <QWidget>

class QLabel;
class QPushButton;

namespace ecalab {
class Clock;
}

namespace ecalab::ui {

class DemoOrg;
class KeyGenerationForm;

// Under the key and certificate rows of the Keys tab: what the chosen files are (key type, bits,
// format, fingerprint; the certificate's subject, validity and fingerprint) and whether they belong
// together — as soon as they are chosen, before Run. The blocking problems come from the flow's
// validate and show at the fields; this says the facts. It makes a key and certificate
// (KeyGenerationForm), copies the certificate to upload, and on the demo org installs it on the
// demo app as an admin would in Setup. No secret is ever shown: never the private key's PEM, and
// an encrypted key is not unlocked here (its passphrase is asked at Run).
class KeyMaterialPanel : public QWidget
{
    Q_OBJECT
public:
    explicit KeyMaterialPanel(QWidget *parent = nullptr);

    void setClock(const Clock *clock); // for the certificate's validity; the system clock when null
    void setDemo(DemoOrg *demo);       // may be null
    // Reads the profile's key and certificate files (again when their paths changed, or `reload`).
    void setProfile(const Profile &profile, bool reload = false);
    void setEditable(bool editable);

    KeyGenerationForm *generationForm() const { return m_generation; }

Q_SIGNALS:
    // A key and certificate were written: the form fills both file fields.
    void filesGenerated(const QString &keyPath, const QString &certificatePath);

private:
    void showKey();
    void showCertificate();
    void showVerdict();
    void showInstallOffer();
    void copyCertificate();
    void installCertificate();
    void onGenerated(const QString &keyPath, const QString &certificatePath);
    QDateTime now() const;
    QString defaultKeyFolder() const;

    const Clock *m_clock = nullptr;
    DemoOrg *m_demo = nullptr;
    Profile m_profile;
    bool m_loaded = false;
    // What the files held at the last read: the facts shown and what the verdict and copy need.
    struct Read;
    std::shared_ptr<Read> m_read;
    QString m_generatedCertificate; // the path of a certificate made here, offered for the demo app
    QString m_installedCertificate; // the path of the one installed on the demo app

    QLabel *m_keyFacts;
    QLabel *m_certificateFacts;
    QLabel *m_verdict;
    QPushButton *m_generate;
    QPushButton *m_copyCertificate;
    QWidget *m_installBox;
    QLabel *m_installNote;
    QPushButton *m_install;
    KeyGenerationForm *m_generation;
};

} // namespace ecalab::ui
