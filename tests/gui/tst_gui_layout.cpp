// The settings tabs per flow (each flow shows exactly the fields its descriptor declares), results
// that belong to one profile's run, and a layout that stays put: banners that do not move the form,
// a window that never widens itself, every control inside the window at 1366×768.
#include "GuiHarness.h"

#include "MessageBanner.h"
#include "ProfileForm.h"
#include "ResultTabs.h"
#include "TrafficPanel.h"
#include "grants/FlowRegistry.h"
#include "profile/LoginUrlAdvice.h"

#include <QApplication>
#include <QLabel>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>

using namespace ecalab;
using namespace ecalab::test;
using namespace Qt::Literals::StringLiterals;

namespace {
QRect geometryIn(const QWidget *widget, const QWidget *window)
{
    return QRect(widget->mapTo(window, QPoint(0, 0)), widget->size());
}

// Every visible control the user acts on or reads, by its object name.
QList<QWidget *> namedControls(QWidget *window)
{
    QList<QWidget *> out;
    for (QWidget *w : window->findChildren<QWidget *>()) {
        if (w->objectName().isEmpty() || !w->isVisible() || w->objectName().startsWith(u"qt_"_s))
            continue;
        if (w->inherits("QAbstractButton") || w->inherits("QLineEdit") || w->inherits("QComboBox") ||
            w->inherits("QAbstractSpinBox") || w->inherits("QTabBar"))
            out.append(w);
    }
    return out;
}
} // namespace

class TestGuiLayout : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuiHarness> h;

    ui::ProfileForm *form() const { return h->find<ui::ProfileForm>(u"settingsTabs"_s); }

    bool openDemo(const QString &flow)
    {
        h->open();
        return h->selectFlow(flow) == flow &&
               QTest::qWaitFor([&] { return h->window->profiles()->current()->demoReady; }, 5000);
    }

private Q_SLOTS:
    void init() { h = std::make_unique<GuiHarness>(); }
    void cleanup() { h.reset(); }

    void eachFlowShowsExactlyItsFields_data()
    {
        QTest::addColumn<QString>("flow");
        for (const FlowDescriptor *flow : FlowRegistry::instance().all())
            QTest::newRow(qPrintable(flow->name)) << flow->name;
    }

    void eachFlowShowsExactlyItsFields()
    {
        QFETCH(QString, flow);
        QVERIFY(openDemo(flow));
        const FlowDescriptor *descriptor = FlowRegistry::instance().find(flow);
        QSet<ProfileField> declared{ProfileField::Name};
        for (const FlowFieldUse &use : descriptor->fields)
            declared.insert(use.field);
        const QList<ProfileField> shown = form()->shownFields();
        QCOMPARE(QSet<ProfileField>(shown.begin(), shown.end()), declared);
        // What the user sees: the editor of a declared field is on its tab; any other is not.
        for (const QString &name : {u"callbackUrlEdit"_s, u"scopesEdit"_s, u"privateKeyFileEdit"_s, u"promptEdit"_s}) {
            auto *edit = h->find<QLineEdit>(name);
            bool onShow = false;
            for (int i = 0; i < form()->count(); ++i) {
                form()->setCurrentIndex(i);
                onShow = onShow || (form()->isTabVisible(i) && edit->isVisible());
            }
            const bool wanted = (name == u"callbackUrlEdit" && declared.contains(ProfileField::CallbackUrl)) ||
                                (name == u"scopesEdit" && declared.contains(ProfileField::Scopes)) ||
                                (name == u"privateKeyFileEdit" && declared.contains(ProfileField::PrivateKeyFile)) ||
                                (name == u"promptEdit" && declared.contains(ProfileField::Prompt));
            QCOMPARE(onShow, wanted);
        }
        QCOMPARE(form()->tabText(int(ui::ProfileForm::Page::Flow)), u"Flow: %1"_s.arg(descriptor->title));
        form()->setCurrentIndex(int(ui::ProfileForm::Page::Flow));
        h->screenshotIfAsked(u"settings-%1"_s.arg(flow));
    }

    void clientCredentialsSaysWhereScopesComeFrom()
    {
        QVERIFY(openDemo(u"client-credentials"_s));
        QVERIFY(!form()->shownFields().contains(ProfileField::Scopes));
        QVERIFY(form()->fieldNote(ProfileField::Scopes).contains(u"Setup"_s));
        QCOMPARE(h->selectFlow(u"web-server"_s), u"web-server"_s);
        QVERIFY(form()->shownFields().contains(ProfileField::Scopes));
        QVERIFY(form()->fieldNote(ProfileField::Scopes).isEmpty());
    }

    void aMissingRequiredFieldBlocksRunAtTheField()
    {
        QVERIFY(openDemo(u"web-server"_s));
        h->find<QLineEdit>(u"callbackUrlEdit"_s)->clear();
        h->find<QAction>(u"runAction"_s)->trigger();
        QVERIFY(!h->window->runner()->currentFlow()); // nothing started, nothing sent
        QCOMPARE(form()->currentIndex(), int(ui::ProfileForm::Page::Flow)); // taken to the field
        auto *problem = h->find<QLabel>(u"callbackUrlProblem"_s);
        QVERIFY(problem->isVisible());
        QVERIFY(problem->text().contains(u"Callback URL"_s));
        QVERIFY(h->find<ui::MessageBanner>(u"messageBanner"_s)->plainText().contains(u"Fix the flagged settings"_s));
    }

    void aPastedLightningUrlIsTurnedIntoTheMyDomain_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("noteMentions");
        QTest::addColumn<QString>("suggested");
        QTest::newRow("Setup page") << u"https://acme.lightning.force.com/lightning/setup/SetupOneHome/home"_s
                                    << u"Lightning"_s << u"https://acme.my.salesforce.com"_s;
        QTest::newRow("sandbox Lightning") << u"https://acme--dev.sandbox.lightning.force.com/lightning/page/home"_s
                                           << u"Lightning"_s << u"https://acme--dev.sandbox.my.salesforce.com"_s;
        QTest::newRow("Visualforce") << u"https://acme--c.vf.force.com/apex/Setup"_s << u"Visualforce"_s
                                     << u"https://acme.my.salesforce.com"_s;
        QTest::newRow("no scheme") << u"acme.my.salesforce.com"_s << u"https://"_s
                                   << u"https://acme.my.salesforce.com"_s;
    }

    void aPastedLightningUrlIsTurnedIntoTheMyDomain()
    {
        QFETCH(QString, typed);
        QFETCH(QString, noteMentions);
        QFETCH(QString, suggested);
        QVERIFY(openDemo(u"web-server"_s));
        auto *login = h->find<QLineEdit>(u"loginUrlEdit"_s);
        auto *note = h->find<QLabel>(u"loginUrlNote"_s);
        auto *use = h->find<QPushButton>(u"useSuggestedLoginUrlButton"_s);
        QVERIFY(use->isHidden());
        login->setText(typed);
        // Why it will not work is said once: at the field by the flow's check, not again in the note.
        const QString problem = h->find<QLabel>(u"loginUrlProblem"_s)->text();
        const QString both = note->text() + u'\n' + problem;
        QVERIFY2(both.contains(noteMentions), qPrintable(both));
        const LoginUrlAdvice advice = adviseLoginUrl(typed);
        QVERIFY(advice.warning && !problem.isEmpty());
        QVERIFY2(!note->text().contains(advice.message.toHtmlEscaped()), qPrintable(note->text()));
        QVERIFY(note->isVisible());
        QVERIFY(use->isVisible());
        QCOMPARE(use->text(), u"Use %1"_s.arg(suggested));
        QTest::mouseClick(use, Qt::LeftButton);
        QCOMPARE(login->text(), suggested);
        QVERIFY(use->isHidden());
        QCOMPARE(h->window->profiles()->currentProfile().loginUrl, QUrl(suggested));
        QVERIFY2(note->text().contains(u"✓"_s), qPrintable(note->text()));
    }

    void switchingProfileClearsTheResult()
    {
        QVERIFY(openDemo(u"client-credentials"_s));
        Flow *flow = h->runAndWait();
        QVERIFY(flow && flow->status() == Flow::Status::Succeeded);
        QVERIFY(!h->find<QWidget>(u"resultTabs"_s)->findChild<QLabel *>(u"tokenEmpty"_s));
        QVERIFY(h->window->runner()->session()->log()->rowCount() > 0);

        h->window->profiles()->createProfile();
        QTRY_VERIFY(h->find<QWidget>(u"resultTabs"_s)->findChild<QLabel *>(u"tokenEmpty"_s));
        QCOMPARE(h->window->runner()->session()->log()->rowCount(), 0);
        auto *results = h->find<QTabWidget>(u"resultTabs"_s);
        QVERIFY(results->tabText(2).contains(u"(0)"_s));
        QVERIFY(!h->find<QLabel>(u"stage0"_s) || h->find<QLabel>(u"stage0"_s)->isHidden());
        QVERIFY(h->find<QLabel>(u"runStatus"_s)->text().isEmpty());
    }

    void switchingFlowClearsTheRunBanner()
    {
        QVERIFY(openDemo(u"client-credentials"_s));
        h->find<QLineEdit>(u"clientSecretEdit"_s)->setText(u"not-the-secret"_s);
        Flow *flow = h->runAndWait();
        QVERIFY(flow && flow->status() == Flow::Status::Failed);
        auto *banner = h->find<ui::MessageBanner>(u"messageBanner"_s);
        QVERIFY(banner->isVisible());
        QCOMPARE(h->selectFlow(u"device"_s), u"device"_s);
        QVERIFY(!banner->isVisible());
    }

    void aBannerDoesNotMoveTheFormOrTheList()
    {
        QVERIFY(openDemo(u"client-credentials"_s));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        const QRect formBefore = geometryIn(form(), h->window.get());
        const QRect listBefore = geometryIn(h->find<QWidget>(u"profileList"_s), h->window.get());
        auto *banner = h->find<ui::MessageBanner>(u"messageBanner"_s);
        banner->showMessage(ui::MessageBanner::Kind::Error,
                            u"<b>A long refusal</b><br>line two<br>line three<br>line four"_s);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QVERIFY(banner->isVisible());
        QVERIFY(banner->height() > 40);
        QCOMPARE(geometryIn(form(), h->window.get()), formBefore);
        QCOMPARE(geometryIn(h->find<QWidget>(u"profileList"_s), h->window.get()), listBefore);
    }

    void theWindowKeepsItsWidthDuringARun_data()
    {
        QTest::addColumn<int>("startWidth"); // from narrower than the chips at full length to wider
        for (int width : {860, 900, 940, 980, 1020, 1100, 1200})
            QTest::addRow("%d px", width) << width;
    }

    void theWindowKeepsItsWidthDuringARun()
    {
        QFETCH(int, startWidth);
        QVERIFY(openDemo(u"device"_s));
        h->window->resize(startWidth, 700);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        const int width = h->window->width();
        h->find<QAction>(u"runAction"_s)->trigger();
        Flow *flow = h->window->runner()->currentFlow();
        QVERIFY(flow);
        QTRY_VERIFY(h->find<QWidget>(u"waitPanel"_s)->isVisible());
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCOMPARE(h->window->width(), width);
        // The stage chips fit by saying less, never by being cut: the live one keeps its title. The
        // live chip's time ticks, so each tick may need one layout pass: checked once it has run.
        auto *row = h->find<QWidget>(u"stageRow"_s);
        const auto cutChip = [&]() -> QString {
            for (int i = 0; auto *chip = row->findChild<QLabel *>(u"stage%1"_s.arg(i)); ++i) {
                if (chip->width() < chip->sizeHint().width() ||
                    !row->rect().contains(QRect(chip->mapTo(row, QPoint(0, 0)), chip->size())))
                    return chip->text();
            }
            return {};
        };
        QTRY_VERIFY2(cutChip().isEmpty(), qPrintable(cutChip()));
        int live = 0;
        for (int i = 0; auto *chip = row->findChild<QLabel *>(u"stage%1"_s.arg(i)); ++i) {
            if (chip->property("stageState").toString() == u"waiting") {
                ++live;
                QVERIFY2(chip->text().contains(flow->stages().at(i).title), qPrintable(chip->text()));
            }
        }
        QCOMPARE(live, 1);
        h->window->runner()->cancel();
        QTRY_VERIFY(flow->isFinished());
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCOMPARE(h->window->width(), width);
    }

    void aLongProfileNameElidesInTheMiddle()
    {
        const QString name = u"Acme production – Order Sync integration user for the EMEA warehouse team"_s;
        Profile p;
        p.name = name;
        p.loginUrl = QUrl(u"https://acme.my.salesforce.com"_s);
        p.clientId = u"3MVG9acme"_s;
        QVERIFY(h->profiles->save(p));
        h->initialProfile = name;
        h->open();
        h->window->resize(1000, 700);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCOMPARE(h->window->width(), 1000);
        auto *list = h->find<QListWidget>(u"profileList"_s);
        QCOMPARE(list->textElideMode(), Qt::ElideMiddle);
        QListWidgetItem *item = list->currentItem();
        QVERIFY(item);
        QVERIFY(item->toolTip().startsWith(name));
        QCOMPARE(h->find<QComboBox>(u"profilePicker"_s)->toolTip(), h->find<QComboBox>(u"profilePicker"_s)->currentText());
    }

    // 1366×768 at 100 %, and 2× on 2560×1440 (1280×720 logical), less the desktop's panels.
    void everyControlFitsAtSmallScreens_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1366x768") << QSize(1366, 740);
        QTest::newRow("2x on 2560x1440") << QSize(1280, 690);
    }

    void everyControlFitsAtSmallScreens()
    {
        QFETCH(QSize, size);
        QVERIFY(openDemo(u"web-server"_s));
        QVERIFY(h->window->minimumSizeHint().width() <= size.width());
        QVERIFY(h->window->minimumSizeHint().height() <= size.height());
        h->window->resize(size);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCOMPARE(h->window->size(), size);
        const QRect inside = h->window->rect();
        const QList<QWidget *> controls = namedControls(h->window.get());
        QVERIFY(controls.size() > 10);
        for (QWidget *control : controls) {
            const QRect r = geometryIn(control, h->window.get());
            if (!inside.contains(r))
                QFAIL(qPrintable(u"%1 at %2,%3 %4×%5 is outside the %6×%7 window"_s.arg(control->objectName())
                                     .arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height())
                                     .arg(size.width()).arg(size.height())));
        }
        // A slightly larger font still shows a usable Login URL field, not just "http".
        QFont bigger = QApplication::font();
        bigger.setPointSizeF(bigger.pointSizeF() * 1.25);
        h->window->setFont(bigger);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        auto *login = h->find<QLineEdit>(u"loginUrlEdit"_s);
        form()->setCurrentIndex(int(ui::ProfileForm::Page::App));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QVERIFY2(login->width() >= login->fontMetrics().horizontalAdvance(u"https://acme.my.salesforce.com"_s),
                 qPrintable(QString::number(login->width())));
    }
};

QTEST_MAIN(TestGuiLayout)
#include "tst_gui_layout.moc"
