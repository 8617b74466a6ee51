#include "oauth/ErrorCatalog.h"

#include <QSet>
#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

class TestErrorCatalog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Every client-credentials refusal (§2, §10.2) has its own explanation and fix.
    void explainsEachClientCredentialsRefusal_data()
    {
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("generic host") << u"invalid_grant"_s << u"request not supported on this domain"_s << u"My Domain"_s;
        QTest::newRow("no run-as user") << u"invalid_grant"_s << u"no client credentials user enabled"_s << u"Run As"_s;
        QTest::newRow("flow disabled") << u"invalid_grant"_s << u"client credentials flow is not enabled for the app"_s
                                       << u"Enable Client Credentials Flow"_s;
        QTest::newRow("wrong secret") << u"invalid_client"_s << u"invalid client credentials"_s << u"secret"_s;
        QTest::newRow("unknown client") << u"invalid_client_id"_s << u"client identifier invalid"_s << u"consumer key"_s;
        QTest::newRow("inactive user") << u"inactive_user"_s << u"user is inactive"_s << u"deactivated"_s;
        QTest::newRow("GET on token endpoint") << u"invalid_request"_s << u"must use HTTP POST"_s << u"POST"_s;
        QTest::newRow("unsupported grant") << u"unsupported_grant_type"_s << u"grant type not supported"_s << u"grant_type"_s;
    }
    void explainsEachClientCredentialsRefusal()
    {
        QFETCH(QString, error);
        QFETCH(QString, description);
        QFETCH(QString, mentions);
        const auto found = ErrorCatalog::explain(error, description, u"client-credentials"_s);
        QVERIFY(found.known);
        QVERIFY2((found.explanation + found.fix).contains(mentions), qPrintable(found.explanation + u" | "_s + found.fix));
        QVERIFY(!found.fix.isEmpty());
    }

    void explanationsAreDistinct()
    {
        const QStringList descriptions{u"request not supported on this domain"_s, u"no client credentials user enabled"_s,
                                       u"client credentials flow is not enabled for the app"_s};
        QSet<QString> explanations;
        for (const QString &d : descriptions)
            explanations.insert(ErrorCatalog::explain(u"invalid_grant"_s, d).explanation);
        QCOMPARE(explanations.size(), descriptions.size());
    }

    void matchesDescriptionsLoosely()
    {
        const auto exact = ErrorCatalog::explain(u"slow_down"_s, u"polling too quickly for the token endpoint"_s);
        const auto withPeriod = ErrorCatalog::explain(u"SLOW_DOWN"_s, u"Polling too quickly for the token endpoint."_s);
        QVERIFY(withPeriod.known);
        QCOMPARE(withPeriod.explanation, exact.explanation);
    }

    void unknownAnswersSaySoAndQuoteSalesforce()
    {
        const auto found = ErrorCatalog::explain(u"weird_error"_s, u"something odd"_s);
        QVERIFY(!found.known);
        QVERIFY(found.explanation.contains(u"weird_error"));
        QVERIFY(found.explanation.contains(u"something odd"));
        QVERIFY(!found.fix.isEmpty());
        // a known error with an unknown description falls back to nothing specific rather than a wrong row
        QVERIFY(!ErrorCatalog::explain(u"invalid_grant"_s, u"brand new wording"_s).known);
    }

    void mostSpecificRowWins_data()
    {
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("flow");
        QTest::addColumn<QString>("expected");
        QTest::newRow("flow + description") << u"authentication failure"_s << u"headless-login"_s << u"flow+desc"_s;
        QTest::newRow("description, other flow") << u"authentication failure"_s << u"web-server"_s << u"desc"_s;
        QTest::newRow("error only") << u"anything else"_s << u"web-server"_s << u"error"_s;
    }
    void mostSpecificRowWins()
    {
        QFETCH(QString, description);
        QFETCH(QString, flow);
        QFETCH(QString, expected);
        const QList<ErrorCatalog::Entry> table{
            {u"invalid_grant"_s, {}, {}, u"error"_s, u"f"_s},
            {u"invalid_grant"_s, u"authentication failure"_s, u"headless-login"_s, u"flow+desc"_s, u"f"_s},
            {u"invalid_grant"_s, u"authentication failure"_s, {}, u"desc"_s, u"f"_s},
        };
        QCOMPARE(ErrorCatalog::explainIn(table, u"invalid_grant"_s, description, flow).explanation, expected);
    }

    void annotateFillsFromKindWhenThereIsNoOAuthError_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("transport") << int(FlowError::Kind::Transport) << u"host name in the Login URL"_s;
        QTest::newRow("tls") << int(FlowError::Kind::Tls) << u"TLS"_s;
        QTest::newRow("timeout") << int(FlowError::Kind::Timeout) << u"--timeout"_s;
        QTest::newRow("protocol") << int(FlowError::Kind::Protocol) << u"Traffic"_s;
    }
    void annotateFillsFromKindWhenThereIsNoOAuthError()
    {
        QFETCH(int, kind);
        QFETCH(QString, mentions);
        FlowError e;
        e.kind = FlowError::Kind(kind);
        e.explanation = u"Connection refused (http://127.0.0.1:9/services/oauth2/token)"_s;
        ErrorCatalog::annotate(e);
        QVERIFY2((e.explanation + e.fix).contains(mentions), qPrintable(e.explanation + e.fix));
        QVERIFY(e.explanation.contains(u"Connection refused")); // the specific detail is kept
    }

    void exitCodesFollowTheContract_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("code");
        QTest::newRow("server refused") << int(FlowError::Kind::ServerRejected) << 1;
        QTest::newRow("protocol") << int(FlowError::Kind::Protocol) << 1;
        QTest::newRow("configuration") << int(FlowError::Kind::Configuration) << 2;
        QTest::newRow("transport") << int(FlowError::Kind::Transport) << 3;
        QTest::newRow("tls") << int(FlowError::Kind::Tls) << 3;
        QTest::newRow("timeout") << int(FlowError::Kind::Timeout) << 3;
        QTest::newRow("cancelled") << int(FlowError::Kind::Cancelled) << 4;
        QTest::newRow("expired") << int(FlowError::Kind::Expired) << 4;
    }
    void exitCodesFollowTheContract()
    {
        QFETCH(int, kind);
        QFETCH(int, code);
        FlowError e;
        e.kind = FlowError::Kind(kind);
        QCOMPARE(e.exitCode(), code);
        QCOMPARE(e.toJson().value(u"kind").toString(), kindName(e.kind));
    }
};

QTEST_GUILESS_MAIN(TestErrorCatalog)
#include "tst_errorcatalog.moc"
