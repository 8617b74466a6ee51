#include "WrappingLabel.h"

#include <QEvent>

namespace ecalab::ui {

namespace {
constexpr qsizetype kMaxRememberedWidths = 32; // a window resized by hand passes through many
}

WrappingLabel::WrappingLabel(QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
}

WrappingLabel::WrappingLabel(const QString &text, QWidget *parent) : QLabel(text, parent)
{
    setWordWrap(true);
}

int WrappingLabel::heightForWidth(int width) const
{
    if (text() != m_measuredText || textFormat() != m_measuredFormat) {
        m_measuredText = text();
        m_measuredFormat = textFormat();
        m_heights.clear();
    }
    if (const auto it = m_heights.constFind(width); it != m_heights.constEnd())
        return *it;
    if (m_heights.size() >= kMaxRememberedWidths)
        m_heights.clear();
    return *m_heights.insert(width, QLabel::heightForWidth(width));
}

void WrappingLabel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        m_heights.clear();
    QLabel::changeEvent(event);
}

bool WrappingLabel::event(QEvent *event)
{
    if (event->type() == QEvent::ContentsRectChange) // setContentsMargins(): less room for the text
        m_heights.clear();
    return QLabel::event(event);
}

} // namespace ecalab::ui
