#pragma once

#include "OrgModel.h"

#include <QJsonArray>
#include <QJsonObject>

namespace ecalab::emu {

// The org as JSON, in the seed's field names, for the admin API. Read-only extras are added:
// `id18` on the org and users, `clientId` (= consumerKey) and `scopes` (protocol names) on apps.
class OrgJson
{
public:
    static QJsonObject org(const OrgSettings &org);
    static QJsonObject user(const User &user);
    static QJsonObject app(const App &app);
    static QJsonArray users(const OrgModel &model);
    static QJsonArray apps(const OrgModel &model);
    static QJsonObject seed(const OrgModel &model); // a seed document that reads back to the same org
};

} // namespace ecalab::emu
