// Benchmark (not a test): the window's event loop while each flow runs from it. The main window
// opens offscreen on the demo org, with the emulator in-process on a thread of its own (as the
// app runs it), and every flow that needs no person is driven as tests/gui drive it — Run pressed,
// the browser scripted, the device code approved through the admin API, the demo password filled
// in. Meanwhile a 1 ms heartbeat (Qt::PreciseTimer) on the window's thread records the gaps
// between its ticks: the longest gap is the longest time the window could not react.
//
//   bench_window_stall [--json]      one row per flow: longest gap, p99 gap, duration
//
// Waiting is done with event loops and signals, never QTest::qWaitFor (it sleeps 10 ms between
// turns, which would be measured as a stall).
#include "EmulatorAdmin.h"
#include "FreePort.h"
#include "ScriptedBrowser.h"

#include "AskView.h"
#include "DemoHints.h"
#include "EmulatorThread.h"
#include "KeyGenerationForm.h"
#include "KeyMaterialPanel.h"
#include "MainWindow.h"
#include "ProfileController.h"
#include "ProfileForm.h"
#include "Prompts.h"
#include "ResultTabs.h"
#include "RunController.h"
#include "TokenSession.h"
#include "WaitPanel.h"

#include "core/Clock.h"
#include "core/RandomSource.h"
#include "profile/ProfileStore.h"
#include "profile/SecretStore.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace ecalab;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kWaitMs = 30'000;

// The app's demo org (app/GuiMain.cpp) reduced to what these runs use: the emulator on its own thread.
class ThreadedDemoOrg final : public ui::DemoOrg
{
public:
    template <typename Work> auto call(Work work) const { return m_emulator.call(work); }

    std::optional<Profile> start(QString *error) override
    {
        if (!m_started && !(m_started = m_emulator.start(0, error)))
            return std::nullopt;
        m_hosts = call([](emu::Emulator &e) { return ui::DemoHosts{e.loginUrl(), e.myDomainUrl(), e.siteUrl()}; });
        auto profile = Profile::fromJson(m_emulator.demoProfile());
        if (!profile) {
            *error = profile.error();
            return std::nullopt;
        }
        return profile.value();
    }
    QString description() const override { return m_started ? u"Emulator (demo org)"_s : u"Emulator stopped"_s; }
    QList<ui::DemoUser> users() const override
    {
        QList<ui::DemoUser> users;
        for (const QJsonValue &u : m_started ? call([](emu::Emulator &e) { return e.users(); }) : QJsonArray())
            users.append({u[u"username"].toString(), u[u"password"].toString()});
        return users;
    }
    QList<ui::DemoMessage> outbox() const override
    {
        if (!m_started)
            return {};
        return ui::demoMessagesFromOutbox(call([](emu::Emulator &e) { return e.outbox(); }));
    }
    bool serves(const QUrl &url) const override
    {
        return m_started && m_hosts.serves(url);
    }
    QString hostName(const QUrl &url) const override { return m_started ? m_hosts.nameOf(url) : QString(); }
    bool installCertificate(const QString &clientId, const QByteArray &pem, QString *error) override
    {
        const QJsonObject changes{{u"certificate"_s, QString::fromLatin1(pem)}};
        return call([&](emu::Emulator &e) { return e.changeApp(clientId, changes, error); });
    }
private:
    emu::EmulatorThread m_emulator;
    ui::DemoHosts m_hosts;
    bool m_started = false;
};

// The person's browser (tests/support's ScriptedBrowser) on a thread of its own, as a real browser
// is another process: loading and parsing its pages is not the window's work.
class BrowserOnItsThread final : public BrowserLauncher
{
public:
    BrowserOnItsThread() : m_anchor(std::make_unique<QObject>())
    {
        m_anchor->moveToThread(&m_thread);
        m_thread.start();
        onThread([this] { m_browser = std::make_unique<test::ScriptedBrowser>(); });
    }
    ~BrowserOnItsThread() override
    {
        onThread([this] { m_browser.reset(); });
        m_thread.quit();
        m_thread.wait();
    }
    void setCredentials(const QString &username, const QString &password)
    {
        onThread([&] { m_browser->setCredentials(username, password); });
    }
    Result open(const QUrl &url) override
    {
        onThread([&] { m_browser->open(url); }); // returns at once: the walk goes on over there
        Result opened;
        opened.opened = true;
        return opened;
    }

private:
    void onThread(const std::function<void()> &work)
    {
        QMetaObject::invokeMethod(m_anchor.get(), work, Qt::BlockingQueuedConnection);
    }
    QThread m_thread;
    std::unique_ptr<QObject> m_anchor;
    std::unique_ptr<test::ScriptedBrowser> m_browser;
};

// A 1 ms timer on the window's thread; each gap between two ticks is kept.
class Heartbeat
{
public:
    Heartbeat()
    {
        m_tick.setTimerType(Qt::PreciseTimer);
        m_tick.setInterval(1);
        QObject::connect(&m_tick, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_gapsNs.append(now - m_last);
            m_last = now;
        });
    }
    void restart()
    {
        m_gapsNs.clear();
        m_clock.start();
        m_last = 0;
        m_tick.start();
    }
    // The time since the last tick counts too: work that never returned to the loop is a stall.
    void stop()
    {
        m_tick.stop();
        const qint64 now = m_clock.nsecsElapsed();
        m_gapsNs.append(now - m_last);
    }
    double elapsedMs() const { return double(m_clock.nsecsElapsed()) / 1e6; }
    qsizetype ticks() const { return m_gapsNs.size(); }
    double gapMs(double percentile) const
    {
        if (m_gapsNs.isEmpty())
            return 0;
        QList<qint64> sorted = m_gapsNs;
        std::sort(sorted.begin(), sorted.end());
        return double(sorted.at(qsizetype(percentile * double(sorted.size() - 1)))) / 1e6;
    }

private:
    QTimer m_tick;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    QList<qint64> m_gapsNs;
};

// Spins the event loop (no sleeping) until `done` holds or `timeoutMs` passes.
bool waitUntil(const std::function<bool()> &done, int timeoutMs = kWaitMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    poll.start(2);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

struct Row
{
    QString name;
    bool ok = false;
    QString note;
    double maxMs = 0, p99Ms = 0, durationMs = 0;
    qsizetype ticks = 0;
};

class StallBench
{
public:
    StallBench()
    {
        qputenv("ECALAB_CONFIG_DIR", m_config.path().toUtf8()); // window.ini goes here, not to ~/.config
        m_profiles = std::make_unique<ProfileStore>(m_config.path());
        m_window = std::make_unique<ui::MainWindow>(
            ui::UiContext{FlowServices{&m_network, &m_clock, &m_random, &m_browser}, &m_secrets, m_profiles.get(),
                          &m_demo, QString(), RunOptions()});
        m_window->show();
    }

    bool openDemo()
    {
        return waitUntil([this] { return m_window->profiles()->current()->demoReady; });
    }

    // Runs `drive` (which returns "" or what went wrong) between a restarted and a stopped heartbeat.
    Row measure(const QString &name, const std::function<QString()> &drive)
    {
        Row row;
        row.name = name;
        m_heartbeat.restart();
        row.note = drive();
        m_heartbeat.stop();
        row.durationMs = m_heartbeat.elapsedMs();
        row.ok = row.note.isEmpty();
        row.maxMs = m_heartbeat.gapMs(1.0);
        row.p99Ms = m_heartbeat.gapMs(0.99);
        row.ticks = m_heartbeat.ticks();
        return row;
    }

    QList<Row> runAll()
    {
        QList<Row> rows;
        rows << measure(u"client-credentials"_s, [this] { return runFlow(u"client-credentials"_s); });
        rows << measure(u"headless-login (demo password)"_s, [this] { return headless(u"headless-login"_s, u"password"_s); });
        rows << measure(u"passwordless-login (outbox code)"_s,
                        [this] { return headless(u"passwordless-login"_s, u"otp"_s); });
        rows << measure(u"device (approved by admin API)"_s, [this] { return device(); });
        rows << measure(u"refresh (token pane)"_s, [this] { return tokenAction(u"refreshButton"_s); });
        rows << measure(u"revoke (token pane)"_s, [this] { return tokenAction(u"revokeButton"_s); });
        rows << measure(u"jwt-bearer: generate key (Keys tab, not a run)"_s, [this] { return generateKeys(); });
        rows << measure(u"jwt-bearer"_s, [this] { return runFlow(u"jwt-bearer"_s, false); });
        // Last: it points the demo app's callback URL at a port of its own, which the headless
        // flows' redirect_uri would no longer match.
        rows << measure(u"web-server (scripted browser)"_s, [this] { return webServer(); });
        return rows;
    }

private:
    template <typename T> T *find(const QString &name) const { return m_window->findChild<T *>(name); }
    Flow *currentFlow() const { return m_window->runner()->currentFlow(); }
    static QString failure(Flow *flow)
    {
        if (!flow)
            return u"no run started"_s;
        if (!flow->isFinished())
            return u"did not finish"_s;
        if (flow->status() != Flow::Status::Succeeded)
            return flow->error() ? flow->error()->summary() : u"failed"_s;
        return {};
    }

    // Selects the flow (unless already selected), presses Run and waits for the end.
    QString runFlow(const QString &name, bool select = true)
    {
        if (select)
            m_window->runner()->selectFlow(name);
        if (m_window->runner()->currentFlowName() != name)
            return u"flow not selectable"_s;
        find<QAction>(u"runAction"_s)->trigger();
        Flow *flow = currentFlow();
        waitUntil([flow] { return !flow || flow->isFinished(); });
        return failure(flow);
    }

    QString webServer()
    {
        m_window->runner()->selectFlow(u"web-server"_s);
        const QUrl callback(u"http://127.0.0.1:%1/OauthRedirect"_s.arg(test::freeLoopbackPort()));
        const QString clientId = m_window->profiles()->currentProfile().clientId;
        const bool changed = m_demo.call([&](emu::Emulator &e) {
            return e.changeApp(clientId, {{u"callbackUrl"_s, callback.toString()}}, nullptr);
        });
        if (!changed)
            return u"callback URL not set on the demo app"_s;
        find<QLineEdit>(u"callbackUrlEdit"_s)->setText(callback.toString());
        find<QLineEdit>(u"scopesEdit"_s)->setText(u"api refresh_token openid"_s);
        const ui::DemoUser user = m_demo.users().value(0);
        m_browser.setCredentials(user.username, user.password);
        return runFlow(u"web-server"_s, false);
    }

    QString tokenAction(const QString &button)
    {
        auto *pressed = find<QPushButton>(button);
        if (!pressed || !pressed->isVisible() || !pressed->isEnabled())
            return button + u" not available"_s;
        ui::Prompts::setNextConfirm(true); // Revoke asks first
        pressed->click();
        ui::TokenSession *tokens = m_window->tokens();
        return waitUntil([tokens] { return tokens->busy() == ui::TokenSession::Operation::None; })
                   ? QString()
                   : u"no answer"_s;
    }

    QString device()
    {
        m_window->runner()->selectFlow(u"device"_s);
        find<QLineEdit>(u"scopesEdit"_s)->setText(u"api refresh_token openid"_s);
        find<QAction>(u"runAction"_s)->trigger();
        Flow *flow = currentFlow();
        if (!flow || !waitUntil([flow] { return flow->isFinished() || flow->status() == Flow::Status::WaitingForUser; }))
            return failure(flow);
        if (flow->isFinished())
            return failure(flow);
        const QUrl admin = m_demo.call([](emu::Emulator &e) { return e.adminUrl(); });
        test::EmulatorAdmin api(admin);
        if (api.approveDevice(flow->prompt().userCode, m_window->profiles()->currentProfile().username).status != 200)
            return u"approval refused"_s;
        waitUntil([flow] { return flow->isFinished(); });
        return failure(flow);
    }

    // As a person does it on the Keys tab: Generate…, then Install on the demo app.
    QString generateKeys()
    {
        m_window->runner()->selectFlow(u"jwt-bearer"_s);
        auto *form = find<ui::ProfileForm>(u"settingsTabs"_s);
        form->setCurrentIndex(int(ui::ProfileForm::Page::Keys));
        find<QPushButton>(u"generateKeysButton"_s)->click();
        ui::KeyGenerationForm *generation = form->keyPanel()->generationForm();
        generation->folderEdit()->setText(m_keys.path());
        generation->bitsCombo()->setCurrentIndex(generation->bitsCombo()->findData(2048));
        generation->generateButton()->click();
        auto *install = find<QPushButton>(u"installCertificateButton"_s);
        if (!waitUntil([install] { return install && install->isVisible(); }, 5000))
            return u"no key generated"_s;
        install->click();
        return install->isVisible() ? u"certificate not installed"_s : QString();
    }

    // Run, wait for the ask prompt `askId`, press Fill in (the demo password or the outbox code) and Enter.
    QString headless(const QString &name, const QString &askId)
    {
        m_window->runner()->selectFlow(name);
        find<QAction>(u"runAction"_s)->trigger();
        Flow *flow = currentFlow();
        ui::WaitPanel *wait = find<ui::ResultTabs>(u"resultTabs"_s)->waitPanel();
        const bool asked = flow && waitUntil([&] {
            return flow->isFinished() || (flow->status() == Flow::Status::WaitingForUser &&
                                          flow->prompt().id == askId && wait->currentWidget() == wait->askView());
        });
        if (!asked || flow->isFinished())
            return failure(flow);
        auto *fill = find<QPushButton>(u"askFillButton"_s);
        if (!fill || !fill->isVisible())
            return u"no demo answer offered"_s;
        fill->click();
        QLineEdit *field = wait->askView()->field();
        QTest::keyClick(field, Qt::Key_Return); // no delay set: it does not sleep
        waitUntil([flow] { return flow->isFinished(); });
        return failure(flow);
    }

    QTemporaryDir m_config;
    QTemporaryDir m_keys;
    QNetworkAccessManager m_network;
    SystemClock m_clock;
    SystemRandomSource m_random;
    InMemorySecretStore m_secrets;
    BrowserOnItsThread m_browser;
    ThreadedDemoOrg m_demo;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<ui::MainWindow> m_window;
    Heartbeat m_heartbeat;
};

void print(const QList<Row> &rows, bool json)
{
    for (const Row &r : rows) {
        if (json) {
            const QJsonObject o{{u"flow"_s, r.name}, {u"ok"_s, r.ok},       {u"note"_s, r.note},
                                {u"maxMs"_s, r.maxMs}, {u"p99Ms"_s, r.p99Ms}, {u"durationMs"_s, r.durationMs},
                                {u"ticks"_s, r.ticks}};
            std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        } else {
            std::printf("%-48s %-4s longest gap %7.2f ms  p99 %6.2f ms  %8.0f ms  %s\n", qPrintable(r.name),
                        r.ok ? "ok" : "FAIL", r.maxMs, r.p99Ms, r.durationMs, qPrintable(r.note));
        }
    }
    std::fflush(stdout);
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const bool json = app.arguments().contains(u"--json"_s);
    StallBench bench;
    if (!bench.openDemo()) {
        std::fprintf(stderr, "bench_window_stall: the demo org did not start\n");
        return 1;
    }
    const QList<Row> rows = bench.runAll();
    print(rows, json);
    return std::all_of(rows.begin(), rows.end(), [](const Row &r) { return r.ok; }) ? 0 : 1;
}
