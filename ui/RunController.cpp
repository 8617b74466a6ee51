#include "RunController.h"

#include "MessageBanner.h"
#include "ProfileController.h"
#include "ProfileForm.h"
#include "ResultTabs.h"
#include "RunReport.h"
#include "StageRow.h"
#include "Style.h"
#include "TokenSession.h"
#include "WaitPanel.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QStandardItemModel>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kRunTopic = u"run"_s; // the banner's messages about a run, taken back with its result
}

RunController::RunController(FlowServices services, ProfileController *profiles, Views views, QObject *parent)
    : QObject(parent), m_session(services), m_profiles(profiles), m_views(views)
{
    populateFlowPicker();
    m_views.results->setLog(m_session.log());
    m_views.results->waitPanel()->setBrowser(services.browser);
    m_views.results->waitPanel()->setDemo(profiles->demo(), [profiles] { return profiles->currentProfile().loginUrl; });
    connect(m_views.results->waitPanel(), &WaitPanel::cancelRequested, this, &RunController::cancel);
    connect(&m_session, &FlowSession::flowStarted, this, &RunController::bindFlow);
    connect(m_views.run, &QAction::triggered, this, &RunController::run);
    connect(m_views.cancel, &QAction::triggered, this, &RunController::cancel);
    connect(m_views.flowPicker, &QComboBox::currentIndexChanged, this, [this] {
        m_views.form->setFlowName(currentFlowName());
        clearResults();
    });
    connect(m_profiles, &ProfileController::currentChanged, this, &RunController::clearResults);
    connect(m_views.banner, &MessageBanner::linkActivated, this, [this](const QString &link) {
        if (link == u"explanation")
            m_views.results->showExplanation();
    });
    m_views.form->setFlowName(currentFlowName());
    updateActions();
}

// The session, a member, cancels a running flow as it goes; by then the views may be gone.
RunController::~RunController()
{
    if (m_flow)
        disconnect(m_flow, nullptr, this, nullptr);
}

void RunController::populateFlowPicker()
{
    auto *model = new QStandardItemModel(m_views.flowPicker);
    for (const FlowDescriptor *flow : FlowRegistry::instance().all()) {
        auto *item = new QStandardItem(flow->title);
        item->setData(flow->name, Qt::UserRole);
        item->setToolTip(flow->summary);
        model->appendRow(item);
    }
    m_views.flowPicker->setModel(model);
    m_views.flowPicker->setCurrentIndex(0);
}

QString RunController::currentFlowName() const
{
    return m_views.flowPicker->currentData(Qt::UserRole).toString();
}

void RunController::selectFlow(const QString &name)
{
    if (const int index = m_views.flowPicker->findData(name, Qt::UserRole); index >= 0)
        m_views.flowPicker->setCurrentIndex(index);
}

void RunController::setTokenSession(TokenSession *tokens)
{
    m_tokens = tokens;
    m_views.results->waitPanel()->setAnswerer([tokens](const UserPrompt &prompt) { return tokens->answerFor(prompt); });
    connect(m_profiles, &ProfileController::currentChanged, tokens, &TokenSession::profileChanged);
    tokens->profileChanged();
}

void RunController::run()
{
    if (m_flow && !m_flow->isFinished())
        return;
    m_views.banner->dismiss();
    QString why;
    if (!m_profiles->currentIsReady(&why)) {
        m_views.banner->showMessage(MessageBanner::Kind::Warning, why.toHtmlEscaped());
        return;
    }
    if (m_views.form->hasBlockingProblems()) {
        QStringList lines;
        for (const FieldProblem &problem : m_views.form->problems()) {
            if (problem.blocking)
                lines << problemText(problem).toHtmlEscaped();
        }
        m_views.banner->showMessage(MessageBanner::Kind::Error,
                                    tr("<b>Fix the flagged settings first.</b><br>%1").arg(lines.join(u"<br>"_s)),
                                    kRunTopic);
        m_views.form->focusFirstProblem();
        return;
    }
    if (!m_session.start(currentFlowName(), m_profiles->currentProfile()))
        m_views.banner->showMessage(MessageBanner::Kind::Warning,
                                    tr("The %1 flow is not available in this version yet.").arg(currentFlowName()));
}

void RunController::cancel()
{
    if (m_flow && !m_flow->isFinished())
        m_session.cancel();
}

void RunController::clearResults()
{
    if (m_flow && !m_flow->isFinished())
        return;
    m_views.stages->setFlow(nullptr);
    m_views.results->waitPanel()->setFlow(nullptr);
    m_flow = nullptr;
    m_session.clearFinished();
    if (m_tokens)
        m_tokens->clear();
    m_views.results->clearResults(tr("No token yet for this profile and flow. Run it to get one."));
    m_views.runStatus->clear();
    m_views.banner->dismissTopic(kRunTopic);
    updateActions();
}

void RunController::bindFlow(Flow *flow)
{
    m_flow = flow;
    m_views.stages->setFlow(flow);
    m_views.results->waitPanel()->setFlow(flow);
    if (m_tokens)
        m_tokens->clear();
    m_views.results->showRunStarted(*flow);
    connect(flow, &Flow::statusChanged, this, &RunController::updateActions);
    connect(flow, &Flow::succeeded, this, &RunController::onSucceeded);
    connect(flow, &Flow::failed, this, &RunController::onFailed);
    setRunStatus(u"stage-running"_s, tr("Running %1…").arg(flow->title()));
    updateActions();
}

void RunController::onSucceeded(const TokenSet &tokens)
{
    if (m_tokens) // a refresh's answer keeps the refresh token it was given unless it sends a new one
        m_tokens->adopt(tokens, m_flow->name() == u"refresh");
    m_views.results->showSucceeded(*m_flow, m_tokens ? m_tokens->tokens() : tokens);
    const int exchanges = m_session.log()->rowCount();
    setRunStatus(u"stage-done"_s, tr("Token received · %1").arg(countText(exchanges, tr("exchange"), tr("exchanges"))));
    updateActions();
    Q_EMIT runFinished(true);
}

void RunController::onFailed(const FlowError &error)
{
    if (m_tokens && m_flow->result()) // a check failed: the token stays in view, and its buttons
        m_tokens->adopt(*m_flow->result());
    m_views.results->showFailed(*m_flow, error);
    if (error.kind == FlowError::Kind::Cancelled) {
        m_views.banner->showMessage(MessageBanner::Kind::Info,
                                    tr("Run cancelled at “%1” — no token.").arg(error.stage.toHtmlEscaped()),
                                    kRunTopic);
        setRunStatus(u"stage-skipped"_s, tr("Cancelled"));
    } else {
        m_views.banner->showMessage(MessageBanner::Kind::Error, errorBannerHtml(error), kRunTopic);
        setRunStatus(u"stage-failed"_s, errorHeadline(error));
    }
    updateActions();
    Q_EMIT runFinished(false);
}

void RunController::updateActions()
{
    const bool running = m_flow && !m_flow->isFinished();
    m_views.run->setEnabled(!running);
    m_views.cancel->setEnabled(running);
}

void RunController::setRunStatus(const QString &iconName, const QString &text)
{
    m_views.runStatus->setText(
        u"<img src=\":/icons/%1.svg\" width=\"14\" height=\"14\" style=\"vertical-align:middle\">"
        "&nbsp;%2"_s.arg(iconName, text.toHtmlEscaped()));
    m_views.runStatus->setAccessibleName(text);
}

} // namespace ecalab::ui
