#include "MessageBanner.h"

#include "Icons.h"
#include "Style.h"
#include "WrappingLabel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextDocument>
#include <QToolButton>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
Tone toneFor(MessageBanner::Kind kind)
{
    switch (kind) {
    case MessageBanner::Kind::Positive:
        return Tone::Positive;
    case MessageBanner::Kind::Warning:
        return Tone::Warning;
    case MessageBanner::Kind::Error:
        return Tone::Negative;
    case MessageBanner::Kind::Info:
        break;
    }
    return Tone::Info;
}

QString iconFor(MessageBanner::Kind kind)
{
    switch (kind) {
    case MessageBanner::Kind::Positive:
        return u"positive"_s;
    case MessageBanner::Kind::Warning:
        return u"warning"_s;
    case MessageBanner::Kind::Error:
        return u"error"_s;
    case MessageBanner::Kind::Info:
        break;
    }
    return u"info"_s;
}
} // namespace

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new WrappingLabel(this)), m_close(new QToolButton(this))
{
    setObjectName(u"messageBanner"_s);
    setFrameShape(QFrame::StyledPanel);
    m_icon->setAlignment(Qt::AlignTop);
    m_text->setObjectName(u"messageText"_s);
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_text->setOpenExternalLinks(false);
    m_text->setMinimumWidth(200);
    m_close->setObjectName(u"messageCloseButton"_s);
    m_close->setIcon(icon(u"close"_s));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss message"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 6, 8);
    layout->setSpacing(10);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    connect(m_close, &QToolButton::clicked, this, &MessageBanner::dismiss);
    connect(m_text, &QLabel::linkActivated, this, &MessageBanner::linkActivated);
    hide();
}

void MessageBanner::overlay(QWidget *host)
{
    setParent(host);
    host->installEventFilter(this);
    place();
}

bool MessageBanner::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        place();
    return QFrame::eventFilter(watched, event);
}

// Across the host's top with a small margin, as tall as the text needs, at most half the host.
void MessageBanner::place()
{
    const QWidget *host = parentWidget();
    if (!host)
        return;
    constexpr int kMargin = 6;
    const int width = std::max(0, host->width() - 2 * kMargin);
    const int wanted = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width) : sizeHint().height();
    setGeometry(kMargin, kMargin, width, std::min(wanted, std::max(host->height() / 2, 48)));
}

void MessageBanner::showMessage(Kind kind, const QString &html, const QString &topic)
{
    m_kind = kind;
    m_topic = topic;
    m_text->setText(html);
    m_icon->setPixmap(iconPixmap(iconFor(kind), 22, devicePixelRatioF()));
    setAccessibleName(plainText());
    applyColors();
    place();
    show();
    raise();
}

void MessageBanner::dismiss()
{
    const bool wasVisible = !isHidden();
    hide();
    m_text->clear();
    m_topic.clear();
    if (wasVisible)
        Q_EMIT dismissed();
}

void MessageBanner::dismissTopic(const QString &topic)
{
    if (!isHidden() && m_topic == topic)
        dismiss();
}

QString MessageBanner::plainText() const
{
    QTextDocument document;
    document.setHtml(m_text->text());
    return document.toPlainText();
}

void MessageBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !isHidden())
        applyColors();
}

// Tinted from the system palette so the banner reads well in light and dark themes alike.
void MessageBanner::applyColors()
{
    const QColor accent = toneColor(toneFor(m_kind));
    const QWidget *host = parentWidget() ? parentWidget() : this;
    const QColor background = blend(host->palette().color(QPalette::Window), accent, 0.16);
    const QString sheet =
        u"QFrame#messageBanner { background-color: %1; border: 1px solid %2; border-radius: 4px; }"_s.arg(
            background.name(), accent.name());
    if (sheet != styleSheet()) // setting it raises StyleChange again; only change what changed
        setStyleSheet(sheet);
}

} // namespace ecalab::ui
