#pragma once

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace ecalab {

// A single-shot timer on the injected clock: a QTimer under SystemClock, fired by
// ManualClock::advanceMs in tests, so waits (device polling, callback timeouts) are testable
// without sleeping (ARCHITECTURE.md "Rules of the house": event-loop timers, injected time).
class ClockTimer : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void start(qint64 ms) = 0; // restarts when already active
    virtual void stop() = 0;
    virtual bool isActive() const = 0;

Q_SIGNALS:
    void timeout();
};

class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
    qint64 msecsSinceEpoch() const { return now().toMSecsSinceEpoch(); }
    // The caller owns the timer (or gives it a parent); it must not outlive the clock.
    virtual std::unique_ptr<ClockTimer> createTimer(QObject *parent = nullptr) const = 0;
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
    std::unique_ptr<ClockTimer> createTimer(QObject *parent = nullptr) const override;
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime::fromMSecsSinceEpoch(1'764'000'000'000, Qt::UTC));
    ~ManualClock() override;

    QDateTime now() const override { return m_now; }
    std::unique_ptr<ClockTimer> createTimer(QObject *parent = nullptr) const override;
    void setNow(const QDateTime &now) { m_now = now; }
    // Moves time forward, firing every timer that falls due on the way, earliest first, each at
    // its own due time (a timer re-armed from a timeout fires again if it falls due in range).
    void advanceMs(qint64 ms);
    int activeTimerCount() const;

private:
    class Timer;
    QDateTime m_now;
    mutable std::vector<Timer *> m_timers;
};

} // namespace ecalab
