#pragma once

#include "DemoHints.h"
#include "UiContext.h"

#include "grants/Flow.h"

#include <QPointer>
#include <QStackedWidget>

#include <functional>

namespace ecalab {
class BrowserLauncher;
class Clock;
} // namespace ecalab

namespace ecalab::ui {

class AskView;
class BrowserWaitView;
class DeviceCodeView;

// What the run waits on the person for, as a first-class screen (UX.md): follows the flow's
// UserPrompt and shows the browser view, the device-code view or the ask view (whose answer goes
// back to the flow) while the flow waits.
class WaitPanel : public QStackedWidget
{
    Q_OBJECT
public:
    WaitPanel(const Clock *clock, QWidget *parent = nullptr);

    void setBrowser(BrowserLauncher *browser);
    // The demo org, and the profile of the run about to be bound (read when setFlow binds it): a run
    // that talks to the emulator (runUrl) shows the demo users on the browser and device screens,
    // and where it asks, the code from the demo org's outbox or the demo user's password.
    void setDemo(DemoOrg *demo, std::function<Profile()> runProfile);
    void setFlow(Flow *flow);
    // Answers the window gives itself (the "refresh" flow's refresh token, from the token pane):
    // an ask prompt it answers with a non-empty value is not shown to the person.
    void setAnswerer(std::function<QString(const UserPrompt &)> answerer) { m_answerer = std::move(answerer); }
    // The Keep check box's text for an ask prompt (empty: not offered); its choice comes back with
    // personAnswered().
    void setKeepOffer(std::function<QString(const UserPrompt &)> offer) { m_keepOffer = std::move(offer); }
    void showPrompt(const UserPrompt &prompt); // also the seam for tests without a flow
    bool isWaiting() const { return m_waiting; }

    BrowserWaitView *browserView() const { return m_browserView; }
    DeviceCodeView *deviceView() const { return m_deviceView; }
    AskView *askView() const { return m_askView; }

Q_SIGNALS:
    void waitingChanged(bool waiting);
    void cancelRequested();
    // The person answered an ask prompt in the window (before the flow has it); `keep`: ticked Keep.
    void personAnswered(const QString &promptId, const QString &value, bool keep);

private:
    void onStatusChanged();
    bool answerItself(const UserPrompt &prompt);
    void showAsk(const UserPrompt &prompt);
    void bindDemoRun(Flow *flow);
    void setWaiting(bool waiting);

    QPointer<Flow> m_flow;
    DemoOrg *m_demo = nullptr;
    std::function<Profile()> m_runProfile;
    std::function<QString(const UserPrompt &)> m_answerer;
    std::function<QString(const UserPrompt &)> m_keepOffer;
    bool m_demoRun = false;
    DemoRunFacts m_demoFacts;
    BrowserWaitView *m_browserView;
    DeviceCodeView *m_deviceView;
    AskView *m_askView;
    bool m_waiting = false;
};

} // namespace ecalab::ui
