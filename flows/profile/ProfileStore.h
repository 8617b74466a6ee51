#pragma once

#include "profile/Profile.h"

#include <QList>
#include <QString>

#include <optional>

namespace ecalab {

// Profiles as one JSON file each in <config dir>/profiles. Writes are atomic (QSaveFile), the
// secret never goes to disk, and a file that cannot be read is reported and left untouched.
class ProfileStore
{
public:
    struct Entry
    {
        QString path;
        std::optional<Profile> profile; // empty when the file could not be read
        QString error;                  // why not, in words a user can act on
    };

    explicit ProfileStore(QString directory);

    // ECALAB_CONFIG_DIR when set, else the user's config dir + "/ecalab".
    static QString defaultConfigDirectory();
    static Expected<Profile, QString> loadFile(const QString &path);

    QString directory() const { return m_directory; }
    QList<Entry> list() const;
    Expected<Profile, QString> load(const QString &name) const;
    // Saves under the profile's name; `previousName` (if different) is removed after a rename.
    Expected<QString, QString> save(const Profile &profile, const QString &previousName = {});
    Expected<bool, QString> remove(const QString &name);
    QString pathForName(const QString &name) const;

private:
    std::optional<QString> existingPathForName(const QString &name) const;
    Expected<bool, QString> protectUnreadableFile(const QString &path) const;

    QString m_directory;
};

} // namespace ecalab
