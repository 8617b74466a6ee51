// The loopback receiver over real sockets: loopback addresses only (and unreachable from the
// machine's other addresses), exactly one callback on exactly the path, 404 for probes, state
// checked, the page escaped, and a port in use named in a Configuration error.
#include "callback/CallbackPage.h"
#include "callback/LoopbackReceiver.h"
#include "core/FormEncoding.h"

#include <QNetworkInterface>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kState = u"expected-state"_s;

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

LoopbackEndpoint endpoint(const QString &host, quint16 port)
{
    auto e = LoopbackEndpoint::fromCallbackUrl(QUrl(u"http://%1:%2/OauthRedirect"_s.arg(host).arg(port)), u"s"_s);
    if (!e)
        qFatal("endpoint refused");
    return e.value();
}

struct Answer
{
    int status = 0;
    QByteArray body;
};

// A raw HTTP/1.1 GET, so the exact request target reaches the receiver. Waits on the event loop
// (the receiver answers from the same thread).
Answer rawGet(const QHostAddress &address, quint16 port, const QByteArray &target)
{
    QTcpSocket socket;
    QByteArray data;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { data += socket.readAll(); });
    socket.connectToHost(address, port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 3000))
        return {};
    socket.write("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    // The receiver closes the connection after its answer; a status of 0 reports a hang.
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 5000))
        return {};
    data += socket.readAll();
    Answer a;
    a.status = data.mid(9, 3).toInt();
    a.body = data.mid(data.indexOf("\r\n\r\n") + 4);
    return a;
}
} // namespace

class TestLoopbackReceiver : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listensOnLoopbackOnly_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("localhost") << u"localhost"_s;
        QTest::newRow("127.0.0.1") << u"127.0.0.1"_s;
    }
    void listensOnLoopbackOnly()
    {
        QFETCH(QString, host);
        LoopbackReceiver receiver;
        const quint16 port = freePort();
        QVERIFY(receiver.listen(endpoint(host, port), kState, u"s"_s).hasValue());
        QVERIFY(!receiver.listenAddresses().isEmpty());
        for (const QHostAddress &address : receiver.listenAddresses())
            QVERIFY2(address.isLoopback(), qPrintable(address.toString()));
        // From any of this machine's other addresses, nothing answers on that port.
        for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
            if (address.isLoopback() || address.isLinkLocal())
                continue;
            QTcpSocket socket;
            socket.connectToHost(address, port);
            QVERIFY2(!socket.waitForConnected(1000), qPrintable(address.toString()));
        }
    }

    void localhostListensOnBothFamiliesWhenIpv6Exists()
    {
        LoopbackReceiver receiver;
        QVERIFY(receiver.listen(endpoint(u"localhost"_s, freePort()), kState, u"s"_s).hasValue());
        QTcpServer v6;
        const bool hasIpv6Loopback = v6.listen(QHostAddress::LocalHostIPv6, 0);
        QCOMPARE(receiver.listenAddresses().size(), hasIpv6Loopback ? 2 : 1);
        QCOMPARE(receiver.listenAddresses().first(), QHostAddress(QHostAddress::LocalHost));
    }

    void probesGet404AndTheCallbackEndsTheWait()
    {
        LoopbackReceiver receiver;
        const quint16 port = freePort();
        QVERIFY(receiver.listen(endpoint(u"127.0.0.1"_s, port), kState, u"s"_s).hasValue());
        QSignalSpy callbacks(&receiver, &LoopbackReceiver::callbackReceived);
        QSignalSpy probes(&receiver, &LoopbackReceiver::probeIgnored);
        const QHostAddress local(QHostAddress::LocalHost);

        QCOMPARE(rawGet(local, port, "/favicon.ico").status, 404);
        QCOMPARE(rawGet(local, port, "/OauthRedirectX?code=x&state=" + kState.toLatin1()).status, 404);
        QCOMPARE(rawGet(local, port, "/oauthredirect?code=x").status, 404); // the path is exact
        QCOMPARE(probes.size(), 3);
        QCOMPARE(callbacks.size(), 0);
        QVERIFY(receiver.isListening());

        const Answer answer = rawGet(local, port, "/OauthRedirect?code=aPrx%2B%2F%3D%3D&state=" + kState.toLatin1());
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.body.contains("Authorization received"));
        QCOMPARE(callbacks.size(), 1);
        const auto result = callbacks.first().first().value<CallbackResult>();
        QCOMPARE(result.kind, CallbackResult::Kind::Code);
        QCOMPARE(result.code, u"aPrx+/=="_s); // decoded exactly once
        QVERIFY(!receiver.isListening());
        QTcpSocket after;
        after.connectToHost(local, port);
        QVERIFY(!after.waitForConnected(1000)); // one callback, then closed
    }

    void classification_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("error");
        QTest::newRow("code") << QByteArray("code=c&state=expected-state") << int(CallbackResult::Kind::Code) << QString();
        QTest::newRow("error") << QByteArray("error=access_denied&error_description=end-user+denied&state=expected-state")
                               << int(CallbackResult::Kind::Error) << u"access_denied"_s;
        QTest::newRow("hyphenated") << QByteArray("error=access-denied&state=expected-state")
                                    << int(CallbackResult::Kind::Error) << u"access-denied"_s;
        QTest::newRow("neither") << QByteArray("state=expected-state") << int(CallbackResult::Kind::Error) << u"missing_code"_s;
        QTest::newRow("wrong state") << QByteArray("code=c&state=other") << int(CallbackResult::Kind::BadState) << QString();
        QTest::newRow("missing state") << QByteArray("code=c") << int(CallbackResult::Kind::BadState) << QString();
        QTest::newRow("error, wrong state") << QByteArray("error=access_denied&state=x") << int(CallbackResult::Kind::BadState)
                                            << u"access_denied"_s;
    }
    void classification()
    {
        QFETCH(QByteArray, query);
        QFETCH(int, kind);
        QFETCH(QString, error);
        const CallbackResult r = LoopbackReceiver::classify(formDecode(query), kState);
        QCOMPARE(int(r.kind), kind);
        QCOMPARE(r.error, error);
    }

    void badStatePageSaysSoEscaped()
    {
        LoopbackReceiver receiver;
        const quint16 port = freePort();
        QVERIFY(receiver.listen(endpoint(u"127.0.0.1"_s, port), kState, u"s"_s).hasValue());
        const Answer answer = rawGet(QHostAddress(QHostAddress::LocalHost), port,
                                     "/OauthRedirect?code=c&state=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.body.contains("Callback rejected"));
        QVERIFY(answer.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        QVERIFY(!answer.body.contains("<script>"));
    }

    void pageEscapesEveryValue()
    {
        const QByteArray html = CallbackPage{u"<b>t</b>"_s, u"a & \"b\" 'c'"_s, u"{{TITLE}}"_s}.render();
        QVERIFY(html.contains("&lt;b&gt;t&lt;/b&gt;"));
        QVERIFY(html.contains("a &amp; &quot;b&quot; &#39;c&#39;"));
        QVERIFY(!html.contains("{{"));
        QVERIFY(html.contains("close this tab"));
    }

    void portInUseIsNamed()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        LoopbackReceiver receiver;
        const auto listening = receiver.listen(endpoint(u"127.0.0.1"_s, squatter.serverPort()), kState, u"Check settings"_s);
        QVERIFY(!listening.hasValue());
        QCOMPARE(listening.error().kind, FlowError::Kind::Configuration);
        QCOMPARE(listening.error().stage, u"Check settings"_s);
        QVERIFY(listening.error().explanation.contains(QString::number(squatter.serverPort())));
        QVERIFY(listening.error().explanation.contains(u"already in use"_s));
        QVERIFY(!receiver.isListening());
    }

    void oversizedRequestIsRefused()
    {
        LoopbackReceiver receiver;
        const quint16 port = freePort();
        QVERIFY(receiver.listen(endpoint(u"127.0.0.1"_s, port), kState, u"s"_s).hasValue());
        const Answer answer = rawGet(QHostAddress(QHostAddress::LocalHost), port,
                                     "/OauthRedirect?x=" + QByteArray(LoopbackReceiver::kMaxRequestBytes + 10, 'a'));
        QCOMPARE(answer.status, 431);
        QVERIFY(receiver.isListening()); // garbage does not end the wait
    }
};

QTEST_GUILESS_MAIN(TestLoopbackReceiver)
#include "tst_loopbackreceiver.moc"
