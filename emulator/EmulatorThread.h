#pragma once

#include "Emulator.h"

#include <QThread>

#include <memory>

namespace ecalab::emu {

// The emulator on a thread of its own, for a process whose main thread has other work to do —
// the window: a burst of requests to the demo org never holds up the window's event loop.
// The Emulator is created, used and destroyed on that thread only; every call here crosses to it
// and waits for the answer (Qt::BlockingQueuedConnection), so no state is shared between threads.
class EmulatorThread
{
public:
    EmulatorThread();  // starts the thread and creates the demo org's Emulator on it
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

    bool start(quint16 firstPort, QString *error);
    QJsonObject demoProfile() const;
    QUrl myDomainUrl() const;

private:
    QThread m_thread;
    std::unique_ptr<QObject> m_anchor; // lives on m_thread: where the calls are queued
    std::unique_ptr<Emulator> m_emulator;
};

} // namespace ecalab::emu
