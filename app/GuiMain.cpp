#include "GuiMain.h"

#include "SecretStores.h"

#include "BrowserChoice.h"
#include "EmulatorThread.h"
#include "FirstFrameProbe.h"
#include "MainWindow.h"
#include "browser/BrowserLauncher.h"
#include "core/Clock.h"
#include "core/RandomSource.h"
#include "oauth/Endpoints.h"
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
// Which of the emulator's three hosts `url` is on (localhost and 127.0.0.1 alike).
QString emulatorHostName(const emu::Emulator &e, const QUrl &url)
{
    const auto on = [&url](const QUrl &host) {
        const bool sameHost = host.host().compare(url.host(), Qt::CaseInsensitive) == 0 ||
                              (isLoopbackHost(host.host()) && isLoopbackHost(url.host()));
        return sameHost && host.port() == url.port();
    };
    if (on(e.siteUrl()))
        return u"site"_s;
    if (on(e.myDomainUrl()))
        return u"My Domain"_s;
    return on(e.loginUrl()) ? u"login host"_s : QString();
}

// The demo org of the window: the emulator, started in-process the first time it is needed, on a
// thread of its own so that a burst of requests (a load test, a script) never freezes the window.
class EmulatorDemoOrg final : public ui::DemoOrg
{
public:
    std::optional<Profile> start(QString *error) override
    {
        if (!m_started && !(m_started = m_emulator.start(0, error)))
            return std::nullopt;
        auto profile = Profile::fromJson(m_emulator.demoProfile());
        if (!profile) {
            *error = profile.error();
            return std::nullopt;
        }
        return profile.value();
    }
    QString description() const override
    {
        return m_started ? u"Emulator running on %1 (demo org)"_s.arg(m_emulator.myDomainUrl().authority())
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
    QString hostName(const QUrl &url) const override
    {
        return m_started ? m_emulator.call([&url](emu::Emulator &e) { return emulatorHostName(e, url); }) : QString();
    }
    // The OTP e-mails and SMS of the emulated site (GET /__emulator/outbox), through the C++ API.
    QList<ui::DemoMessage> outbox() const override
    {
        if (!m_started)
            return {};
        const QJsonArray messages = m_emulator.call([](emu::Emulator &e) { return e.outbox(); });
        QList<ui::DemoMessage> out;
        for (const QJsonValue &m : messages)
            out.append(ui::DemoMessage{.id = m[u"id"].toInt(),
                                       .channel = m[u"channel"].toString(),
                                       .to = m[u"to"].toString(),
                                       .purpose = m[u"purpose"].toString(),
                                       .otp = m[u"otp"].toString(),
                                       .used = m[u"used"].toBool()});
        return out;
    }
    bool serves(const QUrl &url) const override
    {
        return m_started && m_emulator.call([&url](emu::Emulator &e) { return e.serves(url); });
    }
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
    emu::EmulatorThread m_emulator;
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
