#pragma once

// One window over an in-process emulator, for the GUI tests: the same wiring as the app
// (app/GuiMain.cpp) with an in-memory secret store and a temporary config directory.
#include "EmulatorFixture.h"

#include "DemoHints.h"

#include "Emulator.h"
#include "MainWindow.h"
#include "ProfileController.h"
#include "RunController.h"

#include "core/Clock.h"
#include "core/RandomSource.h"
#include "profile/ProfileStore.h"
#include "profile/SecretStore.h"

#include <QAbstractButton>
#include <QAction>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace ecalab::test {

// The app's demo org, but on this thread (the tests drive the emulator directly) and counting
// how often the window asks for it.
class EmulatorDemoOrg final : public ui::DemoOrg
{
public:
    std::optional<Profile> start(QString *error) override
    {
        ++starts;
        if (!m_started && !(m_started = m_emulator.start(0, error)))
            return std::nullopt;
        return demoProfileOf(m_emulator, error);
    }
    QString description() const override
    {
        return m_started ? QStringLiteral("Emulator running on %1 (demo org)").arg(m_emulator.myDomainUrl().authority())
                         : QStringLiteral("Emulator stopped");
    }
    QList<ui::DemoUser> users() const override
    {
        QList<ui::DemoUser> users;
        for (const QJsonValue &user : m_emulator.users())
            users.append({user[QStringLiteral("username")].toString(), user[QStringLiteral("password")].toString()});
        return m_started ? users : QList<ui::DemoUser>();
    }
    QList<ui::DemoMessage> outbox() const override
    {
        return m_started ? ui::demoMessagesFromOutbox(m_emulator.outbox()) : QList<ui::DemoMessage>();
    }
    bool serves(const QUrl &url) const override { return m_started && hosts().serves(url); }
    QString hostName(const QUrl &url) const override { return m_started ? hosts().nameOf(url) : QString(); }
    bool installCertificate(const QString &clientId, const QByteArray &pem, QString *error) override
    {
        ++certificatesInstalled;
        return m_emulator.changeApp(clientId, QJsonObject{{QStringLiteral("certificate"), QString::fromLatin1(pem)}},
                                    error);
    }
    emu::Emulator &emulator() { return m_emulator; }
    int starts = 0;
    int certificatesInstalled = 0;

private:
    ui::DemoHosts hosts() const { return {m_emulator.loginUrl(), m_emulator.myDomainUrl(), m_emulator.siteUrl()}; }

    emu::Emulator m_emulator;
    bool m_started = false;
};

struct GuiHarness
{
    QTemporaryDir configDir;
    QNetworkAccessManager network;
    SystemClock clock;
    ManualClock manualClock; // the window's clock instead, when useManualClock (waits without sleeping)
    bool useManualClock = false;
    SystemRandomSource random;
    InMemorySecretStore secrets;
    SecretStore *secretStore = nullptr; // another store instead of `secrets`, when set
    std::unique_ptr<ProfileStore> profiles;
    EmulatorDemoOrg demo;
    std::unique_ptr<ui::MainWindow> window;
    BrowserLauncher *browser = nullptr; // the flows' browser: a scripted one in the interactive tests
    QString initialProfile;             // as `ecalab --profile NAME|FILE`
    RunOptions runOptions;              // as `ecalab --timeout SECONDS`

    GuiHarness()
    {
        // The window keeps window.ini under ProfileStore::defaultConfigDirectory(): point it here too.
        qputenv("ECALAB_CONFIG_DIR", configDir.path().toUtf8());
        profiles = std::make_unique<ProfileStore>(configDir.path());
    }

    ui::MainWindow *open()
    {
        window = std::make_unique<ui::MainWindow>(
            ui::UiContext{FlowServices{&network, useManualClock ? static_cast<const Clock *>(&manualClock) : &clock,
                                       &random, browser},
                          secretStore ? secretStore : &secrets, profiles.get(), &demo, initialProfile, runOptions});
        window->show();
        return window.get();
    }

    template <typename T> T *find(const QString &name) const
    {
        T *widget = window->findChild<T *>(name);
        if (!widget)
            qWarning("no widget named %s", qPrintable(name));
        return widget;
    }

    // Reads a secret back through the asynchronous store, waiting on the event loop.
    std::optional<QString> readSecret(const QString &key)
    {
        std::optional<SecretStore::Result> result;
        QObject context;
        secrets.read(key, &context, [&](const SecretStore::Result &r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 5000))
            return std::nullopt;
        return result->ok ? std::optional(result->value) : std::optional(QString());
    }

    bool writeSecret(const QString &key, const QString &value)
    {
        bool done = false;
        QObject context;
        secrets.write(key, value, &context, [&](const SecretStore::Result &) { done = true; });
        return QTest::qWaitFor([&] { return done; }, 5000);
    }

    QString selectFlow(const QString &name)
    {
        window->runner()->selectFlow(name);
        return window->runner()->currentFlowName();
    }

    // Presses Run and waits for the run to end; returns the flow (owned by the session).
    Flow *runAndWait(int timeoutMs = 10'000)
    {
        find<QAction>(QStringLiteral("runAction"))->trigger();
        Flow *flow = window->runner()->currentFlow();
        if (flow && !QTest::qWaitFor([&] { return flow->isFinished(); }, timeoutMs))
            qWarning("the run did not finish");
        return flow;
    }

    // The screenshots for docs/ (tests/gui/screenshots.sh): with ECALAB_SCREENSHOT_DIR set, the
    // window (or another top-level widget of it, a dialog) as it is, saved as DIR/NAME@<scale>x.png.
    void screenshotIfAsked(const QString &name, QWidget *widget = nullptr) const
    {
        const QString dir = qEnvironmentVariable("ECALAB_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QCoreApplication::processEvents(); // widgets added a moment ago are shown on the event loop
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // settle label sizes first
        QWidget *shown = widget ? widget : window.get();
        const int scale = qRound(shown->devicePixelRatioF());
        shown->grab().save(QStringLiteral("%1/%2@%3x.png").arg(dir, name).arg(scale));
    }
};

} // namespace ecalab::test
