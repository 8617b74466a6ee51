#include "SecretStore.h"

#include <QTimer>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
void later(QObject *context, SecretStore::Callback done, SecretStore::Result result)
{
    QTimer::singleShot(0, context, [done = std::move(done), result = std::move(result)] { done(result); });
}
} // namespace

void SecretStore::whenReady(QObject *context, std::function<void()> done)
{
    QTimer::singleShot(0, context, std::move(done));
}

void InMemorySecretStore::read(const QString &key, QObject *context, Callback done)
{
    const auto it = m_values.constFind(key);
    Result result;
    result.ok = it != m_values.constEnd();
    result.notFound = !result.ok;
    if (result.ok)
        result.value = *it;
    later(context, std::move(done), result);
}

void InMemorySecretStore::write(const QString &key, const QString &value, QObject *context, Callback done)
{
    m_values.insert(key, value);
    later(context, std::move(done), Result{true, false, {}, {}});
}

void InMemorySecretStore::remove(const QString &key, QObject *context, Callback done)
{
    m_values.remove(key);
    later(context, std::move(done), Result{true, false, {}, {}});
}

QString InMemorySecretStore::description() const
{
    return u"memory only — secrets are forgotten when ECA Lab closes"_s;
}

} // namespace ecalab
