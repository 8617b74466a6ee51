#include "CopyFeedback.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QGuiApplication>
#include <QTimer>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace ecalab::ui {

namespace {

// Dynamic properties on the button: what to restore, and whether the text (not the tooltip) changed.
constexpr const char *kOriginal = "ecalabCopyOriginal";
constexpr const char *kOriginalTip = "ecalabCopyOriginalTip";
constexpr const char *kUsesText = "ecalabCopyUsesText";
constexpr auto kTimerName = "ecalabCopyFeedbackTimer"_L1;

QString copiedText()
{
    return QApplication::translate("ecalab::ui::CopyFeedback", "Copied");
}

// A screen-reader announcement. Before Qt 6.8 there is no announcement event, so the control's
// description changes to "Copied", which readers speak for the focused control.
void announce(QObject *target)
{
    if (!target || !QAccessible::isActive())
        return;
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QAccessibleAnnouncementEvent event(target, copiedText());
#else
    QAccessibleEvent event(target, QAccessible::DescriptionChanged);
#endif
    QAccessible::updateAccessibility(&event);
}

void restore(QAbstractButton *button)
{
    if (button->property(kUsesText).toBool())
        button->setText(button->property(kOriginal).toString());
    button->setToolTip(button->property(kOriginalTip).toString());
    button->setAccessibleDescription(QString());
    button->setProperty(kOriginal, QVariant());
    button->setProperty(kOriginalTip, QVariant());
    button->setProperty(kUsesText, QVariant());
}

QTimer *feedbackTimer(QAbstractButton *button)
{
    auto *timer = button->findChild<QTimer *>(kTimerName, Qt::FindDirectChildrenOnly);
    if (timer)
        return timer;
    timer = new QTimer(button);
    timer->setObjectName(kTimerName);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, button, [button] { restore(button); });
    return timer;
}

void showCopied(QAbstractButton *button)
{
    if (!button->property(kOriginalTip).isValid()) { // not already confirming: remember what to restore
        button->setProperty(kUsesText, !button->text().isEmpty());
        button->setProperty(kOriginal, button->text());
        button->setProperty(kOriginalTip, button->toolTip());
    }
    if (button->property(kUsesText).toBool())
        button->setText(copiedText());
    else if (button->isVisible())
        QToolTip::showText(button->mapToGlobal(QPoint(0, button->height())), copiedText(), button);
    button->setToolTip(copiedText());
    button->setAccessibleDescription(copiedText());
    announce(button);
    feedbackTimer(button)->start(copiedFeedbackMs);
}

} // namespace

void copyWithFeedback(QAbstractButton *button, const QString &text)
{
    QGuiApplication::clipboard()->setText(text);
    if (button)
        showCopied(button);
    else
        announce(QApplication::focusWidget());
}

QString originalCopyButtonText(const QAbstractButton *button)
{
    if (!button->property(kOriginalTip).isValid())
        return button->text().isEmpty() ? button->toolTip() : button->text();
    return button->property(kUsesText).toBool() ? button->property(kOriginal).toString()
                                                : button->property(kOriginalTip).toString();
}

} // namespace ecalab::ui
