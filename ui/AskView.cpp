#include "AskView.h"

#include "CountdownLabel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

AskView::AskView(const Clock *clock, QWidget *parent)
    : QWidget(parent), m_question(new QLabel(this)), m_sentTo(new QLabel(this)), m_field(new QLineEdit(this)),
      m_submit(new QPushButton(tr("&Submit"), this)), m_countdown(new CountdownLabel(clock, this))
{
    setObjectName(u"askView"_s);
    m_question->setObjectName(u"askQuestion"_s);
    m_question->setTextFormat(Qt::PlainText); // the text may come from a server
    m_question->setWordWrap(true);
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

    auto *row = new QHBoxLayout;
    row->addWidget(m_field, 1);
    row->addWidget(m_submit);
    row->addWidget(cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_question);
    layout->addWidget(m_sentTo);
    layout->addLayout(row);
    layout->addWidget(m_countdown);
    layout->addStretch(1);

    connect(m_field, &QLineEdit::returnPressed, this, &AskView::submit);
    connect(m_submit, &QPushButton::clicked, this, &AskView::submit);
    connect(cancel, &QPushButton::clicked, this, &AskView::cancelRequested);
    connect(m_field, &QLineEdit::textChanged, this, [this](const QString &text) { m_submit->setEnabled(!text.isEmpty()); });
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
    m_field->setAccessibleName(m_secret ? tr("Secret") : tr("Answer"));
    if (newQuestion)
        m_field->clear();
    m_submit->setEnabled(!m_field->text().isEmpty());
    m_countdown->setDeadline(prompt.deadlineMs);
    m_field->setFocus(Qt::OtherFocusReason);
}

void AskView::stopWaiting()
{
    m_countdown->stop();
    m_field->clear(); // an answer, maybe a secret, does not stay on screen
}

void AskView::submit()
{
    // A code is trimmed (pasted with a space); a passphrase is taken as typed, spaces and all.
    const QString value = m_secret ? m_field->text() : m_field->text().trimmed();
    if (value.isEmpty())
        return;
    m_field->clear();
    Q_EMIT answered(m_promptId, value);
}

} // namespace ecalab::ui
