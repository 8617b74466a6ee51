#pragma once

#include "grants/UserPrompt.h"

#include <QObject>
#include <QString>

#include <functional>

namespace ecalab {
class SecretStore;
}

namespace ecalab::ui {

// The headless site user's password of a saved profile, in the keychain under
// SecretStore::passwordKey(name) only when the person asks (the Keep box of the password prompt),
// and only once a run has proved it. It then answers the `password` prompt, as the CLI does.
class SitePassword : public QObject
{
    Q_OBJECT
public:
    // The saved profile's name, empty when the current profile is not saved (the demo, a draft).
    using SavedName = std::function<QString()>;

    SitePassword(SecretStore *secrets, SavedName savedName, QObject *parent = nullptr);

    void profileChanged(); // reads the kept password of the profile now shown, if any
    bool canKeep() const;  // a saved profile and a store to keep it in
    bool isKept() const { return !m_kept.isEmpty(); }
    QString storeName() const; // where it goes: "the keychain (…)" as the store describes itself
    QString keyName() const;   // "password/<name>"
    QString answerFor(const UserPrompt &prompt) const; // the kept password for `password`, else empty
    void keep(const QString &password);
    void forget();

Q_SIGNALS:
    void changed();
    void failed(const QString &why);

private:
    SecretStore *m_secrets;
    SavedName m_savedName;
    QString m_kept;
    QObject *m_readContext = nullptr; // a read for the profile on show, dropped by the next
};

} // namespace ecalab::ui
