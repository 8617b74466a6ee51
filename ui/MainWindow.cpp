#include "MainWindow.h"

#include "Icons.h"
#include "MessageBanner.h"
#include "ProfileController.h"
#include "ProfileForm.h"
#include "ProfileListPanel.h"
#include "Prompts.h"
#include "ResultTabs.h"
#include "RunController.h"
#include "StageRow.h"
#include "Style.h"
#include "TokenInspector.h"
#include "TokenSession.h"
#include "TrafficPanel.h"

#include "profile/ProfileStore.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
// When no first frame comes (a window shown minimised, or never shown), the demo org starts anyway.
constexpr int kDemoStartFallbackMs = 500;

QToolButton *actionButton(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setObjectName(action->objectName() + u"Button"_s);
    QString name = action->text();
    button->setAccessibleName(name.remove(u'&'));
    return button;
}
} // namespace

MainWindow::MainWindow(UiContext context, QWidget *parent)
    : QMainWindow(parent), m_context(context), m_runAction(new QAction(icon(u"run"_s), tr("&Run"), this)),
      m_cancelAction(new QAction(icon(u"cancel"_s), tr("&Cancel"), this)), m_profilePicker(new QComboBox(this)),
      m_flowPicker(new QComboBox(this)), m_runStatus(new QLabel(this)), m_demoStatus(new QLabel(this)),
      m_banner(new MessageBanner(this)), m_profileList(new ProfileListPanel(this)), m_form(new ProfileForm(this)),
      m_stages(new StageRow(this)), m_results(new ResultTabs(context.services.clock, this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("ECA Lab"));
    setWindowIcon(icon(u"ecalab"_s));
    m_runAction->setObjectName(u"runAction"_s);
    m_runAction->setShortcut(QKeySequence(u"Ctrl+R"_s));
    m_runAction->setToolTip(tr("Run the flow on this profile (Ctrl+R)"));
    m_cancelAction->setObjectName(u"cancelAction"_s);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setToolTip(tr("Cancel the run (Esc)"));
    addAction(m_runAction);
    addAction(m_cancelAction);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 4, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(buildTopBar());
    layout->addWidget(buildWorkArea(), 1);
    setCentralWidget(central);

    m_form->setServices(m_context.services.clock, m_context.demo);
    m_profiles = new ProfileController(m_context, {m_profileList, m_profilePicker, m_form, m_banner}, this);
    m_runner = new RunController(
        m_context.services, m_profiles,
        {m_flowPicker, m_runAction, m_cancelAction, m_runStatus, m_stages, m_results, m_banner, m_form}, this);
    m_runner->session()->setRunOptions(m_context.runOptions);
    m_tokens = new TokenSession(
        m_context.services, m_runner->session()->log(), m_context.secrets,
        [profiles = m_profiles] { return profiles->currentProfile(); }, this);
    m_runner->setTokenSession(m_tokens);
    m_results->setTokenSession(m_tokens);
    connect(m_profiles, &ProfileController::demoStateChanged, this, &MainWindow::refreshDemoStatus);
    connect(m_profiles, &ProfileController::currentChanged, this, [this] {
        const ProfileBook::Entry *entry = m_profiles->current();
        setWindowTitle(entry ? tr("%1 — ECA Lab").arg(entry->title()) : tr("ECA Lab"));
    });
    connect(m_results->trafficPanel(), &TrafficPanel::exported, this, [this](const QString &path) {
        m_banner->showMessage(MessageBanner::Kind::Positive,
                              tr("Exported the traffic to %1 (secrets masked).").arg(path.toHtmlEscaped()));
    });
    connect(m_results->trafficPanel(), &TrafficPanel::exportFailed, this,
            [this](const QString &why) { m_banner->showMessage(MessageBanner::Kind::Error, why.toHtmlEscaped()); });
    buildMenus();
    refreshDemoStatus();
    restoreState();
    QTimer::singleShot(kDemoStartFallbackMs, this, &MainWindow::afterFirstFrame);
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::buildTopBar()
{
    auto *bar = new QWidget(this);
    bar->setObjectName(u"topBar"_s);
    m_profilePicker->setObjectName(u"profilePicker"_s);
    m_profilePicker->setAccessibleName(tr("Profile"));
    m_profilePicker->setMinimumContentsLength(22);
    m_profilePicker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    connect(m_profilePicker, &QComboBox::currentTextChanged, m_profilePicker, &QWidget::setToolTip);
    m_flowPicker->setObjectName(u"flowPicker"_s);
    m_flowPicker->setAccessibleName(tr("Flow"));
    m_flowPicker->setMinimumContentsLength(24);
    m_flowPicker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_runStatus->setObjectName(u"runStatus"_s);
    m_runStatus->setTextFormat(Qt::RichText);
    m_runStatus->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // a long headline clips, not widens
    m_demoStatus->setObjectName(u"statusIndicator"_s);
    m_demoStatus->setTextFormat(Qt::RichText);

    auto *profileLabel = new QLabel(tr("&Profile"), bar);
    profileLabel->setBuddy(m_profilePicker);
    auto *flowLabel = new QLabel(tr("&Flow"), bar);
    flowLabel->setBuddy(m_flowPicker);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(profileLabel);
    layout->addWidget(m_profilePicker);
    layout->addSpacing(8);
    layout->addWidget(flowLabel);
    layout->addWidget(m_flowPicker);
    layout->addSpacing(8);
    layout->addWidget(actionButton(m_runAction, bar));
    layout->addWidget(actionButton(m_cancelAction, bar));
    layout->addSpacing(12);
    layout->addWidget(m_runStatus);
    layout->addStretch(1);
    layout->addWidget(m_demoStatus);
    return bar;
}

QWidget *MainWindow::buildWorkArea()
{
    auto *runArea = new QWidget(this);
    auto *runLayout = new QVBoxLayout(runArea);
    runLayout->setContentsMargins(0, 0, 0, 0);
    runLayout->setSpacing(2);
    auto *line = new QFrame(runArea);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    runLayout->addWidget(line);
    // What a run shows (stage chips, a device code, a long error) never widens the window: these
    // take the width they are given and wrap or clip within it.
    for (QWidget *grows : std::initializer_list<QWidget *>{m_stages, m_results})
        grows->setSizePolicy(QSizePolicy::Ignored, grows->sizePolicy().verticalPolicy());
    runLayout->addWidget(m_stages);
    runLayout->addWidget(m_results, 1);
    m_banner->overlay(runArea);

    m_rightSplitter = new QSplitter(Qt::Vertical, this);
    m_rightSplitter->setObjectName(u"rightSplitter"_s);
    m_rightSplitter->addWidget(m_form);
    m_rightSplitter->addWidget(runArea);
    m_rightSplitter->setStretchFactor(0, 2);
    m_rightSplitter->setStretchFactor(1, 3);
    m_rightSplitter->setChildrenCollapsible(false);

    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(u"mainSplitter"_s);
    m_mainSplitter->addWidget(m_profileList);
    m_mainSplitter->addWidget(m_rightSplitter);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setChildrenCollapsible(false);
    return m_mainSplitter;
}

void MainWindow::buildMenus()
{
    QMenu *profile = menuBar()->addMenu(tr("&Profile"));
    profile->addAction(icon(u"add"_s), tr("&New"), QKeySequence::New, m_profiles, &ProfileController::createProfile);
    profile->addAction(icon(u"duplicate"_s), tr("&Duplicate"), m_profiles, &ProfileController::duplicateProfile);
    profile->addAction(icon(u"save"_s), tr("&Save"), m_profiles, &ProfileController::saveProfile);
    profile->addAction(icon(u"delete"_s), tr("De&lete…"), m_profiles, &ProfileController::deleteProfile);
    profile->addSeparator();
    profile->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_runAction);
    run->addAction(m_cancelAction);
    QMenu *token = menuBar()->addMenu(tr("&Token"));
    QAction *inspect =
        token->addAction(tr("&Inspect a token…"), QKeySequence(u"Ctrl+I"_s), this, [this] { inspectToken(); });
    inspect->setObjectName(u"inspectTokenAction"_s);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About ECA Lab"), this, [this] {
        QMessageBox::about(this, tr("About ECA Lab"),
                           tr("<b>ECA Lab %1</b><br>See, step by step, whether every OAuth flow of a Salesforce "
                              "External Client App works — and why not when it doesn't.")
                               .arg(QApplication::applicationVersion().toHtmlEscaped()));
    });
}

TokenInspector *MainWindow::inspectToken()
{
    if (!m_inspector)
        m_inspector = new TokenInspector(
            m_context.services, m_runner->session()->log(),
            [profiles = m_profiles] { return profiles->currentProfile(); }, this);
    m_inspector->show();
    m_inspector->raise();
    m_inspector->activateWindow();
    return m_inspector;
}

// The first paint is on its way to the screen: what the first frame does not need starts on the
// next turn of the event loop (the demo org's emulator).
void MainWindow::paintEvent(QPaintEvent *event)
{
    QMainWindow::paintEvent(event);
    if (!m_painted) {
        m_painted = true;
        QTimer::singleShot(0, this, &MainWindow::afterFirstFrame);
    }
}

void MainWindow::afterFirstFrame()
{
    m_profiles->allowDemoStart();
}

void MainWindow::refreshDemoStatus()
{
    if (!m_context.demo) {
        m_demoStatus->hide();
        return;
    }
    const bool running = m_profiles->demoRunning();
    const QString dot = running ? toneColor(Tone::Positive).name() : toneColor(Tone::Neutral).name();
    const QStringList states{tr("Emulator running (demo)"), tr("Starting the emulator…"), tr("Emulator not started")};
    const QString state = states.at(running ? 0 : m_profiles->demoStarting() ? 1 : 2);
    m_demoStatus->setText(u"<span style=\"color:%1\">●</span> %2"_s.arg(dot, state));
    // As wide as its widest state: the demo org starting after the first frame never widens the window.
    int widest = 0;
    for (const QString &text : states)
        widest = std::max(widest, m_demoStatus->fontMetrics().horizontalAdvance(u"● "_s + text));
    m_demoStatus->setMinimumWidth(widest + 2);
    m_demoStatus->setToolTip(m_context.demo->description());
    m_demoStatus->setAccessibleName(m_context.demo->description());
}

std::unique_ptr<QSettings> MainWindow::settings() const
{
    return std::make_unique<QSettings>(ProfileStore::defaultConfigDirectory() + u"/window.ini"_s, QSettings::IniFormat);
}

void MainWindow::restoreState()
{
    const auto s = settings();
    if (!restoreGeometry(s->value(u"window/geometry"_s).toByteArray()))
        resize(1200, 780);
    QMainWindow::restoreState(s->value(u"window/state"_s).toByteArray());
    if (!m_mainSplitter->restoreState(s->value(u"window/mainSplitter"_s).toByteArray()))
        m_mainSplitter->setSizes({220, 980});
    if (!m_rightSplitter->restoreState(s->value(u"window/rightSplitter"_s).toByteArray()))
        m_rightSplitter->setSizes({250, 470});
    if (!m_results->trafficPanel()->splitter()->restoreState(s->value(u"window/trafficSplitter"_s).toByteArray()))
        m_results->trafficPanel()->splitter()->setSizes({90, 400});
    m_runner->selectFlow(s->value(u"run/flow"_s).toString());
    QString why;
    if (m_context.initialProfile.isEmpty() || !m_profiles->openRequested(m_context.initialProfile, &why))
        m_profiles->selectInitial(s->value(u"run/profile"_s).toString());
    if (!why.isEmpty()) // after selectInitial, whose demo greeting would hide it
        m_banner->showMessage(MessageBanner::Kind::Warning, why);
}

void MainWindow::saveState()
{
    const auto s = settings();
    s->setValue(u"window/geometry"_s, saveGeometry());
    s->setValue(u"window/state"_s, QMainWindow::saveState());
    s->setValue(u"window/mainSplitter"_s, m_mainSplitter->saveState());
    s->setValue(u"window/rightSplitter"_s, m_rightSplitter->saveState());
    s->setValue(u"window/trafficSplitter"_s, m_results->trafficPanel()->splitter()->saveState());
    s->setValue(u"run/flow"_s, m_runner->currentFlowName());
    s->setValue(u"run/profile"_s, m_profiles->currentName());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_profiles->book()->hasUnsavedEdits() &&
        !Prompts::confirm(this, tr("Unsaved changes"),
                          tr("Some profiles have unsaved changes (marked •). Quit and lose them?"), tr("Quit"))) {
        event->ignore();
        return;
    }
    saveState();
    m_runner->cancel();
    QMainWindow::closeEvent(event);
}

} // namespace ecalab::ui
