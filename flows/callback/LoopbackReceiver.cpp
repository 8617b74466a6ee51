#include "LoopbackReceiver.h"

#include "CallbackPage.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kCallbackFix =
    u"Set callbackUrl to an http loopback URL with an explicit port that is also one of the app's Callback URLs, "
    "e.g. http://localhost:1717/OauthRedirect (RFC 8252 §7.3)."_s;

FlowError callbackProblem(const QString &stage, const QString &what)
{
    return FlowError::configuration(stage, what, kCallbackFix);
}

CallbackPage pageFor(const CallbackResult &result)
{
    switch (result.kind) {
    case CallbackResult::Kind::Code:
        return {u"Authorization received"_s,
                u"ECA Lab received the authorization code and is exchanging it for tokens."_s, {}};
    case CallbackResult::Kind::Error:
        return {u"Authorization refused"_s,
                u"The authorization server sent an error instead of a code. ECA Lab explains it."_s,
                result.errorDescription.isEmpty() ? result.error : result.error + u": "_s + result.errorDescription};
    case CallbackResult::Kind::BadState:
        break;
    }
    return {u"Callback rejected"_s,
            u"The state parameter of this callback does not match the one ECA Lab sent, so the code was not used. "
            "It may come from an older attempt or from another site."_s,
            result.receivedState.isEmpty() ? u"state: (missing)"_s : u"state: "_s + result.receivedState};
}
} // namespace

QList<QHostAddress> LoopbackEndpoint::addresses() const
{
    if (host == u"localhost")
        return {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)};
    return {QHostAddress(host)};
}

Expected<LoopbackEndpoint, FlowError> LoopbackEndpoint::fromCallbackUrl(const QUrl &url, const QString &stage)
{
    if (url.isEmpty())
        return unexpected(callbackProblem(stage, u"The profile has no callbackUrl."_s));
    if (!url.isValid())
        return unexpected(callbackProblem(stage, u"The callbackUrl is not a valid URL: %1."_s.arg(url.errorString())));
    if (url.scheme() != u"http")
        return unexpected(callbackProblem(
            stage, u"The callbackUrl %1 is not http: ECA Lab receives the callback itself on a loopback address, "
                   "which is plain http (RFC 8252 §7.3); an https or custom-scheme callback never reaches it."_s
                       .arg(url.toString())));
    const QString host = url.host().toLower();
    if (host != u"localhost" && host != u"127.0.0.1" && host != u"::1")
        return unexpected(callbackProblem(
            stage, u"The callbackUrl host \"%1\" is not a loopback host: ECA Lab only listens on localhost, "
                   "127.0.0.1 or [::1], never on a network address."_s
                       .arg(url.host())));
    if (!url.userInfo().isEmpty() || url.hasFragment())
        return unexpected(callbackProblem(stage, u"The callbackUrl must not carry user info or a fragment."_s));
    if (url.port() <= 0)
        return unexpected(callbackProblem(
            stage, url.port() == 0 ? u"The callbackUrl port is 0: Salesforce matches redirect_uri exactly, so the port "
                                     "must be the fixed one registered with the app."_s
                                   : u"The callbackUrl has no port: give the one registered with the app."_s));
    LoopbackEndpoint endpoint;
    endpoint.host = host;
    endpoint.port = quint16(url.port());
    endpoint.path = url.path(QUrl::FullyEncoded).isEmpty() ? u"/"_s : url.path(QUrl::FullyEncoded);
    return endpoint;
}

CallbackResult LoopbackReceiver::classify(const FormFields &query, const QString &expectedState)
{
    CallbackResult result;
    result.params = query;
    result.receivedState = formValue(query, u"state"_s);
    result.code = formValue(query, u"code"_s);
    result.error = formValue(query, u"error"_s);
    result.errorDescription = formValue(query, u"error_description"_s);
    // The state is checked before anything else is believed (RFC 6749 §10.12): an error or code
    // from another attempt must not end this one as if it were its answer.
    if (expectedState.isEmpty() || result.receivedState != expectedState)
        result.kind = CallbackResult::Kind::BadState;
    else if (!result.error.isEmpty() || result.code.isEmpty())
        result.kind = CallbackResult::Kind::Error;
    else
        result.kind = CallbackResult::Kind::Code;
    if (result.kind == CallbackResult::Kind::Error && result.error.isEmpty())
        result.error = u"missing_code"_s;
    return result;
}

LoopbackReceiver::LoopbackReceiver(QObject *parent) : QObject(parent) {}

LoopbackReceiver::~LoopbackReceiver() = default;

Expected<bool, FlowError> LoopbackReceiver::listen(const LoopbackEndpoint &endpoint, const QString &expectedState,
                                                   const QString &stage)
{
    close();
    m_endpoint = endpoint;
    m_expectedState = expectedState;
    m_done = false;
    m_probes = 0;
    for (const QHostAddress &address : endpoint.addresses()) {
        auto server = std::make_unique<QTcpServer>();
        if (!server->listen(address, endpoint.port)) {
            const bool optionalIpv6 = endpoint.host == u"localhost" && address.protocol() == QAbstractSocket::IPv6Protocol
                                      && server->serverError() != QAbstractSocket::AddressInUseError;
            if (optionalIpv6)
                continue; // no IPv6 loopback on this machine: 127.0.0.1 alone serves localhost
            const QString error = server->errorString();
            const bool inUse = server->serverError() == QAbstractSocket::AddressInUseError;
            close();
            return unexpected(FlowError::configuration(
                stage,
                inUse ? u"Port %1 on %2 is already in use, so ECA Lab cannot receive the callback there."_s.arg(endpoint.port).arg(address.toString())
                      : u"Cannot listen on port %1 of %2: %3."_s.arg(endpoint.port).arg(address.toString(), error),
                u"Close the program using port %1 (another ECA Lab run, an sf CLI login), or change callbackUrl to a free "
                "port and add that exact URL to the app's Callback URLs."_s.arg(endpoint.port)));
        }
        QTcpServer *raw = server.get();
        connect(raw, &QTcpServer::newConnection, this, &LoopbackReceiver::onNewConnection);
        m_servers.push_back(std::move(server));
    }
    return true;
}

void LoopbackReceiver::close()
{
    for (auto &server : m_servers)
        server->close();
    m_servers.clear();
}

bool LoopbackReceiver::isListening() const
{
    return !m_servers.empty();
}

QList<QHostAddress> LoopbackReceiver::listenAddresses() const
{
    QList<QHostAddress> list;
    for (const auto &server : m_servers)
        list.append(server->serverAddress());
    return list;
}

quint16 LoopbackReceiver::port() const
{
    return m_servers.empty() ? 0 : m_servers.front()->serverPort();
}

void LoopbackReceiver::onNewConnection()
{
    auto *server = qobject_cast<QTcpServer *>(sender());
    if (!server)
        return;
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        socket->setParent(this); // outlives the server, which closes after the callback
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void LoopbackReceiver::onReadyRead(QTcpSocket *socket)
{
    QByteArray head = socket->property("ecalabHead").toByteArray() + socket->readAll();
    const qsizetype end = head.indexOf("\r\n\r\n");
    if ((end < 0 && head.size() > kMaxRequestBytes) || end > kMaxRequestBytes) {
        socket->disconnect(this);
        reply(socket, 431, "Request Header Fields Too Large", {});
        return;
    }
    if (end < 0) {
        socket->setProperty("ecalabHead", head);
        return;
    }
    socket->disconnect(this); // one request per connection; the answer closes it
    handleRequest(socket, head.left(end));
}

void LoopbackReceiver::handleRequest(QTcpSocket *socket, const QByteArray &head)
{
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        reply(socket, 400, "Bad Request", {});
        return;
    }
    const QByteArray target = requestLine[1];
    const qsizetype q = target.indexOf('?');
    const QByteArray path = q < 0 ? target : target.left(q);
    if (m_done || path != m_endpoint.path.toLatin1()) {
        ++m_probes;
        reply(socket, 404, "Not Found",
              CallbackPage{u"Not found"_s, u"ECA Lab waits for the OAuth callback on another path."_s, {}}.render());
        Q_EMIT probeIgnored(QString::fromLatin1(path));
        return;
    }
    if (requestLine[0] != "GET") {
        reply(socket, 405, "Method Not Allowed", {});
        return;
    }
    const QByteArray query = q < 0 ? QByteArray() : target.mid(q + 1);
    const CallbackResult result = classify(formDecode(query), m_expectedState);
    m_done = true;
    close(); // one callback, then nothing listens any more
    reply(socket, 200, "OK", pageFor(result).render());
    Q_EMIT callbackReceived(result);
}

void LoopbackReceiver::reply(QTcpSocket *socket, int status, const QByteArray &reason, const QByteArray &html)
{
    QByteArray answer = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    answer += "Content-Type: text/html; charset=utf-8\r\n";
    answer += "Content-Length: " + QByteArray::number(html.size()) + "\r\n";
    answer += "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n";
    answer += html;
    socket->write(answer);
    socket->disconnectFromHost(); // flushes, then closes; `disconnected` deletes the socket
}

} // namespace ecalab
