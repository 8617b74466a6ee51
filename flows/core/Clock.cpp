#include "Clock.h"

#include <algorithm>
#include <limits>

namespace ecalab {

namespace {

class QtClockTimer final : public ClockTimer
{
public:
    explicit QtClockTimer(QObject *parent) : ClockTimer(parent)
    {
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &ClockTimer::timeout);
    }
    void start(qint64 ms) override { m_timer.start(std::chrono::milliseconds(std::max<qint64>(ms, 0))); }
    void stop() override { m_timer.stop(); }
    bool isActive() const override { return m_timer.isActive(); }

private:
    QTimer m_timer;
};

} // namespace

std::unique_ptr<ClockTimer> SystemClock::createTimer(QObject *parent) const
{
    return std::make_unique<QtClockTimer>(parent);
}

class ManualClock::Timer final : public ClockTimer
{
public:
    Timer(const ManualClock &clock, QObject *parent) : ClockTimer(parent), m_clock(clock)
    {
        m_clock.m_timers.push_back(this);
    }
    ~Timer() override { std::erase(m_clock.m_timers, this); }
    void start(qint64 ms) override { m_dueMs = m_clock.msecsSinceEpoch() + std::max<qint64>(ms, 0); }
    void stop() override { m_dueMs = kInactive; }
    bool isActive() const override { return m_dueMs != kInactive; }
    qint64 dueMs() const { return m_dueMs; }
    void fire()
    {
        m_dueMs = kInactive;
        Q_EMIT timeout();
    }

private:
    static constexpr qint64 kInactive = std::numeric_limits<qint64>::max();
    const ManualClock &m_clock;
    qint64 m_dueMs = kInactive;
};

ManualClock::ManualClock(QDateTime start) : m_now(std::move(start)) {}

ManualClock::~ManualClock()
{
    Q_ASSERT_X(m_timers.empty(), "ManualClock", "a timer outlives its clock");
}

std::unique_ptr<ClockTimer> ManualClock::createTimer(QObject *parent) const
{
    return std::make_unique<Timer>(*this, parent);
}

void ManualClock::advanceMs(qint64 ms)
{
    const qint64 end = msecsSinceEpoch() + ms;
    for (;;) {
        auto due = std::min_element(m_timers.begin(), m_timers.end(),
                                    [](const Timer *a, const Timer *b) { return a->dueMs() < b->dueMs(); });
        if (due == m_timers.end() || !(*due)->isActive() || (*due)->dueMs() > end)
            break;
        m_now = QDateTime::fromMSecsSinceEpoch(std::max((*due)->dueMs(), msecsSinceEpoch()), Qt::UTC);
        (*due)->fire();
    }
    m_now = QDateTime::fromMSecsSinceEpoch(end, Qt::UTC);
}

int ManualClock::activeTimerCount() const
{
    return int(std::count_if(m_timers.begin(), m_timers.end(), [](const Timer *t) { return t->isActive(); }));
}

} // namespace ecalab
