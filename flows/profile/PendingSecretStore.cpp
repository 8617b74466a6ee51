#include "PendingSecretStore.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

void PendingSecretStore::resolve(std::unique_ptr<SecretStore> store)
{
    m_target = std::move(store);
    std::vector<Waiting> waiting;
    waiting.swap(m_waiting);
    for (Waiting &w : waiting) {
        if (w.context) // like every store: no callback for a context that is gone
            w.call();
    }
}

void PendingSecretStore::enqueue(QObject *context, std::function<void()> call)
{
    if (m_target)
        call();
    else
        m_waiting.push_back({context, std::move(call)});
}

void PendingSecretStore::read(const QString &key, QObject *context, Callback done)
{
    enqueue(context, [this, key, context, done = std::move(done)] { m_target->read(key, context, done); });
}

void PendingSecretStore::write(const QString &key, const QString &value, QObject *context, Callback done)
{
    enqueue(context,
            [this, key, value, context, done = std::move(done)] { m_target->write(key, value, context, done); });
}

void PendingSecretStore::remove(const QString &key, QObject *context, Callback done)
{
    enqueue(context, [this, key, context, done = std::move(done)] { m_target->remove(key, context, done); });
}

QString PendingSecretStore::description() const
{
    return m_target ? m_target->description() : u"the system keychain (still being asked)"_s;
}

bool PendingSecretStore::isPersistent() const
{
    return m_target && m_target->isPersistent();
}

QString PendingSecretStore::availabilityNote() const
{
    return m_target ? m_target->availabilityNote() : u"Asking the system keychain whether it is there…"_s;
}

void PendingSecretStore::whenReady(QObject *context, std::function<void()> done)
{
    enqueue(context, [this, context, done = std::move(done)] { m_target->whenReady(context, done); });
}

} // namespace ecalab
