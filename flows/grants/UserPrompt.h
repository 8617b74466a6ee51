#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <algorithm>

namespace ecalab {

// What a waiting flow asks of the person (UX.md "waiting screens"). The window shows it, the CLI
// prints it; the flow updates it (poll count, last answer) while it waits. The ask kinds go both
// ways: the person's answer comes back through Flow::answer(id, value).
struct UserPrompt
{
    enum class Kind {
        None,
        OpenBrowser,     // show the URL the browser was (or should be) opened on
        EnterDeviceCode, // show a code the person types on another device
        AskOneTimeCode,  // ask for a code sent by e-mail or SMS (headless flows)
        AskSecret        // ask for a secret that is not in the profile (a passphrase, a password)
    };

    Kind kind = Kind::None;
    QString id;                 // names the prompt in Flow::answer() and in `--set ID=VALUE`
    QString question;           // ask kinds: what is asked, "The code sent to j•••@acme.com"
    QString sentTo;             // AskOneTimeCode: where the code went (masked), when the server says
    QUrl url;                   // the authorize URL (web server) or the verification URL (device)
    QUrl completeUrl;           // device: verification_uri_complete, when the server sends it
    QString userCode;           // device: the code the person types
    QUrl listeningOn;           // web server: the loopback callback URL being waited on
    bool browserOpened = false; // web server: the launcher reported success
    QString browserNote;        // why the browser was not opened (--no-browser, launch failure)
    bool browserFailed = false; // the launch was tried and did not work (not --no-browser's choice)
    qint64 deadlineMs = -1;     // clock time (ms since epoch) at which the wait gives up; -1 none
    int pollCount = 0;          // device: polls answered so far
    int intervalSeconds = 0;    // device: the current poll interval
    QString lastAnswer;         // device: the last poll answer ("authorization_pending", …)

    bool asks() const { return kind == Kind::AskOneTimeCode || kind == Kind::AskSecret; }
    // The ids of the ask prompts flows use; `ecalab run --set ID=VALUE` answers them ahead of time.
    static const QStringList &answerIds()
    {
        static const QStringList ids{QStringLiteral("otp"), QStringLiteral("password"), QStringLiteral("passphrase"),
                                     QStringLiteral("refreshToken"), QStringLiteral("newPassword"),
                                     QStringLiteral("initToken")};
        return ids;
    }
    // Whole seconds until deadlineMs, rounded up (a wait with 0.4 s left still shows 1 s); 0 after it.
    qint64 secondsLeft(qint64 nowMs) const { return std::max<qint64>(0, (deadlineMs - nowMs + 999) / 1000); }
};

} // namespace ecalab
