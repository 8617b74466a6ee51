#pragma once

#include "Emulator.h"

#include <QPointer>
#include <QThread>

#include <memory>

namespace ecalab::emu {

// The emulator on a thread of its own, for a process whose main thread has other work to do —
// the window: a burst of requests to the demo org never holds up the window's event loop.
// The Emulator is created, used and destroyed on that thread only; every call here crosses to it
// and waits for the answer (Qt::BlockingQueuedConnection), or posts its answer back (callLater),
// so no state is shared between threads.
class EmulatorThread
{
public:
    EmulatorThread();  // starts the thread and has it create the demo org's Emulator (without waiting)
    ~EmulatorThread(); // destroys the Emulator on its thread, then ends the thread
    EmulatorThread(const EmulatorThread &) = delete;
    EmulatorThread &operator=(const EmulatorThread &) = delete;

    // Runs `work(emulator)` on the emulator's thread and returns what it returns.
    template <typename Work> auto call(Work work) const
    {
        using Result = decltype(work(std::declval<Emulator &>()));
        if constexpr (std::is_void_v<Result>) {
            QMetaObject::invokeMethod(
                m_anchor.get(), [&] { work(*m_emulator); }, Qt::BlockingQueuedConnection);
        } else {
            Result result{};
            QMetaObject::invokeMethod(
                m_anchor.get(), [&] { result = work(*m_emulator); }, Qt::BlockingQueuedConnection);
            return result;
        }
    }

    // Runs `work(emulator)` on the emulator's thread without waiting; `then(result)` runs later on
    // the thread that made this EmulatorThread, unless `context` (of that thread) is gone by then.
    template <typename Work, typename Then> void callLater(Work work, QObject *context, Then then) const
    {
        QMetaObject::invokeMethod(
            m_anchor.get(),
            [this, work = std::move(work), context = QPointer<QObject>(context), then = std::move(then)]() mutable {
                auto result = work(*m_emulator);
                // Posted to m_home, not to `context`: only its own thread may ask whether `context` still exists.
                QMetaObject::invokeMethod(
                    m_home.get(),
                    [context, then = std::move(then), result = std::move(result)]() mutable {
                        if (context)
                            then(result);
                    },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

    bool start(quint16 firstPort, QString *error);
    QJsonObject demoProfile() const;
    QUrl myDomainUrl() const;

private:
    QThread m_thread;
    std::unique_ptr<QObject> m_anchor; // lives on m_thread: where the calls are queued
    std::unique_ptr<QObject> m_home;   // lives on the creating thread: where callLater's answers arrive
    std::unique_ptr<Emulator> m_emulator;
};

} // namespace ecalab::emu
