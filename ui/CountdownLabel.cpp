#include "CountdownLabel.h"

#include "core/Clock.h"

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 kTickMs = 1000; // one refresh a second: the text shows whole seconds
}

CountdownLabel::CountdownLabel(const Clock *clock, QWidget *parent)
    : QLabel(parent), m_clock(clock), m_tick(clock->createTimer(this))
{
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_tick.get(), &ClockTimer::timeout, this, &CountdownLabel::refresh);
}

CountdownLabel::~CountdownLabel() = default;

void CountdownLabel::setDeadline(qint64 deadlineMs)
{
    m_deadlineMs = deadlineMs;
    refresh();
}

void CountdownLabel::stop()
{
    m_tick->stop();
}

qint64 CountdownLabel::remainingMs() const
{
    if (m_deadlineMs < 0)
        return -1;
    return std::max<qint64>(0, m_deadlineMs - m_clock->msecsSinceEpoch());
}

QString CountdownLabel::remainingText(qint64 remainingMs)
{
    const qint64 seconds = (std::max<qint64>(0, remainingMs) + 999) / 1000;
    const qint64 h = seconds / 3600;
    const qint64 m = (seconds % 3600) / 60;
    const qint64 s = seconds % 60;
    if (h > 0)
        return u"%1:%2:%3"_s.arg(h).arg(m, 2, 10, QChar(u'0')).arg(s, 2, 10, QChar(u'0'));
    return u"%1:%2"_s.arg(m).arg(s, 2, 10, QChar(u'0'));
}

void CountdownLabel::refresh()
{
    if (m_deadlineMs < 0) {
        m_tick->stop();
        setText(tr("no time limit"));
        setAccessibleName(text());
        return;
    }
    const qint64 left = remainingMs();
    if (left <= 0) {
        m_tick->stop();
        setText(tr("time is up"));
    } else {
        setText(tr("%1 left").arg(remainingText(left)));
        // Re-read at the next whole second of the remaining time, so the text never lags a second.
        const qint64 untilNextSecond = left % kTickMs == 0 ? kTickMs : left % kTickMs;
        m_tick->start(untilNextSecond);
    }
    setAccessibleName(text());
}

} // namespace ecalab::ui
