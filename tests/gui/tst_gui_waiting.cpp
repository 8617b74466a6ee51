// The waiting screens on their own, fed a UserPrompt as a flow would: the browser view (URL, copy,
// open again, callback address, countdown) and the device-code view (large code, QR, polls,
// countdown), the "Your turn" tab, and the settings the browser flows add to the form.
#include "BrowserWaitView.h"
#include "CountdownLabel.h"
#include "DeviceCodeView.h"
#include "ProfileForm.h"
#include "ProfileValidation.h"
#include "QrCodeWidget.h"
#include "ResultTabs.h"
#include "WaitPanel.h"

#include "browser/BrowserLauncher.h"
#include "core/Clock.h"
#include "qr/QrCode.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace ecalab;
using namespace ecalab::ui;
using namespace Qt::Literals::StringLiterals;

namespace {
const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1'764'000'000, Qt::UTC);

// Records what the views ask to open; answers as told.
class RecordingLauncher final : public BrowserLauncher
{
public:
    Result open(const QUrl &url) override
    {
        opened.append(url);
        return answer;
    }
    QList<QUrl> opened;
    Result answer{true, {}, false, {}};
};

UserPrompt browserPrompt(qint64 nowMs)
{
    UserPrompt p;
    p.kind = UserPrompt::Kind::OpenBrowser;
    p.url = QUrl(u"https://login.example.test/services/oauth2/authorize?response_type=code&client_id=3MVG9abc"
                 "&redirect_uri=http%3A%2F%2Flocalhost%3A1717%2FOauthRedirect&scope=api%20refresh_token&state=s1"_s);
    p.listeningOn = QUrl(u"http://localhost:1717/OauthRedirect"_s);
    p.browserOpened = false;
    p.browserNote = u"Not opened: --no-browser."_s;
    p.deadlineMs = nowMs + 300'000;
    return p;
}

UserPrompt devicePrompt(qint64 nowMs)
{
    UserPrompt p;
    p.kind = UserPrompt::Kind::EnterDeviceCode;
    p.url = QUrl(u"https://acme.my.salesforce.com/setup/connect"_s);
    p.completeUrl = QUrl(u"https://acme.my.salesforce.com/setup/connect?user_code=WDJB-MJHT"_s);
    p.userCode = u"WDJB-MJHT"_s;
    p.deadlineMs = nowMs + 600'000;
    p.pollCount = 3;
    p.intervalSeconds = 5;
    p.lastAnswer = u"authorization_pending"_s;
    return p;
}

template <typename T> T *child(const QWidget &parent, const QString &name)
{
    T *widget = parent.findChild<T *>(name);
    if (!widget)
        qWarning("no child named %s", qPrintable(name));
    return widget;
}
} // namespace

class TestGuiWaiting : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countdownTextRoundsUpToWholeSeconds()
    {
        QCOMPARE(CountdownLabel::remainingText(300'000), u"5:00"_s);
        QCOMPARE(CountdownLabel::remainingText(299'001), u"5:00"_s);
        QCOMPARE(CountdownLabel::remainingText(59'000), u"0:59"_s);
        QCOMPARE(CountdownLabel::remainingText(3'723'000), u"1:02:03"_s);
        QCOMPARE(CountdownLabel::remainingText(-5), u"0:00"_s);
    }

    void browserViewShowsTheUrlTheCallbackAndTheTimeLeft()
    {
        ManualClock clock(kNow);
        RecordingLauncher launcher;
        BrowserWaitView view(&clock);
        view.setBrowser(&launcher);
        const UserPrompt prompt = browserPrompt(clock.msecsSinceEpoch());
        view.showPrompt(prompt);

        QCOMPARE(view.urlField()->text(), prompt.url.toString(QUrl::FullyEncoded));
        QVERIFY(view.urlField()->isReadOnly());
        QVERIFY(view.urlField()->text().contains(u"scope=api%20refresh_token"_s)); // pastes as it was sent
        auto *listening = child<QLabel>(view, u"callbackListening"_s);
        QCOMPARE(listening->text(), u"Waiting for the callback on http://localhost:1717/OauthRedirect"_s);
        auto *state = child<QLabel>(view, u"browserState"_s);
        QCOMPARE(state->property("opened").toBool(), false);
        QVERIFY2(state->text().contains(u"--no-browser"_s), qPrintable(state->text()));

        QCOMPARE(view.countdown()->text(), u"5:00 left"_s);
        clock.advanceMs(1000);
        QCOMPARE(view.countdown()->text(), u"4:59 left"_s);
        clock.advanceMs(58'000);
        QCOMPARE(view.countdown()->text(), u"4:01 left"_s);
        clock.advanceMs(241'000);
        QCOMPARE(view.countdown()->text(), u"time is up"_s);
        QCOMPARE(clock.activeTimerCount(), 0); // no ticking after the deadline
    }

    void browserViewCopiesAndOpensAgain()
    {
        ManualClock clock(kNow);
        RecordingLauncher launcher;
        BrowserWaitView view(&clock);
        view.setBrowser(&launcher);
        const UserPrompt prompt = browserPrompt(clock.msecsSinceEpoch());
        view.showPrompt(prompt);

        QApplication::clipboard()->clear();
        child<QPushButton>(view, u"copyAuthorizeUrlButton"_s)->click();
        QCOMPARE(QApplication::clipboard()->text(), prompt.url.toString(QUrl::FullyEncoded));

        child<QPushButton>(view, u"openAuthorizeUrlButton"_s)->click();
        QCOMPARE(launcher.opened, QList<QUrl>{prompt.url});
        QCOMPARE(child<QLabel>(view, u"browserState"_s)->property("opened").toBool(), true);

        launcher.answer = {false, u"xdg-open is not installed."_s, false, {}};
        child<QPushButton>(view, u"openAuthorizeUrlButton"_s)->click();
        QCOMPARE(launcher.opened.size(), 2);
        QVERIFY(child<QLabel>(view, u"browserState"_s)->text().contains(u"xdg-open is not installed."_s));

        QSignalSpy cancel(&view, &BrowserWaitView::cancelRequested);
        child<QPushButton>(view, u"cancelWaitButton"_s)->click();
        QCOMPARE(cancel.size(), 1);
        view.stopWaiting();
        QVERIFY(!child<QPushButton>(view, u"cancelWaitButton"_s)->isEnabled());
    }

    void browserViewWithoutLauncherOffersOnlyCopy()
    {
        ManualClock clock(kNow);
        BrowserWaitView view(&clock);
        view.showPrompt(browserPrompt(clock.msecsSinceEpoch()));
        QVERIFY(!child<QPushButton>(view, u"openAuthorizeUrlButton"_s)->isEnabled());
        QVERIFY(child<QPushButton>(view, u"copyAuthorizeUrlButton"_s)->isEnabled());
    }

    void deviceViewShowsTheCodeLargeWithAQrCode()
    {
        ManualClock clock(kNow);
        RecordingLauncher launcher;
        DeviceCodeView view(&clock);
        view.setBrowser(&launcher);
        const UserPrompt prompt = devicePrompt(clock.msecsSinceEpoch());
        view.showPrompt(prompt);

        QCOMPARE(view.codeLabel()->text(), u"WDJB-MJHT"_s);
        QVERIFY(view.codeLabel()->textInteractionFlags() & Qt::TextSelectableByMouse);
        QVERIFY2(view.codeLabel()->font().pointSizeF() >= 3 * view.font().pointSizeF(),
                 "the code is read from across the room");
        QVERIFY(child<QLabel>(view, u"verificationUrlLabel"_s)->text().contains(prompt.url.toString()));

        // The QR carries the complete URL (code filled in), module for module as libqrencode made it.
        const auto expected = QrCode::encode(prompt.completeUrl.toString(QUrl::FullyEncoded).toUtf8());
        QVERIFY(expected);
        QVERIFY(view.qrCode()->moduleCount() > 0);
        QCOMPARE(view.qrCode()->moduleCount(), expected.value().size());
        QCOMPARE(view.qrCode()->text(), prompt.completeUrl.toString(QUrl::FullyEncoded));
        int dark = 0;
        for (int y = 0; y < expected.value().size(); ++y) {
            for (int x = 0; x < expected.value().size(); ++x)
                dark += expected.value().isDark(x, y) ? 1 : 0;
        }
        QVERIFY(dark > 0);
        QCOMPARE(view.qrCode()->darkModuleCount(), dark);
        QCOMPARE(child<QLabel>(view, u"deviceQrCaption"_s)->text(), u"Scan to open the page with the code filled in"_s);

        const QString polls = view.pollLabel()->text();
        QVERIFY2(polls.contains(u"3 polls so far"_s), qPrintable(polls));
        QVERIFY2(polls.contains(u"every 5 s"_s), qPrintable(polls));
        QVERIFY2(polls.contains(u"last answer: authorization_pending"_s), qPrintable(polls));

        QCOMPARE(view.countdown()->text(), u"10:00 left"_s);
        clock.advanceMs(5000);
        QCOMPARE(view.countdown()->text(), u"9:55 left"_s);
    }

    void deviceViewFollowsPollsAndCopiesAndOpens()
    {
        ManualClock clock(kNow);
        RecordingLauncher launcher;
        DeviceCodeView view(&clock);
        view.setBrowser(&launcher);
        UserPrompt prompt = devicePrompt(clock.msecsSinceEpoch());
        view.showPrompt(prompt);
        prompt.pollCount = 4;
        prompt.intervalSeconds = 10;
        prompt.lastAnswer = u"slow_down"_s;
        view.showPrompt(prompt);
        QVERIFY(view.pollLabel()->text().contains(u"4 polls so far · every 10 s · last answer: slow_down"_s));

        QApplication::clipboard()->clear();
        child<QPushButton>(view, u"copyUserCodeButton"_s)->click();
        QCOMPARE(QApplication::clipboard()->text(), u"WDJB-MJHT"_s);
        child<QPushButton>(view, u"copyVerificationUrlButton"_s)->click();
        QCOMPARE(QApplication::clipboard()->text(), u"https://acme.my.salesforce.com/setup/connect"_s);
        child<QPushButton>(view, u"openVerificationUrlButton"_s)->click();
        QCOMPARE(launcher.opened, QList<QUrl>{prompt.completeUrl});

        launcher.answer = {false, u"No browser here."_s, false, {}};
        child<QPushButton>(view, u"openVerificationUrlButton"_s)->click();
        auto *note = child<QLabel>(view, u"verificationOpenNote"_s);
        QVERIFY(!note->isHidden());
        QVERIFY(note->text().contains(u"No browser here."_s));
    }

    void deviceViewWithoutCompleteUrlEncodesThePlainOne()
    {
        ManualClock clock(kNow);
        DeviceCodeView view(&clock);
        UserPrompt prompt = devicePrompt(clock.msecsSinceEpoch());
        prompt.completeUrl = QUrl();
        view.showPrompt(prompt);
        QCOMPARE(view.qrCode()->text(), prompt.url.toString(QUrl::FullyEncoded));
        QCOMPARE(view.qrCode()->moduleCount(), QrCode::encode(prompt.url.toEncoded()).value().size());
        QCOMPARE(child<QLabel>(view, u"deviceQrCaption"_s)->text(), u"Scan to open the page"_s);
    }

    void yourTurnTabAppearsOnlyWhileWaiting()
    {
        ManualClock clock(kNow);
        ResultTabs tabs(&clock);
        WaitPanel *wait = tabs.waitPanel();
        QVERIFY(!tabs.isTabVisible(tabs.indexOf(wait)));
        QSignalSpy waiting(wait, &WaitPanel::waitingChanged);

        wait->showPrompt(devicePrompt(clock.msecsSinceEpoch()));
        QVERIFY(tabs.isTabVisible(tabs.indexOf(wait)));
        QCOMPARE(tabs.currentWidget(), wait);
        QCOMPARE(wait->currentWidget(), wait->deviceView());

        wait->showPrompt(browserPrompt(clock.msecsSinceEpoch()));
        QCOMPARE(wait->currentWidget(), wait->browserView());
        QCOMPARE(waiting.size(), 1); // still waiting: one change so far

        wait->showPrompt(UserPrompt{});
        QVERIFY(!tabs.isTabVisible(tabs.indexOf(wait)));
        QVERIFY(tabs.currentWidget() != wait);
        QCOMPARE(waiting.size(), 2);
        QCOMPARE(clock.activeTimerCount(), 0); // countdowns stopped
    }

    void webServerSettingsAreValidated()
    {
        Profile p;
        p.name = u"Acme"_s;
        p.loginUrl = QUrl(u"https://acme.my.salesforce.com"_s);
        p.clientId = u"3MVG9abc"_s;
        auto problemFor = [](const QList<FieldProblem> &problems, ProfileField field) -> const FieldProblem * {
            for (const FieldProblem &problem : problems) {
                if (problem.field == field)
                    return &problem;
            }
            return nullptr;
        };
        QList<FieldProblem> problems = validateProfile(p, u"web-server"_s);
        const FieldProblem *missing = problemFor(problems, ProfileField::CallbackUrl);
        QVERIFY(missing && missing->blocking);
        QVERIFY(missing->message.contains(u"Callback URL"_s));
        QVERIFY(!problemFor(validateProfile(p, u"device"_s), ProfileField::CallbackUrl));

        p.callbackUrl = QUrl(u"https://app.example.com/callback"_s);
        problems = validateProfile(p, u"web-server"_s);
        const FieldProblem *remote = problemFor(problems, ProfileField::CallbackUrl);
        QVERIFY(remote && remote->blocking);
        QVERIFY(remote->message.contains(u"loopback"_s));
        // Client credentials has no callback: its validation does not look at the field.
        QVERIFY(!problemFor(validateProfile(p, u"client-credentials"_s), ProfileField::CallbackUrl));

        p.callbackUrl = QUrl(u"http://localhost:1717/OauthRedirect"_s);
        QVERIFY(!problemFor(validateProfile(p, u"web-server"_s), ProfileField::CallbackUrl));

        p.prompt = u"login nag"_s;
        problems = validateProfile(p, u"web-server"_s);
        const FieldProblem *prompt = problemFor(problems, ProfileField::Prompt);
        QVERIFY(prompt && !prompt->blocking);
        QVERIFY(prompt->message.contains(u"\"nag\""_s));
        p.prompt = u"login consent"_s;
        QVERIFY(!problemFor(validateProfile(p, u"web-server"_s), ProfileField::Prompt));
    }

    void formKeepsTheBrowserAndDeviceSettings()
    {
        Profile p;
        p.name = u"Acme"_s;
        p.loginUrl = QUrl(u"https://acme.my.salesforce.com"_s);
        p.clientId = u"3MVG9abc"_s;
        p.callbackUrl = QUrl(u"http://localhost:1717/OauthRedirect"_s);
        p.scopes = QStringList{u"api"_s, u"openid"_s};
        p.pkce = false;
        p.prompt = u"login"_s;
        p.loginHint = u"admin@acme.com"_s;
        p.display = u"touch"_s;
        p.deviceDialect = DeviceDialect::Rfc8628;
        p.deviceCodeLifetimeSeconds = 900;
        ProfileForm form;
        form.setFlowName(u"web-server"_s); // the flow that uses prompt, and so checks it
        form.setProfile(p);
        QCOMPARE(form.findChild<QSpinBox *>(u"deviceCodeLifetimeSpin"_s)->value(), 900);
        QCOMPARE(form.findChild<QComboBox *>(u"deviceDialectCombo"_s)->currentData().toString(), u"rfc8628"_s);
        const Profile back = form.profile();
        QCOMPARE(back.toJson(true), p.toJson(true));

        QSignalSpy edited(&form, &ProfileForm::edited);
        form.findChild<QComboBox *>(u"deviceDialectCombo"_s)->setCurrentIndex(1);
        QCOMPARE(edited.size(), 1);
        QCOMPARE(form.profile().deviceDialect, DeviceDialect::Salesforce);
        form.findChild<QLineEdit *>(u"promptEdit"_s)->setText(u"sometimes"_s);
        QVERIFY(!form.findChild<QLabel *>(u"promptProblem"_s)->isHidden());
        QVERIFY(!form.hasBlockingProblems());
    }
};

QTEST_MAIN(TestGuiWaiting)
#include "tst_gui_waiting.moc"
