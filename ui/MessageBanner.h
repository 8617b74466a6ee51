#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace ecalab::ui {

// A dismissible message floating over the top of the run area (KeePassXC's MessageWidget, but
// an overlay): refusals, warnings and notes never open a modal dialog, and never push the form or
// the profile list down under the pointer.
class MessageBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Info, Positive, Warning, Error };

    explicit MessageBanner(QWidget *parent = nullptr);

    // Floats over `host`'s top edge, following its size, instead of taking a place in a layout.
    void overlay(QWidget *host);
    // `html` is trusted markup built by the window; server text must be escaped by the caller.
    // `topic` names who showed it ("run"), so that one can take back only its own message.
    void showMessage(Kind kind, const QString &html, const QString &topic = {});
    void dismiss();
    void dismissTopic(const QString &topic); // only if the message on show is that topic's
    Kind kind() const { return m_kind; }
    QString plainText() const;

Q_SIGNALS:
    void linkActivated(const QString &link);
    void dismissed();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyColors();
    void place();

    Kind m_kind = Kind::Info;
    QString m_topic;
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
};

} // namespace ecalab::ui
