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
        if (m_flow)
            m_flow->answer(id, value);
    });
}

void WaitPanel::setBrowser(BrowserLauncher *browser)
{
    m_browserView->setBrowser(browser);
    m_deviceView->setBrowser(browser);
}

void WaitPanel::setDemo(DemoOrg *demo, std::function<QUrl()> runLoginUrl)
{
    m_demo = demo;
    m_runLoginUrl = std::move(runLoginUrl);
}

void WaitPanel::setFlow(Flow *flow)
{
    if (m_flow)
        disconnect(m_flow, nullptr, this, nullptr);
    m_flow = flow;
    setWaiting(false);
    // Demo passwords only for a run against the emulator, never for a real org's.
    const bool demoRun = flow && m_demo && m_runLoginUrl && m_demo->serves(m_runLoginUrl());
    const QList<DemoUser> users = demoRun ? m_demo->users() : QList<DemoUser>();
    m_browserView->setDemoUsers(users);
    m_deviceView->setDemoUsers(users);
    if (!flow)
        return;
    connect(flow, &Flow::promptChanged, this, &WaitPanel::showPrompt);
    connect(flow, &Flow::statusChanged, this, &WaitPanel::onStatusChanged);
    if (flow->prompt().kind != UserPrompt::Kind::None && !flow->isFinished())
        showPrompt(flow->prompt());
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
        if (answerItself(prompt))
            break;
        m_askView->showPrompt(prompt);
        setCurrentWidget(m_askView);
        setWaiting(true);
        break;
    case UserPrompt::Kind::None:
        setWaiting(false);
        break;
    }
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
