#pragma once

// Test helpers: talk to a running emulator over real HTTP, as any client would.
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

namespace ecalab::emu::test {

struct Answer
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray jsonArray() const { return QJsonDocument::fromJson(body).array(); }
    QUrlQuery form() const { return QUrlQuery(QString::fromUtf8(body)); }
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

class Http
{
public:
    Answer send(const QByteArray &method, const QUrl &url, const QByteArray &body = {}, const Headers &headers = {},
                int timeoutMs = 10'000)
    {
        QNetworkRequest request(url);
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        QElapsedTimer timer;
        timer.start();
        // A custom "HEAD" verb would make Qt wait for a body; head() knows there is none.
        QNetworkReply *reply =
            method == "HEAD" ? m_network.head(request) : m_network.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(timeoutMs))
            reply->abort();
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->isOpen())
            answer.body = reply->readAll();
        answer.headers = reply->rawHeaderPairs();
        answer.error = reply->error();
        answer.elapsedMs = timer.elapsed();
        reply->deleteLater();
        return answer;
    }
    Answer get(const QUrl &url, const Headers &headers = {}) { return send("GET", url, {}, headers); }
    Answer postForm(const QUrl &url, const QList<QPair<QString, QString>> &params, Headers headers = {})
    {
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
        return send("POST", url, encode(params), headers);
    }
    Answer postJson(const QUrl &url, const QJsonObject &body)
    {
        return send("POST", url, QJsonDocument(body).toJson(QJsonDocument::Compact),
                    {{"Content-Type", "application/json"}});
    }
    static QByteArray encode(const QList<QPair<QString, QString>> &params)
    {
        QByteArray out;
        for (const auto &p : params) {
            if (!out.isEmpty())
                out += '&';
            out += p.first.toUtf8().toPercentEncoding() + '=' + p.second.toUtf8().toPercentEncoding();
        }
        return out;
    }
    static QByteArray basic(const QString &id, const QString &secret)
    {
        return "Basic " + (id + QLatin1Char(':') + secret).toUtf8().toBase64();
    }
    static QByteArray bearer(const QString &token) { return "Bearer " + token.toUtf8(); }

private:
    QNetworkAccessManager m_network;
};

// A raw HTTP/1.1 exchange over a socket, for requests QNetworkAccessManager will not send.
// The request should carry "Connection: close"; the answer is everything until the server closes.
// All waiting spins the event loop: the emulator answers from this same thread.
inline QByteArray rawExchange(quint16 port, const QByteArray &request, int timeoutMs = 10'000)
{
    QTcpSocket socket;
    QByteArray answer;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!connected.wait(timeoutMs))
        return {};
    socket.write(request);
    if (socket.state() != QAbstractSocket::UnconnectedState)
        disconnected.wait(timeoutMs);
    return answer + socket.readAll();
}

inline QUrl join(const QUrl &base, const QString &path)
{
    return QUrl(base.toString() + path);
}

// §7.2: what REST answers a session that is over.
inline const QByteArray kSessionExpired =
    "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]";

// §1.5, computed here, not by the emulator: base64(HMAC-SHA256(consumer secret, id + issued_at)).
inline QByteArray expectedSignature(const QString &consumerSecret, const QString &id, const QString &issuedAt)
{
    return QMessageAuthenticationCode::hash((id + issuedAt).toUtf8(), consumerSecret.toUtf8(),
                                            QCryptographicHash::Sha256)
        .toBase64();
}

// The admin API (emulator/README.md) as tests call it: a JSON body in (none when empty), the answer as is.
inline Answer adminCall(Http &http, const QUrl &adminUrl, const QByteArray &method, const QString &path,
                        const QJsonObject &body = {})
{
    return http.send(method, join(adminUrl, path),
                     body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact),
                     {{"Content-Type", "application/json"}});
}

} // namespace ecalab::emu::test
