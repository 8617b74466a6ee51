// A flow registered from the tests reaches the window: it is in the picker, its validation shows
// at the field, and its one-time-code prompt gets a view whose field takes the focus and whose
// answer goes back to the flow.
#include "GuiHarness.h"
#include "TestFlows.h"

#include "AskView.h"
#include "ResultTabs.h"
#include "WaitPanel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QTest>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

class TestGuiPrompt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { registerTestFlows(); }

    void aTestFlowIsInThePicker()
    {
        GuiHarness h;
        h.open();
        QTRY_VERIFY(h.window->profiles()->current()->demoReady); // its fields are editable once it runs
        auto *picker = h.find<QComboBox>(u"flowPicker"_s);
        QVERIFY(picker->findData(QString::fromUtf16(AskCodeFlow::kName), Qt::UserRole) >= 0);
        QCOMPARE(h.selectFlow(QString::fromUtf16(AskCodeFlow::kName)), QString::fromUtf16(AskCodeFlow::kName));
        // Its own validation shows at the field.
        h.find<QLineEdit>(u"clientIdEdit"_s)->clear();
        QVERIFY(h.find<QLabel>(u"clientIdProblem"_s)->isVisible());
    }

    void theAskViewTakesTheCodeToTheFlow()
    {
        GuiHarness h;
        h.open();
        QTRY_VERIFY(h.window->profiles()->current()->demoReady);
        h.selectFlow(QString::fromUtf16(AskCodeFlow::kName));
        h.find<QAction>(u"runAction"_s)->trigger();
        Flow *flow = h.window->runner()->currentFlow();
        QVERIFY(flow);
        QCOMPARE(flow->status(), Flow::Status::WaitingForUser);
        auto *wait = h.find<ui::ResultTabs>(u"resultTabs"_s)->waitPanel();
        QVERIFY(wait->isWaiting());
        QCOMPARE(wait->currentWidget(), wait->askView());
        QLineEdit *field = wait->askView()->field();
        QTRY_VERIFY(field->hasFocus());
        QVERIFY(h.find<QLabel>(u"askSentTo"_s)->text().contains(u"j•••@example.com"_s));
        QTest::keyClicks(field, QString::fromUtf16(AskCodeFlow::kGoodCode));
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(flow->status(), Flow::Status::Succeeded);
        QVERIFY(!wait->isWaiting());
        QVERIFY(field->text().isEmpty());
    }
};

QTEST_MAIN(TestGuiPrompt)
#include "tst_gui_prompt.moc"
