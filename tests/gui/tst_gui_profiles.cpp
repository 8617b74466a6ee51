// Profiles in the window: the demo org first, create / duplicate / rename / save / delete, the
// consumer secret going to the SecretStore and never to the file, unsaved edits kept across
// switches, unreadable files listed and left alone, and the window's state remembered.
#include "GuiHarness.h"

#include "MessageBanner.h"
#include "Prompts.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QTabWidget>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Profile acme()
{
    Profile p;
    p.name = u"Acme prod"_s;
    p.loginUrl = QUrl(u"https://acme.my.salesforce.com"_s);
    p.clientId = u"3MVG9acme"_s;
    p.callbackUrl = QUrl(u"http://localhost:1717/OauthRedirect"_s);
    p.scopes = {u"api"_s};
    return p;
}
} // namespace

class TestGuiProfiles : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuiHarness> h;

    QListWidget *list() const { return h->find<QListWidget>(u"profileList"_s); }
    QLineEdit *edit(const QString &field) const { return h->find<QLineEdit>(field + u"Edit"_s); }
    QStringList titles() const
    {
        QStringList out;
        for (int i = 0; i < list()->count(); ++i)
            out << list()->item(i)->text();
        return out;
    }
    void selectRow(int row) { list()->setCurrentRow(row); }
    void click(const QString &name) { h->find<QAbstractButton>(name)->click(); }
    QString profilesDir() const { return h->configDir.filePath(u"profiles"_s); }

private Q_SLOTS:
    void init() { h = std::make_unique<GuiHarness>(); }
    void cleanup() { h.reset(); }

    void firstStartSelectsTheDemoOrg()
    {
        h->open();
        QCOMPARE(titles(), QStringList{u"Demo org (emulator)"_s});
        QCOMPARE(list()->currentRow(), 0);
        QCOMPARE(h->window->windowTitle(), u"Demo org (emulator) — ECA Lab"_s);
        // The window comes first; the demo org starts after its first frame and says so meanwhile:
        // its fields are not editable yet (they come from the emulator) and not flagged as missing.
        QCOMPARE(h->demo.starts, 0);
        QVERIFY(h->window->profiles()->demoStarting());
        auto *banner = h->find<ui::MessageBanner>(u"messageBanner"_s);
        QVERIFY(banner->plainText().contains(u"Starting the demo org"_s));
        QVERIFY(h->find<QLabel>(u"statusIndicator"_s)->text().contains(u"Starting the emulator"_s));
        QVERIFY(!edit(u"loginUrl"_s)->isEnabled());
        QVERIFY(h->find<QLabel>(u"loginUrlProblem"_s)->isHidden());
        h->find<QAction>(u"runAction"_s)->trigger(); // Run meanwhile is refused with the reason, nothing more
        QVERIFY(banner->plainText().contains(u"still starting"_s));
        QVERIFY(!h->window->runner()->currentFlow());

        QTRY_VERIFY(h->window->profiles()->current()->demoReady);
        QCOMPARE(h->demo.starts, 1);
        QVERIFY(!h->window->profiles()->demoStarting());
        QVERIFY(edit(u"loginUrl"_s)->isEnabled());
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->kind(), ui::MessageBanner::Kind::Info);
        QVERIFY(banner->plainText().contains(u"Demo org on this machine — nothing leaves it"_s));
        QVERIFY(h->find<QLabel>(u"statusIndicator"_s)->text().contains(u"Emulator running (demo)"_s));
        QCOMPARE(edit(u"loginUrl"_s)->text(), h->demo.emulator().demoProfile().value(u"loginUrl"_s).toString());
        QVERIFY(!edit(u"clientSecret"_s)->text().isEmpty());
        QVERIFY(!h->find<QAbstractButton>(u"saveProfileButton"_s)->isEnabled()); // the demo is never saved
        QVERIFY(!h->find<QAbstractButton>(u"deleteProfileButton"_s)->isEnabled());
        QVERIFY(QDir(profilesDir()).entryList(QDir::Files).isEmpty());
    }

    void savedProfilesComeFirstAndReadTheirSecretBack()
    {
        QVERIFY(h->profiles->save(acme()));
        QVERIFY(h->writeSecret(SecretStore::clientSecretKey(u"Acme prod"_s), u"kept-in-the-store"_s));
        h->open();
        QCOMPARE(titles(), (QStringList{u"Demo org (emulator)"_s, u"Acme prod"_s}));
        QCOMPARE(list()->currentRow(), 1);
        QCOMPARE(h->demo.starts, 0); // started on demand only
        QCOMPARE(edit(u"name"_s)->text(), u"Acme prod"_s);
        QTRY_COMPARE(edit(u"clientSecret"_s)->text(), u"kept-in-the-store"_s);
        QVERIFY(h->find<QLabel>(u"secretStorageNote"_s)->text().contains(u"never in the profile file"_s));
        QVERIFY(!h->find<QAbstractButton>(u"saveProfileButton"_s)->isEnabled()); // nothing edited
        QCOMPARE(h->find<QComboBox>(u"profilePicker"_s)->currentText(), u"Acme prod"_s);
    }

    void createAndSaveSendsTheSecretToTheStoreNotTheFile()
    {
        h->open();
        click(u"newProfileButton"_s);
        QCOMPARE(list()->count(), 2);
        QCOMPARE(list()->currentRow(), 1);
        QCOMPARE(edit(u"name"_s)->text(), u"New profile"_s);
        edit(u"name"_s)->setText(u"Acme prod"_s);
        edit(u"loginUrl"_s)->setText(u"https://acme.my.salesforce.com"_s);
        edit(u"clientId"_s)->setText(u"3MVG9acme"_s);
        edit(u"clientSecret"_s)->setText(u"TopSecret123"_s);
        QVERIFY(list()->item(1)->text().contains(u"Acme prod"_s));
        click(u"saveProfileButton"_s);

        const QString path = profilesDir() + u"/acme-prod.json"_s;
        QTRY_VERIFY(QFile::exists(path));
        const QByteArray file = readAll(path);
        QVERIFY(file.contains("acme.my.salesforce.com"));
        QVERIFY(file.contains("3MVG9acme"));
        QVERIFY(!file.contains("TopSecret123"));
        QCOMPARE(h->readSecret(SecretStore::clientSecretKey(u"Acme prod"_s)), std::optional(u"TopSecret123"_s));
        auto *banner = h->find<ui::MessageBanner>(u"messageBanner"_s);
        QTRY_COMPARE(banner->kind(), ui::MessageBanner::Kind::Positive);
        QVERIFY(!list()->item(1)->text().contains(u"•"_s));
        QVERIFY(!h->find<QAbstractButton>(u"saveProfileButton"_s)->isEnabled());
    }

    void duplicateThenRenameMovesFileAndSecret()
    {
        h->open();
        QTRY_VERIFY(h->window->profiles()->current()->demoReady);
        const QString demoSecret = edit(u"clientSecret"_s)->text();
        click(u"duplicateProfileButton"_s);
        QCOMPARE(list()->count(), 2);
        QCOMPARE(edit(u"name"_s)->text(), u"Demo org copy"_s);
        QCOMPARE(edit(u"clientSecret"_s)->text(), demoSecret);
        QVERIFY(h->find<QAbstractButton>(u"saveProfileButton"_s)->isEnabled());
        edit(u"name"_s)->setText(u"Copy A"_s);
        click(u"saveProfileButton"_s);
        QTRY_VERIFY(QFile::exists(profilesDir() + u"/copy-a.json"_s));
        QTRY_COMPARE(h->readSecret(SecretStore::clientSecretKey(u"Copy A"_s)), std::optional(demoSecret));

        edit(u"name"_s)->setText(u"Copy B"_s); // rename via the form
        QVERIFY(list()->item(1)->text().startsWith(u"Copy B"_s));
        click(u"saveProfileButton"_s);
        QTRY_VERIFY(QFile::exists(profilesDir() + u"/copy-b.json"_s));
        QVERIFY(!QFile::exists(profilesDir() + u"/copy-a.json"_s));
        QTRY_COMPARE(h->readSecret(SecretStore::clientSecretKey(u"Copy B"_s)), std::optional(demoSecret));
        QTRY_COMPARE(h->readSecret(SecretStore::clientSecretKey(u"Copy A"_s)), std::optional(QString()));
    }

    void deleteAsksFirst()
    {
        QVERIFY(h->profiles->save(acme()));
        QVERIFY(h->writeSecret(SecretStore::clientSecretKey(u"Acme prod"_s), u"s"_s));
        h->open();
        QCOMPARE(list()->currentRow(), 1);
        const QString path = profilesDir() + u"/acme-prod.json"_s;

        ui::Prompts::setNextConfirm(false);
        click(u"deleteProfileButton"_s);
        QVERIFY(ui::Prompts::lastQuestion().contains(u"Acme prod"_s));
        QVERIFY(QFile::exists(path));
        QCOMPARE(list()->count(), 2);

        ui::Prompts::setNextConfirm(true);
        click(u"deleteProfileButton"_s);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(titles(), QStringList{u"Demo org (emulator)"_s});
        QCOMPARE(list()->currentRow(), 0);
        QTRY_COMPARE(h->readSecret(SecretStore::clientSecretKey(u"Acme prod"_s)), std::optional(QString()));
    }

    void unsavedEditsSurviveSwitching()
    {
        QVERIFY(h->profiles->save(acme()));
        h->open();
        edit(u"clientId"_s)->setText(u"3MVG9edited"_s);
        QVERIFY(list()->item(1)->text().contains(u"•"_s));
        selectRow(0);
        QTRY_VERIFY(h->window->profiles()->current()->demoReady);
        QVERIFY(edit(u"clientId"_s)->text() != u"3MVG9edited"_s);
        selectRow(1);
        QCOMPARE(edit(u"clientId"_s)->text(), u"3MVG9edited"_s);
        QVERIFY(!readAll(profilesDir() + u"/acme-prod.json"_s).contains("3MVG9edited"));
        click(u"revertProfileButton"_s);
        QCOMPARE(edit(u"clientId"_s)->text(), u"3MVG9acme"_s);
        QVERIFY(!list()->item(1)->text().contains(u"•"_s));
    }

    void unreadableFileIsListedAndLeftAlone()
    {
        QVERIFY(QDir().mkpath(profilesDir()));
        const QString path = profilesDir() + u"/broken.json"_s;
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        h->open();
        QVERIFY(titles().contains(u"broken.json"_s));
        const int row = int(titles().indexOf(u"broken.json"_s));
        QVERIFY(!list()->item(row)->toolTip().isEmpty());
        selectRow(row);
        QVERIFY(!edit(u"name"_s)->isEnabled());
        QVERIFY(!h->find<QAbstractButton>(u"saveProfileButton"_s)->isEnabled());
        auto *banner = h->find<ui::MessageBanner>(u"messageBanner"_s);
        QCOMPARE(banner->kind(), ui::MessageBanner::Kind::Warning);
        QVERIFY(banner->plainText().contains(u"broken.json"_s));
        QCOMPARE(readAll(path), QByteArray("{ not json"));
        h->find<QAction>(u"runAction"_s)->trigger();
        QVERIFY(h->window->runner()->currentFlow() == nullptr);
    }

    // Tests and assistive technology find widgets by name: every control the user can operate has
    // an objectName and an accessible name (Qt's own inner parts, named qt_*, excepted).
    void everyControlIsNamed()
    {
        h->open();
        QTRY_VERIFY(h->window->profiles()->current()->demoReady);
        QVERIFY(h->runAndWait());
        QStringList unnamed;
        auto *tabs = h->find<QTabWidget>(u"resultTabs"_s);
        for (int tab = 0; tab < tabs->count(); ++tab) {
            tabs->setCurrentIndex(tab);
            for (QWidget *w : h->window->findChildren<QWidget *>()) {
                const bool control = qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w) ||
                                     qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractItemView *>(w) ||
                                     qobject_cast<QAbstractScrollArea *>(w);
                if (!control || !w->isVisibleTo(h->window.get()))
                    continue;
                bool inner = false; // a part of a Qt composite widget (combo popup, tab bar scroller, ...)
                for (QWidget *p = w->parentWidget(); p && p != h->window.get(); p = p->parentWidget())
                    inner = inner || qobject_cast<QComboBox *>(p) || qobject_cast<QLineEdit *>(p) ||
                            qobject_cast<QAbstractItemView *>(p) || p->inherits("QTabBar") ||
                            p->inherits("QComboBoxPrivateContainer");
                inner = inner || w->objectName().startsWith(u"qt_"_s);
                if (!inner && (w->objectName().isEmpty() || w->accessibleName().isEmpty()))
                    unnamed << u"%1 '%2' '%3'"_s.arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(),
                                                     w->accessibleName());
            }
        }
        unnamed.removeDuplicates();
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u"; "_s)));
    }

    void windowStateIsRemembered()
    {
        h->open();
        h->window->resize(1000, 700);
        h->window->close();
        QVERIFY(QFile::exists(h->configDir.filePath(u"window.ini"_s)));
        QSettings settings(h->configDir.filePath(u"window.ini"_s), QSettings::IniFormat);
        QVERIFY(!settings.value(u"window/geometry"_s).toByteArray().isEmpty());
        QCOMPARE(settings.value(u"run/flow"_s).toString(), u"client-credentials"_s);
        h->window.reset();
        h->open();
        QCOMPARE(h->window->size(), QSize(1000, 700));
    }
};

QTEST_MAIN(TestGuiProfiles)
#include "tst_gui_profiles.moc"
