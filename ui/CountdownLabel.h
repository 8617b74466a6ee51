#pragma once

#include <QLabel>

#include <memory>

namespace ecalab {
class Clock;
class ClockTimer;
} // namespace ecalab

namespace ecalab::ui {

// "4:59 left" until a deadline on the injected clock, re-read once a second (a ClockTimer, so
// ManualClock::advanceMs moves it in tests). Stops ticking at the deadline and says so.
class CountdownLabel : public QLabel
{
    Q_OBJECT
public:
    CountdownLabel(const Clock *clock, QWidget *parent = nullptr);
    ~CountdownLabel() override;

    void setDeadline(qint64 deadlineMs); // clock time in ms since epoch; -1: no limit
    void stop();                         // the wait ended: freeze the text, stop ticking
    qint64 remainingMs() const;          // -1 without a deadline

    // "0:42", "12:05", "1:02:03"; rounds up so "0:00" only shows at the deadline itself.
    static QString remainingText(qint64 remainingMs);

private:
    void refresh();

    const Clock *m_clock;
    std::unique_ptr<ClockTimer> m_tick;
    qint64 m_deadlineMs = -1;
};

} // namespace ecalab::ui
