#include "ProfilesCommand.h"

#include "Console.h"

#include "profile/ProfileStore.h"

#include <QDir>
#include <QJsonArray>

#include <algorithm>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
// Only these fields: the list is for finding a profile, and must never carry a secret.
QJsonObject entryJson(const ProfileStore::Entry &entry)
{
    QJsonObject o{{u"file"_s, QDir::toNativeSeparators(entry.path)}};
    if (!entry.profile) {
        o.insert(u"error"_s, entry.error);
        return o;
    }
    o.insert(u"name"_s, entry.profile->name);
    o.insert(u"loginUrl"_s, entry.profile->loginUrl.toString());
    o.insert(u"clientId"_s, entry.profile->clientId);
    return o;
}

QString humanList(const QList<ProfileStore::Entry> &entries, const QString &directory)
{
    qsizetype nameWidth = 4;
    qsizetype urlWidth = 9;
    for (const ProfileStore::Entry &entry : entries) {
        if (entry.profile) {
            nameWidth = std::max(nameWidth, entry.profile->name.size());
            urlWidth = std::max(urlWidth, entry.profile->loginUrl.toString().size());
        }
    }
    QString text = u"Saved profiles in %1:\n"_s.arg(directory);
    text += u"  %1  %2  %3\n"_s.arg(u"NAME"_s.leftJustified(nameWidth), u"LOGIN URL"_s.leftJustified(urlWidth),
                                    u"CLIENT ID"_s);
    QStringList problems;
    for (const ProfileStore::Entry &entry : entries) {
        if (!entry.profile) {
            problems.append(u"  %1: %2\n"_s.arg(QDir::toNativeSeparators(entry.path), entry.error));
            continue;
        }
        const QString url = entry.profile->loginUrl.toString();
        text += u"  %1  %2  %3\n"_s.arg(entry.profile->name.leftJustified(nameWidth),
                                        (url.isEmpty() ? u"-"_s : url).leftJustified(urlWidth),
                                        entry.profile->clientId.isEmpty() ? u"-"_s : entry.profile->clientId);
    }
    if (!problems.isEmpty())
        text += u"\nFiles that could not be read (left unchanged):\n"_s + problems.join(QString());
    return text;
}
} // namespace

int runProfilesCommand(const CommandLine &commandLine)
{
    const ProfileStore store(ProfileStore::defaultConfigDirectory());
    const QString directory = QDir::toNativeSeparators(store.directory() + u"/profiles"_s);
    const QList<ProfileStore::Entry> entries = store.list();
    if (commandLine.json) {
        QJsonArray profiles;
        for (const ProfileStore::Entry &entry : entries)
            profiles.append(entryJson(entry));
        printJson({{u"directory"_s, directory}, {u"profiles"_s, profiles}});
    } else if (entries.isEmpty()) {
        printOut(u"No saved profiles in %1; the window saves them, or use --profile FILE.\n"_s.arg(directory));
    } else {
        printOut(humanList(entries, directory));
    }
    return 0;
}

QString profilesHelpText()
{
    return uR"(Usage: ecalab profiles list [--json]
  List the saved profiles: name, login URL, client id and file. No secret is shown, nor whether
  the keychain holds one. A file that cannot be read is listed with the reason.

Options:
  --json   print one JSON object on stdout:
           {"directory": DIR, "profiles": [{"name", "loginUrl", "clientId", "file"}, ...]}
           (a file that cannot be read: {"file", "error"})
  --help   this text

Profiles are kept in $ECALAB_CONFIG_DIR/profiles (default ~/.config/ecalab/profiles); run one
with ecalab run FLOW --profile NAME.

Exit codes: 0 listed (also when there are none), 2 usage error.
)"_s;
}

} // namespace ecalab::app
