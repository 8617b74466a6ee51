#pragma once

#include "UiContext.h"

#include "grants/UserPrompt.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace ecalab {
class BrowserLauncher;
class Clock;
} // namespace ecalab

namespace ecalab::ui {

class CountdownLabel;
class DemoLoginRow;
class QrCodeWidget;

// The device flow waiting on the person, readable from across the room (UX.md "Waiting on a
// person"): the user code large and copyable, the verification URL (Open / Copy), a QR code of
// the complete URL when the server gives one, the time left, the polls so far, and Cancel.
class DeviceCodeView : public QWidget
{
    Q_OBJECT
public:
    DeviceCodeView(const Clock *clock, QWidget *parent = nullptr);

    void setBrowser(BrowserLauncher *browser) { m_browser = browser; }
    void setDemoUsers(const QList<DemoUser> &users); // empty: not a demo run, nothing shown
    void showPrompt(const UserPrompt &prompt);
    void stopWaiting();
    const UserPrompt &prompt() const { return m_prompt; }

    QLabel *codeLabel() const { return m_code; }
    QrCodeWidget *qrCode() const { return m_qr; }
    CountdownLabel *countdown() const { return m_countdown; }
    QLabel *pollLabel() const { return m_polls; }
    QLabel *openNote() const { return m_openNote; }
    DemoLoginRow *demoLogin() const { return m_demoLogin; }

    // The URL the QR code and Open carry: verification_uri_complete when sent, else the plain one.
    static QUrl scanUrl(const UserPrompt &prompt);

Q_SIGNALS:
    void cancelRequested();

private:
    QWidget *buildCodeColumn();
    void openUrl();
    void showOpenFailed(const QString &note);

    BrowserLauncher *m_browser = nullptr;
    UserPrompt m_prompt;
    QLabel *m_code;
    QLabel *m_url;
    QLabel *m_openNote;
    DemoLoginRow *m_demoLogin;
    QrCodeWidget *m_qr;
    QLabel *m_qrCaption;
    CountdownLabel *m_countdown;
    QLabel *m_polls;
    QPushButton *m_copyCode;
    QPushButton *m_copyUrl;
    QPushButton *m_open;
    QPushButton *m_cancel;
};

} // namespace ecalab::ui
