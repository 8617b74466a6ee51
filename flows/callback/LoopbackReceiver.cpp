#include "LoopbackReceiver.h"

#include "CallbackPage.h"

#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>
#include <array>

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

// Ports browsers refuse to connect to, whatever the page: the union of Chromium's kRestrictedPorts
// (net/base/port_util.cc) and Firefox's gBadPortList (netwerk/base/nsIOService.cpp), which both
// follow the Fetch Standard's "bad port" list (fetch.spec.whatwg.org/#port-blocking). Sorted.
constexpr std::array<quint16, 82> kBrowserRestrictedPorts{
    1,    7,    9,    11,   13,   15,   17,   19,   20,   21,   22,   23,   25,   37,   42,   43,   53,
    69,   77,   79,   87,   95,   101,  102,  103,  104,  109,  110,  111,  113,  115,  117,  119,  123,
    135,  137,  139,  143,  161,  179,  389,  427,  465,  512,  513,  514,  515,  526,  530,  531,  532,
    540,  548,  554,  556,  563,  587,  601,  636,  989,  990,  993,  995,  1719, 1720, 1723, 2049, 3659,
    4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080};
static_assert(std::is_sorted(kBrowserRestrictedPorts.begin(), kBrowserRestrictedPorts.end()));

// The port suggested instead: the Salesforce CLI's, so often already registered on the app.
constexpr int kSuggestedCallbackPort = 1717;
constexpr quint16 kDefaultHttpPort = 80;

bool browsersRefusePort(int port)
{
    return std::binary_search(kBrowserRestrictedPorts.begin(), kBrowserRestrictedPorts.end(), port);
}

FlowError restrictedPortProblem(const QUrl &url, const QString &stage)
{
    QUrl instead = url;
    instead.setPort(kSuggestedCallbackPort);
    return FlowError::configuration(
        stage,
        u"The callbackUrl port %1 is one browsers refuse to connect to (Chrome and Edge: ERR_UNSAFE_PORT; "
        "Firefox: \"This address is restricted\"), so the redirect to %2 would never reach ECA Lab and the "
        "run would only wait until it times out."_s.arg(url.port())
            .arg(url.toString()),
        u"Pick another port, e.g. %1: set callbackUrl to %2 and add that exact URL to the app's Callback URLs "
        "(Salesforce matches redirect_uri exactly)."_s.arg(kSuggestedCallbackPort)
            .arg(instead.toString()));
}

// Every Host field value of a request head, so that duplicates can be refused (RFC 9112 §3.2).
// The head's first line is the request line; a bare "GET / HTTP/1.0" has no fields at all.
QList<QByteArray> hostFields(const QByteArray &head)
{
    QList<QByteArray> values;
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).compare("host", Qt::CaseInsensitive) == 0)
            values.append(line.mid(colon + 1).trimmed()); // OWS and the line's \r (RFC 9112 §5.1)
    }
    return values;
}

const QByteArray kMisdirectedBody =
    "421 Misdirected Request: this is ECA Lab's OAuth callback listener; it only answers requests "
    "addressed to its own loopback address.\n";

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

bool LoopbackEndpoint::isOwnAuthority(const QByteArray &hostField) const
{
    const QString value = QString::fromLatin1(hostField).toLower();
    for (const QString &name : {host, u"localhost"_s, u"127.0.0.1"_s, u"::1"_s}) {
        const QString authority = name.contains(u':') ? u'[' + name + u']' : name; // IPv6 in brackets
        if (value == authority + u':' + QString::number(port))
            return true;
        if (port == kDefaultHttpPort && value == authority) // the default port may be left out (RFC 9110 §4.2.3)
            return true;
    }
    return false;
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
    if (browsersRefusePort(url.port()))
        return unexpected(restrictedPortProblem(url, stage));
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

// A head without header lines has no CRLF: its request line reads as empty and gets 400, as it
// always has. A DNS-rebound page reaches this port under its own name, so its Host names another
// site: 421 (RFC 9110 §7.4, §15.5.20). HTTP/1.1 without exactly one Host is 400 (RFC 9112 §3.2).
// HTTP/1.0 may omit Host (RFC 1945 has none) and is then served as before: browsers always send
// Host, so a rebound page cannot leave it out.
CallbackRequest readCallbackRequest(const QByteArray &head, const LoopbackEndpoint &endpoint)
{
    CallbackRequest request;
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        request.refusal = 400;
        return request;
    }
    const QList<QByteArray> hosts = hostFields(head);
    if (hosts.size() > 1 || (hosts.isEmpty() && requestLine[2] != "HTTP/1.0")) {
        request.refusal = 400;
        return request;
    }
    if (!hosts.isEmpty() && !endpoint.isOwnAuthority(hosts.first())) {
        request.refusal = 421;
        return request;
    }
    const QByteArray &target = requestLine[1];
    const qsizetype q = target.indexOf('?');
    request.method = requestLine[0];
    request.path = q < 0 ? target : target.left(q);
    request.query = q < 0 ? QByteArray() : target.mid(q + 1);
    return request;
}

// The wait goes on after a refusal or a probe; only the callback path ends it.
void LoopbackReceiver::handleRequest(QTcpSocket *socket, const QByteArray &head)
{
    const CallbackRequest request = readCallbackRequest(head, m_endpoint);
    if (request.refusal == 421) {
        reply(socket, 421, "Misdirected Request", kMisdirectedBody, "text/plain; charset=utf-8");
        return;
    }
    if (request.refusal != 0) {
        reply(socket, 400, "Bad Request", {});
        return;
    }
    if (m_done || request.path != m_endpoint.path.toLatin1()) {
        ++m_probes;
        reply(socket, 404, "Not Found",
              CallbackPage{u"Not found"_s, u"ECA Lab waits for the OAuth callback on another path."_s, {}}.render());
        Q_EMIT probeIgnored(QString::fromLatin1(request.path));
        return;
    }
    if (request.method != "GET") {
        reply(socket, 405, "Method Not Allowed", {});
        return;
    }
    const CallbackResult result = classify(formDecode(request.query), m_expectedState);
    m_done = true;
    close(); // one callback, then nothing listens any more
    reply(socket, 200, "OK", pageFor(result).render());
    Q_EMIT callbackReceived(result);
}

void LoopbackReceiver::reply(QTcpSocket *socket, int status, const QByteArray &reason, const QByteArray &body,
                             const QByteArray &contentType)
{
    QByteArray answer = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    answer += "Content-Type: " + contentType + "\r\n";
    answer += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    answer += "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n";
    answer += body;
    socket->write(answer);
    socket->disconnectFromHost(); // flushes, then closes; `disconnected` deletes the socket
}

} // namespace ecalab
