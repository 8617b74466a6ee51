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

Q_SIGNALS:
    void answered(const QString &promptId, const QString &value);

private:
    void readAvailable();
    void deliverLine();
    void setEcho(bool on);

    QSocketNotifier *m_notifier = nullptr;
    QString m_promptId;
    QByteArray m_line;
    bool m_echoOff = false;
};

} // namespace ecalab::app
