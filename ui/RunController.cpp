#include "RunController.h"
#include "Icons.h"

#include "MessageBanner.h"
#include "ProfileController.h"
#include "ProfileForm.h"
#include "ResultTabs.h"
#include "RunReport.h"
#include "SitePassword.h"
#include "StageRow.h"
#include "Style.h"
#include "TokenSession.h"
#include "WaitPanel.h"

#include "grants/headless/HeadlessFlow.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QStandardItemModel>

#include <algorithm>
#include <utility>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kRunTopic = u"run"_s; // the banner's messages about a run, taken back with its result

// The prompts for the site user's password: the headless login's and the new one of a reset.
bool isSitePasswordPrompt(const QString &promptId)
{
    return promptId == QStringView(HeadlessFlow::kPasswordPromptId) ||
           promptId == QStringView(HeadlessFlow::kNewPasswordPromptId);
}

bool declares(const QString &flowName, ProfileField field)
{
    const FlowDescriptor *flow = FlowRegistry::instance().find(flowName);
    return flow && std::any_of(flow->fields.cbegin(), flow->fields.cend(),
                               [field](const FlowFieldUse &use) { return use.field == field; });
}
} // namespace

RunController::RunController(FlowServices services, ProfileController *profiles, Views views, QObject *parent)
    : QObject(parent), m_session(services), m_profiles(profiles), m_views(views)
{
    populateFlowPicker();
    m_views.results->setLog(m_session.log());
    m_views.results->waitPanel()->setBrowser(services.browser);
    m_views.results->waitPanel()->setDemo(profiles->demo(), [profiles] { return profiles->currentProfile(); });
    connect(m_views.results->waitPanel(), &WaitPanel::cancelRequested, this, &RunController::cancel);
    connect(&m_session, &FlowSession::flowStarted, this, &RunController::bindFlow);
    connect(m_views.run, &QAction::triggered, this, &RunController::run);
    connect(m_views.cancel, &QAction::triggered, this, &RunController::cancel);
    connect(m_views.flowPicker, &QComboBox::currentIndexChanged, this, [this] {
        m_views.form->setFlowName(currentFlowName());
        clearResults();
        refreshSitePasswordNote();
    });
    connect(m_profiles, &ProfileController::currentChanged, this, &RunController::clearResults);
    connect(m_views.banner, &MessageBanner::linkActivated, this, [this](const QString &link) {
        if (link == u"explanation")
            m_views.results->showExplanation();
    });
    m_views.form->setFlowName(currentFlowName());
    bindSitePassword();
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
    connect(m_profiles, &ProfileController::currentChanged, tokens, &TokenSession::profileChanged);
    tokens->profileChanged();
}

void RunController::bindSitePassword()
{
    m_sitePassword = new SitePassword(
        m_profiles->secrets(), [profiles = m_profiles] { return profiles->savedName(); }, this);
    WaitPanel *wait = m_views.results->waitPanel();
    wait->setAnswerer([this](const UserPrompt &prompt) { return answerFor(prompt); });
    wait->setKeepOffer([this](const UserPrompt &prompt) { return keepOffer(prompt); });
    connect(wait, &WaitPanel::personAnswered, this, &RunController::onPersonAnswered);
    connect(m_profiles, &ProfileController::currentChanged, m_sitePassword, &SitePassword::profileChanged);
    connect(m_sitePassword, &SitePassword::changed, this, &RunController::refreshSitePasswordNote);
    connect(m_profiles->book(), &ProfileBook::entryChanged, this, &RunController::refreshSitePasswordNote); // renamed
    connect(m_sitePassword, &SitePassword::failed, this, [this](const QString &why) {
        m_views.banner->showMessage(MessageBanner::Kind::Warning, why.toHtmlEscaped());
    });
    connect(m_views.form, &ProfileForm::forgetSitePasswordRequested, m_sitePassword, &SitePassword::forget);
    m_sitePassword->profileChanged();
}

QString RunController::answerFor(const UserPrompt &prompt)
{
    const QString held = m_tokens ? m_tokens->answerFor(prompt) : QString();
    if (!held.isEmpty())
        return held;
    const QString kept = m_sitePassword->answerFor(prompt);
    m_usedKeptPassword = m_usedKeptPassword || !kept.isEmpty();
    return kept;
}

QString RunController::keepOffer(const UserPrompt &prompt) const
{
    if (!isSitePasswordPrompt(prompt.id) || !m_sitePassword->canKeep())
        return {};
    return tr("Keep it in %1 (%2) once this run succeeds; later runs then use it")
        .arg(m_sitePassword->storeName(), m_sitePassword->keyName());
}

void RunController::onPersonAnswered(const QString &promptId, const QString &value, bool keep)
{
    if (keep && isSitePasswordPrompt(promptId))
        m_passwordToKeep = value; // in memory until the site has accepted it
}

void RunController::keepProvedPassword()
{
    if (m_passwordToKeep.isEmpty())
        return;
    m_sitePassword->keep(std::exchange(m_passwordToKeep, {}));
    m_views.banner->showMessage(MessageBanner::Kind::Positive,
                                tr("The site accepted the password: it is kept in %1 (%2), and the next run "
                                   "answers the password prompt from it.")
                                    .arg(m_sitePassword->storeName().toHtmlEscaped(),
                                         m_sitePassword->keyName().toHtmlEscaped()),
                                kRunTopic);
}

void RunController::refreshSitePasswordNote()
{
    const bool asksPassword = declares(currentFlowName(), ProfileField::SiteUrl) &&
                              declares(currentFlowName(), ProfileField::Username);
    m_views.form->setSitePasswordNote(
        asksPassword && m_sitePassword && m_sitePassword->isKept()
            ? tr("The site user's password is kept in %1 (%2): the password prompt is answered from it.")
                  .arg(m_sitePassword->storeName(), m_sitePassword->keyName())
            : QString());
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
    m_passwordToKeep.clear();
    m_usedKeptPassword = false;
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
    keepProvedPassword();
    updateActions();
    Q_EMIT runFinished(true);
}

void RunController::onFailed(const FlowError &error)
{
    m_passwordToKeep.clear(); // not proved: never kept
    if (m_tokens && m_flow->result()) // a check failed: the token stays in view, and its buttons
        m_tokens->adopt(*m_flow->result());
    m_views.results->showFailed(*m_flow, error);
    if (error.kind == FlowError::Kind::Cancelled) {
        m_views.banner->showMessage(MessageBanner::Kind::Info,
                                    tr("Run cancelled at “%1” — no token.").arg(error.stage.toHtmlEscaped()),
                                    kRunTopic);
        setRunStatus(u"stage-skipped"_s, tr("Cancelled"));
    } else {
        QString html = errorBannerHtml(error);
        if (m_usedKeptPassword && error.kind == FlowError::Kind::ServerRejected) // it may be the one wrong
            html += tr("<br>The password came from %1 (%2): if it is no longer right, press <b>Forget password</b> "
                       "under Username and run again.")
                        .arg(m_sitePassword->storeName().toHtmlEscaped(), m_sitePassword->keyName().toHtmlEscaped());
        m_views.banner->showMessage(MessageBanner::Kind::Error, html, kRunTopic);
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
        richTextIcon(iconName, 14) + u"&nbsp;"_s + text.toHtmlEscaped());
    m_views.runStatus->setAccessibleName(text);
}

} // namespace ecalab::ui
