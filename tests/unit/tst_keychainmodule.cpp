// The keychain module (flows/profile/KeychainModule.h) as the programs load it
// (app/SecretStores.cpp): found beside the program or at the installed place, refused with a
// reason when missing or not a library, and, when loaded, a working factory. No keychain is
// touched: nothing here probes or reads a secret.
#include "SecretStores.h"
#include "profile/KeychainModule.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace ecalab;

class TestKeychainModule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void candidatesAreBesideThenInstalled()
    {
        const QStringList candidates = app::keychainModuleCandidates(u"/opt/x/bin"_s);
        QCOMPARE(candidates.first(), u"/opt/x/bin/" ECALAB_KEYCHAIN_FILE_NAME ""_s);
        QVERIFY(candidates.size() <= 2);
        QVERIFY(candidates.last().endsWith(u"" ECALAB_KEYCHAIN_FILE_NAME ""_s));
    }
    // (Before a successful load: a loaded module is kept for the rest of the process.)
    void aMissingModuleIsNamed()
    {
        QString why;
        QVERIFY(!app::loadKeychainModule({u"/nonexistent/libecalab_keychain.so"_s}, &why));
        QVERIFY2(why.contains(u"not installed"_s) && why.contains(u"/nonexistent/libecalab_keychain.so"_s), qPrintable(why));
    }
    void aFileThatIsNotALibraryIsRefused()
    {
        QTemporaryDir dir;
        const QString fake = dir.filePath(u"libecalab_keychain.so"_s);
        QFile file(fake);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not an ELF file\n");
        file.close();
        QString why;
        QVERIFY(!app::loadKeychainModule({fake}, &why));
        QVERIFY2(why.contains(u"could not be loaded"_s) && why.contains(fake), qPrintable(why));
    }
    void theBuiltModuleLoadsAndMakesAKeychainStore()
    {
        QString why;
        const KeychainModuleApi *api = app::loadKeychainModule({u"" ECALAB_KEYCHAIN_MODULE_PATH ""_s}, &why);
        QVERIFY2(api, qPrintable(why));
        QCOMPARE(api->version, KeychainModuleApi::kVersion);
        QVERIFY(api->probe);
        const std::unique_ptr<SecretStore> store = api->create();
        QVERIFY(store);
        QVERIFY(store->isPersistent());
        QCOMPARE(store->description(), u"system keychain"_s);
    }
};

QTEST_GUILESS_MAIN(TestKeychainModule)
#include "tst_keychainmodule.moc"
