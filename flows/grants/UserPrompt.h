#pragma once

#include <QString>
#include <QUrl>

#include <algorithm>

namespace ecalab {

// What a waiting flow asks of the person (UX.md "waiting screens"). The window shows it, the CLI
// prints it; the flow updates it (poll count, last answer) while it waits.
struct UserPrompt
{
    enum class Kind { None, OpenBrowser, EnterDeviceCode };

    Kind kind = Kind::None;
    QUrl url;                   // the authorize URL (web server) or the verification URL (device)
    QUrl completeUrl;           // device: verification_uri_complete, when the server sends it
    QString userCode;           // device: the code the person types
    QUrl listeningOn;           // web server: the loopback callback URL being waited on
    bool browserOpened = false; // web server: the launcher reported success
    QString browserNote;        // why the browser was not opened (--no-browser, launch failure)
    qint64 deadlineMs = -1;     // clock time (ms since epoch) at which the wait gives up; -1 none
    int pollCount = 0;          // device: polls answered so far
    int intervalSeconds = 0;    // device: the current poll interval
    QString lastAnswer;         // device: the last poll answer ("authorization_pending", …)

    // Whole seconds until deadlineMs, rounded up (a wait with 0.4 s left still shows 1 s); 0 after it.
    qint64 secondsLeft(qint64 nowMs) const { return std::max<qint64>(0, (deadlineMs - nowMs + 999) / 1000); }
};

} // namespace ecalab
