#pragma once

#include "core/Clock.h"
#include "http/ExchangeLog.h"
#include "http/Redactor.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;

namespace ecalab {

struct HttpOutcome
{
    enum class Failure { None, Transport, Tls, Timeout, TooLarge, Aborted };

    Failure failure = Failure::None;
    QString errorString;   // for failures: what went wrong, in words
    HttpResponse response; // raw (unredacted) — stays inside the flow that asked
    int exchangeId = 0;
    bool ok() const { return failure == Failure::None; }
};

// One request in flight. Emits `finished` exactly once (also after abort()), then deletes itself.
class HttpCall : public QObject
{
    Q_OBJECT
public:
    ~HttpCall() override;
    void abort();

Q_SIGNALS:
    void finished(const ecalab::HttpOutcome &outcome);

private:
    friend class HttpClient;
    HttpCall(QNetworkReply *reply, int exchangeId, class HttpClient *client, qint64 timeoutMs, qint64 maxBytes);
    void onReadyRead();
    void onReplyFinished();
    QString truncation() const;
    void finishWith(HttpOutcome::Failure failure, const QString &why);

    QPointer<QNetworkReply> m_reply;
    QPointer<class HttpClient> m_client;
    int m_exchangeId;
    qint64 m_maxBytes;
    QByteArray m_body;
    QTimer m_timeout;
    QElapsedTimer m_elapsed;
    HttpOutcome::Failure m_abortReason = HttpOutcome::Failure::None;
    bool m_done = false;
};

// Sends requests on the injected QNetworkAccessManager and records every exchange, redacted,
// in the ExchangeLog. Per-request timeout and response-size cap; redirects are never followed
// silently (each hop is its own visible exchange).
class HttpClient : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        qint64 timeoutMs = 30'000;
        qint64 maxResponseBytes = 4 * 1024 * 1024;
    };

    HttpClient(QNetworkAccessManager *network, ExchangeLog *log, const Clock &clock, QObject *parent = nullptr);

    void setLimits(const Limits &limits) { m_limits = limits; }
    Limits limits() const { return m_limits; }
    Redactor &redactor() { return m_redactor; }
    QByteArray redactedText(const QByteArray &text) const { return m_redactor.redactText(text); }
    ExchangeLog *log() const { return m_log; }

    // Records the exchange under `stage` (its title and its id: `exchanges[].stageId`) and sends it.
    HttpCall *send(const HttpRequest &request, const StageLabel &stage);
    // For a caller that knows only the stage's title (IdTokenVerification): the id is the one of
    // the declared stage with that title, empty when none has it.
    HttpCall *send(const HttpRequest &request, const QString &stageTitle);
    // The stages of the run this client serves (Flow::resetRun declares them).
    void declareStages(const QList<StageLabel> &stages) { m_stages = stages; }

private:
    friend class HttpCall;
    void record(int exchangeId, const HttpOutcome &outcome, qint64 elapsedMs);

    QNetworkAccessManager *m_network;
    QPointer<ExchangeLog> m_log;
    const Clock &m_clock;
    Redactor m_redactor;
    Limits m_limits;
    QList<StageLabel> m_stages;
};

} // namespace ecalab
