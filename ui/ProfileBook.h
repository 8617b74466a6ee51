#pragma once

#include "profile/Profile.h"

#include <QList>
#include <QObject>

#include <functional>

namespace ecalab {
class ProfileStore;
class SecretStore;
} // namespace ecalab

namespace ecalab::ui {

// The profiles the window shows, as working copies: the demo org first (never saved), then the
// saved profiles and the ones the user created but has not saved yet. Edits stay here until the
// user saves or reverts, so switching profiles never loses them. The file gets the profile, the
// SecretStore gets the consumer secret (ARCHITECTURE.md: secrets never go to a profile file).
class ProfileBook : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Demo, Saved, Draft, Corrupt };
    enum class SecretState { NotLoaded, Loading, Loaded, Failed };

    struct Entry
    {
        int id = 0;
        Kind kind = Kind::Draft;
        Profile profile;   // as edited, secret included
        Profile baseline;  // as last loaded or saved
        QString savedName; // the name on disk, for renames and the secret's key
        QString path;
        QString error; // Corrupt: why the file cannot be read
        SecretState secret = SecretState::NotLoaded;
        QString secretError;
        bool demoReady = false;

        bool isDirty() const;
        QString title() const;
    };
    using Done = std::function<void(bool ok, const QString &message)>;

    ProfileBook(ProfileStore *store, SecretStore *secrets, QObject *parent = nullptr);

    void reload(); // re-reads the store; drafts and unsaved edits are kept
    const QList<Entry> &entries() const { return m_entries; }
    const Entry *find(int id) const;
    int indexOf(int id) const;
    int demoId() const { return m_entries.first().id; }
    bool hasSavedProfiles() const;
    bool hasUnsavedEdits() const;

    void setDemoProfile(const Profile &profile);
    void update(int id, const Profile &profile);
    void revert(int id);
    int createDraft();
    int addDraft(const Profile &profile); // a profile from elsewhere (a file), unsaved; renamed if taken
    int duplicate(int id);
    void loadSecret(int id);
    void save(int id, Done done);
    void remove(int id, Done done);

Q_SIGNALS:
    void listChanged();
    void entryChanged(int id);
    void secretLoaded(int id);

private:
    Entry *findMutable(int id);
    QString uniqueName(const QString &base) const;
    void storeSecret(int id, const QString &name, const QString &previousName, const QString &secret, Done done);
    void movePassword(const QString &from, const QString &to);

    ProfileStore *m_store;
    SecretStore *m_secrets;
    QList<Entry> m_entries;
    int m_nextId = 1;
};

} // namespace ecalab::ui
