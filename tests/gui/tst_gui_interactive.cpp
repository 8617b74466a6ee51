// The browser flows driven from the window against the in-process emulator, each ending with the
// token shown: the web server flow with a scripted browser in the person's place (login, Allow,
// the redirect held a moment so the waiting screen can be read), and the device flow approved
// through the emulator's admin API (/__emulator/device/approve) on a manual clock.
#include "EmulatorAdmin.h"
#include "FreePort.h"
#include "GuiHarness.h"
#include "ScriptedBrowser.h"

#include "BrowserWaitView.h"
#include "CountdownLabel.h"
#include "DeviceCodeView.h"
#include "MessageBanner.h"
#include "QrCodeWidget.h"
#include "ResultTabs.h"
#include "TokenPanel.h"
#include "WaitPanel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QTextBrowser>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kWaitMs = 15'000;
} // namespace

class TestGuiInteractive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void webServerFlowFromTheWindow()
    {
        GuiHarness h;
        ScriptedBrowser browser;
        h.browser = &browser;
        h.open();
        QTRY_VERIFY(h.window->profiles()->current()->demoReady);
        QCOMPARE(h.selectFlow(u"web-server"_s), u"web-server"_s);

        // A free loopback port, registered as the demo app's callback: hermetic even in parallel.
        const QUrl callback(u"http://127.0.0.1:%1/OauthRedirect"_s.arg(freeLoopbackPort()));
        emu::Emulator &emulator = h.demo.emulator();
        const Profile demo = h.window->profiles()->currentProfile();
        QString error;
        QVERIFY2(emulator.changeApp(demo.clientId, {{u"callbackUrl"_s, callback.toString()}}, &error),
                 qPrintable(error));
        h.find<QLineEdit>(u"callbackUrlEdit"_s)->setText(callback.toString());
        h.find<QLineEdit>(u"scopesEdit"_s)->setText(u"api refresh_token openid"_s);
        const QJsonObject user = emulator.users().first().toObject();
        browser.setCredentials(user.value(u"username").toString(), user.value(u"password").toString());
        browser.holdRedirectsTo(callback.toString());

        h.find<QAction>(u"runAction"_s)->trigger();
        Flow *flow = h.window->runner()->currentFlow();
        QVERIFY(flow);
        QSignalSpy held(&browser, &ScriptedBrowser::heldRedirect);
        QVERIFY2(held.wait(kWaitMs), "the browser never came back to the callback");

        // The waiting screen, while the person is "in the browser".
        auto *tabs = h.find<ui::ResultTabs>(u"resultTabs"_s);
        ui::WaitPanel *wait = tabs->waitPanel();
        QVERIFY(tabs->isTabVisible(tabs->indexOf(wait)));
        QCOMPARE(tabs->currentWidget(), wait);
        ui::BrowserWaitView *view = wait->browserView();
        QCOMPARE(wait->currentWidget(), view);
        QCOMPARE(browser.openCount(), 1);
        QCOMPARE(view->urlField()->text(), browser.openedUrl().toString(QUrl::FullyEncoded));
        QVERIFY(view->findChild<QLabel *>(u"callbackListening"_s)->text().contains(callback.toString()));
        QCOMPARE(view->findChild<QLabel *>(u"browserState"_s)->property("opened").toBool(), true);
        QVERIFY2(view->countdown()->text().endsWith(u" left"_s), qPrintable(view->countdown()->text()));
        QVERIFY(h.find<QAction>(u"cancelAction"_s)->isEnabled());
        h.screenshotIfAsked(u"waiting-web-server"_s);

        browser.follow(browser.heldUrl());
        QVERIFY(QTest::qWaitFor([flow] { return flow->isFinished(); }, kWaitMs));
        QVERIFY2(flow->status() == Flow::Status::Succeeded,
                 qPrintable(flow->error() ? flow->error()->summary() : QString()));

        // The token, with the ID token's verdict first.
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(wait)));
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(tabs->tokenPanel()));
        auto *idToken = h.find<QLabel>(u"idTokenBadge"_s);
        QVERIFY(idToken);
        QCOMPARE(idToken->property("verdict").toString(), u"valid"_s);
        QVERIFY(idToken->text().contains(u"ID token valid"_s));
        QVERIFY(h.window->findChild<QWidget *>(u"token_access_token"_s));
        QVERIFY(h.window->findChild<QWidget *>(u"token_refresh_token"_s));
        QVERIFY(h.find<QLabel>(u"runStatus"_s)->accessibleName().startsWith(u"Token received"_s));
    }

    void deviceFlowFromTheWindowApprovedByTheAdminApi()
    {
        GuiHarness h;
        h.useManualClock = true;
        h.open();
        QTRY_VERIFY(h.window->profiles()->current()->demoReady);
        emu::Emulator &emulator = h.demo.emulator();
        h.manualClock.setNow(QDateTime::fromMSecsSinceEpoch(emulator.nowMs(), Qt::UTC));
        QCOMPARE(h.selectFlow(u"device"_s), u"device"_s);
        h.find<QLineEdit>(u"scopesEdit"_s)->setText(u"api refresh_token openid"_s);

        h.find<QAction>(u"runAction"_s)->trigger();
        Flow *flow = h.window->runner()->currentFlow();
        QVERIFY(flow);
        QVERIFY(QTest::qWaitFor([flow] { return flow->isFinished() || flow->status() == Flow::Status::WaitingForUser; },
                                kWaitMs));
        QVERIFY2(flow->status() == Flow::Status::WaitingForUser,
                 qPrintable(flow->error() ? flow->error()->summary() : QString()));

        auto *tabs = h.find<ui::ResultTabs>(u"resultTabs"_s);
        ui::WaitPanel *wait = tabs->waitPanel();
        QCOMPARE(tabs->currentWidget(), wait);
        ui::DeviceCodeView *view = wait->deviceView();
        QCOMPARE(wait->currentWidget(), view);
        const UserPrompt prompt = flow->prompt();
        QVERIFY(!prompt.userCode.isEmpty());
        QCOMPARE(view->codeLabel()->text(), prompt.userCode);
        QVERIFY(view->qrCode()->moduleCount() > 0);
        QCOMPARE(view->qrCode()->text(), ui::DeviceCodeView::scanUrl(prompt).toString(QUrl::FullyEncoded));
        const QString before = view->countdown()->text();

        // One poll answered "pending", seen on the screen.
        emulator.advanceClock(prompt.intervalSeconds);
        h.manualClock.advanceMs(prompt.intervalSeconds * 1000);
        QVERIFY(QTest::qWaitFor([flow] { return flow->prompt().pollCount == 1; }, kWaitMs));
        QVERIFY2(view->pollLabel()->text().contains(u"1 poll so far"_s), qPrintable(view->pollLabel()->text()));
        QVERIFY(view->pollLabel()->text().contains(u"authorization_pending"_s));
        QVERIFY(view->countdown()->text() != before);
        h.screenshotIfAsked(u"waiting-device"_s);

        EmulatorAdmin admin(emulator.adminUrl());
        QCOMPARE(admin.approveDevice(prompt.userCode, h.window->profiles()->currentProfile().username).status, 200);
        emulator.advanceClock(flow->prompt().intervalSeconds);
        h.manualClock.advanceMs(flow->prompt().intervalSeconds * 1000);
        QVERIFY(QTest::qWaitFor([flow] { return flow->isFinished(); }, kWaitMs));
        QVERIFY2(flow->status() == Flow::Status::Succeeded,
                 qPrintable(flow->error() ? flow->error()->summary() : QString()));

        QVERIFY(!tabs->isTabVisible(tabs->indexOf(wait)));
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(tabs->tokenPanel()));
        auto *idToken = h.find<QLabel>(u"idTokenBadge"_s);
        QVERIFY(idToken);
        QCOMPARE(idToken->property("verdict").toString(), u"valid"_s);
        QVERIFY(h.window->findChild<QWidget *>(u"token_access_token"_s));
        QCOMPARE(h.manualClock.activeTimerCount(), 0); // no countdown left ticking
    }

    void cancelFromTheWaitingScreen()
    {
        GuiHarness h;
        h.useManualClock = true;
        h.open();
        QTRY_VERIFY(h.window->profiles()->current()->demoReady);
        h.manualClock.setNow(QDateTime::fromMSecsSinceEpoch(h.demo.emulator().nowMs(), Qt::UTC));
        h.selectFlow(u"device"_s);
        h.find<QAction>(u"runAction"_s)->trigger();
        Flow *flow = h.window->runner()->currentFlow();
        QVERIFY(QTest::qWaitFor([flow] { return flow->isFinished() || flow->status() == Flow::Status::WaitingForUser; },
                                kWaitMs));
        auto *wait = h.find<ui::ResultTabs>(u"resultTabs"_s)->waitPanel();
        QVERIFY(wait->isWaiting());
        wait->deviceView()->findChild<QAbstractButton *>(u"cancelWaitButton"_s)->click();
        QVERIFY(QTest::qWaitFor([flow] { return flow->isFinished(); }, kWaitMs));
        QCOMPARE(flow->status(), Flow::Status::Cancelled);
        QVERIFY(!wait->isWaiting());
        QVERIFY(h.find<ui::MessageBanner>(u"messageBanner"_s)->plainText().contains(u"cancelled"_s));
    }

    // A token whose signature does not verify fails the run, and stays on screen beside the error.
    void aFailedCheckShowsTheTokenAndTheError()
    {
        GuiHarness h;
        h.open();
        h.selectFlow(u"client-credentials"_s);
        QTRY_VERIFY(h.window->profiles()->current()->demoReady);
        const QJsonObject forged{{u"access_token"_s, u"00D000000000001!forged"_s},
                                 {u"id"_s, u"http://127.0.0.1/id/00D000000000001AAA/005000000000001AAA"_s},
                                 {u"issued_at"_s, u"1732790000123"_s},
                                 {u"signature"_s, u"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="_s},
                                 {u"token_type"_s, u"Bearer"_s},
                                 {u"instance_url"_s, u"http://127.0.0.1"_s}};
        EmulatorAdmin admin(h.demo.emulator().adminUrl());
        QCOMPARE(admin.injectFault({{u"path"_s, u"/services/oauth2/token"_s},
                                    {u"kind"_s, u"status"_s},
                                    {u"status"_s, 200},
                                    {u"contentType"_s, u"application/json"_s},
                                    {u"body"_s, QString::fromUtf8(QJsonDocument(forged).toJson())}})
                     .status,
                 200);
        Flow *flow = h.runAndWait();
        QVERIFY(flow);
        QCOMPARE(flow->status(), Flow::Status::Failed);
        QCOMPARE(h.find<ui::MessageBanner>(u"messageBanner"_s)->kind(), ui::MessageBanner::Kind::Error);
        QVERIFY(h.window->findChild<QWidget *>(u"token_access_token"_s));
        const QString explanation = h.find<QTextBrowser>(u"explanationView"_s)->toPlainText();
        QVERIFY2(explanation.contains(u"signature"_s), qPrintable(explanation));
    }
};

QTEST_MAIN(TestGuiInteractive)
#include "tst_gui_interactive.moc"
