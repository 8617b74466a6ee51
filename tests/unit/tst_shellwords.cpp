// splitShellWords against what /bin/sh itself makes of the same text (POSIX XCU §2.2, §2.6.5).
#include "core/ShellWords.h"

#include <QProcess>
#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
// The words a real POSIX shell makes of `command`, printed one per line by printf.
QStringList wordsFromSh(const QString &command)
{
    QProcess sh;
    sh.start(u"/bin/sh"_s, {u"-c"_s, u"printf '%s\\036' "_s + command});
    sh.waitForFinished(5000);
    QStringList words = QString::fromUtf8(sh.readAllStandardOutput()).split(QChar(0x1e));
    words.removeLast(); // after the last separator
    return words;
}
} // namespace

class TestShellWords : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splitsAsShDoes_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("plain") << u"firefox --new-tab"_s;
        QTest::newRow("blanks") << u"  a \t b  "_s;
        QTest::newRow("single quotes") << u"sh -c 'echo x' b"_s;
        QTest::newRow("double quotes") << u"\"/opt/My Browser/run\" --x"_s;
        QTest::newRow("backslash outside quotes") << u"a\\ b c\\'d"_s;
        QTest::newRow("backslash in double quotes") << u"\"a\\\"b\\\\c\\d\""_s;
        QTest::newRow("backslash in single quotes") << u"'a\\b'"_s;
        QTest::newRow("adjacent quoted parts") << u"a'b c'\"d e\"f"_s;
        QTest::newRow("empty words") << u"a '' \"\" b"_s;
        QTest::newRow("double quote inside single") << u"'say \"hi\"'"_s;
        QTest::newRow("line continuation") << u"a\\\nb"_s;
    }
    void splitsAsShDoes()
    {
        QFETCH(QString, command);
        const auto words = splitShellWords(command);
        QVERIFY2(words, words ? "" : qPrintable(words.error()));
        QCOMPARE(*words, wordsFromSh(command));
    }

    void unclosedQuotesAndTrailingBackslashAreErrors_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("says");
        QTest::newRow("single") << u"sh -c 'echo"_s << u"single quote"_s;
        QTest::newRow("double") << u"\"abc"_s << u"double quote"_s;
        QTest::newRow("backslash") << u"abc\\"_s << u"backslash"_s;
    }
    void unclosedQuotesAndTrailingBackslashAreErrors()
    {
        QFETCH(QString, command);
        QFETCH(QString, says);
        const auto words = splitShellWords(command);
        QVERIFY(!words);
        QVERIFY2(words.error().contains(says), qPrintable(words.error()));
    }

    void nothingIsExpanded()
    {
        const auto words = splitShellWords(u"echo $HOME `id` ~ *"_s);
        QVERIFY(words);
        QCOMPARE(*words, (QStringList{u"echo"_s, u"$HOME"_s, u"`id`"_s, u"~"_s, u"*"_s}));
    }
};

QTEST_GUILESS_MAIN(TestShellWords)
#include "tst_shellwords.moc"
