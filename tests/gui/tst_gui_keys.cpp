// The JWT bearer flow's Keys tab (issue 11): the key and certificate rows, what the chosen files
// are and whether they belong together before Run, key material generated into a folder, the
// certificate installed on the demo app and the flow run to a token, and an encrypted key whose
// passphrase is asked in the window.
#include "GuiHarness.h"

#include "AskView.h"
#include "KeyGenerationForm.h"
#include "KeyMaterialPanel.h"
#include "ProfileForm.h"
#include "Prompts.h"
#include "ResultTabs.h"
#include "WaitPanel.h"
#include "crypto/KeyMaterial.h"

#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
// The key at `from` written again as encrypted PKCS#8 PEM with `passphrase`.
bool writeEncryptedCopy(const QString &from, const QString &to, const QByteArray &passphrase)
{
    auto key = crypto::PrivateKey::loadFile(from);
    if (!key)
        return false;
    BIO *bio = BIO_new_file(QFile::encodeName(to).constData(), "w");
    const bool ok = bio && PEM_write_bio_PKCS8PrivateKey(bio, &key->pkey(), EVP_aes_256_cbc(), passphrase.constData(),
                                                         int(passphrase.size()), nullptr, nullptr) == 1;
    BIO_free(bio);
    return ok;
}
} // namespace

class TestGuiKeys : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuiHarness> h;
    std::unique_ptr<QTemporaryDir> keys; // a new folder per test: files already there would be asked about

    ui::ProfileForm *form() const { return h->find<ui::ProfileForm>(u"settingsTabs"_s); }
    QLineEdit *edit(const QString &name) const { return h->find<QLineEdit>(name + u"Edit"_s); }
    QString verdict() const { return h->find<QLabel>(u"keyMatchVerdict"_s)->property("verdict").toString(); }
    QString stageState(int index) const
    {
        const auto *chip = h->find<QLabel>(u"stage%1"_s.arg(index));
        return chip ? chip->property("stageState").toString() : QString();
    }

    bool openDemoJwt()
    {
        h->open();
        return h->selectFlow(u"jwt-bearer"_s) == u"jwt-bearer" &&
               QTest::qWaitFor([&] { return h->window->profiles()->current()->demoReady; }, 5000);
    }

    // Generate… on the Keys tab, filled in as the person would, for `folder`.
    ui::KeyGenerationForm *openGeneration(const QString &folder, int bits)
    {
        form()->setCurrentIndex(int(ui::ProfileForm::Page::Keys));
        QTest::mouseClick(h->find<QPushButton>(u"generateKeysButton"_s), Qt::LeftButton);
        ui::KeyGenerationForm *generation = form()->keyPanel()->generationForm();
        generation->commonNameEdit()->setText(u"ECA Lab GUI test"_s);
        generation->daysSpin()->setValue(30);
        generation->bitsCombo()->setCurrentIndex(generation->bitsCombo()->findData(bits));
        generation->folderEdit()->setText(folder);
        return generation;
    }

    // Generate, then wait (on the event loop) for the key being made on its thread.
    void generateInto(const QString &folder, int bits = 2048)
    {
        ui::KeyGenerationForm *generation = openGeneration(folder, bits);
        QVERIFY(generation->isVisible());
        QTest::mouseClick(generation->generateButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!generation->isGenerating(), 60000);
    }

    void installOnTheDemoApp()
    {
        auto *install = h->find<QPushButton>(u"installCertificateButton"_s);
        QVERIFY(install->isVisible());
        QTest::mouseClick(install, Qt::LeftButton);
        QCOMPARE(h->demo.certificatesInstalled, 1);
        QVERIFY(h->find<QLabel>(u"installCertificateNote"_s)->text().contains(u"Installed on the demo app"_s));
        QVERIFY(!install->isVisible());
    }

private Q_SLOTS:
    void init()
    {
        h = std::make_unique<GuiHarness>();
        keys = std::make_unique<QTemporaryDir>();
        QVERIFY(keys->isValid());
    }
    void cleanup()
    {
        h.reset();
        keys.reset();
    }

    void theJwtFlowShowsItsKeyRows()
    {
        QVERIFY(openDemoJwt());
        QVERIFY(form()->isTabVisible(int(ui::ProfileForm::Page::Keys)));
        const QList<ProfileField> shown = form()->shownFields();
        for (ProfileField field : {ProfileField::PrivateKeyFile, ProfileField::CertificateFile, ProfileField::Audience,
                                   ProfileField::AssertionLifetime})
            QVERIFY(shown.contains(field));
        form()->setCurrentIndex(int(ui::ProfileForm::Page::Keys));
        QVERIFY(edit(u"privateKeyFile"_s)->isVisible());
        QVERIFY(edit(u"certificateFile"_s)->isVisible());
        QVERIFY(h->find<QWidget>(u"certificateBrowseButton"_s)->isVisible());
        QVERIFY(form()->keyPanel()->isVisible());
        // The demo key (a temp copy) is read at once: what it is, never its PEM.
        const QString facts = h->find<QLabel>(u"keyFacts"_s)->text();
        QVERIFY2(facts.contains(u"RSA 2048 bits"_s), qPrintable(facts));
        QVERIFY(!facts.contains(u"BEGIN"_s));

        // The lifetime spin says what 0 means; the profile takes the seconds.
        auto *lifetime = h->find<QSpinBox>(u"assertionLifetimeSpin"_s);
        QCOMPARE(lifetime->value(), 0);
        QCOMPARE(lifetime->text(), u"3 minutes (default)"_s);
        lifetime->setValue(120);
        QCOMPARE(form()->profile().assertionLifetimeSeconds, 120);

        // An empty Audience shows what will be derived, and why, as the Login URL changes.
        QVERIFY(edit(u"audience"_s)->placeholderText().contains(u"https://login.salesforce.com"_s));
        edit(u"loginUrl"_s)->setText(u"https://acme--dev.sandbox.my.salesforce.com"_s);
        const QString placeholder = edit(u"audience"_s)->placeholderText();
        QVERIFY2(placeholder.contains(u"https://test.salesforce.com"_s), qPrintable(placeholder));
        QVERIFY2(placeholder.contains(u"sandbox"_s), qPrintable(placeholder));
    }

    void generatingFillsBothFieldsAndWritesAPrivateKey()
    {
        QVERIFY(openDemoJwt());
        generateInto(keys->path());
        const QString keyPath = keys->filePath(u"private.key"_s);
        const QString certificatePath = keys->filePath(u"certificate.crt"_s);
        QCOMPARE(edit(u"privateKeyFile"_s)->text(), keyPath);
        QCOMPARE(edit(u"certificateFile"_s)->text(), certificatePath);
        QCOMPARE(form()->profile().certificateFile, certificatePath);
        const QFile::Permissions ownerGroupOther{0x7077}; // the "User" bits only repeat the owner's here
        QCOMPARE(QFile::permissions(keyPath) & ownerGroupOther, QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY(!form()->keyPanel()->generationForm()->isVisible());

        QCOMPARE(verdict(), u"match"_s);
        QVERIFY(h->find<QLabel>(u"keyMatchVerdict"_s)->text().contains(u"belong together ✓"_s));
        const QString certificate = h->find<QLabel>(u"certificateFacts"_s)->text();
        QVERIFY2(certificate.contains(u"ECA Lab GUI test"_s), qPrintable(certificate));
        QVERIFY2(certificate.contains(u"valid until"_s), qPrintable(certificate));
        QVERIFY2(certificate.contains(u"SHA-256 "_s), qPrintable(certificate));

        // Copy certificate for upload: the PEM of the certificate, never the key; the button says so.
        auto *copy = h->find<QPushButton>(u"copyCertificateButton"_s);
        QVERIFY(copy->isEnabled());
        QTest::mouseClick(copy, Qt::LeftButton);
        const QString copied = QGuiApplication::clipboard()->text();
        QVERIFY(copied.startsWith(u"-----BEGIN CERTIFICATE-----"_s));
        QVERIFY(!copied.contains(u"PRIVATE KEY"_s));
        QCOMPARE(copy->text(), u"Copied"_s);

        // Generating into the same folder asks first; declined, the files stay as they were.
        const QByteArray before = [&] {
            QFile f(certificatePath);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        const int asked = ui::Prompts::questionsAsked();
        ui::Prompts::setNextConfirm(false);
        generateInto(keys->path());
        QCOMPARE(ui::Prompts::questionsAsked(), asked + 1);
        QVERIFY(ui::Prompts::lastQuestion().contains(u"Replace"_s));
        QFile after(certificatePath);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), before);
        QVERIFY(h->find<QLabel>(u"keyGenProblem"_s)->isVisible());
    }

    // The key is made on a thread of its own: Generate returns at once, the form shows it is
    // working, and the window's event loop goes on turning until the key is there.
    void generatingKeepsTheWindowLiveAndShowsProgress()
    {
        QVERIFY(openDemoJwt());
        ui::KeyGenerationForm *generation = openGeneration(keys->path(), 4096);
        QTest::mouseClick(generation->generateButton(), Qt::LeftButton);
        QVERIFY(generation->isGenerating());
        QVERIFY(h->find<QWidget>(u"keyGenProgress"_s)->isVisible());
        QVERIFY(h->find<QLabel>(u"keyGenProgressText"_s)->text().contains(u"4096"_s));
        QVERIFY(!generation->generateButton()->isEnabled()); // one key at a time
        int ticks = 0;
        QTimer tick;
        connect(&tick, &QTimer::timeout, this, [&] { ++ticks; });
        tick.start(1);
        QTRY_VERIFY_WITH_TIMEOUT(!generation->isGenerating(), 60000);
        QVERIFY(ticks > 0);
        QVERIFY(!h->find<QWidget>(u"keyGenProgress"_s)->isVisible());
        QVERIFY(generation->generateButton()->isEnabled());
        QCOMPARE(edit(u"privateKeyFile"_s)->text(), keys->filePath(u"private.key"_s));
        QVERIFY(h->find<QLabel>(u"keyFacts"_s)->text().contains(u"RSA 4096 bits"_s));
    }

    // Cancel while the key is being made: it is dropped, nothing is written, no field changes.
    void cancelWhileGeneratingWritesNothing()
    {
        QVERIFY(openDemoJwt());
        const QString demoKey = edit(u"privateKeyFile"_s)->text();
        ui::KeyGenerationForm *generation = openGeneration(keys->path(), 3072);
        QTest::mouseClick(generation->generateButton(), Qt::LeftButton);
        QVERIFY(generation->isGenerating());
        QTest::mouseClick(h->find<QPushButton>(u"keyGenCancelButton"_s), Qt::LeftButton);
        QVERIFY(!generation->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!generation->isGenerating(), 60000);
        QVERIFY(QDir(keys->path()).entryList(QDir::Files).isEmpty());
        QCOMPARE(edit(u"privateKeyFile"_s)->text(), demoKey);
    }

    void aKeyThatIsNotTheCertificatesIsSaidBeforeRun()
    {
        QVERIFY(openDemoJwt());
        const QString demoKey = edit(u"privateKeyFile"_s)->text();
        QVERIFY(!demoKey.isEmpty());
        generateInto(keys->path());
        QCOMPARE(verdict(), u"match"_s);
        // The demo key against the certificate just made: the panel's verdict and the field's problem.
        edit(u"privateKeyFile"_s)->setText(demoKey);
        QCOMPARE(verdict(), u"mismatch"_s);
        QVERIFY(h->find<QLabel>(u"keyMatchVerdict"_s)->text().contains(u"do NOT belong together"_s));
        auto *problem = h->find<QLabel>(u"certificateFileProblem"_s);
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(u"does not belong"_s), qPrintable(problem->text()));
        QVERIFY(form()->hasBlockingProblems());

        // Not a certificate at all: the problem in words, no crash, nothing to copy.
        edit(u"certificateFile"_s)->setText(demoKey);
        QVERIFY(h->find<QLabel>(u"certificateFacts"_s)->text().startsWith(u"Certificate: "_s));
        QVERIFY(verdict().isEmpty());
        QVERIFY(!h->find<QPushButton>(u"copyCertificateButton"_s)->isEnabled());
        edit(u"privateKeyFile"_s)->setText(keys->filePath(u"missing.key"_s));
        QVERIFY(h->find<QLabel>(u"keyFacts"_s)->text().startsWith(u"Key: "_s));
    }

    // Issue 11: a GUI test generates key material, installs it in the demo org and runs the flow.
    void generatedKeyInstalledOnTheDemoAppRunsTheFlow()
    {
        QVERIFY(openDemoJwt());
        generateInto(keys->path());
        QCOMPARE(verdict(), u"match"_s);
        QVERIFY(h->find<QLabel>(u"installCertificateNote"_s)->text().contains(u"Enable JWT Bearer Flow"_s));
        h->screenshotIfAsked(u"settings-jwt-bearer-keys"_s);

        // Before the demo app has the certificate, Salesforce (the emulator) refuses the signature.
        Flow *refused = h->runAndWait();
        QVERIFY(refused);
        QCOMPARE(refused->status(), Flow::Status::Failed);

        installOnTheDemoApp();
        Flow *flow = h->runAndWait();
        QVERIFY(flow);
        QVERIFY2(flow->status() == Flow::Status::Succeeded,
                 qPrintable(flow->error() ? flow->error()->summary() : QString()));
        QCOMPARE(flow->stages().size(), 5);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(stageState(i), u"done"_s);
        // §5.2: an answer without a signature leaves nothing to verify, which is said, not failed.
        QVERIFY2(stageState(4) == u"done" || stageState(4) == u"skipped", qPrintable(stageState(4)));
        auto *access = h->find<QLineEdit>(u"token_access_tokenValue"_s);
        QVERIFY(access);
        QVERIFY(!access->text().isEmpty());
        QVERIFY(!access->text().contains(flow->result()->accessToken));
    }

    void anEncryptedKeyAsksForItsPassphraseInTheWindow()
    {
        QVERIFY(openDemoJwt());
        generateInto(keys->path());
        installOnTheDemoApp();
        const QString encrypted = keys->filePath(u"encrypted.key"_s);
        QVERIFY(writeEncryptedCopy(keys->filePath(u"private.key"_s), encrypted, "correct horse"));
        edit(u"privateKeyFile"_s)->setText(encrypted);
        QVERIFY(h->find<QLabel>(u"keyFacts"_s)->text().contains(u"encrypted — passphrase asked at Run"_s));
        QCOMPARE(verdict(), u"unknown"_s);
        QVERIFY(!form()->hasBlockingProblems());

        h->find<QAction>(u"runAction"_s)->trigger();
        Flow *flow = h->window->runner()->currentFlow();
        QVERIFY(flow);
        QTRY_COMPARE(flow->status(), Flow::Status::WaitingForUser);
        auto *wait = h->find<ui::ResultTabs>(u"resultTabs"_s)->waitPanel();
        QVERIFY(wait->isWaiting());
        QCOMPARE(wait->currentWidget(), wait->askView());
        QLineEdit *field = wait->askView()->field();
        QCOMPARE(field->echoMode(), QLineEdit::Password);
        QTRY_VERIFY(field->hasFocus());
        QVERIFY(h->find<QLabel>(u"askQuestion"_s)->text().contains(u"passphrase"_s, Qt::CaseInsensitive));
        QTest::keyClicks(field, u"correct horse"_s); // the space inside is part of it
        QTest::mouseClick(h->find<QPushButton>(u"askSubmitButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(flow->isFinished(), 10'000);
        QVERIFY2(flow->status() == Flow::Status::Succeeded,
                 qPrintable(flow->error() ? flow->error()->summary() : QString()));
        QVERIFY(field->text().isEmpty());
        QVERIFY(!wait->isWaiting());
    }
};

QTEST_MAIN(TestGuiKeys)
#include "tst_gui_keys.moc"
