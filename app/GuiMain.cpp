#include "GuiMain.h"

#include "SecretStores.h"

#include "BrowserChoice.h"
#include "DemoHints.h"
#include "EmulatorThread.h"
#include "FirstFrameProbe.h"
#include "MainWindow.h"
#include "browser/BrowserLauncher.h"
#include "core/Clock.h"
#include "core/RandomSource.h"
#include "profile/PendingSecretStore.h"
#include "profile/ProfileStore.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <memory>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
// The demo org of the window: the emulator, started in-process the first time it is needed, on a
// thread of its own so that a burst of requests (a load test, a script) never freezes the window.
class EmulatorDemoOrg final : public ui::DemoOrg
{
public:
    std::optional<Profile> start(QString *error) override
    {
        if (!m_started) {
            const Launch launch = m_emulator.call([](emu::Emulator &e) { return launchOn(e); });
            if (!adopt(launch, error))
                return std::nullopt;
        }
        return demoProfile(m_emulator.demoProfile(), error);
    }
    // The sockets are opened and the key file written on the emulator's thread; the window goes on.
    void startInBackground(QObject *context, Started done) override
    {
        if (m_started) {
            QString error;
            const std::optional<Profile> profile = start(&error);
            return done(profile, error);
        }
        m_emulator.callLater([](emu::Emulator &e) { return launchOn(e); }, context,
                             [this, done = std::move(done)](const Launch &launch) {
                                 QString error;
                                 const std::optional<Profile> profile =
                                     adopt(launch, &error) ? demoProfile(launch.profile, &error) : std::nullopt;
                                 done(profile, error);
                             });
    }
    QString description() const override
    {
        return m_started ? u"Emulator running on %1 (demo org)"_s.arg(m_hosts.myDomain.authority())
                         : u"Emulator stopped"_s;
    }
    // The seed's users as `ecalab emulator` prints them, the demo profile's own user first.
    QList<ui::DemoUser> users() const override
    {
        if (!m_started)
            return {};
        const auto [list, profileUser] = m_emulator.call(
            [](emu::Emulator &e) { return std::pair(e.users(), e.demoProfile().value(u"username").toString()); });
        QList<ui::DemoUser> users;
        for (const QJsonValue &user : list) {
            const ui::DemoUser u{user[u"username"].toString(), user[u"password"].toString()};
            if (u.username == profileUser)
                users.prepend(u);
            else
                users.append(u);
        }
        return users;
    }
    // From the hosts kept at start: the form asks as the person types, and must not wait on an
    // emulator busy answering a run.
    QString hostName(const QUrl &url) const override { return m_started ? m_hosts.nameOf(url) : QString(); }
    // The OTP e-mails and SMS of the emulated site (GET /__emulator/outbox), through the C++ API.
    QList<ui::DemoMessage> outbox() const override
    {
        if (!m_started)
            return {};
        return ui::demoMessagesFromOutbox(m_emulator.call([](emu::Emulator &e) { return e.outbox(); }));
    }
    bool serves(const QUrl &url) const override { return m_started && m_hosts.serves(url); }
    // The admin API's PATCH /__emulator/apps/<clientId> {"certificate": PEM}, through the C++ API.
    bool installCertificate(const QString &clientId, const QByteArray &pem, QString *error) override
    {
        if (!m_started) {
            *error = u"the emulator is not running"_s;
            return false;
        }
        const QJsonObject changes{{u"certificate"_s, QString::fromLatin1(pem)}};
        return m_emulator.call([&](emu::Emulator &e) { return e.changeApp(clientId, changes, error); });
    }

private:
    // What starting leaves the window: whether it worked, and the hosts and profile to answer from.
    struct Launch
    {
        bool started = false;
        QString error;
        ui::DemoHosts hosts;
        QJsonObject profile;
    };
    static Launch launchOn(emu::Emulator &e)
    {
        Launch launch;
        launch.started = e.start(0, &launch.error);
        if (launch.started) {
            launch.hosts = {e.loginUrl(), e.myDomainUrl(), e.siteUrl()};
            launch.profile = e.demoProfile();
        }
        return launch;
    }
    bool adopt(const Launch &launch, QString *error)
    {
        if (!launch.started) {
            *error = launch.error;
            return false;
        }
        m_hosts = launch.hosts;
        m_started = true;
        return true;
    }
    static std::optional<Profile> demoProfile(const QJsonObject &json, QString *error)
    {
        auto profile = Profile::fromJson(json);
        if (!profile) {
            *error = profile.error();
            return std::nullopt;
        }
        return profile.value();
    }

    emu::EmulatorThread m_emulator;
    ui::DemoHosts m_hosts; // fixed while it runs: read on the window's thread without crossing over
    bool m_started = false;
};
} // namespace

int runGui(int argc, char **argv, const CommandLine &commandLine)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"ECA Lab"_s);
    QApplication::setApplicationVersion(QStringLiteral(ECALAB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(ECALAB_APP_ID));

    QNetworkAccessManager network;
    SystemClock clock;
    SystemRandomSource random;
    ProfileStore profiles(ProfileStore::defaultConfigDirectory());
    EmulatorDemoOrg demo;
    // The same choice as `ecalab run`: --no-browser, --browser COMMAND, else the desktop default.
    const std::unique_ptr<BrowserLauncher> browser = chooseBrowserLauncher(commandLine);
    RunOptions runOptions = runOptionsFor(commandLine); // as for `ecalab run`
    runOptions.waitLimitName = u"start ECA Lab with --timeout SECONDS"_s; // the window has no setting of its own
    // The window appears at once; a keychain that takes seconds to answer only delays the secrets.
    PendingSecretStore secrets;
    ui::MainWindow window(ui::UiContext{FlowServices{&network, &clock, &random, browser.get()}, &secrets, &profiles,
                                        &demo, commandLine.profile, runOptions});
    window.show();
    ui::exitAfterFirstFrameIfAsked(&window); // tests/bench/run.sh: ECALAB_EXIT_AFTER_FIRST_FRAME=1
    chooseSecretStore(&app, [&secrets](std::unique_ptr<SecretStore> chosen) { secrets.resolve(std::move(chosen)); });
    return QApplication::exec();
}

} // namespace ecalab::app
