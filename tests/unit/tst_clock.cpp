// ManualClock's timers: the injected time every wait runs on (device polling, callback deadlines).
#include "core/Clock.h"

#include <QSignalSpy>
#include <QTest>

using namespace ecalab;

class TestClock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aTimerFiresOnlyWhenDue()
    {
        ManualClock clock;
        auto timer = clock.createTimer();
        QSignalSpy fired(timer.get(), &ClockTimer::timeout);
        timer->start(5000);
        QVERIFY(timer->isActive());
        QCOMPARE(clock.activeTimerCount(), 1);
        clock.advanceMs(4999);
        QCOMPARE(fired.size(), 0);
        clock.advanceMs(1);
        QCOMPARE(fired.size(), 1);
        QVERIFY(!timer->isActive()); // single-shot
        clock.advanceMs(60'000);
        QCOMPARE(fired.size(), 1);
        QCOMPARE(clock.activeTimerCount(), 0);
    }

    void timeIsTheDueTimeInsideTheTimeout()
    {
        ManualClock clock;
        const qint64 start = clock.msecsSinceEpoch();
        auto timer = clock.createTimer();
        qint64 seenAt = -1;
        connect(timer.get(), &ClockTimer::timeout, this, [&] { seenAt = clock.msecsSinceEpoch(); });
        timer->start(3000);
        clock.advanceMs(10'000);
        QCOMPARE(seenAt, start + 3000);
        QCOMPARE(clock.msecsSinceEpoch(), start + 10'000);
    }

    void rearmingFromTheTimeoutFiresAgainInRange()
    {
        ManualClock clock;
        const qint64 start = clock.msecsSinceEpoch();
        auto timer = clock.createTimer();
        QList<qint64> times;
        connect(timer.get(), &ClockTimer::timeout, this, [&] {
            times.append(clock.msecsSinceEpoch() - start);
            timer->start(5000);
        });
        timer->start(5000);
        clock.advanceMs(17'000);
        QCOMPARE(times, (QList<qint64>{5000, 10'000, 15'000}));
        QVERIFY(timer->isActive());
    }

    void timersFireEarliestFirst()
    {
        ManualClock clock;
        auto late = clock.createTimer();
        auto early = clock.createTimer();
        QStringList order;
        connect(late.get(), &ClockTimer::timeout, this, [&] { order.append(QStringLiteral("late")); });
        connect(early.get(), &ClockTimer::timeout, this, [&] { order.append(QStringLiteral("early")); });
        late->start(2000);
        early->start(1000);
        clock.advanceMs(2000);
        QCOMPARE(order, (QStringList{QStringLiteral("early"), QStringLiteral("late")}));
    }

    void stopAndRestart()
    {
        ManualClock clock;
        auto timer = clock.createTimer();
        QSignalSpy fired(timer.get(), &ClockTimer::timeout);
        timer->start(1000);
        timer->stop();
        QVERIFY(!timer->isActive());
        clock.advanceMs(5000);
        QCOMPARE(fired.size(), 0);
        timer->start(1000);
        timer->start(3000); // restarting replaces the due time
        clock.advanceMs(2000);
        QCOMPARE(fired.size(), 0);
        clock.advanceMs(1000);
        QCOMPARE(fired.size(), 1);
    }

    void aDestroyedTimerIsForgotten()
    {
        ManualClock clock;
        {
            auto timer = clock.createTimer();
            timer->start(1000);
            QCOMPARE(clock.activeTimerCount(), 1);
        }
        QCOMPARE(clock.activeTimerCount(), 0);
        clock.advanceMs(2000); // nothing dangling to fire
    }

    void systemClockTimersRunOnTheEventLoop()
    {
        SystemClock clock;
        auto timer = clock.createTimer();
        QSignalSpy fired(timer.get(), &ClockTimer::timeout);
        timer->start(10);
        QVERIFY(timer->isActive());
        QVERIFY(fired.wait(2000));
        QCOMPARE(fired.size(), 1);
        QVERIFY(!timer->isActive());
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
