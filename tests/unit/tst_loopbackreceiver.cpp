// The loopback receiver over real sockets: loopback addresses only (and unreachable from the
// machine's other addresses), exactly one callback on exactly the path, 404 for probes, state
// checked, the page escaped, and a port in use named in a Configuration error. Requests are
// written by hand so each test controls the Host line: another site's Host (DNS rebinding) gets
// 421 and the wait goes on. Ports browsers refuse are Configuration errors before anything listens.
#include "FreePort.h"

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
using ecalab::test::freeLoopbackPort;

namespace {
const QString kState = u"expected-state"_s;

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

// The Host value a browser sends for this address and port: "127.0.0.1:1717", "[::1]:1717".
QByteArray authority(const QHostAddress &address, quint16 port)
{
    const QByteArray host = address.toString().toLatin1();
    return (address.protocol() == QAbstractSocket::IPv6Protocol ? '[' + host + ']' : host) + ':' +
           QByteArray::number(port);
}

QByteArray getWithHost(const QByteArray &target, const QByteArray &host)
{
    return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
}

// Sends `request` byte for byte, so the exact request target and header lines reach the receiver.
// Waits on the event loop (the receiver answers from the same thread).
Answer rawRequest(const QHostAddress &address, quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    QByteArray data;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { data += socket.readAll(); });
    socket.connectToHost(address, port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 3000))
        return {};
    socket.write(request);
    // The receiver closes the connection after its answer; a status of 0 reports a hang.
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 5000))
        return {};
    data += socket.readAll();
    Answer a;
    a.status = data.mid(9, 3).toInt();
    a.body = data.mid(data.indexOf("\r\n\r\n") + 4);
    return a;
}

// A GET as a browser sends it to this address: Host names the address and port.
Answer rawGet(const QHostAddress &address, quint16 port, const QByteArray &target)
{
    return rawRequest(address, port, getWithHost(target, authority(address, port)));
}

// What a DNS-rebound page sends: the attacker's name with our port, and a state it cannot know.
QByteArray rebindingRequest(quint16 port)
{
    return getWithHost("/OauthRedirect?code=attacker&state=guess", "attacker.example:" + QByteArray::number(port));
}

QByteArray callbackTarget(const QByteArray &code)
{
    return "/OauthRedirect?code=" + code + "&state=" + kState.toLatin1();
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
        const quint16 port = freeLoopbackPort();
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
        QVERIFY(receiver.listen(endpoint(u"localhost"_s, freeLoopbackPort()), kState, u"s"_s).hasValue());
        QTcpServer v6;
        const bool hasIpv6Loopback = v6.listen(QHostAddress::LocalHostIPv6, 0);
        QCOMPARE(receiver.listenAddresses().size(), hasIpv6Loopback ? 2 : 1);
        QCOMPARE(receiver.listenAddresses().first(), QHostAddress(QHostAddress::LocalHost));
    }

    void probesGet404AndTheCallbackEndsTheWait()
    {
        LoopbackReceiver receiver;
        const quint16 port = freeLoopbackPort();
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
        const quint16 port = freeLoopbackPort();
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
        const quint16 port = freeLoopbackPort();
        QVERIFY(receiver.listen(endpoint(u"127.0.0.1"_s, port), kState, u"s"_s).hasValue());
        const Answer answer = rawGet(QHostAddress(QHostAddress::LocalHost), port,
                                     "/OauthRedirect?x=" + QByteArray(LoopbackReceiver::kMaxRequestBytes + 10, 'a'));
        QCOMPARE(answer.status, 431);
        QVERIFY(receiver.isListening()); // garbage does not end the wait
    }

    void rebindingHostGets421AndTheWaitGoesOn()
    {
        LoopbackReceiver receiver;
        const quint16 port = freeLoopbackPort();
        QVERIFY(receiver.listen(endpoint(u"127.0.0.1"_s, port), kState, u"s"_s).hasValue());
        QSignalSpy callbacks(&receiver, &LoopbackReceiver::callbackReceived);
        const QHostAddress local(QHostAddress::LocalHost);

        const Answer refused = rawRequest(local, port, rebindingRequest(port));
        QCOMPARE(refused.status, 421);
        QVERIFY(refused.body.contains("Misdirected Request"));
        QCOMPARE(callbacks.size(), 0);
        QVERIFY(receiver.isListening());

        QCOMPARE(rawGet(local, port, callbackTarget("right")).status, 200);
        QCOMPARE(callbacks.size(), 1);
        const auto result = callbacks.first().first().value<CallbackResult>();
        QCOMPARE(result.kind, CallbackResult::Kind::Code);
        QCOMPARE(result.code, u"right"_s);
    }

    void foreignHostsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("host"); // %1 is the receiver's port
        QTest::newRow("wrong port") << QByteArray("localhost:1");
        QTest::newRow("wrong port, IP") << QByteArray("127.0.0.1:8");
        QTest::newRow("no port") << QByteArray("localhost");
        QTest::newRow("other loopback address") << QByteArray("127.0.0.2:%1");
        QTest::newRow("name ending in localhost") << QByteArray("evil-localhost:%1");
        QTest::newRow("subdomain of attacker") << QByteArray("localhost.attacker.example:%1");
        QTest::newRow("empty") << QByteArray("");
    }
    void foreignHostsAreRefused()
    {
        QFETCH(QByteArray, host);
        LoopbackReceiver receiver;
        const quint16 port = freeLoopbackPort();
        QVERIFY(receiver.listen(endpoint(u"localhost"_s, port), kState, u"s"_s).hasValue());
        QSignalSpy callbacks(&receiver, &LoopbackReceiver::callbackReceived);
        const QByteArray value = host.replace("%1", QByteArray::number(port));
        const Answer answer = rawRequest(QHostAddress(QHostAddress::LocalHost), port,
                                         getWithHost(callbackTarget("c"), value));
        QCOMPARE(answer.status, 421);
        QCOMPARE(callbacks.size(), 0);
        QVERIFY(receiver.isListening());
    }

    void loopbackHostsEndTheWait_data()
    {
        QTest::addColumn<QByteArray>("host"); // %1 is the receiver's port
        QTest::newRow("localhost") << QByteArray("localhost:%1");
        QTest::newRow("127.0.0.1") << QByteArray("127.0.0.1:%1");
        QTest::newRow("[::1]") << QByteArray("[::1]:%1");
        QTest::newRow("case-insensitive") << QByteArray("LocalHost:%1");
        QTest::newRow("spaces around") << QByteArray(" \t127.0.0.1:%1 ");
    }
    void loopbackHostsEndTheWait()
    {
        QFETCH(QByteArray, host);
        LoopbackReceiver receiver;
        const quint16 port = freeLoopbackPort();
        QVERIFY(receiver.listen(endpoint(u"127.0.0.1"_s, port), kState, u"s"_s).hasValue());
        QSignalSpy callbacks(&receiver, &LoopbackReceiver::callbackReceived);
        const QHostAddress local(QHostAddress::LocalHost);
        QCOMPARE(rawRequest(local, port, rebindingRequest(port)).status, 421); // only the right Host ends it
        const QByteArray value = host.replace("%1", QByteArray::number(port));
        QCOMPARE(rawRequest(local, port, getWithHost(callbackTarget("c"), value)).status, 200);
        QCOMPARE(callbacks.size(), 1);
        QCOMPARE(callbacks.first().first().value<CallbackResult>().kind, CallbackResult::Kind::Code);
    }

    void ipv6EndpointAcceptsItsBracketedHost()
    {
        QTcpServer v6;
        if (!v6.listen(QHostAddress::LocalHostIPv6, 0))
            QSKIP("no IPv6 loopback on this machine");
        const quint16 port = v6.serverPort();
        v6.close();
        LoopbackReceiver receiver;
        QVERIFY(receiver.listen(endpoint(u"[::1]"_s, port), kState, u"s"_s).hasValue());
        QSignalSpy callbacks(&receiver, &LoopbackReceiver::callbackReceived);
        const QHostAddress local(QHostAddress::LocalHostIPv6);
        QCOMPARE(rawRequest(local, port, rebindingRequest(port)).status, 421);
        QCOMPARE(rawGet(local, port, callbackTarget("v6")).status, 200); // Host: [::1]:port
        QCOMPARE(callbacks.size(), 1);
        QCOMPARE(callbacks.first().first().value<CallbackResult>().code, u"v6"_s);
    }

    // RFC 9112 §3.2: an HTTP/1.1 request with no Host, or with two, is 400, and it ends nothing.
    void http11WithoutExactlyOneHostGets400()
    {
        LoopbackReceiver receiver;
        const quint16 port = freeLoopbackPort();
        QVERIFY(receiver.listen(endpoint(u"127.0.0.1"_s, port), kState, u"s"_s).hasValue());
        QSignalSpy callbacks(&receiver, &LoopbackReceiver::callbackReceived);
        const QHostAddress local(QHostAddress::LocalHost);
        const QByteArray line = "GET " + callbackTarget("c") + " HTTP/1.1\r\n";
        const QByteArray own = "Host: " + authority(local, port) + "\r\n";
        QCOMPARE(rawRequest(local, port, line + "Accept: */*\r\n\r\n").status, 400);
        QCOMPARE(rawRequest(local, port, line + own + own + "\r\n").status, 400);
        QCOMPARE(rawRequest(local, port, line + own + "host: attacker.example\r\n\r\n").status, 400);
        QCOMPARE(callbacks.size(), 0);
        QVERIFY(receiver.isListening());
    }

    // A head with no header lines at all has always been answered 400 (its request line is not
    // read) without ending the wait; the Host check keeps that. HTTP/1.0 may omit Host (RFC 1945
    // has none), so with other header lines it is still served: the callback ends the wait.
    void http10WithoutHostIsServedAsBefore()
    {
        LoopbackReceiver receiver;
        const quint16 port = freeLoopbackPort();
        QVERIFY(receiver.listen(endpoint(u"localhost"_s, port), kState, u"s"_s).hasValue());
        QSignalSpy callbacks(&receiver, &LoopbackReceiver::callbackReceived);
        const QHostAddress local(QHostAddress::LocalHost);
        const QByteArray bareLine = "GET " + callbackTarget("bare") + " HTTP/1.0\r\n";
        QCOMPARE(rawRequest(local, port, "GET /favicon.ico HTTP/1.0\r\n\r\n").status, 400);
        QCOMPARE(rawRequest(local, port, bareLine + "\r\n").status, 400);
        QCOMPARE(callbacks.size(), 0);
        QVERIFY(receiver.isListening());

        QCOMPARE(rawRequest(local, port, rebindingRequest(port)).status, 421);
        QCOMPARE(rawRequest(local, port, bareLine + "User-Agent: test\r\n\r\n").status, 200);
        QCOMPARE(callbacks.size(), 1);
        QCOMPARE(callbacks.first().first().value<CallbackResult>().code, u"bare"_s);
    }

    void ownAuthority_data()
    {
        QTest::addColumn<QString>("callbackUrl");
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<bool>("own");
        QTest::newRow("::1 endpoint, bracketed") << u"http://[::1]:1717/cb"_s << QByteArray("[::1]:1717") << true;
        QTest::newRow("::1 endpoint, localhost") << u"http://[::1]:1717/cb"_s << QByteArray("localhost:1717") << true;
        QTest::newRow("unbracketed IPv6") << u"http://[::1]:1717/cb"_s << QByteArray("::1:1717") << false;
        QTest::newRow("port 80, implied") << u"http://localhost:80/cb"_s << QByteArray("localhost") << true;
        QTest::newRow("port 80, explicit") << u"http://localhost:80/cb"_s << QByteArray("127.0.0.1:80") << true;
        QTest::newRow("port 1717, implied") << u"http://localhost:1717/cb"_s << QByteArray("localhost") << false;
    }
    void ownAuthority()
    {
        QFETCH(QString, callbackUrl);
        QFETCH(QByteArray, host);
        QFETCH(bool, own);
        const auto e = LoopbackEndpoint::fromCallbackUrl(QUrl(callbackUrl), u"s"_s);
        QVERIFY(e.hasValue());
        QCOMPARE(e.value().isOwnAuthority(host), own);
    }

    // Fetch Standard port blocking: the browser never sends the redirect there (ERR_UNSAFE_PORT).
    void browserRestrictedPortsAreConfigurationErrors_data()
    {
        QTest::addColumn<int>("port");
        for (const int port : {1719, 6000, 10080, 1, 6665, 6669})
            QTest::newRow(qPrintable(QString::number(port))) << port;
    }
    void browserRestrictedPortsAreConfigurationErrors()
    {
        QFETCH(int, port);
        const QUrl url(u"http://localhost:%1/OauthRedirect"_s.arg(port));
        const auto e = LoopbackEndpoint::fromCallbackUrl(url, u"Check settings"_s);
        QVERIFY(!e.hasValue());
        QCOMPARE(e.error().kind, FlowError::Kind::Configuration);
        QCOMPARE(e.error().stage, u"Check settings"_s);
        QVERIFY2(e.error().explanation.contains(u"port %1 "_s.arg(port)), qPrintable(e.error().explanation));
        QVERIFY(e.error().explanation.contains(u"ERR_UNSAFE_PORT"_s));
        QVERIFY2(e.error().fix.contains(u"http://localhost:1717/OauthRedirect"_s), qPrintable(e.error().fix));
        QVERIFY(e.error().fix.contains(u"Callback URLs"_s));
    }

    void usualPortsAreAccepted_data()
    {
        QTest::addColumn<int>("port");
        for (const int port : {1717, 8080, 6664, 6670, 10081})
            QTest::newRow(qPrintable(QString::number(port))) << port;
    }
    void usualPortsAreAccepted()
    {
        QFETCH(int, port);
        const auto e = LoopbackEndpoint::fromCallbackUrl(QUrl(u"http://localhost:%1/OauthRedirect"_s.arg(port)), u"s"_s);
        QVERIFY2(e.hasValue(), qPrintable(e ? QString() : e.error().explanation));
        QCOMPARE(int(e.value().port), port);
    }
};

QTEST_GUILESS_MAIN(TestLoopbackReceiver)
#include "tst_loopbackreceiver.moc"
