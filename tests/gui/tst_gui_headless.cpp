// The headless family (issue 13) in the window against the in-process emulator: each flow shows
// its own rows, customData is checked as JSON at the field, a Site URL on the demo org's My Domain
// is stopped before anything is sent, a registration runs from typing to a token (the password
// asked in the window, the code shown from the demo outbox and typed, neither in the traffic), and
// a saved profile keeps the site user's password in the keychain once a run has proved it.
#include "GuiHarness.h"

#include "AskView.h"
#include "DemoHints.h"
#include "MessageBanner.h"
#include "ProfileForm.h"
#include "Prompts.h"
#include "ResultTabs.h"
#include "WaitPanel.h"
#include "http/ExchangeLog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kWaitMs = 15'000;
const QString kNewUser = u"newuser@ecalab.example"_s;
const QString kNewPassword = u"N3w-User-Pass!"_s;
} // namespace

class TestGuiHeadless : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuiHarness> h;

    ui::WaitPanel *waitPanel() const { return h->find<ui::ResultTabs>(u"resultTabs"_s)->waitPanel(); }
    ui::ProfileForm *form() const { return h->find<ui::ProfileForm>(u"settingsTabs"_s); }
    QLineEdit *edit(const QString &name) const { return h->find<QLineEdit>(name + u"Edit"_s); }
    QLabel *problem(const QString &name) const { return h->find<QLabel>(name + u"Problem"_s); }

    bool openDemo()
    {
        h->open();
        return QTest::qWaitFor([&] { return h->window->profiles()->current()->demoReady; }, 5000);
    }

    // The run started and now shows its ask prompt `id` (or ended: nullptr).
    Flow *waitForAsk(const QString &id)
    {
        Flow *flow = h->window->runner()->currentFlow();
        const bool asked =
            flow && QTest::qWaitFor(
                        [&] {
                            return flow->isFinished() ||
                                   (flow->status() == Flow::Status::WaitingForUser && flow->prompt().id == id &&
                                    waitPanel()->currentWidget() == waitPanel()->askView());
                        },
                        kWaitMs);
        return asked && !flow->isFinished() ? flow : nullptr;
    }

    bool waitForEnd(Flow *flow) const
    {
        return QTest::qWaitFor([flow] { return flow->isFinished(); }, kWaitMs);
    }

    // The selected exchange is drawn when the tab is looked at.
    void showTrafficTab() const
    {
        h->find<QTabWidget>(u"resultTabs"_s)->setCurrentWidget(h->find<QWidget>(u"trafficPanel"_s));
    }

    // Everything the Traffic tab shows: each row's cells, and each exchange's request and response.
    QString trafficText() const
    {
        showTrafficTab();
        auto *table = h->find<QTableView>(u"trafficTable"_s);
        QString text;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            for (int column = 0; column < table->model()->columnCount(); ++column)
                text += table->model()->index(row, column).data().toString() + u'\t';
            table->selectRow(row);
            text += h->find<QLabel>(u"exchangeSummary"_s)->text() + u'\n';
            text += h->find<QPlainTextEdit>(u"requestView"_s)->toPlainText() + u'\n';
            text += h->find<QPlainTextEdit>(u"responseView"_s)->toPlainText() + u'\n';
        }
        return text;
    }

    QString requestOf(const QString &stageId) const
    {
        const QList<Exchange> &exchanges = h->window->runner()->session()->log()->exchanges();
        for (int row = 0; row < exchanges.size(); ++row) {
            if (exchanges.at(row).stageId == stageId) {
                showTrafficTab();
                h->find<QTableView>(u"trafficTable"_s)->selectRow(row);
                return h->find<QPlainTextEdit>(u"requestView"_s)->toPlainText();
            }
        }
        return {};
    }

    QStringList exchangeStages() const
    {
        QStringList ids;
        for (const Exchange &exchange : h->window->runner()->session()->log()->exchanges())
            ids << exchange.stageId;
        return ids;
    }

    // A saved copy of the demo profile, opened: a profile whose password may be kept.
    bool openSavedDemo(const QString &name)
    {
        QString error;
        std::optional<Profile> profile = h->demo.start(&error);
        if (!profile)
            return false;
        profile->name = name;
        if (!h->profiles->save(*profile) || !h->writeSecret(SecretStore::clientSecretKey(name), profile->clientSecret))
            return false;
        h->initialProfile = name;
        h->open();
        return QTest::qWaitFor(
            [&] { return h->window->profiles()->current()->secret == ui::ProfileBook::SecretState::Loaded; }, 5000);
    }

private Q_SLOTS:
    void init() { h = std::make_unique<GuiHarness>(); }
    void cleanup() { h.reset(); }

    // Which URL is the demo org, and which of its hosts (the form's site check names it).
    void demoHostsNameWhatAUrlIsOn()
    {
        const ui::DemoHosts hosts{QUrl(u"http://127.0.0.1:4001"_s), QUrl(u"http://127.0.0.1:4002"_s),
                                  QUrl(u"http://127.0.0.1:4003"_s)};
        QVERIFY(hosts.serves(QUrl(u"http://127.0.0.1:4002/services/oauth2/token"_s)));
        QVERIFY(!hosts.serves(QUrl(u"https://127.0.0.1:4002"_s))); // another scheme
        QVERIFY(!hosts.serves(QUrl(u"http://127.0.0.1:4004"_s)));  // another port
        QVERIFY(!hosts.serves(QUrl(u"http://localhost:4002"_s)));  // the host as the demo org names it
        QVERIFY(!hosts.serves(QUrl(u"/services/oauth2/token"_s))); // no host
        QCOMPARE(hosts.nameOf(QUrl(u"http://localhost:4003/s"_s)), u"site"_s);
        QCOMPARE(hosts.nameOf(QUrl(u"https://127.0.0.1:4002"_s)), u"My Domain"_s);
        QCOMPARE(hosts.nameOf(QUrl(u"http://LOCALHOST:4001"_s)), u"login host"_s);
        QVERIFY(hosts.nameOf(QUrl(u"http://127.0.0.1:4005"_s)).isEmpty());
        QVERIFY(hosts.nameOf(QUrl(u"https://acme.my.salesforce.com"_s)).isEmpty());
    }

    // Which demo answer an ask prompt is offered: this run's newest unused code, the profile user's password.
    void demoFillForAPrompt()
    {
        ui::DemoRunFacts facts;
        facts.users = {{u"ada@ecalab.example"_s, u"Ada-Pass"_s}};
        facts.username = u"ADA@ecalab.example"_s;
        facts.outboxBefore = 2;
        const auto message = [](int id, const QString &otp, bool used) {
            return ui::DemoMessage{.id = id,
                                   .channel = u"email"_s,
                                   .to = u"ada@ecalab.example"_s,
                                   .purpose = u"passwordless-login"_s,
                                   .otp = otp,
                                   .used = used};
        };
        facts.outbox = {message(1, u"111111"_s, false), message(2, u"222222"_s, false), message(3, u"333333"_s, false),
                        message(4, u"444444"_s, true)};
        UserPrompt code;
        code.kind = UserPrompt::Kind::AskOneTimeCode;
        code.id = u"otp"_s;
        QCOMPARE(ui::demoFillFor(code, facts).value, u"333333"_s); // 4 is used, 1 and 2 came before the run
        QVERIFY(ui::demoFillFor(code, facts).text.contains(u"a•••@ecalab.example"_s));
        facts.outboxBefore = 4;
        QVERIFY(ui::demoFillFor(code, facts).value.isEmpty());
        QVERIFY(ui::demoFillFor(code, facts).text.contains(u"no code for this run"_s));

        UserPrompt password;
        password.kind = UserPrompt::Kind::AskSecret;
        password.id = u"password"_s;
        QCOMPARE(ui::demoFillFor(password, facts).value, u"Ada-Pass"_s);
        facts.username = kNewUser; // registration: a user with no demo password
        QVERIFY(ui::demoFillFor(password, facts).text.isEmpty());
        password.id = u"passphrase"_s; // not the site user's password
        facts.username = u"ada@ecalab.example"_s;
        QVERIFY(ui::demoFillFor(password, facts).text.isEmpty());
    }

    void eachFlowShowsItsOwnRows_data()
    {
        QTest::addColumn<QString>("flow");
        QTest::addColumn<QStringList>("shown"); // profile field keys
        QTest::addColumn<QStringList>("hidden");
        QTest::newRow("login") << u"headless-login"_s << QStringList{u"siteUrl"_s, u"username"_s}
                               << QStringList{u"lastName"_s, u"customData"_s, u"verificationMethod"_s, u"uvid"_s,
                                              u"loginUrl"_s};
        QTest::newRow("registration") << u"headless-registration"_s
                                      << QStringList{u"siteUrl"_s,    u"username"_s,      u"firstName"_s,
                                                     u"lastName"_s,   u"email"_s,         u"verificationMethod"_s,
                                                     u"customData"_s, u"recaptchaToken"_s}
                                      << QStringList{u"uvid"_s};
        QTest::newRow("passwordless") << u"passwordless-login"_s
                                      << QStringList{u"siteUrl"_s, u"username"_s, u"verificationMethod"_s,
                                                     u"recaptchaToken"_s}
                                      << QStringList{u"lastName"_s, u"customData"_s, u"uvid"_s};
        QTest::newRow("forgot password") << u"forgot-password"_s
                                         << QStringList{u"siteUrl"_s, u"username"_s, u"recaptchaToken"_s}
                                         << QStringList{u"lastName"_s, u"verificationMethod"_s, u"uvid"_s};
        QTest::newRow("guest") << u"headless-guest"_s << QStringList{u"siteUrl"_s, u"uvid"_s}
                               << QStringList{u"username"_s, u"lastName"_s, u"customData"_s};
        QTest::newRow("not headless") << u"client-credentials"_s << QStringList{}
                                      << QStringList{u"siteUrl"_s, u"lastName"_s, u"customData"_s,
                                                     u"verificationMethod"_s, u"uvid"_s};
    }

    void eachFlowShowsItsOwnRows()
    {
        QFETCH(QString, flow);
        QFETCH(QStringList, shown);
        QFETCH(QStringList, hidden);
        h->open();
        QCOMPARE(h->selectFlow(flow), flow);
        QStringList onShow;
        for (ProfileField field : form()->shownFields())
            onShow << profileFieldKey(field);
        for (const QString &key : std::as_const(shown))
            QVERIFY2(onShow.contains(key), qPrintable(key + u" not in "_s + onShow.join(u' ')));
        for (const QString &key : std::as_const(hidden))
            QVERIFY2(!onShow.contains(key), qPrintable(key + u" in "_s + onShow.join(u' ')));
        if (flow == u"headless-guest")
            QCOMPARE(edit(u"uvid"_s)->placeholderText(), u"new UUID each run"_s);
    }

    void customDataIsCheckedAsJsonAtTheField()
    {
        QVERIFY(openDemo());
        h->selectFlow(u"headless-registration"_s);
        form()->setCurrentIndex(int(ui::ProfileForm::Page::Flow));
        QLineEdit *customData = edit(u"customData"_s);
        customData->setText(u"[\"+15555550100\"]"_s);
        QVERIFY(problem(u"customData"_s)->isVisible());
        QVERIFY2(problem(u"customData"_s)->text().contains(u"must be a JSON object"_s),
                 qPrintable(problem(u"customData"_s)->text()));
        QVERIFY(form()->hasBlockingProblems());
        customData->setText(u"{\"mobilePhone\": "_s);
        QVERIFY2(problem(u"customData"_s)->text().contains(u"is not JSON"_s),
                 qPrintable(problem(u"customData"_s)->text()));

        // SMS needs customData's mobilePhone (the engine's rule, at the same field).
        auto *method = h->find<QComboBox>(u"verificationMethodCombo"_s);
        method->setCurrentIndex(method->findData(u"sms"_s));
        customData->setText(u"{}"_s);
        QVERIFY(problem(u"customData"_s)->text().contains(u"mobilePhone"_s));
        customData->setText(u"{\"mobilePhone\": \"+15555550100\"}"_s);
        QVERIFY(!problem(u"customData"_s)->isVisible());
        const Profile read = form()->profile();
        QCOMPARE(read.customData.value(u"mobilePhone").toString(), u"+15555550100"_s);
        QCOMPARE(read.verificationMethod, u"sms"_s);
        // Back to e-mail: a profile that never said "email" still does not.
        method->setCurrentIndex(method->findData(u"email"_s));
        QCOMPARE(form()->profile().verificationMethod, QString());
    }

    void aSiteUrlOnTheDemoMyDomainIsStoppedBeforeSending()
    {
        QVERIFY(openDemo());
        h->selectFlow(u"headless-login"_s);
        form()->setCurrentIndex(int(ui::ProfileForm::Page::Flow));
        QVERIFY(!problem(u"siteUrl"_s)->isVisible()); // the demo profile's site is a site
        QLineEdit *site = edit(u"siteUrl"_s);
        site->setText(u"https://acme.my.salesforce.com"_s); // a real org's My Domain: the engine's rule
        QVERIFY(problem(u"siteUrl"_s)->isVisible());
        QVERIFY(problem(u"siteUrl"_s)->text().contains(u"acme.my.salesforce.com is not an Experience Cloud site"_s));
        site->setText(h->demo.emulator().myDomainUrl().toString());
        QVERIFY(problem(u"siteUrl"_s)->isVisible());
        QVERIFY2(problem(u"siteUrl"_s)->text().contains(u"not an Experience Cloud site"_s),
                 qPrintable(problem(u"siteUrl"_s)->text()));
        QVERIFY(problem(u"siteUrl"_s)->text().contains(u"My Domain"_s));

        h->find<QAction>(u"runAction"_s)->trigger();
        QVERIFY(!h->window->runner()->currentFlow()); // nothing started, nothing sent
        QCOMPARE(h->window->runner()->session()->log()->rowCount(), 0);
        auto *banner = h->find<ui::MessageBanner>(u"messageBanner"_s);
        QCOMPARE(banner->kind(), ui::MessageBanner::Kind::Error);
        QVERIFY(banner->plainText().contains(u"not an Experience Cloud site"_s));
        QTRY_VERIFY(site->hasFocus());
    }

    void registrationFromTheWindow()
    {
        QVERIFY(openDemo());
        QCOMPARE(h->selectFlow(u"headless-registration"_s), u"headless-registration"_s);
        edit(u"username"_s)->setText(kNewUser);
        edit(u"firstName"_s)->setText(u"Nova"_s);
        edit(u"lastName"_s)->setText(u"Newuser"_s);
        QVERIFY(!form()->hasBlockingProblems());
        form()->setCurrentIndex(int(ui::ProfileForm::Page::Flow));
        h->screenshotIfAsked(u"settings-headless-registration"_s);
        h->find<QAction>(u"runAction"_s)->trigger();

        // The new user's password, typed in the window (masked; no demo password for a new user).
        QVERIFY(waitForAsk(u"password"_s));
        QLineEdit *field = waitPanel()->askView()->field();
        QTRY_VERIFY(field->hasFocus());
        QCOMPARE(field->echoMode(), QLineEdit::Password);
        QVERIFY(!h->find<QWidget>(u"askDemoRow"_s)->isVisible());
        QVERIFY(!h->find<QCheckBox>(u"askKeepCheck"_s)->isVisible()); // the demo profile is not saved
        QTest::keyClicks(field, kNewPassword);
        QTest::keyClick(field, Qt::Key_Return);

        // The code: where it went, the demo outbox's copy, a focused field.
        Flow *flow = waitForAsk(u"otp"_s);
        QVERIFY(flow);
        QTRY_VERIFY(field->hasFocus());
        QCOMPARE(field->echoMode(), QLineEdit::Normal);
        QVERIFY2(h->find<QLabel>(u"askSentTo"_s)->text().contains(u"n•••@ecalab.example"_s),
                 qPrintable(h->find<QLabel>(u"askSentTo"_s)->text()));
        QVERIFY(flow->prompt().deadlineMs > 0);
        QVERIFY(h->find<QLabel>(u"askCountdown"_s)->isVisible());
        const QString otp = h->demo.emulator().lastOtpSentTo(kNewUser);
        QCOMPARE(otp.size(), 6);
        QVERIFY2(h->find<QLabel>(u"askDemoText"_s)->text().contains(u"Demo org outbox: "_s + otp),
                 qPrintable(h->find<QLabel>(u"askDemoText"_s)->text()));
        QVERIFY(h->find<QPushButton>(u"askFillButton"_s)->isVisible());
        h->screenshotIfAsked(u"waiting-headless-code"_s);
        QTest::keyClicks(field, otp);
        QTest::keyClick(field, Qt::Key_Return);

        QVERIFY(waitForEnd(flow));
        QVERIFY2(flow->status() == Flow::Status::Succeeded,
                 qPrintable(flow->error() ? flow->error()->explanation : QString()));
        QVERIFY(h->find<QLineEdit>(u"token_access_tokenValue"_s));
        QVERIFY(!flow->result()->accessToken.isEmpty());
        const QJsonArray users = h->demo.emulator().users();
        QVERIFY(
            std::any_of(users.begin(), users.end(), [](const QJsonValue &u) { return u[u"username"] == kNewUser; }));

        const QStringList stages = exchangeStages();
        QVERIFY2(stages.mid(0, 4) ==
                     (QStringList{u"init-registration"_s, u"authorize"_s, u"read-code"_s, u"token-request"_s}),
                 qPrintable(stages.join(u", "_s)));
        QVERIFY(requestOf(u"init-registration"_s).contains(u"Content-Type: application/json"_s));
        const QString authorize = requestOf(u"authorize"_s);
        QVERIFY2(authorize.contains(u"Auth-Request-Type: user-registration"_s), qPrintable(authorize));
        QVERIFY(authorize.contains(u"Auth-Verification-Type: email"_s));
        QVERIFY(authorize.contains(u"Authorization: "_s));
        QVERIFY(requestOf(u"read-code"_s).contains(u"/services/oauth2/echo"_s));
        QVERIFY(requestOf(u"token-request"_s).contains(u"grant_type"_s));

        // Neither the password nor the code, plain or in the Basic header, anywhere in the traffic.
        const QString identifier = h->demo.emulator().outbox().last()[u"identifier"].toString();
        QVERIFY(!identifier.isEmpty());
        const QString traffic = trafficText();
        QVERIFY(traffic.contains(u"init-registration"_s) || traffic.contains(u"Start registration"_s));
        QVERIFY2(!traffic.contains(kNewPassword), qPrintable(traffic));
        QVERIFY2(!traffic.contains(otp), qPrintable(traffic));
        QVERIFY(!traffic.contains(QString::fromLatin1((identifier + u':' + otp).toUtf8().toBase64())));
    }

    void passwordlessLoginWithTheOutboxCode()
    {
        QVERIFY(openDemo());
        h->selectFlow(u"passwordless-login"_s);
        h->find<QAction>(u"runAction"_s)->trigger();
        Flow *flow = waitForAsk(u"otp"_s);
        QVERIFY(flow);
        const QString otp = h->demo.emulator().outbox().last()[u"otp"].toString();
        QCOMPARE(otp.size(), 6);
        QVERIFY(h->find<QLabel>(u"askDemoText"_s)->text().contains(u"Demo org outbox: "_s + otp));
        h->find<QPushButton>(u"askFillButton"_s)->click();
        QLineEdit *field = waitPanel()->askView()->field();
        QCOMPARE(field->text(), otp);
        QVERIFY(field->hasFocus()); // Fill in leaves Enter to the person
        QTest::keyClick(field, Qt::Key_Return);
        QVERIFY(waitForEnd(flow));
        QCOMPARE(flow->status(), Flow::Status::Succeeded);
        QVERIFY(!trafficText().contains(otp));

        // A user the site does not know: the same answer, no code sent — and the window says so.
        edit(u"username"_s)->setText(u"nobody@ecalab.example"_s);
        h->find<QAction>(u"runAction"_s)->trigger();
        QVERIFY(waitForAsk(u"otp"_s));
        QVERIFY2(h->find<QLabel>(u"askDemoText"_s)->text().contains(u"no code for this run"_s),
                 qPrintable(h->find<QLabel>(u"askDemoText"_s)->text()));
        QVERIFY(!h->find<QPushButton>(u"askFillButton"_s)->isVisible());
        h->find<QAction>(u"cancelAction"_s)->trigger();
    }

    void aKeptPasswordTheSiteRefusesPointsToForget()
    {
        const QString name = u"Demo stale password"_s;
        QVERIFY(h->writeSecret(SecretStore::passwordKey(name), u"an-old-password"_s));
        QVERIFY(openSavedDemo(name));
        h->selectFlow(u"headless-login"_s);
        form()->setCurrentIndex(int(ui::ProfileForm::Page::Flow));
        QTRY_VERIFY(h->find<QLabel>(u"sitePasswordNote"_s)->isVisible());
        Flow *flow = h->runAndWait(kWaitMs); // answered from the keychain: nothing asked
        QVERIFY(flow);
        QCOMPARE(flow->status(), Flow::Status::Failed);
        QCOMPARE(flow->error()->errorDescription, u"authentication failure"_s);
        const QString banner = h->find<ui::MessageBanner>(u"messageBanner"_s)->plainText();
        QVERIFY2(banner.contains(u"came from"_s) && banner.contains(u"Forget password"_s), qPrintable(banner));
    }

    void forgotPasswordKeepsTheNewPassword()
    {
        const QString name = u"Demo reset"_s;
        QVERIFY(openSavedDemo(name));
        h->selectFlow(u"forgot-password"_s);
        h->find<QAction>(u"runAction"_s)->trigger();
        QVERIFY(waitForAsk(u"otp"_s));
        h->find<QPushButton>(u"askFillButton"_s)->click();
        QLineEdit *field = waitPanel()->askView()->field();
        QTest::keyClick(field, Qt::Key_Return);
        Flow *flow = waitForAsk(u"newPassword"_s);
        QVERIFY(flow);
        QCOMPARE(field->echoMode(), QLineEdit::Password);
        auto *keep = h->find<QCheckBox>(u"askKeepCheck"_s);
        QVERIFY(keep->isVisible());
        keep->setChecked(true);
        const QString newPassword = u"Reset-Pass-2!"_s;
        QTest::keyClicks(field, newPassword);
        QTest::keyClick(field, Qt::Key_Return);
        QVERIFY(waitForEnd(flow));
        QCOMPARE(flow->status(), Flow::Status::Succeeded); // it logged in with the new password
        QTRY_COMPARE(h->readSecret(SecretStore::passwordKey(name)), std::optional(newPassword));
        QVERIFY(!trafficText().contains(newPassword));

        // Headless login on the same profile is answered with it.
        h->selectFlow(u"headless-login"_s);
        flow = h->runAndWait(kWaitMs);
        QVERIFY(flow);
        QCOMPARE(flow->status(), Flow::Status::Succeeded);

        // Deleting the profile takes its kept password with it.
        ui::Prompts::setNextConfirm(true);
        h->window->profiles()->deleteProfile();
        QTRY_COMPARE(h->readSecret(SecretStore::passwordKey(name)), std::optional(QString()));
    }

    void aSavedProfileKeepsTheSitePasswordOnceItWorked()
    {
        const QString name = u"Demo site user"_s;
        QVERIFY(openSavedDemo(name));
        h->selectFlow(u"headless-login"_s);
        form()->setCurrentIndex(int(ui::ProfileForm::Page::Flow));
        QVERIFY(!h->find<QLabel>(u"sitePasswordNote"_s)->isVisible());

        // A wrong password with Keep ticked: the run fails, nothing is kept.
        h->find<QAction>(u"runAction"_s)->trigger();
        QVERIFY(waitForAsk(u"password"_s));
        auto *keep = h->find<QCheckBox>(u"askKeepCheck"_s);
        QVERIFY(keep->isVisible());
        QVERIFY(keep->text().contains(u"password/"_s + name));
        keep->setChecked(true);
        QLineEdit *field = waitPanel()->askView()->field();
        QTest::keyClicks(field, u"not-the-password"_s);
        QTest::keyClick(field, Qt::Key_Return);
        Flow *flow = h->window->runner()->currentFlow();
        QVERIFY(waitForEnd(flow));
        QCOMPARE(flow->status(), Flow::Status::Failed);
        QCOMPARE(h->readSecret(SecretStore::passwordKey(name)), std::optional(QString()));

        // The demo user's password, one click; kept once the site has accepted it.
        h->find<QAction>(u"runAction"_s)->trigger();
        QVERIFY(waitForAsk(u"password"_s));
        QVERIFY(!keep->isChecked()); // a new question: unticked again
        const QString username = form()->profile().username;
        const QList<ui::DemoUser> users = h->demo.users();
        const auto user =
            std::find_if(users.begin(), users.end(), [&](const ui::DemoUser &u) { return u.username == username; });
        QVERIFY(user != users.end());
        const QString demoPassword = user->password;
        QVERIFY(h->find<QLabel>(u"askDemoText"_s)->text().contains(username));
        h->find<QPushButton>(u"askFillButton"_s)->click();
        QCOMPARE(field->text(), demoPassword);
        keep->setChecked(true);
        h->screenshotIfAsked(u"waiting-headless-password"_s);
        QTest::keyClick(field, Qt::Key_Return);
        flow = h->window->runner()->currentFlow();
        QVERIFY(waitForEnd(flow));
        QCOMPARE(flow->status(), Flow::Status::Succeeded);
        QTRY_COMPARE(h->readSecret(SecretStore::passwordKey(name)), std::optional(demoPassword));
        QTRY_VERIFY(h->find<QLabel>(u"sitePasswordNote"_s)->isVisible());

        // The next run is answered from the keychain: no question, a token.
        flow = h->runAndWait(kWaitMs);
        QVERIFY(flow);
        QCOMPARE(flow->status(), Flow::Status::Succeeded);
        QVERIFY(!trafficText().contains(demoPassword));

        // Renamed and saved: the kept password moves with the profile.
        const QString renamed = u"Demo site user renamed"_s;
        edit(u"name"_s)->setText(renamed);
        h->find<QPushButton>(u"saveProfileButton"_s)->click();
        QTRY_COMPARE(h->readSecret(SecretStore::passwordKey(renamed)), std::optional(demoPassword));
        QTRY_COMPARE(h->readSecret(SecretStore::passwordKey(name)), std::optional(QString()));
        QVERIFY(h->find<QLabel>(u"sitePasswordNote"_s)->text().contains(u"password/"_s + renamed));

        // Forget: removed, and the next run asks again.
        h->find<QPushButton>(u"forgetSitePasswordButton"_s)->click();
        QTRY_COMPARE(h->readSecret(SecretStore::passwordKey(renamed)), std::optional(QString()));
        QTRY_VERIFY(!h->find<QLabel>(u"sitePasswordNote"_s)->isVisible());
        h->find<QAction>(u"runAction"_s)->trigger();
        QVERIFY(waitForAsk(u"password"_s));
        h->find<QAction>(u"cancelAction"_s)->trigger();
    }
};

QTEST_MAIN(TestGuiHeadless)
#include "tst_gui_headless.moc"
