#include "EmulatorThread.h"

#include <openssl/crypto.h>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

EmulatorThread::EmulatorThread() : m_anchor(std::make_unique<QObject>()), m_home(std::make_unique<QObject>())
{
    m_thread.setObjectName(u"emulator"_s);
    m_anchor->moveToThread(&m_thread);
    m_thread.start();
    // Loading the seed (users, apps, keys) takes milliseconds the caller need not wait for: every
    // later call is queued behind this one on the same thread, so it finds the Emulator made.
    QMetaObject::invokeMethod(
        m_anchor.get(), [this] { m_emulator = std::make_unique<Emulator>(); }, Qt::QueuedConnection);
}

EmulatorThread::~EmulatorThread()
{
    // OpenSSL keeps per-thread state (the thread's random generator) until the thread exits, where
    // LeakSanitizer can see it before the thread's destructors run: release it here, on the thread.
    QMetaObject::invokeMethod(
        m_anchor.get(),
        [this] {
            m_emulator.reset();
            OPENSSL_thread_stop();
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool EmulatorThread::start(quint16 firstPort, QString *error)
{
    QString why;
    const bool started = call([&](Emulator &emulator) { return emulator.start(firstPort, &why); });
    if (!started && error)
        *error = why;
    return started;
}

QJsonObject EmulatorThread::demoProfile() const
{
    return call([](Emulator &emulator) { return emulator.demoProfile(); });
}

QUrl EmulatorThread::myDomainUrl() const
{
    return call([](Emulator &emulator) { return emulator.myDomainUrl(); });
}

} // namespace ecalab::emu
