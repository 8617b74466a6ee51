// The token pane (issue 12) against the in-process emulator: a device-flow token walked through
// Introspect, Refresh, Revoke and Introspect again with its state badge, each button's exchange in
// the traffic; refresh-token rotation and a refresh token kept in the keychain across a restart;
// a pasted JWT decoded and verified without a run; an opaque session token's org on both tabs.
#include "EmulatorAdmin.h"
#include "GuiHarness.h"

#include "DecodedPanel.h"
#include "Prompts.h"
#include "ResultTabs.h"
#include "SecretField.h"
#include "TokenActionsPanel.h"
#include "TokenInspector.h"
#include "TokenSession.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kWaitMs = 15'000;
} // namespace

class TestGuiTokens : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuiHarness> h;

    // The demo org's device flow, approved through the admin API: a token with a refresh token
    // and an ID token. Null (with a warning) when it does not succeed.
    Flow *runDevice()
    {
        h->useManualClock = true;
        h->open();
        if (!QTest::qWaitFor([&] { return h->window->profiles()->current()->demoReady; }, kWaitMs))
            return nullptr;
        emu::Emulator &emulator = h->demo.emulator();
        h->manualClock.setNow(QDateTime::fromMSecsSinceEpoch(emulator.nowMs(), Qt::UTC));
        h->selectFlow(u"device"_s);
        h->find<QLineEdit>(u"scopesEdit"_s)->setText(u"api refresh_token openid"_s);
        h->find<QAction>(u"runAction"_s)->trigger();
        Flow *flow = h->window->runner()->currentFlow();
        if (!flow || !QTest::qWaitFor([flow] { return flow->status() == Flow::Status::WaitingForUser; }, kWaitMs))
            return nullptr;
        EmulatorAdmin admin(emulator.adminUrl());
        if (admin.approveDevice(flow->prompt().userCode, h->window->profiles()->currentProfile().username).status !=
            200)
            return nullptr;
        const int interval = flow->prompt().intervalSeconds;
        emulator.advanceClock(interval);
        h->manualClock.advanceMs(interval * 1000);
        if (!QTest::qWaitFor([flow] { return flow->isFinished(); }, kWaitMs))
            return nullptr;
        if (flow->status() != Flow::Status::Succeeded)
            qWarning("device run: %s", qPrintable(flow->error() ? flow->error()->summary() : QString()));
        return flow->status() == Flow::Status::Succeeded ? flow : nullptr;
    }

    ui::TokenSession *tokens() const { return h->window->tokens(); }
    int trafficCount() const { return h->window->runner()->session()->log()->rowCount(); }
    // The window's token pane (the inspector has one of its own, with the same names).
    template <typename T> T *pane(const QString &name) const
    {
        auto *found = h->find<ui::ResultTabs>(u"resultTabs"_s)->tokenActions()->findChild<T *>(name);
        if (!found)
            qWarning("no %s in the token pane", qPrintable(name));
        return found;
    }
    QString state() const { return pane<QLabel>(u"tokenStateBadge"_s)->property("state").toString(); }
    QString summary() const { return pane<QLabel>(u"tokenActionSummary"_s)->text(); }
    QPushButton *button(const QString &name) const { return pane<QPushButton>(name); }

    // Clicks and checks the busy state while it waits, then waits for the answer.
    bool clickAndWait(const QString &name)
    {
        QPushButton *pressed = button(name);
        if (!pressed || !pressed->isVisible() || !pressed->isEnabled())
            return false;
        pressed->click();
        const bool busyShown = pane<QProgressBar>(u"tokenBusy"_s)->isVisible() && !pressed->isEnabled() &&
                               !button(u"introspectButton"_s)->isEnabled();
        if (!busyShown)
            qWarning("%s: no busy indicator, or buttons still enabled", qPrintable(name));
        const bool done =
            QTest::qWaitFor([this] { return tokens()->busy() == ui::TokenSession::Operation::None; }, kWaitMs);
        return busyShown && done && !pane<QProgressBar>(u"tokenBusy"_s)->isVisible() &&
               button(u"introspectButton"_s)->isEnabled() == tokens()->hasTokens();
    }

    QString shownAccessToken() const
    {
        return h->window->findChild<ui::SecretField *>(u"token_access_token"_s)->value();
    }

private Q_SLOTS:
    void init() { h = std::make_unique<GuiHarness>(); }
    void cleanup()
    {
        h.reset();
        ui::Prompts::setNextConfirm(false);
    }

    void introspectRefreshRevokeIntrospect()
    {
        Flow *flow = runDevice();
        QVERIFY(flow);
        const QString first = flow->result()->accessToken;
        QVERIFY(h->find<ui::ResultTabs>(u"resultTabs"_s)->tokenActions()->isVisible());
        QCOMPARE(state(), u"unknown"_s);
        QVERIFY(button(u"refreshButton"_s)->isVisible()); // the device flow granted refresh_token
        QVERIFY(!button(u"verifyButton"_s)->isVisible()); // the run checked its ID token already

        int traffic = trafficCount();
        QVERIFY(clickAndWait(u"introspectButton"_s));
        QCOMPARE(state(), u"active"_s);
        QCOMPARE(trafficCount(), traffic + 1);
        QVERIFY2(summary().contains(u"Introspect"_s), qPrintable(summary()));
        const QString checked = h->manualClock.now().toLocalTime().toString(u"HH:mm"_s);
        auto *badge = pane<QLabel>(u"tokenStateBadge"_s);
        QVERIFY2(badge->accessibleName().contains(u"checked %1 (just now)"_s.arg(checked)),
                 qPrintable(badge->accessibleName()));
        auto *fields = pane<QTableWidget>(u"tokenActionFields"_s);
        QStringList names;
        for (int row = 0; row < fields->rowCount(); ++row)
            names << fields->item(row, 0)->text();
        QVERIFY2(names.contains(u"active"_s), qPrintable(names.join(u',')));
        // Two minutes later the badge says so, on the injected clock.
        h->manualClock.advanceMs(120'000);
        QTRY_VERIFY2(badge->accessibleName().contains(u"(2 min ago)"_s), qPrintable(badge->accessibleName()));

        traffic = trafficCount();
        QVERIFY(clickAndWait(u"refreshButton"_s));
        QVERIFY2(pane<QLabel>(u"tokenActionSummary"_s)->property("ok").toBool(), qPrintable(summary()));
        QVERIFY(summary().contains(u"no rotation"_s));
        QVERIFY(trafficCount() > traffic);
        const QString second = shownAccessToken();
        QVERIFY(!second.isEmpty());
        QVERIFY(second != first);
        QCOMPARE(tokens()->tokens().accessToken, second);
        QCOMPARE(tokens()->tokens().refreshToken, flow->result()->refreshToken); // kept: not rotated
        QCOMPARE(state(), u"active"_s);
        const auto *log = h->window->runner()->session()->log();
        QVERIFY(!log->exchanges().last().request.body.contains(flow->result()->refreshToken.toUtf8()));

        ui::Prompts::setNextConfirm(true);
        traffic = trafficCount();
        QVERIFY(clickAndWait(u"revokeButton"_s));
        QVERIFY(ui::Prompts::lastQuestion().contains(u"Revoke the access token"_s));
        QCOMPARE(state(), u"revoked"_s);
        QCOMPARE(trafficCount(), traffic + 1);

        QVERIFY(clickAndWait(u"introspectButton"_s));
        QCOMPARE(state(), u"inactive"_s);
        QCOMPARE(trafficCount(), traffic + 2);
        QCOMPARE(h->find<QTabWidget>(u"resultTabs"_s)->tabText(2), u"Traffic (%1)"_s.arg(trafficCount()));
        QTest::qWait(50); // the result table's new height reaches the scroll area's layout
        h->screenshotIfAsked(u"result-token-pane"_s);
    }

    void userInfoIdentityAndTryIt()
    {
        QVERIFY(runDevice());
        for (const QString &name : {u"userInfoButton"_s, u"identityButton"_s, u"tryItButton"_s}) {
            const int traffic = trafficCount();
            QVERIFY2(clickAndWait(name), qPrintable(name));
            QVERIFY2(pane<QLabel>(u"tokenActionSummary"_s)->property("ok").toBool(),
                     qPrintable(name + u": "_s + summary()));
            QVERIFY2(trafficCount() > traffic, qPrintable(name));
            QVERIFY(pane<QTableWidget>(u"tokenActionFields"_s)->rowCount() > 0);
            QCOMPARE(state(), u"active"_s);
        }
    }

    void revokingTheRefreshTokenEndsItsAccessTokens()
    {
        QVERIFY(runDevice());
        ui::Prompts::setNextConfirm(false);
        button(u"revokeRefreshButton"_s)->click();
        QCOMPARE(tokens()->refreshStatus().state, TokenStatus::State::Unknown); // declined: nothing sent
        ui::Prompts::setNextConfirm(true);
        QVERIFY(clickAndWait(u"revokeRefreshButton"_s));
        QVERIFY(ui::Prompts::lastQuestion().contains(u"whole approval"_s));
        QCOMPARE(tokens()->refreshStatus().state, TokenStatus::State::Revoked);
        QVERIFY(!button(u"refreshButton"_s)->isEnabled());
        QVERIFY(pane<QLabel>(u"refreshTokenState"_s)->text().contains(u"revoked"_s));
        QVERIFY(clickAndWait(u"introspectButton"_s));
        QCOMPARE(state(), u"inactive"_s); // the emulator ended the access token with it (§7.3)
    }

    void rotationAndAKeptRefreshTokenAcrossARestart()
    {
        Flow *flow = runDevice();
        QVERIFY(flow);
        const QString first = flow->result()->refreshToken;
        const QString name = h->window->profiles()->currentProfile().name;
        auto *keep = pane<QCheckBox>(u"keepRefreshTokenCheck"_s);
        QVERIFY(keep->isVisible());
        QVERIFY(!keep->isChecked());
        keep->click();
        QCOMPARE(h->readSecret(SecretStore::refreshTokenKey(name)), std::optional(first));
        QTRY_VERIFY(keep->isChecked());

        QString error;
        QVERIFY2(h->demo.emulator().changeApp(h->window->profiles()->currentProfile().clientId,
                                              {{u"isRefreshTokenRotationEnabled"_s, true}}, &error),
                 qPrintable(error));
        QVERIFY(clickAndWait(u"refreshButton"_s));
        QVERIFY2(summary().contains(u"rotated"_s), qPrintable(summary()));
        const QString second = tokens()->tokens().refreshToken;
        QVERIFY(!second.isEmpty());
        QVERIFY(second != first);
        QCOMPARE(h->window->findChild<ui::SecretField *>(u"token_refresh_token"_s)->value(), second);
        QTRY_COMPARE(h->readSecret(SecretStore::refreshTokenKey(name)), std::optional(second)); // the kept one too

        // A new start: no run, and the pane offers the kept refresh token for Refresh.
        h->window.reset();
        h->open();
        QTRY_VERIFY(h->window->profiles()->current()->demoReady);
        QTRY_VERIFY(button(u"refreshButton"_s)->isVisible());
        QVERIFY(pane<QLabel>(u"keptRefreshTokenNote"_s)->text().contains(u"kept in the keychain"_s));
        QVERIFY(!button(u"introspectButton"_s)->isVisible()); // no access token yet
        QVERIFY(clickAndWait(u"refreshButton"_s));
        QVERIFY(tokens()->hasTokens());
        QVERIFY(h->window->findChild<ui::SecretField *>(u"token_access_token"_s));
        QVERIFY(button(u"introspectButton"_s)->isVisible());

        // Unchecked: gone from the keychain.
        pane<QCheckBox>(u"keepRefreshTokenCheck"_s)->click();
        QTRY_COMPARE(h->readSecret(SecretStore::refreshTokenKey(name)), std::optional(QString()));
    }

    void aPastedJwtIsDecodedAndVerifiedWithoutARun()
    {
        Flow *flow = runDevice();
        QVERIFY(flow);
        const QString idToken = flow->result()->idToken;
        QVERIFY(!idToken.isEmpty());
        h->window.reset(); // a fresh window: no run, no token held
        h->open();
        QTRY_VERIFY(h->window->profiles()->current()->demoReady);
        QCOMPARE(trafficCount(), 0);
        QVERIFY(!tokens()->hasTokens());

        ui::TokenInspector *inspector = h->window->inspectToken();
        inspector->field()->setPlainText(idToken + u"\n"_s);
        auto *claims = inspector->findChild<QTableWidget *>(u"claims_token"_s);
        QVERIFY(claims);
        QStringList names;
        for (int row = 0; row < claims->rowCount(); ++row)
            names << claims->item(row, 0)->text();
        QVERIFY2(names.contains(u"alg"_s) && names.contains(u"aud"_s) && names.contains(u"exp"_s),
                 qPrintable(names.join(u',')));
        QVERIFY(
            inspector->findChild<QPlainTextEdit *>(u"decodedPayload_token"_s)->toPlainText().contains(u"\"sub\""_s));

        auto *verify = inspector->findChild<QPushButton *>(u"verifyButton"_s);
        QVERIFY(verify->isVisible());
        verify->click();
        QTRY_VERIFY_WITH_TIMEOUT(inspector->findChild<QLabel *>(u"inspectVerdict"_s), kWaitMs);
        auto *verdict = inspector->findChild<QLabel *>(u"inspectVerdict"_s);
        QVERIFY2(verdict->property("verdict").toString() == u"valid", qPrintable(verdict->text()));
        QVERIFY(trafficCount() >= 2);    // discovery and the JWKS, in the window's traffic
        QVERIFY(!tokens()->hasTokens()); // the pasted token is the inspector's alone
        h->screenshotIfAsked(u"inspect-token"_s, inspector);

        // A tampered payload fails with a reason.
        QStringList parts = idToken.split(u'.');
        parts[2] = QString(parts[2]).replace(0, 4, parts[2].startsWith(u"AAAA") ? u"BBBB"_s : u"AAAA"_s);
        inspector->field()->setPlainText(parts.join(u'.'));
        QVERIFY(!inspector->findChild<QLabel *>(u"inspectVerdict"_s)); // a new token: no old verdict
        verify->click();
        QTRY_VERIFY_WITH_TIMEOUT(inspector->findChild<QLabel *>(u"inspectVerdict"_s), kWaitMs);
        verdict = inspector->findChild<QLabel *>(u"inspectVerdict"_s);
        QVERIFY2(verdict->property("verdict").toString().startsWith(u"invalid"_s), qPrintable(verdict->text()));

        inspector->hide(); // closed: the token is not kept
        QVERIFY(inspector->field()->toPlainText().isEmpty());
    }

    void anOpaqueTokenShowsItsOrg()
    {
        h->open();
        h->selectFlow(u"client-credentials"_s);
        QTRY_VERIFY(h->window->profiles()->current()->demoReady);
        Flow *flow = h->runAndWait();
        QVERIFY(flow && flow->status() == Flow::Status::Succeeded);
        const QString token = flow->result()->accessToken;
        const QString org = token.section(u'!', 0, 0);
        QVERIFY(org.startsWith(u"00D"_s));
        auto *tabs = h->find<ui::ResultTabs>(u"resultTabs"_s);
        tabs->setCurrentWidget(tabs->decodedPanel()); // built when looked at, if not on the turn after the run
        auto *decoded = h->find<QLabel>(u"decodedVerdict_access_token"_s);
        QVERIFY(decoded);
        QCOMPARE(decoded->property("verdict").toString(), u"salesforce-session"_s);
        QVERIFY2(decoded->text().contains(u"session token</b> of org <tt>%1</tt>"_s.arg(org)),
                 qPrintable(decoded->text()));
        QVERIFY(decoded->text().contains(u"Introspect"_s));
        QVERIFY(!decoded->text().contains(u"introspection endpoint"_s));
        QCOMPARE(h->find<QLabel>(u"accessTokenVerdict"_s)->text(), decoded->text()); // one wording
        QVERIFY(!button(u"refreshButton"_s)->isVisible()); // client credentials: no refresh token
        QVERIFY(!pane<QCheckBox>(u"keepRefreshTokenCheck"_s)->isVisible());

        // Pasted, it says the same, and Introspect works with the profile's client settings.
        ui::TokenInspector *inspector = h->window->inspectToken();
        inspector->field()->setPlainText(token);
        auto *pasted = inspector->findChild<QLabel *>(u"decodedVerdict_token"_s);
        QVERIFY(pasted);
        QVERIFY(pasted->text().contains(org));
        QVERIFY(!inspector->findChild<QTableWidget *>(u"claims_token"_s)); // nothing to decode
        auto *introspect = inspector->findChild<QPushButton *>(u"introspectButton"_s);
        introspect->click();
        QTRY_VERIFY_WITH_TIMEOUT(inspector->session()->busy() == ui::TokenSession::Operation::None, kWaitMs);
        QCOMPARE(inspector->findChild<QLabel *>(u"tokenStateBadge"_s)->property("state").toString(), u"active"_s);
    }
};

QTEST_MAIN(TestGuiTokens)
#include "tst_gui_tokens.moc"
