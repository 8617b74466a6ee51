#include "HttpClient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <limits>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QByteArray kUserAgent = "ECA-Lab/" ECALAB_VERSION;

HttpOutcome::Failure classify(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::SslHandshakeFailedError: return HttpOutcome::Failure::Tls;
    case QNetworkReply::TimeoutError: return HttpOutcome::Failure::Timeout;
    default: return HttpOutcome::Failure::Transport;
    }
}

QNetworkRequest toNetworkRequest(const HttpRequest &request)
{
    QNetworkRequest out(request.url);
    out.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    out.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    // No cookie jar between requests: what is sent is exactly the recorded exchange, and the
    // authorize probe's GET is cookieless as a fresh browser's would be (§3.2).
    out.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    out.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    out.setRawHeader("User-Agent", kUserAgent);
    for (const auto &[name, value] : request.headers)
        out.setRawHeader(name, value);
    return out;
}
} // namespace

HttpClient::HttpClient(QNetworkAccessManager *network, ExchangeLog *log, const Clock &clock, QObject *parent)
    : QObject(parent), m_network(network), m_log(log), m_clock(clock)
{
}

HttpCall *HttpClient::send(const HttpRequest &request, const QString &stageTitle)
{
    const auto declared = std::find_if(m_stages.cbegin(), m_stages.cend(),
                                       [&](const StageLabel &stage) { return stage.title == stageTitle; });
    return send(request, declared != m_stages.cend() ? *declared : StageLabel{{}, stageTitle});
}

HttpCall *HttpClient::send(const HttpRequest &request, const StageLabel &stage)
{
    Exchange exchange;
    exchange.stage = stage.title;
    exchange.stageId = stage.id;
    exchange.request = m_redactor.redact(request);
    exchange.basicAuthUser = Redactor::basicAuthUser(request.headers);
    exchange.startedAt = m_clock.now();
    const int id = m_log ? m_log->begin(std::move(exchange)) : 0;

    QNetworkReply *reply = m_network->sendCustomRequest(toNetworkRequest(request), request.method, request.body);
    return new HttpCall(reply, id, this, m_limits.timeoutMs, m_limits.maxResponseBytes);
}

void HttpClient::record(int exchangeId, const HttpOutcome &outcome, qint64 elapsedMs)
{
    if (!m_log)
        return;
    const HttpResponse redacted = m_redactor.redact(outcome.response);
    m_log->complete(exchangeId, redacted, elapsedMs, outcome.ok() ? QString() : outcome.errorString,
                    m_redactor.knownSecrets());
}

HttpCall::HttpCall(QNetworkReply *reply, int exchangeId, HttpClient *client, qint64 timeoutMs, qint64 maxBytes)
    : QObject(client), m_reply(reply), m_client(client), m_exchangeId(exchangeId), m_maxBytes(maxBytes)
{
    m_elapsed.start();
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this, timeoutMs] {
        finishWith(HttpOutcome::Failure::Timeout, u"No answer within %1 s."_s.arg(timeoutMs / 1000.0));
    });
    m_timeout.start(int(std::min<qint64>(timeoutMs, std::numeric_limits<int>::max()))); // QTimer takes int ms
    connect(reply, &QNetworkReply::readyRead, this, &HttpCall::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &HttpCall::onReplyFinished);
}

HttpCall::~HttpCall()
{
    if (m_reply) { // destroyed with its client while still in flight
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpCall::abort()
{
    finishWith(HttpOutcome::Failure::Aborted, u"Cancelled."_s);
}

void HttpCall::onReadyRead()
{
    m_body += m_reply->readAll();
    if (m_body.size() > m_maxBytes) {
        finishWith(HttpOutcome::Failure::TooLarge,
                   u"The response exceeded %1 MiB and was cut off; no OAuth endpoint answers with that much."_s.arg(
                       m_maxBytes / (1024.0 * 1024.0)));
    }
}

void HttpCall::onReplyFinished()
{
    if (m_done)
        return;
    onReadyRead();
    if (m_done)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        finishWith(classify(m_reply->error()), m_reply->errorString());
        return;
    }
    if (const QString cut = truncation(); !cut.isEmpty()) {
        finishWith(HttpOutcome::Failure::Transport, cut);
        return;
    }
    finishWith(HttpOutcome::Failure::None, {});
}

// An answer whose connection closed before the body was complete: Qt still reports its status,
// so the body would otherwise be read as a whole (and blamed as "not valid JSON").
QString HttpCall::truncation() const
{
    bool known = false;
    const qint64 declared = m_reply->rawHeader("Content-Length").toLongLong(&known);
    const bool decoded = m_reply->hasRawHeader("Content-Encoding"); // Qt decompressed: sizes differ
    const bool connectionLost = m_reply->error() > QNetworkReply::NoError && m_reply->error() < QNetworkReply::ProxyConnectionRefusedError;
    if (known && !decoded && m_body.size() < declared)
        return u"The response body ended before its declared length (%1 of %2 bytes): the connection was cut."_s
            .arg(m_body.size())
            .arg(declared);
    if (connectionLost)
        return u"The connection was lost while the response was read (%1)."_s.arg(m_reply->errorString());
    return {};
}

void HttpCall::finishWith(HttpOutcome::Failure failure, const QString &why)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    HttpOutcome outcome;
    outcome.failure = failure;
    outcome.errorString = why;
    outcome.exchangeId = m_exchangeId;
    if (m_reply) {
        const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        outcome.response.status = failure == HttpOutcome::Failure::None ? status.toInt() : 0;
        for (const auto &[name, value] : m_reply->rawHeaderPairs())
            outcome.response.headers.append({name, value});
        outcome.response.body = m_body;
        m_reply->disconnect(this);
        if (m_reply->isRunning())
            m_reply->abort();
        m_reply->deleteLater();
    }
    if (m_client)
        m_client->record(m_exchangeId, outcome, m_elapsed.elapsed());
    Q_EMIT finished(outcome);
    deleteLater();
}

} // namespace ecalab
