#include "profile/ProfileStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
Profile sample(const QString &name)
{
    Profile p;
    p.name = name;
    p.loginUrl = QUrl(u"https://acme.my.salesforce.com"_s);
    p.clientId = u"3MVG9abc"_s;
    p.clientSecret = u"never-on-disk-1234"_s;
    p.scopes = {u"api"_s};
    p.unknownFields.insert(u"futureField"_s, u"kept"_s);
    return p;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}
} // namespace

class TestProfileStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QVERIFY(m_dir.emplace().isValid()); }

    void savesAndLoadsWithoutTheSecret()
    {
        ProfileStore store(m_dir->path());
        const auto path = store.save(sample(u"Acme prod"_s));
        QVERIFY2(path, qPrintable(path ? QString() : path.error()));
        QVERIFY(path->endsWith(u"/profiles/acme-prod.json"));
        QVERIFY(!readAll(*path).contains("never-on-disk-1234"));
        QCOMPARE(QFile::permissions(*path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());

        const auto loaded = store.load(u"Acme prod"_s);
        QVERIFY(loaded);
        QCOMPARE(loaded->clientId, u"3MVG9abc"_s);
        QVERIFY(loaded->clientSecret.isEmpty());
        QCOMPARE(loaded->unknownFields.value(u"futureField").toString(), u"kept"_s);
    }

    void listsCorruptFilesWithTheirErrorAndKeepsThem()
    {
        ProfileStore store(m_dir->path());
        QVERIFY(store.save(sample(u"Good"_s)));
        const QString broken = m_dir->path() + u"/profiles/broken.json"_s;
        writeFile(broken, "{\"name\": \"Broken\", ");
        const auto entries = store.list();
        QCOMPARE(entries.size(), 2);
        const auto bad = std::find_if(entries.begin(), entries.end(), [](const auto &e) { return !e.profile; });
        QVERIFY(bad != entries.end());
        QVERIFY(bad->error.contains(u"broken.json"));
        QVERIFY(bad->error.contains(u"Not valid JSON"));
        QCOMPARE(readAll(broken), QByteArray("{\"name\": \"Broken\", "));
    }

    void overwritingAnUnreadableFileKeepsACopy()
    {
        ProfileStore store(m_dir->path());
        const QString path = store.pathForName(u"Acme"_s);
        writeFile(path, "garbage that is not json");
        QVERIFY(store.save(sample(u"Acme"_s)));
        const QStringList backups = QDir(m_dir->path() + u"/profiles"_s).entryList({u"acme.json.unreadable-*"_s});
        QCOMPARE(backups.size(), 1);
        QCOMPARE(readAll(m_dir->path() + u"/profiles/"_s + backups.first()), QByteArray("garbage that is not json"));
        QVERIFY(store.load(u"Acme"_s));
    }

    void refusesToOverwriteANewerSchema()
    {
        ProfileStore store(m_dir->path());
        const QString path = store.pathForName(u"Acme"_s);
        writeFile(path, "{\"schema\": 7, \"name\": \"Acme\"}");
        const auto loaded = store.load(u"Acme"_s);
        QVERIFY(!loaded);
        QVERIFY(loaded.error().contains(u"schema 7"));
        const auto saved = store.save(sample(u"Acme"_s));
        QVERIFY(!saved);
        QVERIFY(saved.error().contains(u"newer ECA Lab"));
        QCOMPARE(readAll(path), QByteArray("{\"schema\": 7, \"name\": \"Acme\"}"));
    }

    void renameMovesTheFileAndRemoveDeletesIt()
    {
        ProfileStore store(m_dir->path());
        QVERIFY(store.save(sample(u"Old name"_s)));
        QVERIFY(store.save(sample(u"New name"_s), u"Old name"_s));
        QVERIFY(!store.load(u"Old name"_s));
        QVERIFY(store.load(u"New name"_s));
        QCOMPARE(store.list().size(), 1);
        QVERIFY(store.remove(u"New name"_s));
        QVERIFY(store.list().isEmpty());
        QVERIFY(!store.remove(u"New name"_s));
    }

    void refusesNamelessProfilesAndHugeFiles()
    {
        ProfileStore store(m_dir->path());
        QVERIFY(!store.save(sample(QString())));
        const QString huge = m_dir->path() + u"/huge.json"_s;
        writeFile(huge, QByteArray(2 << 20, ' '));
        const auto loaded = ProfileStore::loadFile(huge);
        QVERIFY(!loaded);
        QVERIFY(loaded.error().contains(u"bytes"));
    }

    void missingFileIsAClearError()
    {
        const auto loaded = ProfileStore::loadFile(m_dir->path() + u"/nope.json"_s);
        QVERIFY(!loaded);
        QVERIFY(loaded.error().contains(u"Cannot open profile"));
    }

private:
    std::optional<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
