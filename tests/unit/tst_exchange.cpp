#include "http/ExchangeLog.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
Exchange sampleExchange()
{
    Exchange e;
    e.stage = u"Token request"_s;
    e.stageId = u"token-request"_s;
    e.request = HttpRequest::formPost(QUrl(u"https://acme.my.salesforce.com/services/oauth2/token"_s),
                                      {{u"grant_type"_s, u"client_credentials"_s}, {u"client_secret"_s, u"[redacted]"_s}});
    return e;
}
} // namespace

class TestExchange : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonHasTheContractShape()
    {
        Exchange e = sampleExchange();
        e.response = HttpResponse{400, {{"Content-Type", "application/json"}, {"Vary", "a"}, {"Vary", "b"}}, "{}"};
        e.elapsedMs = 12;
        const QJsonObject json = e.toJson();
        const QStringList keys = json.keys();
        QCOMPARE(keys, (QStringList{u"method"_s, u"ms"_s, u"request"_s, u"response"_s, u"stage"_s, u"stageId"_s,
                                    u"status"_s, u"url"_s}));
        QCOMPARE(json[u"stageId"].toString(), u"token-request"_s);
        QCOMPARE(json[u"status"].toInt(), 400);
        QCOMPARE(json[u"ms"].toInt(), 12);
        QCOMPARE(json[u"request"][u"headers"][u"Content-Type"].toString(), u"application/x-www-form-urlencoded"_s);
        QCOMPARE(json[u"response"][u"headers"][u"Vary"].toString(), u"a, b"_s);
        QVERIFY(json[u"request"][u"body"].toString().contains(u"grant_type=client_credentials"));
    }

    void curlQuotesSafely()
    {
        Exchange e = sampleExchange();
        e.request.body = "name=O'Brien";
        const QString curl = e.toCurl();
        QVERIFY2(curl.startsWith(u"curl -X POST"), qPrintable(curl));
        QVERIFY2(curl.contains(u"'name=O'\\''Brien'"_s), qPrintable(curl));
        QVERIFY(curl.endsWith(u"'https://acme.my.salesforce.com/services/oauth2/token'"));
    }

    void logTracksExchangesAsATableModel()
    {
        ExchangeLog log;
        QSignalSpy completed(&log, &ExchangeLog::exchangeCompleted);
        const int id = log.begin(sampleExchange());
        QCOMPARE(log.rowCount(), 1);
        QVERIFY(log.find(id)->inFlight());
        QCOMPARE(log.data(log.index(0, ExchangeLog::StatusColumn)).toString(), u"…"_s);
        log.complete(id, HttpResponse{200, {}, "{}"}, 42, {}, {});
        QCOMPARE(completed.size(), 1);
        QCOMPARE(log.data(log.index(0, ExchangeLog::StatusColumn)).toString(), u"200"_s);
        QCOMPARE(log.data(log.index(0, ExchangeLog::TimeColumn)).toString(), u"42 ms"_s);
        QCOMPARE(log.data(log.index(0, ExchangeLog::UrlColumn)).toString(),
                 u"https://acme.my.salesforce.com/services/oauth2/token"_s);
        const int failed = log.begin(sampleExchange());
        log.complete(failed, {}, 5, u"Connection refused"_s, {});
        QCOMPARE(log.data(log.index(1, ExchangeLog::StatusColumn)).toString(), u"failed"_s);
        QCOMPARE(log.toJson().at(1)[u"transportError"].toString(), u"Connection refused"_s);
        log.clear();
        QCOMPARE(log.rowCount(), 0);
        QCOMPARE(log.find(id), nullptr);
    }
};

QTEST_GUILESS_MAIN(TestExchange)
#include "tst_exchange.moc"
