#include "KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <QPointer>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
SecretStore::Result resultOf(const QKeychain::Job &job, QString value = {})
{
    SecretStore::Result result;
    result.ok = job.error() == QKeychain::NoError;
    result.notFound = job.error() == QKeychain::EntryNotFound;
    result.value = std::move(value);
    if (!result.ok && !result.notFound)
        result.error = u"Keychain: %1"_s.arg(job.errorString());
    return result;
}

// QtKeychain's own text is often just "Unknown error"; say what is missing, in the user's terms.
QString unavailableReason(const QKeychain::Job &job)
{
    switch (job.error()) {
    case QKeychain::NoBackendAvailable:
        return u"no Secret Service provider such as GNOME Keyring or KWallet is running"_s;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return u"access to the keychain was refused"_s;
    default:
        break;
    }
    const QString text = job.errorString().trimmed();
    if (text.isEmpty() || text.compare(u"Unknown error"_s, Qt::CaseInsensitive) == 0)
        return u"the keychain service did not say why; is GNOME Keyring or KWallet running and unlocked?"_s;
    return text;
}

template<typename JobType>
JobType *makeJob(const QString &service, const QString &key)
{
    auto *job = new JobType(service);
    job->setAutoDelete(true);
    job->setKey(key);
    return job;
}
} // namespace

KeychainSecretStore::KeychainSecretStore(QString service) : m_service(std::move(service)) {}

void KeychainSecretStore::probe(QObject *context, std::function<void(bool, const QString &)> done)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(u"ECA Lab"_s, u"__probe__"_s);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job *finished) {
        const auto error = finished->error();
        const bool available = error == QKeychain::NoError || error == QKeychain::EntryNotFound;
        done(available, available ? QString() : unavailableReason(*finished));
    });
    job->start();
}

void KeychainSecretStore::read(const QString &key, QObject *context, Callback done)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(m_service, key);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job *finished) {
        done(resultOf(*finished, static_cast<QKeychain::ReadPasswordJob *>(finished)->textData()));
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QString &value, QObject *context, Callback done)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_service, key);
    job->setTextData(value);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [done = std::move(done)](QKeychain::Job *finished) { done(resultOf(*finished)); });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, QObject *context, Callback done)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(m_service, key);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [done = std::move(done)](QKeychain::Job *finished) { done(resultOf(*finished)); });
    job->start();
}

QString KeychainSecretStore::description() const
{
    return u"system keychain"_s;
}

} // namespace ecalab
