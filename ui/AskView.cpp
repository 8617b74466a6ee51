#include "AskView.h"

#include "CountdownLabel.h"
#include "Style.h"
#include "WrappingLabel.h"

#include <QCheckBox>

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

AskView::AskView(const Clock *clock, QWidget *parent)
    : QWidget(parent), m_question(new WrappingLabel(this)), m_sentTo(new QLabel(this)), m_field(new QLineEdit(this)),
      m_submit(new QPushButton(tr("&Submit"), this)), m_countdown(new CountdownLabel(clock, this))
{
    setObjectName(u"askView"_s);
    m_question->setObjectName(u"askQuestion"_s);
    m_question->setTextFormat(Qt::PlainText); // the text may come from a server
    QFont big = m_question->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_question->setFont(big);
    m_sentTo->setObjectName(u"askSentTo"_s);
    m_sentTo->setTextFormat(Qt::PlainText);
    m_field->setObjectName(u"askField"_s);
    m_field->setAccessibleName(tr("Answer"));
    m_submit->setObjectName(u"askSubmitButton"_s);
    m_countdown->setObjectName(u"askCountdown"_s);
    auto *cancel = new QPushButton(tr("Cancel"), this);
    cancel->setObjectName(u"cancelAskButton"_s);
    m_keep = new QCheckBox(this);
    m_keep->setObjectName(u"askKeepCheck"_s);
    m_keep->hide();

    auto *row = new QHBoxLayout;
    row->addWidget(m_field, 1);
    row->addWidget(m_submit);
    row->addWidget(cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_question);
    layout->addWidget(m_sentTo);
    layout->addLayout(row);
    layout->addWidget(buildDemoRow());
    layout->addWidget(m_keep);
    layout->addWidget(m_countdown);
    layout->addStretch(1);

    connect(m_field, &QLineEdit::returnPressed, this, &AskView::submit);
    connect(m_submit, &QPushButton::clicked, this, &AskView::submit);
    connect(cancel, &QPushButton::clicked, this, &AskView::cancelRequested);
    connect(m_field, &QLineEdit::textChanged, this, [this](const QString &text) { m_submit->setEnabled(!text.isEmpty()); });
}

// "Demo org outbox: 123456 (…) [Fill in]": fills the field, the person still presses Enter.
QWidget *AskView::buildDemoRow()
{
    m_demoRow = new QWidget(this);
    m_demoRow->setObjectName(u"askDemoRow"_s);
    m_demoText = new WrappingLabel(m_demoRow);
    m_demoText->setObjectName(u"askDemoText"_s);
    m_demoText->setTextFormat(Qt::PlainText);
    m_demoText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    makeMuted(m_demoText);
    m_fill = new QPushButton(tr("&Fill in"), m_demoRow);
    m_fill->setObjectName(u"askFillButton"_s);
    m_fill->setAccessibleName(tr("Fill in the demo answer"));
    auto *h = new QHBoxLayout(m_demoRow);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(m_demoText, 1);
    h->addWidget(m_fill);
    m_demoRow->hide();
    connect(m_fill, &QPushButton::clicked, this, [this] {
        m_field->setText(m_fillValue);
        m_field->setFocus(Qt::OtherFocusReason);
    });
    return m_demoRow;
}

void AskView::setDemoFill(const DemoFill &fill)
{
    m_fillValue = fill.value;
    m_demoText->setText(fill.text);
    m_fill->setVisible(!fill.value.isEmpty());
    m_demoRow->setVisible(!fill.text.isEmpty());
}

void AskView::setKeepOffer(const QString &keepText)
{
    m_keep->setText(keepText);
    m_keep->setVisible(!keepText.isEmpty());
    if (keepText.isEmpty())
        m_keep->setChecked(false);
}

bool AskView::keepRequested() const
{
    return !m_keep->isHidden() && m_keep->isChecked();
}

void AskView::showPrompt(const UserPrompt &prompt)
{
    const bool newQuestion = prompt.id != m_promptId;
    m_promptId = prompt.id;
    m_question->setText(prompt.question.isEmpty() ? tr("Enter the code") : prompt.question);
    m_sentTo->setText(prompt.sentTo.isEmpty() ? QString() : tr("Sent to %1").arg(prompt.sentTo));
    m_sentTo->setVisible(!prompt.sentTo.isEmpty());
    m_secret = prompt.kind == UserPrompt::Kind::AskSecret;
    m_field->setEchoMode(m_secret ? QLineEdit::Password : QLineEdit::Normal);
    QFont fieldFont = font(); // a code read off a phone is typed larger, as the device code is shown
    if (prompt.kind == UserPrompt::Kind::AskOneTimeCode)
        fieldFont.setPointSizeF(fieldFont.pointSizeF() * 1.4);
    m_field->setFont(fieldFont);
    m_field->setAccessibleName(m_secret ? tr("Secret") : tr("Answer"));
    if (newQuestion) {
        m_field->clear();
        m_keep->setChecked(false);
    }
    m_submit->setEnabled(!m_field->text().isEmpty());
    m_countdown->setDeadline(prompt.deadlineMs);
    m_field->setFocus(Qt::OtherFocusReason);
}

void AskView::stopWaiting()
{
    m_countdown->stop();
    m_field->clear(); // an answer, maybe a secret, does not stay on screen
    m_promptId.clear(); // the next prompt is a new question, even with the same id (the next run's)
    m_keep->setChecked(false);
}

void AskView::submit()
{
    // A code is trimmed (pasted with a space); a passphrase is taken as typed, spaces and all.
    const QString value = m_secret ? m_field->text() : m_field->text().trimmed();
    if (value.isEmpty())
        return;
    m_field->clear();
    const QString promptId = m_promptId; // a copy: the flow's answer may end the wait, which clears it
    Q_EMIT answered(promptId, value);
}

} // namespace ecalab::ui
