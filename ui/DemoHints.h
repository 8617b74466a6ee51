#pragma once

#include "UiContext.h"

#include "grants/UserPrompt.h"

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace ecalab::ui {

// What a demo run offers where the window asks (UX.md "Demo first"): the code the emulated site
// put in its outbox, or the demo user's password — demo data, one click to fill in.
struct DemoFill
{
    QString text;  // what is shown: "Demo org outbox: 123456 (e-mail to n•••@ecalab.example)"
    QString value; // what Fill in puts in the field; empty: a note only, nothing to fill
};

// What the window knows of a demo run when it asks.
struct DemoRunFacts
{
    QList<DemoUser> users;
    QList<DemoMessage> outbox;
    int outboxBefore = 0; // the newest message id when the run started: older codes are not this run's
    QString username;     // the profile's username
};

// The running emulator's three hosts, kept by the demo org that started it, so that a question
// about a URL is answered on the window's thread without crossing over to the emulator's.
struct DemoHosts
{
    QUrl login;
    QUrl myDomain;
    QUrl site;

    // The scheme, host and port of one of them: a run against it is a demo run.
    bool serves(const QUrl &url) const;
    // "site", "My Domain" or "login host" (localhost and 127.0.0.1 alike); empty when none.
    QString nameOf(const QUrl &url) const;
};

// The URL a run of `flowName` talks to: the site for the flows that declare one (headless), else
// the Login URL. A run is a demo run when the emulator serves it.
QUrl runUrl(const Profile &profile, const QString &flowName);
int newestMessageId(const QList<DemoMessage> &outbox);
// The emulator's outbox as `Emulator::outbox()` and GET /__emulator/outbox give it.
QList<DemoMessage> demoMessagesFromOutbox(const QJsonArray &outbox);
// Nothing (text empty) when the prompt has no demo answer to offer.
DemoFill demoFillFor(const UserPrompt &prompt, const DemoRunFacts &facts);

} // namespace ecalab::ui
