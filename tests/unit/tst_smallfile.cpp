// readSmallFile: regular files only, a size cap, and errors that say what to do.
#include "core/SmallFile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

class TestSmallFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsARegularFile()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"p.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"a\": 1}");
        file.close();
        const auto bytes = readSmallFile(file.fileName(), 100, u"Profile"_s);
        QVERIFY2(bytes, bytes ? "" : qPrintable(bytes.error()));
        QCOMPARE(*bytes, QByteArray("{\"a\": 1}"));
    }

    void refusesDevicesAndDirectories_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("endless device") << u"/dev/zero"_s;
        QTest::newRow("directory") << u"/tmp"_s;
    }
    void refusesDevicesAndDirectories()
    {
        QFETCH(QString, path);
        const auto bytes = readSmallFile(path, 1 << 20, u"Profile"_s);
        QVERIFY(!bytes);
        QVERIFY2(bytes.error().contains(u"not a regular file"_s), qPrintable(bytes.error()));
    }

    void refusesAFifoWithoutBlocking()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(u"fifo"_s);
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QElapsedTimer timer;
        timer.start();
        const auto bytes = readSmallFile(fifo, 1 << 20, u"Seed file"_s);
        QVERIFY(!bytes);
        QVERIFY(timer.elapsed() < 1000);
        QVERIFY2(bytes.error().startsWith(u"Seed file "_s), qPrintable(bytes.error()));
    }

    void refusesAFileOverTheCap()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"big.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(101, ' '));
        file.close();
        const auto bytes = readSmallFile(file.fileName(), 100, u"Profile"_s);
        QVERIFY(!bytes);
        QVERIFY2(bytes.error().contains(u"larger than 100 bytes"_s), qPrintable(bytes.error()));
    }

    void missingFileSaysSo()
    {
        const auto bytes = readSmallFile(u"/nonexistent/p.json"_s, 100, u"Profile"_s);
        QVERIFY(!bytes);
        QVERIFY2(bytes.error().contains(u"Cannot open profile"_s), qPrintable(bytes.error()));
    }
};

QTEST_GUILESS_MAIN(TestSmallFile)
#include "tst_smallfile.moc"
