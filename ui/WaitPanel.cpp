#include "WaitPanel.h"

#include "AskView.h"
#include "BrowserWaitView.h"
#include "DeviceCodeView.h"

#include <QTimer>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

WaitPanel::WaitPanel(const Clock *clock, QWidget *parent)
    : QStackedWidget(parent), m_browserView(new BrowserWaitView(clock, this)),
      m_deviceView(new DeviceCodeView(clock, this)), m_askView(new AskView(clock, this))
{
    setObjectName(u"waitPanel"_s);
    setAccessibleName(tr("Your turn"));
    addWidget(m_browserView);
    addWidget(m_deviceView);
    addWidget(m_askView);
    connect(m_browserView, &BrowserWaitView::cancelRequested, this, &WaitPanel::cancelRequested);
    connect(m_deviceView, &DeviceCodeView::cancelRequested, this, &WaitPanel::cancelRequested);
    connect(m_askView, &AskView::cancelRequested, this, &WaitPanel::cancelRequested);
    connect(m_askView, &AskView::answered, this, [this](const QString &id, const QString &value) {
        Q_EMIT personAnswered(id, value, m_askView->keepRequested());
        if (m_flow)
            m_flow->answer(id, value);
    });
}

void WaitPanel::setBrowser(BrowserLauncher *browser)
{
    m_browserView->setBrowser(browser);
    m_deviceView->setBrowser(browser);
}

void WaitPanel::setDemo(DemoOrg *demo, std::function<Profile()> runProfile)
{
    m_demo = demo;
    m_runProfile = std::move(runProfile);
}

void WaitPanel::setFlow(Flow *flow)
{
    if (m_flow)
        disconnect(m_flow, nullptr, this, nullptr);
    m_flow = flow;
    setWaiting(false);
    bindDemoRun(flow);
    m_browserView->setDemoUsers(m_demoFacts.users);
    m_deviceView->setDemoUsers(m_demoFacts.users);
    if (!flow)
        return;
    connect(flow, &Flow::promptChanged, this, &WaitPanel::showPrompt);
    connect(flow, &Flow::statusChanged, this, &WaitPanel::onStatusChanged);
    if (flow->prompt().kind != UserPrompt::Kind::None && !flow->isFinished())
        showPrompt(flow->prompt());
}

// Demo passwords and codes only for a run against the emulator, never for a real org's.
void WaitPanel::bindDemoRun(Flow *flow)
{
    const Profile profile = flow && m_runProfile ? m_runProfile() : Profile();
    m_demoRun = flow && m_demo && m_runProfile && m_demo->serves(runUrl(profile, flow->name()));
    m_demoFacts = {};
    if (!m_demoRun)
        return;
    m_demoFacts.users = m_demo->users();
    m_demoFacts.outboxBefore = newestMessageId(m_demo->outbox()); // codes sent before this run are not its
    m_demoFacts.username = profile.username;
}

void WaitPanel::showPrompt(const UserPrompt &prompt)
{
    if (m_flow && m_flow->isFinished())
        return; // a last update after the end changes nothing the person can act on
    switch (prompt.kind) {
    case UserPrompt::Kind::OpenBrowser:
        m_browserView->showPrompt(prompt);
        setCurrentWidget(m_browserView);
        setWaiting(true);
        break;
    case UserPrompt::Kind::EnterDeviceCode:
        m_deviceView->showPrompt(prompt);
        setCurrentWidget(m_deviceView);
        setWaiting(true);
        break;
    case UserPrompt::Kind::AskOneTimeCode:
    case UserPrompt::Kind::AskSecret:
        if (!answerItself(prompt))
            showAsk(prompt);
        break;
    case UserPrompt::Kind::None:
        setWaiting(false);
        break;
    }
}

void WaitPanel::showAsk(const UserPrompt &prompt)
{
    m_askView->showPrompt(prompt);
    if (m_demoRun && prompt.kind == UserPrompt::Kind::AskOneTimeCode)
        m_demoFacts.outbox = m_demo->outbox(); // the site has just sent it: read it now
    m_askView->setDemoFill(m_demoRun ? demoFillFor(prompt, m_demoFacts) : DemoFill());
    m_askView->setKeepOffer(m_keepOffer && m_flow ? m_keepOffer(prompt) : QString());
    setCurrentWidget(m_askView);
    setWaiting(true);
}

bool WaitPanel::answerItself(const UserPrompt &prompt)
{
    const QString value = m_answerer && m_flow ? m_answerer(prompt) : QString();
    if (value.isEmpty())
        return false;
    // On the next turn of the event loop, not from inside the flow's own signal.
    QTimer::singleShot(0, this, [flow = m_flow, id = prompt.id, value] {
        if (flow && !flow->isFinished())
            flow->answer(id, value);
    });
    return true;
}

void WaitPanel::onStatusChanged()
{
    if (m_flow && m_flow->isFinished())
        setWaiting(false);
}

void WaitPanel::setWaiting(bool waiting)
{
    if (!waiting) {
        m_browserView->stopWaiting();
        m_deviceView->stopWaiting();
        m_askView->stopWaiting();
    }
    if (waiting == m_waiting)
        return;
    m_waiting = waiting;
    Q_EMIT waitingChanged(waiting);
}

} // namespace ecalab::ui
