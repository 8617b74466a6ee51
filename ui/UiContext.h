#pragma once

#include "grants/FlowSession.h"
#include "profile/Profile.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace ecalab {
class ProfileStore;
class SecretStore;
} // namespace ecalab

namespace ecalab::ui {

// A user of the demo org's seed, to log in as in the browser (demo data, as `ecalab emulator` prints).
struct DemoUser
{
    QString username;
    QString password;
};

// One message of the demo org's outbox: a one-time code the emulated site sent by e-mail or SMS
// (headless flows), read so a demo run can show it where the code is asked (demo data).
struct DemoMessage
{
    int id = 0; // grows with each message sent
    QString channel; // "email" | "sms"
    QString to;
    QString purpose; // "registration" | "passwordless-login" | "forgot-password"
    QString otp;
    bool used = false;
};

// Starts the built-in org emulator in-process on demand and hands back its ready demo profile.
class DemoOrg
{
public:
    virtual ~DemoOrg() = default;
    virtual std::optional<Profile> start(QString *error) = 0; // idempotent; the profile carries clientSecret
    // start() without holding up the window: `done(profile, error)` runs later on the window's
    // thread, unless `context` is gone. This default, for a demo org on the window's own thread,
    // starts it right away.
    using Started = std::function<void(const std::optional<Profile> &profile, const QString &error)>;
    virtual void startInBackground(QObject *context, Started done)
    {
        Q_UNUSED(context);
        QString error;
        const std::optional<Profile> profile = start(&error);
        done(profile, error);
    }
    virtual QString description() const = 0;                  // e.g. "Emulator running on 127.0.0.1:40123 (demo org)"
    // The seed's users, login first; empty while the emulator is stopped.
    virtual QList<DemoUser> users() const { return {}; }
    // The codes the emulated site sent, oldest first; empty while the emulator is stopped.
    virtual QList<DemoMessage> outbox() const { return {}; }
    // Whether `url` is on one of the running emulator's hosts: a run against it is a demo run, and
    // only a demo run shows the demo passwords (a real org's run never does).
    virtual bool serves(const QUrl &url) const
    {
        Q_UNUSED(url);
        return false;
    }
    // Which of the emulator's hosts `url` is on — "login host", "My Domain" or "site"; empty when
    // none. They are all 127.0.0.1, so only the emulator can tell its My Domain from its site.
    virtual QString hostName(const QUrl &url) const
    {
        Q_UNUSED(url);
        return {};
    }
    // What an admin does in Setup (the app's OAuth settings → Enable JWT Bearer Flow → upload the
    // certificate), done on the emulator's app `clientId`: its JWT bearer assertions are then
    // checked against `pem`. False with `error` when refused (not running, no such app, not RSA).
    virtual bool installCertificate(const QString &clientId, const QByteArray &pem, QString *error)
    {
        Q_UNUSED(clientId);
        Q_UNUSED(pem);
        *error = QStringLiteral("this demo org cannot install certificates");
        return false;
    }
};

// Everything the window needs from the app, injected (ARCHITECTURE.md: no globals).
struct UiContext
{
    FlowServices services;
    SecretStore *secrets = nullptr;
    ProfileStore *profiles = nullptr;
    DemoOrg *demo = nullptr; // may be null
    QString initialProfile;  // `--profile NAME|FILE`: opened instead of the last used one
    RunOptions runOptions;   // `--timeout`: how long a run waits on the person
};

} // namespace ecalab::ui
