#include "oauth/ResponseBody.h"

#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

class TestResponseBody : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsAllThreeFormats_data()
    {
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("json") << QByteArray("application/json;charset=UTF-8")
                              << QByteArray("{\"error\":\"invalid_grant\",\"error_description\":\"no client credentials user enabled\"}");
        QTest::newRow("urlencoded") << QByteArray("application/x-www-form-urlencoded")
                                    << QByteArray("error=invalid_grant&error_description=no+client+credentials+user+enabled");
        QTest::newRow("urlencoded %20") << QByteArray("application/x-www-form-urlencoded;charset=UTF-8")
                                        << QByteArray("error=invalid_grant&error_description=no%20client%20credentials%20user%20enabled");
        QTest::newRow("xml") << QByteArray("application/xml;charset=UTF-8")
                             << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?><OAuth><error>invalid_grant</error>"
                                           "<error_description>no client credentials user enabled</error_description></OAuth>");
        QTest::newRow("json without content type") << QByteArray()
                                                   << QByteArray("{\"error\":\"invalid_grant\",\"error_description\":\"no client credentials user enabled\"}");
    }
    void readsAllThreeFormats()
    {
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, body);
        HttpResponse response{400, {}, body};
        if (!type.isEmpty())
            response.headers.append({"Content-Type", type});
        const OAuthErrorBody error = parseOAuthError(response);
        QCOMPARE(error.error, u"invalid_grant"_s);
        QCOMPARE(error.errorDescription, u"no client credentials user enabled"_s);
    }

    void reportsMalformedBodies_data()
    {
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << QByteArray("application/json") << QByteArray("  ") << u"empty"_s;
        QTest::newRow("truncated json") << QByteArray("application/json") << QByteArray("{\"access_token\":\"00D") << u"not valid JSON"_s;
        QTest::newRow("json array") << QByteArray("application/json") << QByteArray("[1,2]") << u"not an object"_s;
        QTest::newRow("html page") << QByteArray("text/html") << QByteArray("<html><body>Proxy") << u"HTML page"_s;
        QTest::newRow("html sent as xml") << QByteArray("application/xml") << QByteArray("<!DOCTYPE html><html>x") << u"proxy or a wrong URL"_s;
        QTest::newRow("xml that is not an answer") << QByteArray("application/xml") << QByteArray("<a><b>") << u"XML"_s;
        QTest::newRow("plain text") << QByteArray("text/plain") << QByteArray("Bad_OAuth_Token") << u"unexpected type"_s;
    }
    void reportsMalformedBodies()
    {
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, body);
        QFETCH(QString, mentions);
        const auto fields = parseResponseFields(HttpResponse{200, {{"Content-Type", type}}, body});
        QVERIFY(!fields);
        QVERIFY2(fields.error().contains(mentions), qPrintable(fields.error()));
        QVERIFY(parseOAuthError(HttpResponse{400, {{"Content-Type", type}}, body}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestResponseBody)
#include "tst_responsebody.moc"
