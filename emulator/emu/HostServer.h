#pragma once

#include "HttpTypes.h"

#include <QAbstractHttpServer>

#include <functional>

namespace ecalab::emu {

// One host of the emulator on its own loopback port. Every request — any method, any path —
// is copied into an HttpRequest and handed to the handler, which answers now or later through
// the ReplyFunction (a delayed answer goes nowhere if the client has gone meanwhile).
class HostServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    using ReplyFunction = std::function<void(const HttpReply &)>;
    using Handler = std::function<void(const HttpRequest &, const ReplyFunction &)>;

    HostServer(HostKind host, Handler handler, QObject *parent = nullptr);
    // Binds 127.0.0.1 (never Any) on `port` (0: ephemeral).
    bool listenOnLoopback(quint16 port, QString *error);
    quint16 port() const { return m_port; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    HttpRequest snapshot(const QHttpServerRequest &request, QTcpSocket *socket) const;

    HostKind m_host;
    Handler m_handler;
    quint16 m_port = 0;
};

} // namespace ecalab::emu
