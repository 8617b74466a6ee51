#include "ProfileBook.h"

#include "profile/ProfileStore.h"
#include "profile/SecretStore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
bool sameProfile(const Profile &a, const Profile &b)
{
    return a.toJson(true) == b.toJson(true);
}

Profile newProfileTemplate(const QString &name)
{
    Profile p;
    p.name = name;
    p.loginUrl = QUrl(u"https://login.salesforce.com"_s);
    p.callbackUrl = QUrl(u"http://localhost:1717/OauthRedirect"_s);
    p.scopes = {u"api"_s, u"refresh_token"_s};
    return p;
}
} // namespace

bool ProfileBook::Entry::isDirty() const
{
    return kind == Kind::Draft || (kind != Kind::Corrupt && !sameProfile(profile, baseline));
}

QString ProfileBook::Entry::title() const
{
    switch (kind) {
    case Kind::Demo:
        return QObject::tr("Demo org (emulator)");
    case Kind::Corrupt:
        return QFileInfo(path).fileName();
    case Kind::Saved:
    case Kind::Draft:
        break;
    }
    return profile.name.isEmpty() ? QObject::tr("(no name)") : profile.name;
}

ProfileBook::ProfileBook(ProfileStore *store, SecretStore *secrets, QObject *parent)
    : QObject(parent), m_store(store), m_secrets(secrets)
{
    Entry demo;
    demo.id = m_nextId++;
    demo.kind = Kind::Demo;
    demo.secret = SecretState::Loaded;
    m_entries.append(demo);
    reload();
}

void ProfileBook::reload()
{
    QList<Entry> kept;
    for (const Entry &entry : std::as_const(m_entries)) {
        if (entry.kind == Kind::Demo || entry.kind == Kind::Draft || entry.isDirty())
            kept.append(entry);
    }
    const QList<ProfileStore::Entry> onDisk = m_store ? m_store->list() : QList<ProfileStore::Entry>{};
    for (const ProfileStore::Entry &file : onDisk) {
        const bool edited = std::any_of(kept.begin(), kept.end(), [&](const Entry &e) { return e.path == file.path; });
        if (edited)
            continue;
        Entry entry;
        entry.id = m_nextId++;
        entry.path = file.path;
        if (file.profile) {
            entry.kind = Kind::Saved;
            entry.profile = entry.baseline = *file.profile;
            entry.savedName = file.profile->name;
        } else {
            entry.kind = Kind::Corrupt;
            entry.error = file.error;
        }
        kept.append(entry);
    }
    std::stable_sort(kept.begin(), kept.end(),
                     [](const Entry &a, const Entry &b) { return (a.kind == Kind::Demo) > (b.kind == Kind::Demo); });
    m_entries = kept;
    Q_EMIT listChanged();
}

const ProfileBook::Entry *ProfileBook::find(int id) const
{
    const int index = indexOf(id);
    return index < 0 ? nullptr : &m_entries.at(index);
}

ProfileBook::Entry *ProfileBook::findMutable(int id)
{
    const int index = indexOf(id);
    return index < 0 ? nullptr : &m_entries[index];
}

int ProfileBook::indexOf(int id) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).id == id)
            return i;
    }
    return -1;
}

bool ProfileBook::hasSavedProfiles() const
{
    return std::any_of(m_entries.begin(), m_entries.end(), [](const Entry &e) { return e.kind == Kind::Saved; });
}

bool ProfileBook::hasUnsavedEdits() const
{
    return std::any_of(m_entries.begin(), m_entries.end(),
                       [](const Entry &e) { return e.kind != Kind::Demo && e.isDirty(); });
}

void ProfileBook::setDemoProfile(const Profile &profile)
{
    Entry &demo = m_entries.first();
    const bool edited = demo.demoReady && demo.isDirty();
    demo.baseline = profile;
    if (!edited)
        demo.profile = profile;
    demo.demoReady = true;
    Q_EMIT entryChanged(demo.id);
}

void ProfileBook::update(int id, const Profile &profile)
{
    Entry *entry = findMutable(id);
    if (!entry || entry->kind == Kind::Corrupt)
        return;
    const bool wasDirty = entry->isDirty();
    const bool renamed = entry->profile.name != profile.name;
    entry->profile = profile;
    if (wasDirty != entry->isDirty() || renamed)
        Q_EMIT entryChanged(id);
}

void ProfileBook::revert(int id)
{
    Entry *entry = findMutable(id);
    if (!entry || entry->kind == Kind::Draft)
        return;
    entry->profile = entry->baseline;
    Q_EMIT entryChanged(id);
}

QString ProfileBook::uniqueName(const QString &base) const
{
    auto taken = [this](const QString &name) {
        return std::any_of(m_entries.begin(), m_entries.end(),
                           [&](const Entry &e) { return e.kind != Kind::Demo && e.profile.name == name; });
    };
    if (!taken(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = u"%1 %2"_s.arg(base).arg(n);
        if (!taken(candidate))
            return candidate;
    }
}

int ProfileBook::createDraft()
{
    Entry entry;
    entry.id = m_nextId++;
    entry.kind = Kind::Draft;
    entry.profile = entry.baseline = newProfileTemplate(uniqueName(tr("New profile")));
    entry.secret = SecretState::Loaded;
    m_entries.append(entry);
    Q_EMIT listChanged();
    return entry.id;
}

int ProfileBook::addDraft(const Profile &profile)
{
    Entry entry;
    entry.id = m_nextId++;
    entry.kind = Kind::Draft;
    entry.profile = profile;
    entry.profile.name = uniqueName(profile.name.trimmed().isEmpty() ? tr("Profile from file") : profile.name);
    entry.baseline = entry.profile;
    entry.secret = SecretState::Loaded;
    m_entries.append(entry);
    Q_EMIT listChanged();
    return entry.id;
}

int ProfileBook::duplicate(int id)
{
    const Entry *source = find(id);
    if (!source || source->kind == Kind::Corrupt)
        return 0;
    Entry entry;
    entry.id = m_nextId++;
    entry.kind = Kind::Draft;
    entry.profile = source->profile; // the secret too: it is the same app
    const QString baseName = source->kind == Kind::Demo ? tr("Demo org copy") : tr("%1 copy").arg(source->profile.name);
    entry.profile.name = uniqueName(baseName);
    entry.baseline = entry.profile;
    entry.secret = SecretState::Loaded;
    m_entries.insert(indexOf(id) + 1, entry);
    Q_EMIT listChanged();
    return entry.id;
}

void ProfileBook::loadSecret(int id)
{
    Entry *entry = findMutable(id);
    if (!entry || entry->kind != Kind::Saved || entry->secret != SecretState::NotLoaded || !m_secrets)
        return;
    entry->secret = SecretState::Loading;
    m_secrets->read(SecretStore::clientSecretKey(entry->savedName), this, [this, id](const SecretStore::Result &r) {
        Entry *e = findMutable(id);
        if (!e)
            return;
        if (r.ok && !r.value.isEmpty()) {
            const bool untouched = e->profile.clientSecret == e->baseline.clientSecret;
            e->baseline.clientSecret = r.value;
            if (untouched)
                e->profile.clientSecret = r.value;
        }
        e->secret = (r.ok || r.notFound) ? SecretState::Loaded : SecretState::Failed;
        e->secretError = r.error;
        Q_EMIT secretLoaded(id);
    });
}

void ProfileBook::save(int id, Done done)
{
    Entry *entry = findMutable(id);
    if (!entry || entry->kind == Kind::Demo || entry->kind == Kind::Corrupt || !m_store)
        return done(false, tr("This profile cannot be saved."));
    const QString name = entry->profile.name.trimmed();
    const bool clash = std::any_of(m_entries.begin(), m_entries.end(), [&](const Entry &e) {
        return e.id != id && e.kind == Kind::Saved && e.savedName == name;
    });
    if (clash)
        return done(false, tr("Another saved profile is already named \"%1\"; choose another name.").arg(name));
    const auto path = m_store->save(entry->profile, entry->savedName);
    if (!path)
        return done(false, path.error());
    const QString previousName = entry->savedName;
    entry->kind = Kind::Saved;
    entry->path = *path;
    entry->savedName = name;
    entry->baseline = entry->profile;
    entry->secret = SecretState::Loaded;
    Q_EMIT entryChanged(id);
    if (!previousName.isEmpty() && previousName != name)
        movePassword(previousName, name);
    storeSecret(id, name, previousName, entry->profile.clientSecret, std::move(done));
}

// A renamed profile's kept site password goes with it, never left under the old name.
void ProfileBook::movePassword(const QString &from, const QString &to)
{
    if (!m_secrets)
        return;
    m_secrets->read(SecretStore::passwordKey(from), this, [this, from, to](const SecretStore::Result &kept) {
        if (!kept.ok)
            return;
        m_secrets->write(SecretStore::passwordKey(to), kept.value, this, [this, from](const SecretStore::Result &r) {
            if (r.ok)
                m_secrets->remove(SecretStore::passwordKey(from), this, [](const SecretStore::Result &) {});
        });
    });
}

void ProfileBook::storeSecret(int id, const QString &name, const QString &previousName, const QString &secret,
                              Done done)
{
    if (!m_secrets)
        return done(true, tr("Saved. No secret store is available, so the consumer secret was not kept."));
    if (!previousName.isEmpty() && previousName != name)
        m_secrets->remove(SecretStore::clientSecretKey(previousName), this, [](const SecretStore::Result &) {});
    auto finished = [this, id, done](const SecretStore::Result &r) {
        if (!find(id))
            return;
        if (r.ok || r.notFound)
            done(true, tr("Saved."));
        else
            done(false, tr("The profile was saved, but the consumer secret could not be stored: %1").arg(r.error));
    };
    if (secret.isEmpty())
        m_secrets->remove(SecretStore::clientSecretKey(name), this, finished);
    else
        m_secrets->write(SecretStore::clientSecretKey(name), secret, this, finished);
}

void ProfileBook::remove(int id, Done done)
{
    const Entry *entry = find(id);
    if (!entry || entry->kind == Kind::Demo)
        return done(false, tr("The demo org cannot be deleted."));
    const Entry gone = *entry;
    if (gone.kind == Kind::Saved) {
        if (const auto removed = m_store->remove(gone.savedName); !removed)
            return done(false, removed.error());
        if (m_secrets) { // the profile's secrets go with it: none is left behind under its name
            for (const QString &key : {SecretStore::clientSecretKey(gone.savedName), SecretStore::passwordKey(gone.savedName)})
                m_secrets->remove(key, this, [](const SecretStore::Result &) {});
        }
    } else if (gone.kind == Kind::Corrupt && !QFile::remove(gone.path)) {
        return done(false, tr("Cannot delete %1.").arg(gone.path));
    }
    m_entries.removeAt(indexOf(id));
    Q_EMIT listChanged();
    done(true, {});
}

} // namespace ecalab::ui
