#pragma once

#include "profile/SecretStore.h"

#include <QPointer>

#include <memory>
#include <vector>

namespace ecalab {

// Stands in for the secret store while the OS keychain is still being asked whether it answers,
// so the window can appear at once: every call waits here, in order, until resolve() names the
// store that will keep the secrets, then goes to it.
class PendingSecretStore final : public SecretStore
{
public:
    void resolve(std::unique_ptr<SecretStore> store);
    bool isResolved() const { return bool(m_target); }

    void read(const QString &key, QObject *context, Callback done) override;
    void write(const QString &key, const QString &value, QObject *context, Callback done) override;
    void remove(const QString &key, QObject *context, Callback done) override;
    QString description() const override;
    bool isPersistent() const override;
    QString availabilityNote() const override;
    void whenReady(QObject *context, std::function<void()> done) override;

private:
    struct Waiting
    {
        QPointer<QObject> context;
        std::function<void()> call; // runs against m_target
    };
    void enqueue(QObject *context, std::function<void()> call);

    std::unique_ptr<SecretStore> m_target;
    std::vector<Waiting> m_waiting;
};

} // namespace ecalab
