#include "HostileServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>

#include <sys/socket.h>

namespace ecalab::test {

using namespace Qt::Literals::StringLiterals;
using Behaviour = HostileServer::Behaviour;

namespace {
QByteArray httpAnswer(int status, const QByteArray &reason, const QByteArray &contentType, const QByteArray &body)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\nContent-Type: " + contentType +
           "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

QByteArray oauthError(const QString &description)
{
    const QJsonObject body{{u"error"_s, u"invalid_client"_s}, {u"error_description"_s, description}};
    return httpAnswer(400, "Bad Request", "application/json;charset=UTF-8",
                      QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QByteArray invalidUtf8Answer()
{
    const QByteArray body =
        "{\"error\":\"invalid_client\",\"error_description\":\"client identifier invalid \xff\xfe\xc0 here\"}";
    return httpAnswer(400, "Bad Request", "application/json;charset=UTF-8", body);
}

QByteArray htmlAnswer()
{
    return httpAnswer(200, "OK", "text/html; charset=utf-8",
                      "<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Corporate proxy</h1>"
                      "<p>Please sign in to continue.</p></body></html>");
}

QByteArray redirectAnswer()
{
    return "HTTP/1.1 302 Found\r\nLocation: http://elsewhere.invalid/x\r\nContent-Length: 0\r\nConnection: "
           "close\r\n\r\n";
}

QByteArray truncatedAnswer()
{
    const QByteArray body =
        QByteArray("{\"access_token\":\"00D000000000001!AQ\",\"instance_url\":\"http://x\"}").left(50);
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n" + body;
}

QByteArray hugeBodyAnswer()
{
    QByteArray body = "{\"access_token\":\"";
    body += QByteArray(HostileServer::kHugeBodyBytes - body.size() - 2, 'A');
    body += "\"}";
    return httpAnswer(200, "OK", "application/json", body);
}

QString hugeDescription()
{
    QString text = u"authentication failure "_s.repeated(HostileServer::kHugeDescriptionBytes / 23 + 1);
    text.truncate(HostileServer::kHugeDescriptionBytes);
    return text;
}

QByteArray badSignatureAnswer(const QString &self)
{
    const QJsonObject token{{u"access_token"_s, u"00D000000000001!AQ"_s},
                            {u"instance_url"_s, self},
                            {u"id"_s, self + u"/id/00D000000000001AAA/005000000000001AAA"_s},
                            {u"token_type"_s, u"Bearer"_s},
                            {u"issued_at"_s, u"1700000000000"_s},
                            {u"signature"_s, u"AAAA"_s}};
    return httpAnswer(200, "OK", "application/json;charset=UTF-8", QJsonDocument(token).toJson(QJsonDocument::Compact));
}

// The request is complete once the headers ended and Content-Length bytes of body followed.
bool isCompleteRequest(const QByteArray &buffer)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return false;
    qsizetype length = 0;
    for (const QByteArray &line : buffer.left(headerEnd).split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare("Content-Length", Qt::CaseInsensitive) == 0)
            length = line.mid(colon + 1).trimmed().toLongLong();
    }
    return buffer.size() >= headerEnd + 4 + length;
}

// One accepted connection, answered with the server's behaviour once its request is complete.
class HostileConnection : public QObject
{
public:
    using Recorder = std::function<void(const QByteArray &)>;
    HostileConnection(QTcpSocket *socket, Behaviour behaviour, Recorder record, QObject *parent)
        : QObject(parent), m_socket(socket), m_behaviour(behaviour), m_record(std::move(record))
    {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, &HostileConnection::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
        connect(&m_timer, &QTimer::timeout, this, &HostileConnection::onTick);
    }

private:
    void onReadyRead()
    {
        m_request += m_socket->readAll();
        if (m_answered || !isCompleteRequest(m_request))
            return;
        m_answered = true;
        m_record(m_request);
        answer();
    }

    void answer()
    {
        switch (m_behaviour) {
        case Behaviour::Garbage:
            return sendAndClose("\x16\x03\x01\x02 garbage, not HTTP at all \xff\xfe\r\n\r\n");
        case Behaviour::Html:
            return sendAndClose(htmlAnswer());
        case Behaviour::TruncatedBody:
            return sendAndClose(truncatedAnswer());
        case Behaviour::HugeBody:
            return sendAndClose(hugeBodyAnswer());
        case Behaviour::EndlessHeaders:
            return startDrip("HTTP/1.1 200 OK\r\n", 100);
        case Behaviour::SlowDrip:
            return startDrip("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n",
                             200);
        case Behaviour::NeverAnswers:
            return;
        case Behaviour::Reset:
            return reset();
        case Behaviour::Redirect:
            return sendAndClose(redirectAnswer());
        case Behaviour::DeepNesting:
            return sendAndClose(httpAnswer(200, "OK", "application/json", QByteArray(100000, '[')));
        case Behaviour::InvalidUtf8:
            return sendAndClose(invalidUtf8Answer());
        case Behaviour::Echo:
            return sendAndClose(oauthError(QString::fromUtf8(m_request)));
        case Behaviour::EscapeCodes:
            return sendAndClose(oauthError(HostileServer::escapeCodesDescription()));
        case Behaviour::HugeDescription:
            return sendAndClose(oauthError(hugeDescription()));
        case Behaviour::BadSignature:
            return sendAndClose(badSignatureAnswer(u"http://127.0.0.1:%1"_s.arg(m_socket->localPort())));
        }
    }

    void sendAndClose(const QByteArray &bytes)
    {
        m_socket->write(bytes);
        m_socket->disconnectFromHost(); // after the pending bytes are written
    }

    void startDrip(const QByteArray &head, int intervalMs)
    {
        m_socket->write(head);
        m_timer.start(intervalMs);
    }

    void onTick()
    {
        ++m_ticks;
        if (m_behaviour == Behaviour::EndlessHeaders)
            m_socket->write("X-Endless-" + QByteArray::number(m_ticks) + ": still going\r\n");
        else
            m_socket->write(" ");
    }

    void reset()
    {
        // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
        const linger abortive{1, 0};
        ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
        m_socket->abort();
        deleteLater();
    }

    QTcpSocket *m_socket;
    Behaviour m_behaviour;
    Recorder m_record;
    QByteArray m_request;
    QTimer m_timer;
    int m_ticks = 0;
    bool m_answered = false;
};
} // namespace

// Lives in the server's thread; owns the QTcpServer and every connection.
class HostileWorker : public QObject
{
public:
    explicit HostileWorker(HostileServer *owner) : m_owner(owner) {}

    quint16 listen()
    {
        m_server = new QTcpServer(this);
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            return 0;
        connect(m_server, &QTcpServer::newConnection, this, &HostileWorker::accept);
        return m_server->serverPort();
    }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            m_owner->m_connections.fetch_add(1);
            new HostileConnection(
                socket, m_owner->m_behaviour,
                [owner = m_owner](const QByteArray &request) { owner->recordRequest(request); }, this);
        }
    }

    HostileServer *m_owner;
    QTcpServer *m_server = nullptr;
};

HostileServer::HostileServer(Behaviour behaviour) : m_behaviour(behaviour)
{
    m_thread.setObjectName(u"HostileServer"_s);
    m_thread.start();
    m_worker = new HostileWorker(this);
    m_worker->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        m_worker, [this] { m_port = m_worker->listen(); }, Qt::BlockingQueuedConnection);
}

HostileServer::~HostileServer()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString HostileServer::url() const
{
    return u"http://127.0.0.1:%1"_s.arg(m_port);
}

QByteArray HostileServer::lastRequest() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastRequest;
}

void HostileServer::recordRequest(const QByteArray &request)
{
    QMutexLocker lock(&m_mutex);
    m_lastRequest = request;
}

QString HostileServer::behaviourName(Behaviour behaviour)
{
    switch (behaviour) {
    case Behaviour::Garbage:
        return u"garbage"_s;
    case Behaviour::Html:
        return u"html"_s;
    case Behaviour::TruncatedBody:
        return u"truncated body"_s;
    case Behaviour::HugeBody:
        return u"10 MB body"_s;
    case Behaviour::EndlessHeaders:
        return u"endless headers"_s;
    case Behaviour::SlowDrip:
        return u"slow drip"_s;
    case Behaviour::NeverAnswers:
        return u"never answers"_s;
    case Behaviour::Reset:
        return u"reset"_s;
    case Behaviour::Redirect:
        return u"redirect"_s;
    case Behaviour::DeepNesting:
        return u"deep nesting"_s;
    case Behaviour::InvalidUtf8:
        return u"invalid utf-8"_s;
    case Behaviour::Echo:
        return u"echo"_s;
    case Behaviour::EscapeCodes:
        return u"escape codes"_s;
    case Behaviour::HugeDescription:
        return u"huge description"_s;
    case Behaviour::BadSignature:
        return u"bad signature"_s;
    }
    return {};
}

QString HostileServer::escapeCodesDescription()
{
    const QChar esc(0x1b), bel(0x07), nul(0x00), csi(0x9b);
    return u"authentication failure"_s + esc + u"]0;pwned"_s + bel + u" then "_s + esc + u"[2J"_s + u'\r' +
           u"✔ Token obtained"_s + u" C1 "_s + csi + u"31m NUL "_s + nul + u" BEL "_s + bel + u" end"_s;
}

} // namespace ecalab::test
