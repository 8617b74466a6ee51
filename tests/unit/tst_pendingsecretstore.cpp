// The stand-in store that lets the window appear before the keychain answers: calls wait, in
// order, and reach the chosen store; a context destroyed meanwhile gets no callback.
#include "profile/PendingSecretStore.h"

#include <QTest>

#include <optional>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

class TestPendingSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void callsWaitForTheChosenStoreInOrder()
    {
        PendingSecretStore pending;
        QObject context;
        QStringList events;
        bool ready = false;
        pending.whenReady(&context, [&] { ready = true; });
        pending.write(u"k"_s, u"v1"_s, &context, [&](const SecretStore::Result &r) { events << u"write %1"_s.arg(r.ok); });
        std::optional<SecretStore::Result> read;
        pending.read(u"k"_s, &context, [&](const SecretStore::Result &r) { read = r; });
        QVERIFY(!pending.isPersistent());
        QVERIFY(pending.availabilityNote().contains(u"keychain"_s));
        QTest::qWait(20);
        QVERIFY(!ready);
        QVERIFY(!read.has_value());

        pending.resolve(std::make_unique<InMemorySecretStore>(u"memory for this test"_s));
        QTRY_VERIFY(read.has_value());
        QVERIFY(ready);
        QCOMPARE(events, QStringList{u"write 1"_s});
        QVERIFY(read->ok);
        QCOMPARE(read->value, u"v1"_s); // the write reached the store before the read
        QCOMPARE(pending.availabilityNote(), u"memory for this test"_s);
        QCOMPARE(pending.description(), InMemorySecretStore().description());

        // Once resolved, calls go straight through.
        std::optional<SecretStore::Result> again;
        pending.remove(u"k"_s, &context, [&](const SecretStore::Result &) {
            pending.read(u"k"_s, &context, [&](const SecretStore::Result &r) { again = r; });
        });
        QTRY_VERIFY(again.has_value());
        QVERIFY(again->notFound);
    }

    void aContextGoneBeforeTheAnswerGetsNoCallback()
    {
        PendingSecretStore pending;
        bool called = false;
        {
            QObject context;
            pending.read(u"k"_s, &context, [&](const SecretStore::Result &) { called = true; });
            pending.whenReady(&context, [&] { called = true; });
        }
        pending.resolve(std::make_unique<InMemorySecretStore>());
        QTest::qWait(20);
        QVERIFY(!called);
    }
};

QTEST_MAIN(TestPendingSecretStore)
#include "tst_pendingsecretstore.moc"
