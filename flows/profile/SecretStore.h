#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace ecalab {

// Where secrets (client secret, passwords, key passphrases, refresh tokens) live: the OS keychain
// or memory only — never a profile file (ARCHITECTURE.md). Asynchronous because keychains are.
class SecretStore
{
public:
    struct Result
    {
        bool ok = false;
        bool notFound = false;
        QString value;
        QString error;
    };
    using Callback = std::function<void(const Result &)>;

    virtual ~SecretStore() = default;
    // Callbacks run later on the event loop, and never if `context` is destroyed first.
    virtual void read(const QString &key, QObject *context, Callback done) = 0;
    virtual void write(const QString &key, const QString &value, QObject *context, Callback done) = 0;
    virtual void remove(const QString &key, QObject *context, Callback done) = 0;
    virtual QString description() const = 0; // shown in the window
    virtual bool isPersistent() const = 0;
    // Why secrets are not kept across restarts, or that this is not known yet; empty when they are.
    virtual QString availabilityNote() const { return {}; }
    // Calls `done` once the store knows where secrets live (at once, on the event loop, for stores
    // that always know), never if `context` is destroyed first.
    virtual void whenReady(QObject *context, std::function<void()> done);

    static QString clientSecretKey(const QString &profileName) { return QStringLiteral("clientSecret/") + profileName; }
    // The passphrase of the profile's encrypted private key (JWT bearer), kept only when the person asks.
    static QString keyPassphraseKey(const QString &profileName) { return QStringLiteral("keyPassphrase/") + profileName; }
    // A refresh token of the profile, kept across restarts only when the person asks (the token pane).
    static QString refreshTokenKey(const QString &profileName) { return QStringLiteral("refreshToken/") + profileName; }
    // The site user's password for the headless flows (answers their `password` prompt).
    static QString passwordKey(const QString &profileName) { return QStringLiteral("password/") + profileName; }
};

// Tests, and the fallback when no keychain answers. Forgotten when the process ends.
class InMemorySecretStore final : public SecretStore
{
public:
    explicit InMemorySecretStore(QString note = {}) : m_note(std::move(note)) {}
    void read(const QString &key, QObject *context, Callback done) override;
    void write(const QString &key, const QString &value, QObject *context, Callback done) override;
    void remove(const QString &key, QObject *context, Callback done) override;
    QString description() const override;
    bool isPersistent() const override { return false; }
    QString availabilityNote() const override { return m_note; }

private:
    QString m_note;
    QHash<QString, QString> m_values;
};

} // namespace ecalab
