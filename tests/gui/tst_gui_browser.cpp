// Browser honesty and demo first, in the window against the in-process emulator: the demo user and
// password where the browser flows wait (and never for another org), a launcher that fails
// reported on the waiting screen while the run still waits, and a wrong callback URL caught by the
// authorize probe at once instead of a five-minute countdown.
#include "FreePort.h"
#include "GuiHarness.h"
#include "HostileServer.h"

#include "BrowserWaitView.h"
#include "CopyFeedback.h"
#include "CountdownLabel.h"
#include "DeviceCodeView.h"
#include "ResultTabs.h"
#include "WaitPanel.h"
#include "browser/BrowserLauncher.h"
#include "http/ExchangeLog.h"

#include <QClipboard>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTextBrowser>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kWaitMs = 15'000;

// Opens nothing; says what it is told (opened, or failed with a reason).
class ToldLauncher final : public BrowserLauncher
{
public:
    explicit ToldLauncher(Result answer) : m_answer(std::move(answer)) {}
    Result open(const QUrl &url) override
    {
        opened.append(url);
        return m_answer;
    }
    QList<QUrl> opened;

private:
    Result m_answer;
};
} // namespace

class TestGuiBrowser : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuiHarness> h;

    ui::WaitPanel *waitPanel() const { return h->find<ui::ResultTabs>(u"resultTabs"_s)->waitPanel(); }

    // The demo profile with a free loopback callback the demo app registers (hermetic in parallel).
    QUrl useFreeCallback(bool registered = true)
    {
        const QUrl callback(u"http://127.0.0.1:%1/OauthRedirect"_s.arg(freeLoopbackPort()));
        if (registered) {
            const Profile demo = h->window->profiles()->currentProfile();
            QString error;
            if (!h->demo.emulator().changeApp(demo.clientId, {{u"callbackUrl"_s, callback.toString()}}, &error))
                qWarning("%s", qPrintable(error));
        }
        h->find<QLineEdit>(u"callbackUrlEdit"_s)->setText(callback.toString());
        return callback;
    }

    Flow *startAndWait(const QString &flowName)
    {
        if (h->selectFlow(flowName) != flowName)
            return nullptr;
        h->find<QAction>(u"runAction"_s)->trigger();
        Flow *flow = h->window->runner()->currentFlow();
        if (!flow ||
            !QTest::qWaitFor([flow] { return flow->isFinished() || flow->status() == Flow::Status::WaitingForUser; },
                             kWaitMs))
            return nullptr;
        return flow;
    }

    bool openDemo(BrowserLauncher *browser)
    {
        h->browser = browser;
        h->open();
        return QTest::qWaitFor([&] { return h->window->profiles()->current()->demoReady; }, 5000);
    }

private Q_SLOTS:
    void init() { h = std::make_unique<GuiHarness>(); }
    void cleanup() { h.reset(); }

    void demoCredentialsOnTheWebServerWaitScreen()
    {
        ToldLauncher browser({true, {}, false, {}});
        QVERIFY(openDemo(&browser));
        useFreeCallback();
        Flow *flow = startAndWait(u"web-server"_s);
        QVERIFY(flow);
        QCOMPARE(flow->status(), Flow::Status::WaitingForUser);
        ui::BrowserWaitView *view = waitPanel()->browserView();
        QCOMPARE(waitPanel()->currentWidget(), view);
        ui::DemoLoginRow *demo = view->demoLogin();
        QVERIFY(!demo->isHidden());
        const QString text = demo->label()->text();
        QVERIFY2(text.contains(u"ada@ecalab.example"_s) && text.contains(u"Demo-Pass-1234"_s), qPrintable(text));
        h->screenshotIfAsked(u"waiting-web-server-demo-login"_s);

        auto *copyPassword = demo->findChild<QPushButton *>(u"copyDemoPasswordButton"_s);
        const QString label = copyPassword->text();
        copyPassword->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"Demo-Pass-1234"_s);
        QCOMPARE(copyPassword->text(), u"Copied"_s);
        QTRY_COMPARE_WITH_TIMEOUT(copyPassword->text(), label, ui::copiedFeedbackMs + 2000);
        demo->findChild<QPushButton *>(u"copyDemoUsernameButton"_s)->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"ada@ecalab.example"_s);
        h->window->runner()->cancel();
    }

    void demoCredentialsOnTheDeviceScreen()
    {
        h->useManualClock = true;
        QVERIFY(openDemo(nullptr));
        h->manualClock.setNow(QDateTime::fromMSecsSinceEpoch(h->demo.emulator().nowMs(), Qt::UTC));
        Flow *flow = startAndWait(u"device"_s);
        QVERIFY(flow);
        QVERIFY2(flow->status() == Flow::Status::WaitingForUser,
                 qPrintable(flow->error() ? flow->error()->summary() : QString()));
        ui::DeviceCodeView *view = waitPanel()->deviceView();
        QCOMPARE(waitPanel()->currentWidget(), view);
        QVERIFY(!view->demoLogin()->isHidden());
        QVERIFY(view->demoLogin()->label()->text().contains(u"ada@ecalab.example"_s));
        // The user code's copy button confirms too.
        auto *copyCode = view->findChild<QPushButton *>(u"copyUserCodeButton"_s);
        copyCode->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), flow->prompt().userCode);
        QCOMPARE(copyCode->text(), u"Copied"_s);
        h->window->runner()->cancel();
    }

    // Another org (here a server that only shows a proxy page): no demo password on its screen.
    void noDemoCredentialsForAnotherOrg()
    {
        HostileServer other(HostileServer::Behaviour::Html);
        ToldLauncher browser({true, {}, false, {}});
        QVERIFY(openDemo(&browser));
        h->find<QLineEdit>(u"loginUrlEdit"_s)->setText(other.url());
        useFreeCallback(false);
        Flow *flow = startAndWait(u"web-server"_s);
        QVERIFY(flow);
        QVERIFY2(flow->status() == Flow::Status::WaitingForUser,
                 qPrintable(flow->error() ? flow->error()->summary() : QString()));
        ui::BrowserWaitView *view = waitPanel()->browserView();
        QVERIFY(view->urlField()->text().startsWith(other.url()));
        QVERIFY(view->demoLogin()->isHidden());
        QVERIFY(!view->demoLogin()->label()->text().contains(u"Demo-Pass"_s));
        h->window->runner()->cancel();
    }

    void aFailingLauncherIsReported_data()
    {
        QTest::addColumn<bool>("command"); // `false` as --browser COMMAND, else a launcher that says it failed
        QTest::newRow("--browser false") << true;
        QTest::newRow("launcher reports failure") << false;
    }
    void aFailingLauncherIsReported()
    {
        QFETCH(bool, command);
        CommandBrowserLauncher exitsNonZero(u"false"_s);
        ToldLauncher fails({false, u"No handler for http URLs."_s, true, {}});
        QVERIFY(openDemo(command ? static_cast<BrowserLauncher *>(&exitsNonZero) : &fails));
        useFreeCallback();
        Flow *flow = startAndWait(u"web-server"_s);
        QVERIFY(flow);
        ui::BrowserWaitView *view = waitPanel()->browserView();
        QLabel *state = view->browserStateLabel();
        QTRY_VERIFY_WITH_TIMEOUT(state->property("launchFailed").toBool(), kWaitMs);
        QVERIFY2(state->text().contains(u"Could not open your browser — copy the URL and open it yourself"_s),
                 qPrintable(state->text()));
        QVERIFY(!state->text().contains(u"Opened in your browser"_s));
        QVERIFY(!state->text().contains(u"goes on by itself"_s));
        QVERIFY(state->text().contains(command ? u"exited with status 1"_s : u"No handler"_s));
        // The run still waits for the callback: the URL can be pasted.
        QCOMPARE(flow->status(), Flow::Status::WaitingForUser);
        QCOMPARE(flow->stages().at(1).state, Flow::StageState::Warning);
        QVERIFY(
            flow->stages().at(1).detail.contains(u"Could not open your browser — copy the URL and open it yourself"_s));
        auto *copy = view->findChild<QPushButton *>(u"copyAuthorizeUrlButton"_s);
        QVERIFY(copy->property("prominent").toBool());
        QVERIFY(copy->isDefault());
        copy->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), view->urlField()->text());
        QCOMPARE(copy->text(), u"Copied"_s);
        QVERIFY(view->countdown()->text().endsWith(u" left"_s));
        h->window->runner()->cancel();
    }

    // The emulator's app does not register this callback: the browser shows Salesforce's error
    // page (§3.2), and so does the probe; the run ends at once with the catalogue's explanation.
    void aWrongCallbackIsCaughtByTheProbe()
    {
        ToldLauncher browser({true, {}, false, {}});
        QVERIFY(openDemo(&browser));
        const QUrl callback = useFreeCallback(false);
        QVERIFY(h->selectFlow(u"web-server"_s) == u"web-server");
        QElapsedTimer elapsed;
        elapsed.start();
        h->find<QAction>(u"runAction"_s)->trigger();
        Flow *flow = h->window->runner()->currentFlow();
        QVERIFY(flow);
        QTRY_VERIFY_WITH_TIMEOUT(flow->isFinished(), kWaitMs);
        QVERIFY(elapsed.elapsed() < kWaitMs); // not the five-minute wait
        QCOMPARE(flow->error()->error, u"redirect_uri_mismatch"_s);
        QCOMPARE(flow->error()->stageId, u"wait-for-callback"_s);
        QVERIFY(
            flow->error()->explanation.contains(u"Your browser is showing Salesforce's error redirect_uri_mismatch"_s));
        QVERIFY(flow->error()->explanation.contains(callback.toString()));

        // The countdown is gone with the waiting tab; the banner and the Explanation tab say why.
        auto *tabs = h->find<ui::ResultTabs>(u"resultTabs"_s);
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(tabs->waitPanel())));
        QVERIFY(!waitPanel()->isWaiting());
        const QString banner = h->find<QLabel>(u"messageText"_s)->text();
        QVERIFY2(banner.contains(u"redirect_uri_mismatch"_s), qPrintable(banner));
        const QString explanation = tabs->explanationView()->toPlainText();
        QVERIFY2(explanation.contains(u"not exactly one of the app's callback URLs"_s), qPrintable(explanation));
        QVERIFY(explanation.contains(u"Callback URL"_s));
        // The probe is in the traffic like every exchange: one GET of the authorize URL.
        int probes = 0;
        for (const Exchange &e : h->window->runner()->session()->log()->exchanges())
            probes += e.stageId == u"wait-for-callback" && e.request.method == "GET";
        QCOMPARE(probes, 1);
    }
};

QTEST_MAIN(TestGuiBrowser)
#include "tst_gui_browser.moc"
