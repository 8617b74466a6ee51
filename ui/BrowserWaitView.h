#pragma once

#include "UiContext.h"

#include "grants/UserPrompt.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ecalab {
class BrowserLauncher;
class Clock;
} // namespace ecalab

namespace ecalab::ui {

class CountdownLabel;

// "Log in as ada@… / Demo-Pass-…" with a copy button for each, where the browser flows wait in a
// demo run (the emulator's seed users; hidden when there are none).
class DemoLoginRow : public QWidget
{
    Q_OBJECT
public:
    explicit DemoLoginRow(QWidget *parent = nullptr);
    void setUsers(const QList<DemoUser> &users); // the first is the one to log in as
    QLabel *label() const { return m_label; }

private:
    QLabel *m_label;
    QPushButton *m_copyUser;
    QPushButton *m_copyPassword;
    DemoUser m_user;
};

// The web server flow waiting on the person (UX.md "Waiting on a person"): the authorize URL to
// select, copy or open again, whether the browser opened, the loopback address the callback is
// awaited on, the time left, and Cancel.
class BrowserWaitView : public QWidget
{
    Q_OBJECT
public:
    BrowserWaitView(const Clock *clock, QWidget *parent = nullptr);

    void setBrowser(BrowserLauncher *browser) { m_browser = browser; }
    void setDemoUsers(const QList<DemoUser> &users); // empty: not a demo run, nothing shown
    void showPrompt(const UserPrompt &prompt);
    void stopWaiting();
    const UserPrompt &prompt() const { return m_prompt; }

    QLineEdit *urlField() const { return m_url; }
    CountdownLabel *countdown() const { return m_countdown; }
    QLabel *browserStateLabel() const { return m_browserState; }
    DemoLoginRow *demoLogin() const { return m_demoLogin; }

Q_SIGNALS:
    void cancelRequested();

private:
    void copyUrl();
    void openAgain();
    void showBrowserState(bool opened, bool failed, const QString &note);

    BrowserLauncher *m_browser = nullptr;
    UserPrompt m_prompt;
    QLabel *m_browserState;
    DemoLoginRow *m_demoLogin;
    QLineEdit *m_url;
    QPushButton *m_copy;
    QPushButton *m_open;
    QLabel *m_listening;
    CountdownLabel *m_countdown;
    QPushButton *m_cancel;
};

// The text a URL is shown and copied as: fully encoded, so a paste works in any browser.
QString urlText(const QUrl &url);
// A copy button made prominent (the default button, bold): the way on when the browser did not open.
void setProminent(QPushButton *button, bool prominent);

} // namespace ecalab::ui
