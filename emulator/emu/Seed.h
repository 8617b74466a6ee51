#pragma once

#include "OrgModel.h"

#include <QJsonObject>
#include <QString>

namespace ecalab::emu {

// Reads and validates seed files (format: emulator/README.md). Every error names the field and
// says what is wrong, e.g. `apps[0].isPkceRequired: expected true or false, got "yes"`.
// The same appliers serve the admin API's partial updates (PATCH), so both share one set of rules.
class Seed
{
public:
    static constexpr int kSchema = 1;

    static bool read(const QJsonObject &seed, OrgModel *model, QString *error);

    // Apply the fields present in `changes` onto an existing value; `where` prefixes messages.
    static bool applyOrg(OrgSettings &org, const QJsonObject &changes, const QString &where, QString *error);
    static bool applyUser(User &user, const QJsonObject &changes, const QString &where, QString *error);
    static bool applyApp(App &app, const QJsonObject &changes, const QString &where, QString *error);
    static bool applySite(SiteSettings &site, const QJsonObject &changes, const QString &where, QString *error);
    static QStringList userTypes(); // the `userType` values a user may have

    // Rules across entities: unique usernames, IDs, app names and consumer keys; the Run As user
    // and permitted apps exist; refresh-token policy fields agree.
    static bool validate(const OrgModel &model, QString *error);
    // Generated values where the seed left them out: user IDs, consumer key and secret, labels.
    static void fillDefaults(OrgModel &model);
};

} // namespace ecalab::emu
