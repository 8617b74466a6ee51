#include "TestHttp.h"

#include <QElapsedTimer>
#include <QSignalSpy>

namespace ecalab::test {

QByteArray Answer::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

Answer Http::send(const QByteArray &method, const QUrl &url, const QByteArray &body, const Headers &headers,
                  int timeoutMs)
{
    QNetworkRequest request(url);
    if (!m_followRedirects)
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
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

Answer Http::postForm(const QUrl &url, const QList<QPair<QString, QString>> &params, Headers headers)
{
    headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    return send("POST", url, encode(params), headers);
}

Answer Http::postJson(const QUrl &url, const QJsonObject &body)
{
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return send("POST", url, json, {{"Content-Type", "application/json"}});
}

QByteArray Http::encode(const QList<QPair<QString, QString>> &params)
{
    QByteArray out;
    for (const auto &p : params) {
        if (!out.isEmpty())
            out += '&';
        out += p.first.toUtf8().toPercentEncoding() + '=' + p.second.toUtf8().toPercentEncoding();
    }
    return out;
}

QByteArray Http::basic(const QString &id, const QString &secret)
{
    return "Basic " + (id + QLatin1Char(':') + secret).toUtf8().toBase64();
}

} // namespace ecalab::test
