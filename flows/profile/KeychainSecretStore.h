#pragma once

#include "profile/SecretStore.h"

namespace ecalab {

// The OS keychain through QtKeychain (Secret Service / KWallet, macOS Keychain, Windows
// Credential Manager). QtKeychain's Job idiom: start, then one `finished` with an error enum.
class KeychainSecretStore final : public SecretStore
{
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("ECA Lab"));

    // Whether a keychain backend answers at all; the app falls back to memory (and says so) if not.
    static void probe(QObject *context, std::function<void(bool available, const QString &why)> done);

    void read(const QString &key, QObject *context, Callback done) override;
    void write(const QString &key, const QString &value, QObject *context, Callback done) override;
    void remove(const QString &key, QObject *context, Callback done) override;
    QString description() const override;
    bool isPersistent() const override { return true; }

private:
    QString m_service;
};

} // namespace ecalab
