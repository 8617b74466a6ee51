// `ecalab --profile NAME|FILE` for the window (app/GuiMain.cpp passes it as
// UiContext::initialProfile): a saved profile by name, a profile file opened as an unsaved one,
// and a name that matches nothing — the window still opens, on the demo org, and says why; and
// `--timeout`, which bounds the wait on the person in every run of the window; and a keychain
// slow to answer, which delays the secret but not the window.
#include "GuiHarness.h"

#include "MessageBanner.h"
#include "profile/PendingSecretStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
Profile acme(const QString &name)
{
    Profile p;
    p.name = name;
    p.loginUrl = QUrl(u"https://acme.my.salesforce.com"_s);
    p.clientId = u"3MVG9acme"_s;
    p.callbackUrl = QUrl(u"http://localhost:1717/OauthRedirect"_s);
    return p;
}
} // namespace

class TestGuiStartup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensASavedProfileByName()
    {
        GuiHarness h;
        QVERIFY(h.profiles->save(acme(u"Acme prod"_s)));
        QVERIFY(h.profiles->save(acme(u"Acme sandbox"_s)));
        h.initialProfile = u"Acme sandbox"_s;
        h.open();
        const ui::ProfileBook::Entry *entry = h.window->profiles()->current();
        QVERIFY(entry);
        QCOMPARE(entry->kind, ui::ProfileBook::Kind::Saved);
        QCOMPARE(entry->profile.name, u"Acme sandbox"_s);
        QCOMPARE(h.find<QLineEdit>(u"nameEdit"_s)->text(), u"Acme sandbox"_s);
        QVERIFY(h.window->windowTitle().startsWith(u"Acme sandbox"_s));
    }

    void opensAProfileFileAsAnUnsavedProfile()
    {
        GuiHarness h;
        QTemporaryDir dir;
        const QString path = dir.filePath(u"order-sync.json"_s);
        Profile p = acme(u"Order Sync"_s);
        p.prompt = u"login"_s;
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(p.toJson()).toJson());
        file.close();

        h.initialProfile = path;
        h.open();
        const ui::ProfileBook::Entry *entry = h.window->profiles()->current();
        QVERIFY(entry);
        QCOMPARE(entry->kind, ui::ProfileBook::Kind::Draft);
        QCOMPARE(entry->profile.name, u"Order Sync"_s);
        QCOMPARE(h.find<QLineEdit>(u"loginUrlEdit"_s)->text(), u"https://acme.my.salesforce.com"_s);
        QCOMPARE(h.find<QLineEdit>(u"promptEdit"_s)->text(), u"login"_s);
        QVERIFY(h.profiles->list().isEmpty()); // opening is not saving
        QVERIFY(h.find<ui::MessageBanner>(u"messageBanner"_s)->plainText().contains(u"unsaved profile"_s));
    }

    void anUnknownNameFallsBackAndSaysSo()
    {
        GuiHarness h;
        h.initialProfile = u"Nobody"_s;
        h.open();
        const ui::ProfileBook::Entry *entry = h.window->profiles()->current();
        QVERIFY(entry);
        QCOMPARE(entry->kind, ui::ProfileBook::Kind::Demo);
        const QString banner = h.find<ui::MessageBanner>(u"messageBanner"_s)->plainText();
        QVERIFY2(banner.contains(u"No saved profile is named “Nobody”"_s), qPrintable(banner));
    }

    void aSlowKeychainDelaysTheSecretNotTheWindow()
    {
        PendingSecretStore pending; // outlives the window
        GuiHarness h;
        QVERIFY(h.profiles->save(acme(u"Acme prod"_s)));
        // The keychain that will answer late: memory only, with its reason, holding the saved secret.
        auto keychain = std::make_unique<InMemorySecretStore>(u"No system keychain is available (test)."_s);
        QObject context;
        bool written = false;
        keychain->write(SecretStore::clientSecretKey(u"Acme prod"_s), u"s3cret"_s, &context,
                        [&](const SecretStore::Result &) { written = true; });
        QTRY_VERIFY(written);
        h.secretStore = &pending;
        h.initialProfile = u"Acme prod"_s;
        h.open();
        QVERIFY(h.window->isVisible()); // before any store has answered
        auto *note = h.find<QLabel>(u"secretStorageNote"_s);
        QTRY_VERIFY(note->text().contains(u"Reading the secret"_s) || note->text().contains(u"keychain"_s));
        QVERIFY(h.find<QLineEdit>(u"clientSecretEdit"_s)->text().isEmpty());

        pending.resolve(std::move(keychain));
        QTRY_COMPARE(h.find<QLineEdit>(u"clientSecretEdit"_s)->text(), u"s3cret"_s);
        QTRY_VERIFY2(note->text().contains(u"Memory only — No system keychain is available (test)."_s),
                     qPrintable(note->text()));
    }

    void timeoutReachesTheRuns()
    {
        GuiHarness h;
        h.runOptions.waitTimeoutSeconds = 42;
        h.open();
        QCOMPARE(h.window->runner()->session()->runOptions().waitTimeoutSeconds.value_or(0), 42);
    }

    void aBrokenFileFallsBackAndSaysWhy()
    {
        GuiHarness h;
        QTemporaryDir dir;
        const QString path = dir.filePath(u"broken.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"name\": 42}");
        file.close();
        h.initialProfile = path;
        h.open();
        QCOMPARE(h.window->profiles()->current()->kind, ui::ProfileBook::Kind::Demo);
        const QString banner = h.find<ui::MessageBanner>(u"messageBanner"_s)->plainText();
        QVERIFY2(banner.contains(u"Could not open the profile file"_s), qPrintable(banner));
        QVERIFY2(banner.contains(u"name"_s), qPrintable(banner));
    }
};

QTEST_MAIN(TestGuiStartup)
#include "tst_gui_startup.moc"
