// The emulator's HTML pages driven by a real headless chromium, with the app's side played by the
// test over plain HTTP: the authorize → login → consent → callback round trip (§3.1, §3.2) and
// the device page (§4.2). Proves the browser contract independently of the CLI.
#include "BrowserSteps.h"
#include "E2eSetup.h"
#include "EmulatorProcess.h"
#include "TestHttp.h"
#include "WebDriver.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace ecalab::e2e;
using namespace ecalab::test;

namespace {
// A stand-in for the app's loopback receiver: remembers each request target, answers a tiny page.
class CallbackReceiver : public QObject
{
public:
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(u"http://127.0.0.1:%1/cb"_s.arg(m_server.serverPort())); }
    QList<QUrl> received() const { return m_received; }

    CallbackReceiver()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { answer(socket); });
        });
    }

private:
    void answer(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        if (!buffer.contains("\r\n\r\n"))
            return;
        const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
        // Only the callback path counts: chromium also asks this host for /favicon.ico.
        const QUrl target = requestLine.size() == 3 ? url().resolved(QUrl::fromEncoded(requestLine[1])) : QUrl();
        if (target.path() == url().path())
            m_received.append(target);
        const QByteArray body = "<!doctype html><title>Received</title><p id=\"received\">received</p>";
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
        m_buffers.remove(socket);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<QUrl> m_received;
};

// RFC 7636 §4.1–4.2: a fixed 64-character verifier is fine for a test; S256 challenge.
const QByteArray kVerifier = QByteArray("e2e-verifier-").append(QByteArray(51, 'v'));
QString challengeFor(const QByteArray &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
} // namespace

class TestE2eEmulatorPages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = startEmulatorAndDriver(m_config, m_emulator, m_driver);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void init()
    {
        QCOMPARE(m_emulator.admin().reset().status, 200);
        m_browser = std::make_unique<WebDriverSession>(m_driver.url());
        QVERIFY2(m_browser->open(), qPrintable(m_browser->lastError()));
    }

    void cleanup()
    {
        QVERIFY2(m_browser->close(), qPrintable(m_browser->lastError()));
        m_browser.reset();
    }

    void cleanupTestCase() { QVERIFY(m_emulator.stop()); }

    void allowRedirectsWithACodeThatRedeems()
    {
        CallbackReceiver receiver;
        QVERIFY(receiver.listen());
        QVERIFY(registerCallback(receiver.url()));
        QVERIFY2(m_browser->navigate(authorizeUrl(receiver.url())), qPrintable(m_browser->lastError()));
        const QString loginProblem = logIn(*m_browser, m_emulator.userName(), m_emulator.userPassword());
        QVERIFY2(loginProblem.isEmpty(), qPrintable(loginProblem));
        const QString consentProblem = answerConsent(*m_browser, true);
        QVERIFY2(consentProblem.isEmpty(), qPrintable(consentProblem));

        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 1, 15'000);
        const QUrlQuery callback(receiver.received().first());
        QCOMPARE(callback.queryItemValue(u"state"_s), u"e2e-state"_s);
        const QString code = callback.queryItemValue(u"code"_s, QUrl::FullyDecoded);
        QVERIFY(!code.isEmpty());
        QCOMPARE(m_browser->currentUrl().adjusted(QUrl::RemoveQuery), receiver.url());
        QVERIFY(!m_browser->findElement(u"#received"_s).isEmpty());

        // §3.3: the code the browser carried is redeemed by the app.
        const Answer token = postToken({{u"grant_type"_s, u"authorization_code"_s},
                                            {u"code"_s, code},
                                            {u"client_id"_s, clientId()},
                                            {u"client_secret"_s, m_emulator.profile()[u"clientSecret"].toString()},
                                            {u"redirect_uri"_s, receiver.url().toString()},
                                            {u"code_verifier"_s, QString::fromLatin1(kVerifier)}});
        QVERIFY2(token.status == 200, token.body.constData());
        for (const QStringView key : {u"access_token", u"refresh_token", u"id_token"})
            QVERIFY2(!token.json()[key].toString().isEmpty(), qPrintable(key.toString()));
    }

    void denyRedirectsWithAccessDenied()
    {
        CallbackReceiver receiver;
        QVERIFY(receiver.listen());
        QVERIFY(registerCallback(receiver.url()));
        QVERIFY2(m_browser->navigate(authorizeUrl(receiver.url())), qPrintable(m_browser->lastError()));
        const QString loginProblem = logIn(*m_browser, m_emulator.userName(), m_emulator.userPassword());
        QVERIFY2(loginProblem.isEmpty(), qPrintable(loginProblem));
        const QString consentProblem = answerConsent(*m_browser, false);
        QVERIFY2(consentProblem.isEmpty(), qPrintable(consentProblem));

        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 1, 15'000);
        const QUrlQuery callback(receiver.received().first());
        QCOMPARE(callback.queryItemValue(u"error"_s), u"access_denied"_s);
        QCOMPARE(callback.queryItemValue(u"state"_s), u"e2e-state"_s);
        QVERIFY(!callback.hasQueryItem(u"code"_s));
    }

    void devicePageApprovesTheCode()
    {
        const Answer start = postToken({{u"response_type"_s, u"device_code"_s},
                                            {u"client_id"_s, clientId()},
                                            {u"scope"_s, u"api refresh_token"_s}});
        QVERIFY2(start.status == 200, start.body.constData());
        const QUrl verification(start.json()[u"verification_uri"].toString());
        QCOMPARE(verification.path(), u"/setup/connect"_s);

        QVERIFY2(m_browser->navigate(verification), qPrintable(m_browser->lastError()));
        const QString codeProblem = enterUserCode(*m_browser, start.json()[u"user_code"].toString());
        QVERIFY2(codeProblem.isEmpty(), qPrintable(codeProblem));
        const QString loginProblem = logIn(*m_browser, m_emulator.userName(), m_emulator.userPassword());
        QVERIFY2(loginProblem.isEmpty(), qPrintable(loginProblem));
        const QString consentProblem = answerConsent(*m_browser, true);
        QVERIFY2(consentProblem.isEmpty(), qPrintable(consentProblem));
        QVERIFY2(!m_browser->findElement(u"#device_connected"_s).isEmpty(), qPrintable(m_browser->pageSource()));

        // §4.3: the device's first poll after the approval gets the tokens.
        const Answer token = postToken({{u"grant_type"_s, u"device"_s},
                                            {u"client_id"_s, clientId()},
                                            {u"code"_s, start.json()[u"device_code"].toString()}});
        QVERIFY2(token.status == 200, token.body.constData());
        QVERIFY(!token.json()[u"access_token"].toString().isEmpty());
        QVERIFY2(!token.json()[u"refresh_token"].toString().isEmpty(), qPrintable(token.json()[u"scope"].toString()));
    }

private:
    QString clientId() const { return m_emulator.profile()[u"clientId"].toString(); }

    bool registerCallback(const QUrl &callback)
    {
        return m_emulator.admin().changeApp(clientId(), {{u"callbackUrl"_s, callback.toString()}}).status == 200;
    }

    QUrl authorizeUrl(const QUrl &callback) const
    {
        QUrl url = m_emulator.myDomain();
        url.setPath(u"/services/oauth2/authorize"_s);
        QUrlQuery query;
        query.addQueryItem(u"response_type"_s, u"code"_s);
        query.addQueryItem(u"client_id"_s, clientId());
        query.addQueryItem(u"redirect_uri"_s, QString::fromLatin1(QUrl::toPercentEncoding(callback.toString())));
        query.addQueryItem(u"state"_s, u"e2e-state"_s);
        query.addQueryItem(u"scope"_s, u"api%20refresh_token%20openid"_s);
        query.addQueryItem(u"code_challenge"_s, challengeFor(kVerifier));
        url.setQuery(query);
        return url;
    }

    Answer postToken(const QList<QPair<QString, QString>> &fields)
    {
        QUrl url = m_emulator.myDomain();
        url.setPath(u"/services/oauth2/token"_s);
        return m_http.postForm(url, fields);
    }

    QTemporaryDir m_config;
    EmulatorProcess m_emulator;
    ChromeDriver m_driver;
    Http m_http;
    std::unique_ptr<WebDriverSession> m_browser;
};

QTEST_GUILESS_MAIN(TestE2eEmulatorPages)
#include "tst_e2e_emulator_pages.moc"
