#pragma once

#include "grants/FlowSession.h"

#include <QObject>
#include <QPointer>

class QAction;
class QComboBox;
class QLabel;

namespace ecalab::ui {

class MessageBanner;
class ProfileController;
class ProfileForm;
class ResultTabs;
class SitePassword;
class StageRow;
class TokenSession;

// Run and Cancel: checks the settings, starts the chosen flow on the current profile through one
// FlowSession, and binds the run to the stage row, the result tabs and the banner.
class RunController : public QObject
{
    Q_OBJECT
public:
    struct Views
    {
        QComboBox *flowPicker;
        QAction *run;
        QAction *cancel;
        QLabel *runStatus;
        StageRow *stages;
        ResultTabs *results;
        MessageBanner *banner;
        ProfileForm *form;
    };

    RunController(FlowServices services, ProfileController *profiles, Views views, QObject *parent = nullptr);
    ~RunController() override;

    FlowSession *session() { return &m_session; }
    Flow *currentFlow() const { return m_flow; }
    QString currentFlowName() const;
    void selectFlow(const QString &name);
    // The held tokens: a run's result goes there, a new run or a switch clears them, and the
    // "refresh" flow's prompt for a refresh token is answered from them.
    void setTokenSession(TokenSession *tokens);
    SitePassword *sitePassword() const { return m_sitePassword; }

    void run();
    void cancel();
    // After a switch of profile or flow: the finished run's result, traffic, stages and banner go,
    // so nothing of one org is shown under another's name. A run in progress stays on show.
    void clearResults();

Q_SIGNALS:
    void runFinished(bool succeeded);

private:
    void populateFlowPicker();
    void bindFlow(Flow *flow);
    void onSucceeded(const TokenSet &tokens);
    void onFailed(const FlowError &error);
    void updateActions();
    void setRunStatus(const QString &iconName, const QString &text);
    // The answers the window gives itself (a held refresh token, a kept site password) and the
    // offer to keep a typed password once the run has proved it.
    void bindSitePassword();
    QString answerFor(const UserPrompt &prompt);
    QString keepOffer(const UserPrompt &prompt) const;
    void onPersonAnswered(const QString &promptId, const QString &value, bool keep);
    void keepProvedPassword();
    void refreshSitePasswordNote();

    FlowSession m_session;
    ProfileController *m_profiles;
    Views m_views;
    QPointer<Flow> m_flow;
    TokenSession *m_tokens = nullptr;
    SitePassword *m_sitePassword = nullptr;
    QString m_passwordToKeep; // typed with Keep ticked; kept only when the run succeeds
    bool m_usedKeptPassword = false; // this run's password came from the keychain
};

} // namespace ecalab::ui
