#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace ecalab::ui {

// An inline, dismissible message above the work area (KeePassXC's MessageWidget): refusals,
// warnings and notes never open a modal dialog.
class MessageBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Info, Positive, Warning, Error };

    explicit MessageBanner(QWidget *parent = nullptr);

    // `html` is trusted markup built by the window; server text must be escaped by the caller.
    void showMessage(Kind kind, const QString &html);
    void dismiss();
    Kind kind() const { return m_kind; }
    QString plainText() const;

Q_SIGNALS:
    void linkActivated(const QString &link);
    void dismissed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    Kind m_kind = Kind::Info;
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
};

} // namespace ecalab::ui
