#pragma once

#include "DemoHints.h"

#include "grants/UserPrompt.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ecalab {
class Clock;
}

namespace ecalab::ui {

class CountdownLabel;

// The waiting screen for the ask kinds (UX.md "waiting screens"): what is asked and where the
// code was sent, one field that takes the focus (masked for a secret), the time left, and
// Submit / Cancel. Enter submits. A demo run adds its answer with Fill in; a password may be
// offered a place in the keychain.
class AskView : public QWidget
{
    Q_OBJECT
public:
    AskView(const Clock *clock, QWidget *parent = nullptr);

    void showPrompt(const UserPrompt &prompt);
    void stopWaiting();
    // After showPrompt: the demo answer to offer (text empty: none), and a Keep check box with
    // `keepText` (empty: not offered), unticked for each new question.
    void setDemoFill(const DemoFill &fill);
    void setKeepOffer(const QString &keepText);
    bool keepRequested() const;
    QLineEdit *field() const { return m_field; }

Q_SIGNALS:
    void answered(const QString &promptId, const QString &value);
    void cancelRequested();

private:
    void submit();
    QWidget *buildDemoRow();

    QString m_promptId;
    bool m_secret = false;
    QLabel *m_question;
    QLabel *m_sentTo;
    QLineEdit *m_field;
    QPushButton *m_submit;
    CountdownLabel *m_countdown;
    QWidget *m_demoRow = nullptr;
    QLabel *m_demoText = nullptr;
    QPushButton *m_fill = nullptr;
    QString m_fillValue;
    QCheckBox *m_keep = nullptr;
};

} // namespace ecalab::ui
