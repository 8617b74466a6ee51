#pragma once

#include "grants/UserPrompt.h"

#include <QObject>

class QSocketNotifier;

namespace ecalab::app {

// Reads the person's answer to an ask prompt from standard input, a line at a time, on the event
// loop (a terminal or a pipe; nothing blocks, so --timeout and Ctrl-C still work). On a terminal
// a secret is read without echo.
class StdinAnswers : public QObject
{
    Q_OBJECT
public:
    explicit StdinAnswers(QObject *parent = nullptr);
    ~StdinAnswers() override;

    void ask(const UserPrompt &prompt); // reads one line for it; a new ask replaces the old
    void stop();
    void setMaxLineBytes(qsizetype bytes) { m_maxLineBytes = bytes; } // a longer line is dropped

Q_SIGNALS:
    void answered(const QString &promptId, const QString &value); // the line, trimmed
    void inputEnded();                          // end of input while a prompt waits: no answer will come
    void lineTooLong(const QString &promptId);  // a line over the limit was dropped


private:
    void readAvailable();
    void deliverLine();
    void setEcho(bool on);

    QSocketNotifier *m_notifier = nullptr;
    QString m_promptId;
    QByteArray m_line;
    qsizetype m_maxLineBytes = 4096; // an OTP or a passphrase; anything longer is not typed
    bool m_echoOff = false;
    bool m_skipping = false; // dropping the rest of a line that was too long
    bool m_ended = false;    // stdin reached its end
};

} // namespace ecalab::app
