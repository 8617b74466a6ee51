#include "core/Closest.h"

#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

class TestClosest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void closestMatch_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QStringList>("known");
        QTest::addColumn<int>("maxTypos");
        QTest::addColumn<QString>("expected");
        const QStringList fields{u"loginUrl"_s, u"siteUrl"_s, u"clientId"_s, u"scopes"_s, u"pkce"_s};
        const QStringList commands{u"gui"_s, u"run"_s, u"emulator"_s, u"profiles"_s, u"help"_s};
        QTest::newRow("case only") << u"loginurl"_s << fields << 0 << u"loginUrl"_s;
        QTest::newRow("case is no typo") << u"SITEURL"_s << fields << 0 << u"siteUrl"_s;
        QTest::newRow("one letter missing") << u"rn"_s << commands << 2 << u"run"_s;
        QTest::newRow("swapped pair is one typo") << u"hlep"_s << commands << 1 << u"help"_s;
        QTest::newRow("typo and case") << u"LoginUlr"_s << fields << 2 << u"loginUrl"_s;
        QTest::newRow("one extra letter") << u"profile"_s << commands << 2 << u"profiles"_s;
        QTest::newRow("too many typos") << u"fly"_s << commands << 2 << QString();
        QTest::newRow("as many typos as letters") << u"x"_s << commands << 3 << QString();
        QTest::newRow("the limit is inclusive") << u"emltr"_s << commands << 3 << u"emulator"_s;
        QTest::newRow("just past the limit") << u"emltr"_s << commands << 2 << QString();
        QTest::newRow("ties go to the earlier entry") << u"ab"_s << QStringList{u"ac"_s, u"ad"_s} << 1 << u"ac"_s;
        QTest::newRow("nearest wins over earlier")
            << u"scope"_s << QStringList{u"scopes2x"_s, u"scopes"_s} << 3 << u"scopes"_s;
        QTest::newRow("empty typed") << QString() << commands << 3 << QString();
        QTest::newRow("nothing known") << u"run"_s << QStringList{} << 3 << QString();
    }
    void closestMatch()
    {
        QFETCH(QString, typed);
        QFETCH(QStringList, known);
        QFETCH(int, maxTypos);
        QFETCH(QString, expected);
        QCOMPARE(ecalab::closestMatch(typed, known, maxTypos), expected);
    }

    void editDistance_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("distance");
        QTest::newRow("same") << u"device"_s << u"device"_s << 0;
        QTest::newRow("substitution") << u"devise"_s << u"device"_s << 1;
        QTest::newRow("transposition") << u"devcie"_s << u"device"_s << 1;
        QTest::newRow("insertion") << u"web-sever"_s << u"web-server"_s << 1;
        QTest::newRow("from empty") << QString() << u"run"_s << 3;
        QTest::newRow("case counts") << u"Run"_s << u"run"_s << 1;
    }
    void editDistance()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, distance);
        QCOMPARE(ecalab::editDistance(a, b), distance);
    }
};

QTEST_GUILESS_MAIN(TestClosest)
#include "tst_closest.moc"
