#include "SecretField.h"

#include "CopyFeedback.h"
#include "Icons.h"
#include "Style.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

SecretField::SecretField(const QString &objectName, const QString &label, QWidget *parent)
    : QWidget(parent), m_label(label), m_edit(new QLineEdit(this)), m_reveal(new QToolButton(this)),
      m_copy(new QToolButton(this))
{
    setObjectName(objectName);
    m_edit->setObjectName(objectName + u"Value"_s);
    m_edit->setReadOnly(true);
    m_edit->setAccessibleName(tr("%1 (hidden)").arg(label));
    m_reveal->setObjectName(objectName + u"Reveal"_s);
    m_reveal->setCheckable(true);
    m_reveal->setAutoRaise(true);
    m_reveal->setAccessibleName(tr("Show %1").arg(label));
    m_copy->setObjectName(objectName + u"Copy"_s);
    m_copy->setIcon(icon(u"copy"_s));
    m_copy->setAutoRaise(true);
    m_copy->setToolTip(tr("Copy %1").arg(label));
    m_copy->setAccessibleName(tr("Copy %1").arg(label));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_reveal);
    layout->addWidget(m_copy);

    // Ctrl+C on a masked field copies the value itself: the user asked for it explicitly.
    auto *copyAction = new QAction(this);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(copyAction);
    connect(copyAction, &QAction::triggered, this, [this] {
        if (m_revealed && m_edit->hasSelectedText())
            m_edit->copy();
        else
            copyToClipboard();
    });
    connect(m_reveal, &QToolButton::toggled, this, &SecretField::setRevealed);
    connect(m_copy, &QToolButton::clicked, this, &SecretField::copyToClipboard);
    refresh();
}

QString SecretField::maskFor(const QString &value)
{
    return value.isEmpty() ? QString() : QString(16, QChar(0x2022));
}

void SecretField::setValue(const QString &value)
{
    m_value = value;
    setRevealed(false);
    refresh();
}

QString SecretField::displayedText() const
{
    return m_edit->text();
}

void SecretField::setRevealed(bool revealed)
{
    if (m_revealed == revealed) {
        refresh();
        return;
    }
    m_revealed = revealed;
    refresh();
    Q_EMIT revealChanged(revealed);
}

void SecretField::copyToClipboard()
{
    if (!m_value.isEmpty())
        copyWithFeedback(m_copy, m_value);
}

void SecretField::refresh()
{
    m_edit->setText(m_revealed ? m_value : maskFor(m_value));
    m_edit->setCursorPosition(0);
    m_edit->setToolTip(m_revealed ? QString()
                                  : tr("Hidden: %1. Use the eye to show it.")
                                        .arg(countText(m_value.size(), tr("character"), tr("characters"))));
    const QSignalBlocker blocker(m_reveal);
    m_reveal->setChecked(m_revealed);
    m_reveal->setIcon(icon(m_revealed ? u"eye-off"_s : u"eye"_s));
    m_reveal->setToolTip(m_revealed ? tr("Hide %1").arg(m_label) : tr("Show %1").arg(m_label));
    m_reveal->setEnabled(!m_value.isEmpty());
    m_copy->setEnabled(!m_value.isEmpty());
}

void RevealGroup::add(SecretField *field)
{
    m_fields.removeIf([](const QPointer<SecretField> &f) { return f.isNull(); });
    m_fields.append(field);
    connect(field, &SecretField::revealChanged, this, [this, field](bool revealed) {
        if (!revealed)
            return;
        for (const QPointer<SecretField> &other : std::as_const(m_fields)) {
            if (other && other != field)
                other->setRevealed(false);
        }
    });
}

void RevealGroup::hideAll()
{
    for (const QPointer<SecretField> &field : std::as_const(m_fields)) {
        if (field)
            field->setRevealed(false);
    }
}

} // namespace ecalab::ui
