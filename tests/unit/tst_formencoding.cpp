#include "core/FormEncoding.h"

#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

class TestFormEncoding : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void encodesReservedCharacters_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("encoded");
        QTest::newRow("plus is escaped, not left to mean space") << u"a+b"_s << QByteArray("k=a%2Bb");
        QTest::newRow("space") << u"a b"_s << QByteArray("k=a%20b");
        QTest::newRow("equals and ampersand") << u"x=1&y"_s << QByteArray("k=x%3D1%26y");
        QTest::newRow("unreserved kept") << u"AZaz09-._~"_s << QByteArray("k=AZaz09-._~");
        QTest::newRow("utf-8") << u"é"_s << QByteArray("k=%C3%A9");
    }
    void encodesReservedCharacters()
    {
        QFETCH(QString, value);
        QFETCH(QByteArray, encoded);
        QCOMPARE(formEncode({{u"k"_s, value}}), encoded);
        QCOMPARE(formValue(formDecode(encoded), u"k"_s), value);
    }

    void decodesPlusAsSpaceAndKeepsOrder()
    {
        const FormFields fields = formDecode("b=1+2&a=%3D%3D&flag&=empty");
        QCOMPARE(fields.size(), 4);
        QCOMPARE(fields.at(0), (QPair<QString, QString>{u"b"_s, u"1 2"_s}));
        QCOMPARE(fields.at(1).second, u"=="_s);
        QCOMPARE(fields.at(2), (QPair<QString, QString>{u"flag"_s, QString()}));
        QCOMPARE(fields.at(3).first, QString());
    }

    void base64UrlRoundTripsWithoutPadding()
    {
        const QByteArray data("\xfb\xff\xfe", 3);
        QCOMPARE(base64UrlEncode(data), QByteArray("-__-"));
        QCOMPARE(base64UrlDecode("-__-"), data);
        QCOMPARE(base64UrlEncode("a"), QByteArray("YQ"));
        QCOMPARE(base64UrlDecode("YQ=="), QByteArray("a"));
    }
};

QTEST_GUILESS_MAIN(TestFormEncoding)
#include "tst_formencoding.moc"
