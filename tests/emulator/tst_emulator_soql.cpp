// The SOQL subset's parser (emu/Soql.h, README "Records and SOQL"): what it accepts and what
// each query parses into, and how it refuses the rest — MALFORMED_QUERY with Salesforce's message
// shape (the query's row, a caret under the column, "ERROR at Row:R:Column:C", then why).
#include "emu/Soql.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace ecalab::emu;
using namespace Qt::Literals::StringLiterals;

namespace {
// A parsed condition as [field, "=" | "!=", value], to compare with the table's expectation.
QJsonArray conditionsOf(const SoqlQuery &query)
{
    QJsonArray out;
    for (const SoqlCondition &condition : query.conditions)
        out.append(QJsonArray{condition.field.text, condition.equals ? u"="_s : u"!="_s, condition.value});
    return out;
}
QJsonArray cond(const QString &field, const QString &op, const QJsonValue &value)
{
    return QJsonArray{field, op, value};
}
} // namespace

class TestEmulatorSoql : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void acceptedQueries_data()
    {
        QTest::addColumn<QString>("soql");
        QTest::addColumn<QStringList>("fields");
        QTest::addColumn<QString>("object");
        QTest::addColumn<QJsonArray>("conditions");
        QTest::addColumn<int>("limit"); // -1: none
        QTest::newRow("one field") << u"SELECT Id FROM User"_s << QStringList{u"Id"_s} << u"User"_s << QJsonArray()
                                   << -1;
        QTest::newRow("keywords in lower case")
            << u"select id from user"_s << QStringList{u"id"_s} << u"user"_s << QJsonArray() << -1;
        QTest::newRow("keywords in mixed case") << u"SeLeCt Name FrOm Organization LiMiT 1"_s << QStringList{u"Name"_s}
                                                << u"Organization"_s << QJsonArray() << 1;
        QTest::newRow("several fields") << u"SELECT Id, Username,Email ,Name FROM User"_s
                                        << QStringList{u"Id"_s, u"Username"_s, u"Email"_s, u"Name"_s} << u"User"_s
                                        << QJsonArray() << -1;
        QTest::newRow("spaces, tabs and newlines")
            << u"  SELECT\n\tId ,\n  Username\nFROM\n User \n"_s << QStringList{u"Id"_s, u"Username"_s} << u"User"_s
            << QJsonArray() << -1;
        QTest::newRow("string literal") << u"SELECT Id FROM User WHERE Username = 'ada@ecalab.example'"_s
                                        << QStringList{u"Id"_s} << u"User"_s
                                        << QJsonArray{cond(u"Username"_s, u"="_s, u"ada@ecalab.example"_s)} << -1;
        QTest::newRow("AND chain, !=, integer, TRUE")
            << u"SELECT Id FROM User WHERE IsActive = TRUE AND UserType != 'Guest' AND Alias = 42"_s
            << QStringList{u"Id"_s} << u"User"_s
            << QJsonArray{cond(u"IsActive"_s, u"="_s, true), cond(u"UserType"_s, u"!="_s, u"Guest"_s),
                          cond(u"Alias"_s, u"="_s, 42)}
            << -1;
        QTest::newRow("FALSE and NULL, any case, and LIMIT")
            << u"select Id from User where IsActive = false and Email != null and Name = NULL limit 3"_s
            << QStringList{u"Id"_s} << u"User"_s
            << QJsonArray{cond(u"IsActive"_s, u"="_s, false), cond(u"Email"_s, u"!="_s, QJsonValue::Null),
                          cond(u"Name"_s, u"="_s, QJsonValue::Null)}
            << 3;
        QTest::newRow("no spaces around operators")
            << u"SELECT Id FROM User WHERE Id='005'AND IsActive!=TRUE LIMIT 5"_s << QStringList{u"Id"_s} << u"User"_s
            << QJsonArray{cond(u"Id"_s, u"="_s, u"005"_s), cond(u"IsActive"_s, u"!="_s, true)} << 5;
        // SOQL escapes with a backslash (Salesforce's "Reserved Characters": \' and \\).
        QTest::newRow("escaped quote") << u"SELECT Id FROM User WHERE LastName = 'O\\'Brien'"_s << QStringList{u"Id"_s}
                                       << u"User"_s << QJsonArray{cond(u"LastName"_s, u"="_s, u"O'Brien"_s)} << -1;
        QTest::newRow("escaped backslash") << u"SELECT Id FROM User WHERE Alias = 'a\\\\b'"_s << QStringList{u"Id"_s}
                                           << u"User"_s << QJsonArray{cond(u"Alias"_s, u"="_s, u"a\\b"_s)} << -1;
        QTest::newRow("keywords inside a string")
            << u"SELECT Id FROM User WHERE Name = 'x OR y ORDER BY z'"_s << QStringList{u"Id"_s} << u"User"_s
            << QJsonArray{cond(u"Name"_s, u"="_s, u"x OR y ORDER BY z"_s)} << -1;
        QTest::newRow("LIMIT 0") << u"SELECT Id FROM User LIMIT 0"_s << QStringList{u"Id"_s} << u"User"_s
                                 << QJsonArray() << 0;
    }
    void acceptedQueries()
    {
        QFETCH(QString, soql);
        QFETCH(QStringList, fields);
        QFETCH(QString, object);
        QFETCH(QJsonArray, conditions);
        QFETCH(int, limit);
        const Soql::Parsed parsed = Soql::parse(soql);
        QVERIFY2(parsed.query.has_value(), qPrintable(parsed.error.message));
        const SoqlQuery &query = *parsed.query;
        QStringList names;
        for (const SoqlName &name : query.fields)
            names << name.text;
        QCOMPARE(names, fields); // as written: the records' canonical names come later
        QCOMPARE(query.object.text, object);
        QCOMPARE(conditionsOf(query), conditions);
        QCOMPARE(query.limit.value_or(-1), limit);
    }

    void namesKeepTheirRowAndColumn()
    {
        const Soql::Parsed parsed = Soql::parse(u"SELECT Id,\n  Username\nFROM User\nWHERE  IsActive = TRUE"_s);
        QVERIFY(parsed.query);
        const auto at = [](const SoqlName &name) { return qMakePair(name.at.row, name.at.column); };
        QCOMPARE(at(parsed.query->fields.at(0)), qMakePair(1, 8));
        QCOMPARE(at(parsed.query->fields.at(1)), qMakePair(2, 3));
        QCOMPARE(at(parsed.query->object), qMakePair(3, 6));
        QCOMPARE(at(parsed.query->conditions.at(0).field), qMakePair(4, 8));
    }

    void refusedQueries_data()
    {
        QTest::addColumn<QString>("soql");
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("why"); // empty: not checked
        QTest::newRow("ORDER BY") << u"SELECT Id FROM User ORDER BY Id"_s << 1 << 21 << u"unexpected token: ORDER"_s;
        QTest::newRow("GROUP BY") << u"SELECT Id FROM User GROUP BY Id"_s << 1 << 21 << u"unexpected token: GROUP"_s;
        QTest::newRow("OR") << u"SELECT Id FROM User WHERE Id = 'a' OR Id = 'b'"_s << 1 << 36
                            << u"unexpected token: OR"_s;
        QTest::newRow("LIKE") << u"SELECT Id FROM User WHERE Name LIKE 'a%'"_s << 1 << 32
                              << u"unexpected token: LIKE"_s;
        QTest::newRow("on the third row")
            << u"SELECT Id\nFROM User\nWHERE Name = 'x' ORDER BY Name"_s << 3 << 18 << u"unexpected token: ORDER"_s;
        QTest::newRow("LIMIT without an integer")
            << u"SELECT Id FROM User LIMIT x"_s << 1 << 27 << u"unexpected token: x"_s;
        QTest::newRow("LIMIT twice") << u"SELECT Id FROM User LIMIT 2 LIMIT 3"_s << 1 << 29
                                     << u"unexpected token: LIMIT"_s;
        QTest::newRow("not a SELECT") << u"DELETE FROM User"_s << 1 << 1 << u"unexpected token: DELETE"_s;
        // The lexer's own "line R:C" counts columns from 0, as ANTLR does (README leaves it open).
        QTest::newRow("double quotes") << u"SELECT Id FROM User WHERE Id = \"x\""_s << 1 << 32
                                       << u"line 1:31 no viable alternative at character '\"'"_s;
        QTest::newRow("missing object") << u"SELECT Id FROM"_s << 1 << 15 << u"unexpected token: <EOF>"_s;
        QTest::newRow("nothing after WHERE")
            << u"SELECT Id FROM User WHERE"_s << 1 << 26 << u"unexpected token: <EOF>"_s;
        QTest::newRow("nothing after AND")
            << u"SELECT Id FROM User WHERE Id = 'a' AND"_s << 1 << 39 << u"unexpected token: <EOF>"_s;
        QTest::newRow("unterminated string") << u"SELECT Id FROM User WHERE Name = 'abc"_s << 1 << 34 << QString();
        QTest::newRow("a function") << u"SELECT COUNT() FROM User"_s << 1 << 13 << QString();
        QTest::newRow("a relationship") << u"SELECT Profile.Name FROM User"_s << 1 << 15 << u"unexpected token: ."_s;
        QTest::newRow("two objects") << u"SELECT Id FROM User, Organization"_s << 1 << 20 << QString();
        QTest::newRow("an operator outside the subset")
            << u"SELECT Id FROM User WHERE Id > 'a'"_s << 1 << 30 << QString();
        QTest::newRow("a literal for a field") << u"SELECT Id FROM User WHERE 'a' = Id"_s << 1 << 27 << QString();
    }
    void refusedQueries()
    {
        QFETCH(QString, soql);
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(QString, why);
        const Soql::Parsed parsed = Soql::parse(soql);
        QVERIFY(!parsed.query);
        QCOMPARE(parsed.error.errorCode, u"MALFORMED_QUERY"_s);
        const QString &message = parsed.error.message;
        const QStringList lines = message.split(u'\n');
        const qsizetype at = lines.indexOf(u"ERROR at Row:%1:Column:%2"_s.arg(row).arg(column));
        QVERIFY2(at >= 2 && at + 1 < lines.size(), qPrintable(message));
        QCOMPARE(lines.at(at - 2), soql.split(u'\n').at(row - 1)); // the row the error is on
        QCOMPARE(lines.at(at - 1), QString(column - 1, u' ') + u'^');
        if (!why.isEmpty())
            QCOMPARE(lines.mid(at + 1).join(u'\n'), why);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorSoql)
#include "tst_emulator_soql.moc"
