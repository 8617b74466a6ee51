// Stage tables: the rule every flow static_asserts (entry i has index i, ids well-formed and
// unique), the stable ids of the built-in flows (a --json contract: `stageId`), and that a run,
// its errors and its exchanges carry them.
#include "browser/BrowserLauncher.h"
#include "core/RandomSource.h"
#include "grants/clientcredentials/ClientCredentialsFlow.h"
#include "grants/device/DeviceFlow.h"
#include "grants/webserver/WebServerFlow.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr StageSpec kGood[] = {{0, u"check-settings", u"Check settings"}, {1, u"verify-id-token", u"Verify ID token"}};
constexpr StageSpec kOutOfOrder[] = {{1, u"token-request", u"Token request"},
                                     {0, u"check-settings", u"Check settings"}};
constexpr StageSpec kSkipsOne[] = {{0, u"check-settings", u"Check settings"}, {2, u"token-request", u"Token request"}};
constexpr StageSpec kDuplicateId[] = {{0, u"token-request", u"Token request"}, {1, u"token-request", u"Token again"}};
constexpr StageSpec kNoTitle[] = {{0, u"token-request", u""}};
// The rule holds at compile time, where the flows use it.
static_assert(isStageTable(kGood));
static_assert(!isStageTable(kOutOfOrder));
static_assert(!isStageTable(kDuplicateId));

QStringList ids(std::span<const StageSpec> table)
{
    QStringList out;
    for (const StageSpec &spec : table)
        out.append(spec.id.toString());
    return out;
}

QStringList ids(const QList<Flow::Stage> &stages)
{
    QStringList out;
    for (const Flow::Stage &stage : stages)
        out.append(stage.id);
    return out;
}
} // namespace

class TestStageTable : public QObject
{
    Q_OBJECT
    QNetworkAccessManager m_network;
    SystemClock m_clock;

private Q_SLOTS:
    void tablesThatDriftAreRefused()
    {
        QVERIFY(isStageTable(kGood));
        QVERIFY(!isStageTable(kOutOfOrder));
        QVERIFY(!isStageTable(kSkipsOne));
        QVERIFY(!isStageTable(kDuplicateId));
        QVERIFY(!isStageTable(kNoTitle));
        QVERIFY(!isStageTable(std::span<const StageSpec>{}));
    }

    void idsAreLowerCaseWordsJoinedByDashes_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("words") << u"wait-for-approval"_s << true;
        QTest::newRow("one word") << u"discovery"_s << true;
        QTest::newRow("digits") << u"step-2"_s << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("a title") << u"Token request"_s << false;
        QTest::newRow("upper case") << u"Token-request"_s << false;
        QTest::newRow("underscore") << u"token_request"_s << false;
        QTest::newRow("double dash") << u"token--request"_s << false;
        QTest::newRow("leading dash") << u"-token"_s << false;
        QTest::newRow("trailing dash") << u"token-"_s << false;
    }
    void idsAreLowerCaseWordsJoinedByDashes()
    {
        QFETCH(QString, id);
        QFETCH(bool, accepted);
        QCOMPARE(stagetable::isStageId(id), accepted);
    }

    // Scripts key on these: renaming one breaks them, so it must be a decision, not an accident.
    void builtInFlowsKeepTheirIds()
    {
        QCOMPARE(ids(ClientCredentialsFlow::kStages),
                 (QStringList{u"check-settings"_s, u"token-request"_s, u"verify-signature"_s}));
        QCOMPARE(ids(WebServerFlow::kStages),
                 (QStringList{u"check-settings"_s, u"open-browser"_s, u"wait-for-callback"_s, u"token-request"_s,
                              u"verify-id-token"_s, u"verify-signature"_s}));
        QCOMPARE(ids(DeviceFlow::kStages),
                 (QStringList{u"check-settings"_s, u"discovery"_s, u"device-request"_s, u"wait-for-approval"_s,
                              u"verify-id-token"_s, u"verify-signature"_s}));
        QCOMPARE(WebServerFlow::kStages[WebServerFlow::TokenRequest].title, u"Token request");
    }

    // An empty profile fails every flow at its first stage, before anything is sent.
    void aRunCarriesTheIdsIntoItsStagesAndErrors()
    {
        ExchangeLog log;
        HttpClient http(&m_network, &log, m_clock);
        SystemRandomSource random;
        NoBrowserLauncher browser;
        ClientCredentialsFlow clientCredentials(Profile{}, http);
        WebServerFlow webServer(Profile{}, http, m_clock, random, &browser, RunOptions{});
        DeviceFlow device(Profile{}, http, m_clock, &browser);
        const QList<std::pair<Flow *, std::span<const StageSpec>>> flows{
            {&clientCredentials, ClientCredentialsFlow::kStages},
            {&webServer, WebServerFlow::kStages},
            {&device, DeviceFlow::kStages}};
        for (const auto &[flow, table] : flows) {
            flow->start();
            QVERIFY2(flow->status() == Flow::Status::Failed, qPrintable(flow->name()));
            QCOMPARE(ids(flow->stages()), ids(table));
            QCOMPARE(flow->stages().first().title, u"Check settings"_s);
            QCOMPARE(flow->error()->stage, u"Check settings"_s);
            QCOMPARE(flow->error()->stageId, u"check-settings"_s);
            QCOMPARE(flow->error()->toJson().value(u"stageId").toString(), u"check-settings"_s);
        }
        QVERIFY(log.exchanges().isEmpty());
    }

    void anExchangeSentByTitleGetsTheDeclaredId()
    {
        ExchangeLog log;
        HttpClient http(&m_network, &log, m_clock);
        http.declareStages({{u"discovery"_s, u"Discovery"_s}, {u"verify-id-token"_s, u"Verify ID token"_s}});
        const QUrl nowhere(u"http://127.0.0.1:9/"_s); // discard port: refused at once or never answered
        HttpCall *byTitle = http.send(HttpRequest::get(nowhere), u"Verify ID token"_s);
        HttpCall *unknown = http.send(HttpRequest::get(nowhere), u"Something else"_s);
        HttpCall *byLabel = http.send(HttpRequest::get(nowhere), StageLabel{u"discovery"_s, u"Discovery"_s});
        for (HttpCall *call : {byTitle, unknown, byLabel})
            call->abort();
        QCOMPARE(log.exchanges().size(), 3);
        QCOMPARE(log.exchanges().at(0).stageId, u"verify-id-token"_s);
        QCOMPARE(log.exchanges().at(1).stageId, QString());
        QCOMPARE(log.exchanges().at(1).stage, u"Something else"_s);
        QCOMPARE(log.exchanges().at(2).stageId, u"discovery"_s);
        QCOMPARE(log.toJson().at(0)[u"stageId"].toString(), u"verify-id-token"_s);
    }
};

QTEST_GUILESS_MAIN(TestStageTable)
#include "tst_stagetable.moc"
