// What ECA Lab lets a terminal see of untrusted text: no escape sequences or controls, long text cut.
#include "Console.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ecalab::app;
using namespace Qt::Literals::StringLiterals;

namespace {
bool hasTerminalControl(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\n' && u != u'\t') || (u >= 0x7f && u <= 0x9f) || (u >= 0x202a && u <= 0x202e))
            return true;
    }
    return false;
}
} // namespace

class TestConsole : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void controlsAreRemoved_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::newRow("plain") << u"invalid_client: bad secret\n"_s << u"invalid_client: bad secret\n"_s;
        QTest::newRow("tab kept") << u"a\tb"_s << u"a\tb"_s;
        QTest::newRow("screen clear") << u"x\x1b[2Jy\x1b[1;31mz"_s << u"xyz"_s;
        QTest::newRow("window title, BEL") << u"a\x1b]0;pwned\x07" u"b"_s << u"ab"_s;
        QTest::newRow("window title, ST") << u"a\x1b]0;pwned\x1b\\b"_s << u"ab"_s;
        QTest::newRow("carriage return") << u"failed\r✔ Token obtained"_s << u"failed✔ Token obtained"_s;
        QTest::newRow("C1 CSI") << u"a\u009b2Jb"_s << u"ab"_s;
        QTest::newRow("C1 OSC") << u"a\u009d0;t\u009cb"_s << u"ab"_s;
        QTest::newRow("NUL, BEL, DEL, backspace") << QString::fromUtf8("a\0b\x07" "c\x7f" "d\x08" "e", 9) << u"abcde"_s;
        QTest::newRow("bidi override") << u"a\u202eb"_s << u"ab"_s;
        QTest::newRow("lone ESC at the end") << u"a\x1b"_s << u"a"_s;
        QTest::newRow("unicode kept") << u"Grüße ✔ 日本"_s << u"Grüße ✔ 日本"_s;
    }
    void controlsAreRemoved()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        QCOMPARE(terminalSafe(text), shown);
        QVERIFY(!hasTerminalControl(terminalSafe(text)));
    }

    void aLongLineIsCutWithWhatWasLeftOut()
    {
        const QString line(3 * 1024 * 1024, u'x');
        const QString shown = terminalSafe(u"Salesforce said: "_s + line + u"\nnext\n"_s);
        QVERIFY(shown.size() < kMaxLineChars + 200);
        const qsizetype left = 17 + line.size() - kMaxLineChars;
        QVERIFY2(shown.contains(u"(%1 more bytes in --json)"_s.arg(left)), qPrintable(shown.right(100)));
        QVERIFY(shown.endsWith(u"\nnext\n"_s));
    }

    void manyLinesAreCutAsAWhole()
    {
        const QString text = QString(u"line\n"_s).repeated(100'000);
        const QString shown = terminalSafe(text);
        QVERIFY(shown.size() < kMaxTextChars + 200);
        QVERIFY(shown.contains(u"more bytes in --json"_s));
    }

    void jsonHasNoRawC1OrDel()
    {
        const QJsonObject object{{u"d"_s, u"a\u009b" u"b\x7f" u"c\x1b"_s}};
        const QByteArray json = terminalSafeJson(QJsonDocument(object).toJson(QJsonDocument::Compact));
        QVERIFY(!json.contains("\xc2\x9b"));
        QVERIFY(!json.contains('\x7f'));
        QVERIFY(!json.contains('\x1b'));
        // Still the same JSON: the value reads back unchanged.
        QCOMPARE(QJsonDocument::fromJson(json).object(), object);
    }
};

QTEST_GUILESS_MAIN(TestConsole)
#include "tst_console.moc"
