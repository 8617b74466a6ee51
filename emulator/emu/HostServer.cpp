#include "HostServer.h"

#include <QHttpServerRequest>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

#include <optional>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

void writeReply(QTcpSocket *socket, const HttpReply &reply, bool closeAfter, bool headOnly)
{
    if (reply.dropConnection) {
        socket->disconnectFromHost(); // nothing written: the client sees the connection close
        return;
    }
    socket->write(reply.serialize(headOnly));
    if (closeAfter)
        socket->disconnectFromHost(); // after the pending bytes are written
}

// Qt reads a request target that starts with "//" (a client whose instance URL ends in '/' asks
// for "//services/data") as an authority plus a path, then replaces the authority with the Host
// header: "//services/data" arrives as "/data" and the first segment is lost before the
// Dispatcher can read the run of slashes as one (README "Endpoints"). So each connection's request
// lines are peeked before Qt reads them, and such targets are kept until their request arrives.
constexpr char kNetworkPathTargets[] = "ecalabNetworkPathTargets";
constexpr qsizetype kMaxKeptTargets = 8;

void keepNetworkPathTargets(QTcpSocket *socket)
{
    static const QRegularExpression requestLine(u"^[A-Z]+ (//[^ ]*) HTTP/\\d\\.\\d\r?$"_s,
                                                QRegularExpression::MultilineOption);
    const QByteArray bytes = socket->peek(socket->bytesAvailable());
    if (!bytes.contains(" //")) // the usual case, on every read: nothing to keep
        return;
    QStringList kept = socket->property(kNetworkPathTargets).toStringList();
    const QString peeked = QString::fromLatin1(bytes);
    for (auto it = requestLine.globalMatch(peeked); it.hasNext();)
        kept.append(it.next().captured(1));
    socket->setProperty(kNetworkPathTargets, kept.mid(qMax<qsizetype>(0, kept.size() - kMaxKeptTargets)));
}

// The path as the client sent it, when Qt has misread a kept "//" target for this request.
std::optional<QString> takeNetworkPathTarget(QTcpSocket *socket, const QUrl &url)
{
    if (!socket)
        return std::nullopt;
    QStringList kept = socket->property(kNetworkPathTargets).toStringList();
    for (qsizetype i = 0; i < kept.size(); ++i) {
        const QUrl misread = QUrl::fromEncoded(kept.at(i).toLatin1());
        if (misread.path() != url.path() || misread.query() != url.query())
            continue;
        const QString target = kept.takeAt(i);
        socket->setProperty(kNetworkPathTargets, kept);
        return QUrl::fromPercentEncoding(target.section(u'?', 0, 0).toLatin1());
    }
    return std::nullopt;
}

class LoopbackTcpServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        // Connected before QAbstractHttpServer's own readyRead slot, so this one sees the bytes first.
        connect(socket, &QTcpSocket::readyRead, socket, [socket] { keepNetworkPathTargets(socket); });
        addPendingConnection(socket);
    }
};
} // namespace

HostServer::HostServer(HostKind host, Handler handler, QObject *parent)
    : QAbstractHttpServer(parent), m_host(host), m_handler(std::move(handler))
{
}

bool HostServer::listenOnLoopback(quint16 port, QString *error)
{
    auto *server = new LoopbackTcpServer(this);
    if (!server->listen(QHostAddress::LocalHost, port)) {
        if (error)
            *error = u"cannot listen on 127.0.0.1:%1 (%2)"_s.arg(port).arg(server->errorString());
        delete server;
        return false;
    }
    m_port = server->serverPort();
    bind(server);
    return true;
}

HttpRequest HostServer::snapshot(const QHttpServerRequest &request, QTcpSocket *socket) const
{
    HttpRequest r;
    r.host = m_host;
    r.method = methodName(request.method());
    r.fullPath = takeNetworkPathTarget(socket, request.url()).value_or(request.url().path(QUrl::FullyDecoded));
    r.path = r.fullPath;
    QByteArray rawQuery = request.url().query(QUrl::FullyEncoded).toUtf8();
    r.query = FormData::parseUrlEncoded(rawQuery);
    r.headers = request.headers();
    // A chunked body (Transfer-Encoding: chunked, no Content-Length: the Salesforce CLI's token
    // POSTs) arrives here whole and de-chunked — Qt 6.4's request parser joins the chunks, however
    // the writes split them — so every endpoint reads it like any other (tst_emulator_jwt).
    r.body = request.body();
    r.remoteAddress = request.remoteAddress();
    r.localPort = socket ? socket->localPort() : m_port;
    return r;
}

bool HostServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const HttpRequest copy = snapshot(request, socket);
    const bool closeAfter = copy.header("connection").trimmed().compare("close", Qt::CaseInsensitive) == 0;
    const bool headOnly = copy.method == "HEAD";
    QPointer<QTcpSocket> target(socket);
    m_handler(copy, [target, closeAfter, headOnly](const HttpReply &reply) {
        if (target && target->state() == QAbstractSocket::ConnectedState)
            writeReply(target, reply, closeAfter, headOnly);
    });
    return true;
}

void HostServer::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    writeReply(socket, HttpReply::notFound(), false, false); // not reached: handleRequest takes everything
}

} // namespace ecalab::emu
