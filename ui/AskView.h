#pragma once

#include "grants/UserPrompt.h"

#include <QWidget>

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
// Submit / Cancel. Enter submits.
class AskView : public QWidget
{
    Q_OBJECT
public:
    AskView(const Clock *clock, QWidget *parent = nullptr);

    void showPrompt(const UserPrompt &prompt);
    void stopWaiting();
    QLineEdit *field() const { return m_field; }

Q_SIGNALS:
    void answered(const QString &promptId, const QString &value);
    void cancelRequested();

private:
    void submit();

    QString m_promptId;
    bool m_secret = false;
    QLabel *m_question;
    QLabel *m_sentTo;
    QLineEdit *m_field;
    QPushButton *m_submit;
    CountdownLabel *m_countdown;
};

} // namespace ecalab::ui
