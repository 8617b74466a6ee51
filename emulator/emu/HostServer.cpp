#include "HostServer.h"

#include <QHttpServerRequest>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

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
} // namespace

HostServer::HostServer(HostKind host, Handler handler, QObject *parent)
    : QAbstractHttpServer(parent), m_host(host), m_handler(std::move(handler))
{
}

bool HostServer::listenOnLoopback(quint16 port, QString *error)
{
    auto *server = new QTcpServer(this);
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

HttpRequest HostServer::snapshot(const QHttpServerRequest &request) const
{
    HttpRequest r;
    r.host = m_host;
    r.method = methodName(request.method());
    r.fullPath = request.url().path(QUrl::FullyDecoded);
    r.path = r.fullPath;
    QByteArray rawQuery = request.url().query(QUrl::FullyEncoded).toUtf8();
    r.query = FormData::parseUrlEncoded(rawQuery);
    r.headers = request.headers();
    r.body = request.body();
    r.remoteAddress = request.remoteAddress();
    return r;
}

bool HostServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const HttpRequest copy = snapshot(request);
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
