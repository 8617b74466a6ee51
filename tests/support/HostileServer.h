#pragma once

#include <QByteArray>
#include <QMutex>
#include <QString>
#include <QThread>

#include <atomic>

namespace ecalab::test {

class HostileWorker;

// A scripted HTTP server that answers every request with one named misbehaviour, for tests of
// what the client does with an answer no real Salesforce gives. It listens on 127.0.0.1, port 0,
// and serves from a thread of its own, so a test may block (QProcess::waitForFinished) while the
// process under test talks to it.
class HostileServer
{
public:
    enum class Behaviour {
        Garbage,         // bytes that are not HTTP, then close
        Html,            // 200 with an HTML page (a proxy's or a login page)
        TruncatedBody,   // Content-Length 500, 50 bytes sent, close
        HugeBody,        // 200 with a 10 MB body
        EndlessHeaders,  // the status line, then a header line every 100 ms, forever
        SlowDrip,        // headers with Content-Length 100000, then 1 byte every 200 ms
        NeverAnswers,    // reads the request, never writes
        Reset,           // aborts the connection with a TCP RST
        Redirect,        // 302 to http://elsewhere.invalid/x
        DeepNesting,     // 200, application/json, 100000 '['
        InvalidUtf8,     // 400 invalid_client whose error_description holds \xff\xfe\xc0
        Echo,            // 400 invalid_client whose error_description is the raw request
        EscapeCodes,     // 400 whose error_description holds terminal escapes and control characters
        HugeDescription, // 400 whose error_description is 3 MB
        BadSignature,    // 200 with a well-formed token response whose signature is wrong
    };
    static constexpr qsizetype kHugeBodyBytes = 10 * 1000 * 1000;
    static constexpr qsizetype kHugeDescriptionBytes = 3 * 1000 * 1000;

    explicit HostileServer(Behaviour behaviour);
    ~HostileServer();
    HostileServer(const HostileServer &) = delete;
    HostileServer &operator=(const HostileServer &) = delete;

    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    QString url() const; // http://127.0.0.1:PORT

    int connectionCount() const { return m_connections.load(); }
    QByteArray lastRequest() const; // the raw bytes of the last complete request (headers and body)

    static QString behaviourName(Behaviour behaviour);
    // The pieces the EscapeCodes answer puts in its error_description, for assertions.
    static QString escapeCodesDescription();

private:
    friend class HostileWorker;
    void recordRequest(const QByteArray &request);

    Behaviour m_behaviour;
    QThread m_thread;
    HostileWorker *m_worker = nullptr; // lives in m_thread
    quint16 m_port = 0;
    std::atomic<int> m_connections{0};
    mutable QMutex m_mutex;
    QByteArray m_lastRequest;
};

} // namespace ecalab::test
