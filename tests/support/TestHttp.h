#pragma once

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QUrlQuery>

namespace ecalab::test {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// One HTTP answer as a test reads it.
struct Answer
{
    int status = 0; // 0 when no answer came
    QByteArray body;
    Headers headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray &name) const; // the first one of that name, any case
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray jsonArray() const { return QJsonDocument::fromJson(body).array(); }
    QUrlQuery form() const { return QUrlQuery(QString::fromUtf8(body)); }
};

// Plain HTTP as any client sends it (QNetworkAccessManager). Every wait spins the event loop, so
// a server on this same thread (an in-process emulator) answers meanwhile.
class Http
{
public:
    static constexpr int kTimeoutMs = 10'000;

    // A request that gets no answer within `timeoutMs` is aborted (status 0).
    Answer send(const QByteArray &method, const QUrl &url, const QByteArray &body = {}, const Headers &headers = {},
                int timeoutMs = kTimeoutMs);
    Answer get(const QUrl &url, const Headers &headers = {}) { return send("GET", url, {}, headers); }
    Answer postForm(const QUrl &url, const QList<QPair<QString, QString>> &params, Headers headers = {});
    Answer postJson(const QUrl &url, const QJsonObject &body);
    // Qt follows redirects by default; a test that reads the 302 itself (a code in its Location) turns that off.
    void setFollowRedirects(bool follow) { m_followRedirects = follow; }

    static QByteArray encode(const QList<QPair<QString, QString>> &params); // form-encoded, UTF-8
    static QByteArray basic(const QString &id, const QString &secret);      // an Authorization value
    static QByteArray bearer(const QString &token) { return "Bearer " + token.toUtf8(); }

private:
    QNetworkAccessManager m_network;
    bool m_followRedirects = true;
};

} // namespace ecalab::test
