#include "ProfileStore.h"

#include "core/SmallFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 kMaxProfileBytes = 1 << 20; // a profile is a few hundred bytes; refuse anything absurd

QString slugFor(const QString &name)
{
    QString slug = name.toLower();
    slug.replace(QRegularExpression(u"[^a-z0-9]+"_s), u"-"_s);
    slug = slug.mid(0, 80);
    while (slug.startsWith(u'-'))
        slug.remove(0, 1);
    while (slug.endsWith(u'-'))
        slug.chop(1);
    return slug.isEmpty() ? u"profile"_s : slug;
}
} // namespace

ProfileStore::ProfileStore(QString directory) : m_directory(std::move(directory)) {}

QString ProfileStore::defaultConfigDirectory()
{
    const QString fromEnv = qEnvironmentVariable("ECALAB_CONFIG_DIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/ecalab"_s;
}

Expected<Profile, QString> ProfileStore::loadFile(const QString &path)
{
    const auto bytes = readSmallFile(path, kMaxProfileBytes, u"Profile"_s);
    if (!bytes)
        return unexpected(bytes.error());
    auto profile = Profile::fromJsonBytes(*bytes);
    if (!profile)
        return unexpected(u"Profile %1: %2"_s.arg(QDir::toNativeSeparators(path), profile.error()));
    return profile;
}

QList<ProfileStore::Entry> ProfileStore::list() const
{
    QList<Entry> entries;
    const QDir dir(m_directory + u"/profiles"_s);
    const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    for (const QString &fileName : files) {
        Entry entry;
        entry.path = dir.filePath(fileName);
        auto profile = loadFile(entry.path);
        if (profile) {
            if (profile->name.isEmpty())
                profile->name = QFileInfo(fileName).completeBaseName();
            entry.profile = std::move(profile.value());
        } else {
            entry.error = profile.error();
        }
        entries.append(std::move(entry));
    }
    return entries;
}

std::optional<QString> ProfileStore::existingPathForName(const QString &name) const
{
    for (const Entry &entry : list()) {
        if (entry.profile && entry.profile->name == name)
            return entry.path;
    }
    const QString bySlug = pathForName(name);
    return QFile::exists(bySlug) ? std::optional(bySlug) : std::nullopt;
}

QString ProfileStore::pathForName(const QString &name) const
{
    return m_directory + u"/profiles/"_s + slugFor(name) + u".json"_s;
}

Expected<Profile, QString> ProfileStore::load(const QString &name) const
{
    const auto path = existingPathForName(name);
    if (!path)
        return unexpected(u"No saved profile named \"%1\" in %2."_s.arg(name, QDir::toNativeSeparators(m_directory)));
    return loadFile(*path);
}

// Before a file we cannot read is replaced, keep a copy: "a corrupt file reported without losing it".
// A file from a newer ECA Lab is never replaced at all.
Expected<bool, QString> ProfileStore::protectUnreadableFile(const QString &path) const
{
    if (!QFile::exists(path))
        return true;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return unexpected(u"Cannot read %1 to check it before saving: %2."_s.arg(path, file.errorString()));
    const QJsonObject existing = QJsonDocument::fromJson(file.readAll()).object();
    if (existing.value(u"schema").toInt() > Profile::kSchema)
        return unexpected(u"%1 was written by a newer ECA Lab (schema %2); it was not overwritten. "
                          "Save under another name or update ECA Lab."_s.arg(path)
                              .arg(existing.value(u"schema").toInt()));
    if (loadFile(path))
        return true;
    const QString backup = path + u".unreadable-"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    if (!QFile::copy(path, backup))
        return unexpected(u"Cannot keep a copy of the unreadable file %1; nothing was saved."_s.arg(path));
    return true;
}

Expected<QString, QString> ProfileStore::save(const Profile &profile, const QString &previousName)
{
    if (profile.name.trimmed().isEmpty())
        return unexpected(u"A profile needs a name before it can be saved."_s);
    if (!QDir().mkpath(m_directory + u"/profiles"_s))
        return unexpected(u"Cannot create the folder %1."_s.arg(QDir::toNativeSeparators(m_directory + u"/profiles"_s)));
    const QString path = existingPathForName(profile.name).value_or(pathForName(profile.name));
    if (auto guarded = protectUnreadableFile(path); !guarded)
        return unexpected(guarded.error());

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return unexpected(u"Cannot write %1: %2."_s.arg(QDir::toNativeSeparators(path), file.errorString()));
    file.write(QJsonDocument(profile.toJson(/*includeSecret=*/false)).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return unexpected(u"Saving %1 failed: %2. The previous version is unchanged."_s.arg(
            QDir::toNativeSeparators(path), file.errorString()));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    if (!previousName.isEmpty() && previousName != profile.name) {
        if (const auto old = existingPathForName(previousName); old && *old != path)
            QFile::remove(*old);
    }
    return path;
}

Expected<bool, QString> ProfileStore::remove(const QString &name)
{
    const auto path = existingPathForName(name);
    if (!path)
        return unexpected(u"No saved profile named \"%1\"."_s.arg(name));
    if (!QFile::remove(*path))
        return unexpected(u"Cannot delete %1."_s.arg(QDir::toNativeSeparators(*path)));
    return true;
}

} // namespace ecalab
