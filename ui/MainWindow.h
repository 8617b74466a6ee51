#pragma once

#include "UiContext.h"

#include <QMainWindow>

class QAction;
class QComboBox;
class QLabel;
class QSettings;
class QSplitter;

namespace ecalab::ui {

class MessageBanner;
class ProfileController;
class ProfileForm;
class ProfileListPanel;
class ResultTabs;
class RunController;
class StageRow;
class TokenInspector;
class TokenSession;

// The window: top bar (profile, flow, Run, Cancel, status), the profile list, the settings form,
// the stage row and the result tabs. It only composes panels; ProfileController and RunController
// hold the behaviour.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(UiContext context, QWidget *parent = nullptr);
    ~MainWindow() override;

    ProfileController *profiles() const { return m_profiles; }
    RunController *runner() const { return m_runner; }
    TokenSession *tokens() const { return m_tokens; }
    // Token → Inspect a token…: shown (made on first use) and returned.
    TokenInspector *inspectToken();

protected:
    void closeEvent(QCloseEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void afterFirstFrame();
    QWidget *buildTopBar();
    QWidget *buildWorkArea();
    void buildMenus();
    void refreshDemoStatus();
    void restoreState();
    void saveState();
    std::unique_ptr<QSettings> settings() const;

    UiContext m_context;
    QAction *m_runAction;
    QAction *m_cancelAction;
    QComboBox *m_profilePicker;
    QComboBox *m_flowPicker;
    QLabel *m_runStatus;
    QLabel *m_demoStatus;
    MessageBanner *m_banner;
    ProfileListPanel *m_profileList;
    ProfileForm *m_form;
    StageRow *m_stages;
    ResultTabs *m_results;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_rightSplitter = nullptr;
    ProfileController *m_profiles = nullptr;
    RunController *m_runner = nullptr;
    TokenSession *m_tokens = nullptr;
    TokenInspector *m_inspector = nullptr;
    bool m_painted = false;
};

} // namespace ecalab::ui
