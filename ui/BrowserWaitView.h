#pragma once

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

// The web server flow waiting on the person (UX.md "Waiting on a person"): the authorize URL to
// select, copy or open again, whether the browser opened, the loopback address the callback is
// awaited on, the time left, and Cancel.
class BrowserWaitView : public QWidget
{
    Q_OBJECT
public:
    BrowserWaitView(const Clock *clock, QWidget *parent = nullptr);

    void setBrowser(BrowserLauncher *browser) { m_browser = browser; }
    void showPrompt(const UserPrompt &prompt);
    void stopWaiting();
    const UserPrompt &prompt() const { return m_prompt; }

    QLineEdit *urlField() const { return m_url; }
    CountdownLabel *countdown() const { return m_countdown; }

Q_SIGNALS:
    void cancelRequested();

private:
    void copyUrl();
    void openAgain();
    void showBrowserState(bool opened, const QString &note);

    BrowserLauncher *m_browser = nullptr;
    UserPrompt m_prompt;
    QLabel *m_browserState;
    QLineEdit *m_url;
    QPushButton *m_copy;
    QPushButton *m_open;
    QLabel *m_listening;
    CountdownLabel *m_countdown;
    QPushButton *m_cancel;
};

// The text a URL is shown and copied as: fully encoded, so a paste works in any browser.
QString urlText(const QUrl &url);

} // namespace ecalab::ui
