// The QR code the device flow shows (libqrencode): its modules and the terminal rendering.
#include "qr/QrCode.h"

#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
// The three finder patterns of ISO/IEC 18004 §6.3.3: 7×7, dark ring, light ring, dark 3×3 core.
bool hasFinderAt(const QrCode &qr, int left, int top)
{
    for (int y = 0; y < 7; ++y) {
        for (int x = 0; x < 7; ++x) {
            const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
            const bool core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
            if (qr.isDark(left + x, top + y) != (ring || core))
                return false;
        }
    }
    return true;
}
} // namespace

class TestQrCode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void encodesAVerificationUrl()
    {
        const auto qr = QrCode::encode("https://login.salesforce.com/setup/connect");
        QVERIFY(qr);
        QVERIFY(qr->size() >= 21);
        QCOMPARE((qr->size() - 17) % 4, 0); // version v is 17 + 4v modules wide
        QVERIFY(hasFinderAt(*qr, 0, 0));
        QVERIFY(hasFinderAt(*qr, qr->size() - 7, 0));
        QVERIFY(hasFinderAt(*qr, 0, qr->size() - 7));
        QVERIFY(!hasFinderAt(*qr, qr->size() - 7, qr->size() - 7)); // no finder bottom right
    }

    void outsideTheSquareIsLight()
    {
        const auto qr = QrCode::encode("X1D9SEET");
        QVERIFY(qr);
        QVERIFY(!qr->isDark(-1, 0));
        QVERIFY(!qr->isDark(0, qr->size()));
        QVERIFY(!qr->isDark(qr->size(), qr->size()));
    }

    void longerTextNeedsABiggerCode()
    {
        const auto small = QrCode::encode("https://h/x");
        const auto big = QrCode::encode("https://acme.my.salesforce.com/setup/connect?user_code=" + QByteArray(200, 'A'));
        QVERIFY(small && big);
        QVERIFY(big->size() > small->size());
    }

    void refusesNothingAndTooMuch()
    {
        QVERIFY(!QrCode::encode(QByteArray()));
        const auto tooLong = QrCode::encode(QByteArray(8000, 'x')); // over version 40's capacity
        QVERIFY(!tooLong);
        QVERIFY2(tooLong.error().contains(u"too long"_s), qPrintable(tooLong.error()));
    }

    void unicodeBlocksHaveTwoRowsPerLineAndAQuietZone()
    {
        const auto qr = QrCode::encode("https://h/setup/connect");
        QVERIFY(qr);
        const QString text = qr->toUnicodeBlocks();
        const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
        const int width = qr->size() + 4; // 2 modules of quiet zone each side
        QCOMPARE(lines.size(), (width + 1) / 2);
        for (const QString &line : lines)
            QCOMPARE(line.size(), width);
        QCOMPARE(lines.first(), QString(width, u' ')); // quiet zone rows are light
        // Row 2 (the top of the finder) pairs with row 3 on the second line: dark over dark = █.
        QCOMPARE(lines.at(1).at(2), u'█');
        for (QChar c : text)
            QVERIFY(c == u' ' || c == u'▀' || c == u'▄' || c == u'█' || c == u'\n');
    }

    void invertedSwapsDarkAndLight()
    {
        const auto qr = QrCode::encode("ABC");
        QVERIFY(qr);
        const QString normal = qr->toUnicodeBlocks(false);
        const QString inverted = qr->toUnicodeBlocks(true);
        QCOMPARE(normal.size(), inverted.size());
        for (int i = 0; i < normal.size(); ++i) {
            const QChar a = normal.at(i);
            const QChar b = inverted.at(i);
            if (a == u'\n')
                QCOMPARE(b, u'\n');
            else if (a == u' ')
                QCOMPARE(b, u'█');
            else if (a == u'█')
                QCOMPARE(b, u' ');
            else if (a == u'▀')
                QCOMPARE(b, u'▄');
            else
                QCOMPARE(b, u'▀');
        }
    }
};

QTEST_GUILESS_MAIN(TestQrCode)
#include "tst_qrcode.moc"
