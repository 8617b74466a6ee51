// Real flows through the window against the in-process emulator: a successful client credentials
// run (token, verdicts, stages, traffic), a refusal explained in the banner, cancel, and the
// reveal / copy / export affordances of the result tabs.
#include "GuiHarness.h"

#include "DecodedPanel.h"
#include "MessageBanner.h"
#include "Prompts.h"
#include "ResultTabs.h"
#include "http/ExchangeLog.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTextBrowser>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

class TestGuiRun : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuiHarness> h;

    // The demo profile, client credentials, run to the end; fails the test when it does not succeed.
    Flow *runDemo()
    {
        h->open();
        if (h->selectFlow(u"client-credentials"_s) != u"client-credentials")
            return nullptr;
        if (!QTest::qWaitFor([&] { return h->window->profiles()->current()->demoReady; }, 5000))
            return nullptr;
        Flow *flow = h->runAndWait();
        if (flow && flow->status() != Flow::Status::Succeeded)
            qWarning("run failed: %s", qPrintable(flow->error() ? flow->error()->summary() : QString()));
        return flow && flow->status() == Flow::Status::Succeeded ? flow : nullptr;
    }

    QString stageState(int index) const
    {
        const auto *chip = h->find<QLabel>(u"stage%1"_s.arg(index));
        return chip ? chip->property("stageState").toString() : QString();
    }

private Q_SLOTS:
    void init() { h = std::make_unique<GuiHarness>(); }
    void cleanup() { h.reset(); }

    void clientCredentialsFromTheWindow()
    {
        Flow *flow = runDemo();
        QVERIFY(flow);
        const TokenSet &tokens = *flow->result();

        // Token tab: the access token masked, instance_url as a link, the signature verdict.
        auto *access = h->find<QLineEdit>(u"token_access_tokenValue"_s);
        QVERIFY(access);
        QVERIFY(access->text().contains(QChar(0x2022)));
        QVERIFY(!access->text().contains(tokens.accessToken));
        QVERIFY(!access->text().contains(tokens.accessToken.left(8)));
        auto *instance = h->find<QLabel>(u"token_instance_url"_s);
        QVERIFY(instance);
        QVERIFY(instance->text().contains(u"href=\"%1\""_s.arg(tokens.instanceUrl)));
        auto *badge = h->find<QLabel>(u"signatureBadge"_s);
        QVERIFY(badge);
        QCOMPARE(badge->property("verdict").toString(), u"valid"_s);
        QVERIFY(badge->text().contains(u"Signature valid"_s));
        QCOMPARE(h->find<QLabel>(u"accessTokenVerdict"_s)->property("verdict").toString(), u"salesforce-session"_s);
        QVERIFY(h->find<QLabel>(u"tokenHint_issued_at"_s)->text().contains(u"just now"_s));

        // Stages: every one done.
        QCOMPARE(flow->stages().size(), 3);
        for (int i = 0; i < flow->stages().size(); ++i)
            QCOMPARE(stageState(i), u"done"_s);
        QVERIFY(!h->find<QProgressBar>(u"busyIndicator"_s)->isVisible());
        QVERIFY(h->find<QAction>(u"runAction"_s)->isEnabled());
        QVERIFY(!h->find<QAction>(u"cancelAction"_s)->isEnabled());

        // Traffic: the POST with 200, the secret masked in the request body.
        auto *tabs = h->find<QTabWidget>(u"resultTabs"_s);
        QCOMPARE(tabs->tabText(2), u"Traffic (1)"_s);
        auto *table = h->find<QTableView>(u"trafficTable"_s);
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, ExchangeLog::MethodColumn).data().toString(), u"POST"_s);
        QCOMPARE(table->model()->index(0, ExchangeLog::StatusColumn).data().toString(), u"200"_s);
        // The selected exchange is drawn when the tab is looked at, not while the run goes on.
        QVERIFY(h->find<QPlainTextEdit>(u"requestView"_s)->toPlainText().isEmpty());
        tabs->setCurrentIndex(2);
        table->selectRow(0);
        const QString request = h->find<QPlainTextEdit>(u"requestView"_s)->toPlainText();
        QVERIFY2(request.contains(u"client_secret = [redacted]"_s), qPrintable(request));
        const QString secret = h->window->profiles()->currentProfile().clientSecret;
        QVERIFY(!secret.isEmpty());
        QVERIFY(!request.contains(secret));
        QVERIFY(!h->find<QPlainTextEdit>(u"responseView"_s)->toPlainText().contains(tokens.accessToken));

        tabs->setCurrentIndex(0);
        h->screenshotIfAsked(u"result-client-credentials"_s);
    }

    void refusalIsExplainedInTheBanner()
    {
        h->open();
        h->selectFlow(u"client-credentials"_s);
        QTRY_VERIFY(h->window->profiles()->current()->demoReady);
        auto *banner = h->find<ui::MessageBanner>(u"messageBanner"_s);
        QVERIFY(banner->isVisible()); // the demo banner, cleared by the run
        h->find<QLineEdit>(u"loginUrlEdit"_s)->setText(h->demo.emulator().loginUrl().toString());
        Flow *flow = h->runAndWait();
        QVERIFY(flow);
        QCOMPARE(flow->status(), Flow::Status::Failed);

        QVERIFY(banner->isVisible());
        QCOMPARE(banner->kind(), ui::MessageBanner::Kind::Error);
        const QString text = banner->plainText();
        QVERIFY2(text.contains(u"invalid_grant"_s), qPrintable(text));
        QVERIFY2(text.contains(u"request not supported on this domain"_s), qPrintable(text));
        QVERIFY2(text.contains(u"My Domain"_s), qPrintable(text));
        QVERIFY2(text.contains(u"HTTP 400"_s), qPrintable(text));
        QCOMPARE(stageState(1), u"failed"_s);
        QCOMPARE(stageState(2), u"pending"_s);
        const QString explanation = h->find<QTextBrowser>(u"explanationView"_s)->toPlainText();
        QVERIFY(explanation.contains(u"request not supported on this domain"_s));
        QVERIFY(explanation.contains(u"My Domain"_s));

        // The banner's Details link opens the Explanation tab; dismissing hides it.
        Q_EMIT banner->linkActivated(u"explanation"_s);
        QCOMPARE(h->find<QTabWidget>(u"resultTabs"_s)->currentWidget()->objectName(), u"explanationView"_s);
        QTest::mouseClick(h->find<QAbstractButton>(u"messageCloseButton"_s), Qt::LeftButton);
        QVERIFY(!banner->isVisible());
    }

    // An org-side setting changed through the emulator: the banner gives Salesforce's words and the
    // fix in Setup's terms.
    void orgSettingRefusalIsExplained()
    {
        h->open();
        h->selectFlow(u"client-credentials"_s);
        QTRY_VERIFY(h->window->profiles()->current()->demoReady);
        QString error;
        const QString clientId = h->window->profiles()->currentProfile().clientId;
        QVERIFY2(h->demo.emulator().changeApp(clientId, {{u"clientCredentialsFlowUser"_s, QString()}}, &error),
                 qPrintable(error));
        Flow *flow = h->runAndWait();
        QVERIFY(flow);
        QCOMPARE(flow->status(), Flow::Status::Failed);
        auto *banner = h->find<ui::MessageBanner>(u"messageBanner"_s);
        const QString text = banner->plainText();
        QVERIFY2(text.contains(u"no client credentials user enabled"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Fix: External Client App Manager"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Run As user"_s), qPrintable(text));
        QCOMPARE(h->find<QTabWidget>(u"resultTabs"_s)->tabText(2), u"Traffic (1)"_s);
        QCOMPARE(h->find<QTableView>(u"trafficTable"_s)->model()->index(0, ExchangeLog::StatusColumn).data().toString(),
                 u"400"_s);
    }

    void cancelStopsAHangingRun()
    {
        QTcpServer silent; // accepts the connection and never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        h->open();
        h->selectFlow(u"client-credentials"_s);
        QTRY_VERIFY(h->window->profiles()->current()->demoReady);
        h->find<QLineEdit>(u"loginUrlEdit"_s)->setText(u"http://127.0.0.1:%1"_s.arg(silent.serverPort()));
        auto *cancel = h->find<QAction>(u"cancelAction"_s);
        QVERIFY(!cancel->isEnabled());

        h->find<QAction>(u"runAction"_s)->trigger();
        Flow *flow = h->window->runner()->currentFlow();
        QVERIFY(flow);
        QTRY_COMPARE(stageState(1), u"running"_s);
        QVERIFY(cancel->isEnabled());
        QVERIFY(!h->find<QAction>(u"runAction"_s)->isEnabled());
        QVERIFY(h->find<QProgressBar>(u"busyIndicator"_s)->isVisible());
        // The running stage's time ticks.
        auto *chip = h->find<QLabel>(u"stage1"_s);
        const QString before = chip->accessibleName();
        QTRY_VERIFY(chip->accessibleName() != before);

        QTest::keyClick(h->window.get(), Qt::Key_Escape);
        QTRY_COMPARE(flow->status(), Flow::Status::Cancelled);
        QCOMPARE(stageState(1), u"skipped"_s);
        QVERIFY(!cancel->isEnabled());
        QVERIFY(h->find<QAction>(u"runAction"_s)->isEnabled());
        QVERIFY(!h->find<QProgressBar>(u"busyIndicator"_s)->isVisible());
        auto *banner = h->find<ui::MessageBanner>(u"messageBanner"_s);
        QCOMPARE(banner->kind(), ui::MessageBanner::Kind::Info);
        QVERIFY(banner->plainText().contains(u"cancelled"_s));
    }

    void revealsOneSecretAtATime()
    {
        Flow *flow = runDemo();
        QVERIFY(flow);
        const QString token = flow->result()->accessToken;
        auto *value = h->find<QLineEdit>(u"token_access_tokenValue"_s);
        h->find<QAbstractButton>(u"token_access_tokenReveal"_s)->click();
        QCOMPARE(value->text(), token);
        h->find<QAbstractButton>(u"token_access_tokenReveal"_s)->click();
        QVERIFY(!value->text().contains(token));

        // Traffic: the exchange's secrets, each with its eye; showing one hides the other.
        h->find<QTabWidget>(u"resultTabs"_s)->setCurrentWidget(h->find<QWidget>(u"trafficPanel"_s));
        h->find<QTableView>(u"trafficTable"_s)->selectRow(0);
        const QString secret = h->window->profiles()->currentProfile().clientSecret;
        auto *request = h->find<QPlainTextEdit>(u"requestView"_s);
        auto *response = h->find<QPlainTextEdit>(u"responseView"_s);
        int secretIndex = -1;
        int tokenIndex = -1;
        for (int i = 0; i < 4; ++i) {
            auto *field = h->window->findChild<QLineEdit *>(u"exchangeSecret%1Value"_s.arg(i));
            if (!field)
                break;
            auto *eye = h->find<QAbstractButton>(u"exchangeSecret%1Reveal"_s.arg(i));
            eye->click();
            if (field->text() == secret)
                secretIndex = i;
            if (field->text() == token)
                tokenIndex = i;
            eye->click();
        }
        QVERIFY(secretIndex >= 0);
        QVERIFY(tokenIndex >= 0);
        h->find<QAbstractButton>(u"exchangeSecret%1Reveal"_s.arg(secretIndex))->click();
        QVERIFY(request->toPlainText().contains(u"client_secret = "_s + secret));
        h->find<QAbstractButton>(u"exchangeSecret%1Reveal"_s.arg(tokenIndex))->click();
        QVERIFY(!h->find<QAbstractButton>(u"exchangeSecret%1Reveal"_s.arg(secretIndex))->isChecked());
        QVERIFY(!request->toPlainText().contains(secret));
        QVERIFY(response->toPlainText().contains(token));
    }

    void copiesValuesCurlAndHar()
    {
        Flow *flow = runDemo();
        QVERIFY(flow);
        QClipboard *clipboard = QGuiApplication::clipboard();
        const QString token = flow->result()->accessToken;
        const QString secret = h->window->profiles()->currentProfile().clientSecret;

        h->find<QAbstractButton>(u"token_access_tokenCopy"_s)->click();
        QCOMPARE(clipboard->text(), token);

        auto *table = h->find<QTableView>(u"trafficTable"_s);
        table->selectRow(0);
        h->find<QAbstractButton>(u"copyCurlButton"_s)->click();
        const QString curl = clipboard->text();
        QVERIFY(curl.section(u'\n', 1).startsWith(u"curl "_s)); // after the "# set ECALAB_…" line
        QVERIFY(curl.contains(u"\"$ECALAB_CLIENT_SECRET\""_s));
        QVERIFY(!curl.contains(secret));

        // Ctrl+C on the table copies the selected cell.
        table->setCurrentIndex(table->model()->index(0, ExchangeLog::StatusColumn));
        table->setFocus();
        QTest::keySequence(table, QKeySequence::Copy);
        QCOMPARE(clipboard->text(), u"200"_s);

        const QString har = h->configDir.filePath(u"run.har"_s);
        ui::Prompts::setNextFileName(har);
        h->find<QAbstractButton>(u"exportHarButton"_s)->click();
        QFile file(har);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.contains(secret.toUtf8()));
        QVERIFY(!bytes.contains(token.toUtf8()));
        const QJsonObject log = QJsonDocument::fromJson(bytes).object().value(u"log"_s).toObject();
        QCOMPARE(log.value(u"version"_s).toString(), u"1.2"_s);
        const QJsonArray entries = log.value(u"entries"_s).toArray();
        QCOMPARE(entries.size(), 1);
        const QJsonObject entry = entries.first().toObject();
        QCOMPARE(entry.value(u"response"_s).toObject().value(u"status"_s).toInt(), 200);
        QVERIFY(entry.value(u"request"_s)
                    .toObject()
                    .value(u"postData"_s)
                    .toObject()
                    .value(u"text"_s)
                    .toString()
                    .contains(u"client_secret=[redacted]"_s));
    }

    void decodedTabExplainsAnOpaqueToken()
    {
        Flow *flow = runDemo();
        QVERIFY(flow);
        auto *tabs = h->find<ui::ResultTabs>(u"resultTabs"_s);
        tabs->setCurrentWidget(tabs->decodedPanel()); // built when looked at, if not on the turn after the run
        auto *note = h->find<QLabel>(u"decodedVerdict_access_token"_s);
        QVERIFY(note);
        QVERIFY(note->text().contains(u"Opaque Salesforce session token"_s));
        QVERIFY(note->text().contains(flow->result()->accessToken.section(u'!', 0, 0)));
        QVERIFY(note->text().contains(u"Introspect"_s)); // the button, not an endpoint the user cannot call
        QVERIFY(h->find<QLabel>(u"decodedIdentity"_s)->text().contains(flow->result()->orgId()));
    }
};

QTEST_MAIN(TestGuiRun)
#include "tst_gui_run.moc"
