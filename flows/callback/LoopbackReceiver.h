#pragma once

#include "core/Expected.h"
#include "core/FormEncoding.h"
#include "oauth/FlowError.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QUrl>

#include <memory>

class QTcpServer;
class QTcpSocket;

namespace ecalab {

// Where the receiver listens: exactly the host, port and path of the profile's callbackUrl
// (RFC 8252 §7.3; Salesforce matches redirect_uri exactly, reference §3.1).
struct LoopbackEndpoint
{
    QString host; // "localhost", "127.0.0.1" or "::1"
    quint16 port = 0;
    QString path; // "/OauthRedirect"
    QList<QHostAddress> addresses() const; // localhost → both 127.0.0.1 and ::1

    // Whether a request's Host field value names this endpoint: its host or a loopback equivalent
    // (localhost, 127.0.0.1, [::1]) with its port, case-insensitively (RFC 9110 §7.2, §4.2.3).
    bool isOwnAuthority(const QByteArray &hostField) const;

    // Anything but http on a loopback host with an explicit, non-zero port is a Configuration
    // error. Port 0 is refused: the redirect_uri must match the app's callback URL exactly, and an
    // OS-chosen port cannot have been registered with the app. So is a port browsers refuse to
    // connect to (ERR_UNSAFE_PORT): the redirect would never arrive.
    static Expected<LoopbackEndpoint, FlowError> fromCallbackUrl(const QUrl &url, const QString &stage);
};

// What arrived on the callback path.
struct CallbackResult
{
    enum class Kind { Code, Error, BadState };
    Kind kind = Kind::BadState;
    QString code;             // decoded exactly once (reference §3.2)
    QString error;            // `error=` callbacks
    QString errorDescription;
    QString receivedState;
    FormFields params;        // everything in the query, decoded once
};

// What the receiver reads from a request head (the bytes before the blank line), before it answers.
struct CallbackRequest
{
    int refusal = 0;   // 400 (malformed, or HTTP/1.1 without exactly one Host) or 421 (Host names another site)
    QByteArray method; // as sent, e.g. "GET"
    QByteArray path;   // the request target up to '?'
    QByteArray query;  // after '?', still percent-encoded
};
// Pure, so that tests/fuzz can feed it any bytes without a socket.
CallbackRequest readCallbackRequest(const QByteArray &head, const LoopbackEndpoint &endpoint);

// A one-shot HTTP listener on loopback addresses only. Requests to other paths (favicon, probes)
// get 404 and do not end the wait; the first request to the callback path ends it, is answered
// with the escaped page of resources/callback, and the listener closes. A request whose Host names
// another site (a DNS-rebound page) gets 421 and does not end the wait either.
class LoopbackReceiver : public QObject
{
    Q_OBJECT
public:
    // Longest request head accepted; a browser's callback GET is far smaller.
    static constexpr int kMaxRequestBytes = 16 * 1024;

    explicit LoopbackReceiver(QObject *parent = nullptr);
    ~LoopbackReceiver() override;

    // Port in use or not bindable → Configuration error naming the port.
    Expected<bool, FlowError> listen(const LoopbackEndpoint &endpoint, const QString &expectedState,
                                     const QString &stage);
    void close();
    bool isListening() const;
    QList<QHostAddress> listenAddresses() const;
    quint16 port() const;
    int probesIgnored() const { return m_probes; }

    static CallbackResult classify(const FormFields &query, const QString &expectedState);

Q_SIGNALS:
    void callbackReceived(const ecalab::CallbackResult &result);
    void probeIgnored(const QString &path);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void handleRequest(QTcpSocket *socket, const QByteArray &head);
    static void reply(QTcpSocket *socket, int status, const QByteArray &reason, const QByteArray &body,
                      const QByteArray &contentType = "text/html; charset=utf-8");

    LoopbackEndpoint m_endpoint;
    QString m_expectedState;
    std::vector<std::unique_ptr<QTcpServer>> m_servers;
    bool m_done = false;
    int m_probes = 0;
};

} // namespace ecalab
