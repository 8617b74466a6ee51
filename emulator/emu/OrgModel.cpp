#include "OrgModel.h"

#include "SalesforceId.h"
#include "Scopes.h"

namespace ecalab::emu {

QString OrgSettings::id18() const
{
    return SalesforceId::to18(id15);
}

QString User::id18() const
{
    return SalesforceId::to18(id15);
}

QString User::displayName() const
{
    return firstName.isEmpty() ? lastName : firstName + u' ' + lastName;
}

QString User::nickname() const
{
    return username.section(u'@', 0, 0);
}

QStringList App::scopes() const
{
    return Scopes::protocolScopes(scopeTokens);
}

std::optional<qint64> App::refreshTokenValidityMs() const
{
    // A month is 30 days here: the metadata names the unit, not its length (unconfirmed).
    constexpr qint64 kHourMs = 3'600'000, kDayMs = 24 * kHourMs, kMonthMs = 30 * kDayMs;
    if (refreshTokenPolicyType == u"Zero")
        return 0;
    if (!refreshTokenPolicyType.startsWith(u"Specific"))
        return std::nullopt;
    const qint64 unit = refreshTokenValidityUnit == u"Hours"  ? kHourMs
                        : refreshTokenValidityUnit == u"Days" ? kDayMs
                                                              : kMonthMs;
    return qint64(refreshTokenValidityPeriod) * unit;
}

const User *OrgModel::userByUsername(QStringView username) const
{
    for (const User &user : users) {
        if (user.username.compare(username, Qt::CaseInsensitive) == 0)
            return &user;
    }
    return nullptr;
}

User *OrgModel::userByUsername(QStringView username)
{
    return const_cast<User *>(std::as_const(*this).userByUsername(username));
}

const User *OrgModel::userById(QStringView id) const
{
    for (const User &user : users) {
        if (SalesforceId::sameId(user.id15, id))
            return &user;
    }
    return nullptr;
}

const App *OrgModel::appByClientId(QStringView consumerKey) const
{
    for (const App &app : apps) {
        if (!consumerKey.isEmpty() && app.consumerKey == consumerKey)
            return &app;
    }
    return nullptr;
}

const App *OrgModel::appByClientIdOrName(QStringView keyOrName) const
{
    if (const App *app = appByClientId(keyOrName))
        return app;
    for (const App &app : apps) {
        if (app.fullName == keyOrName)
            return &app;
    }
    return nullptr;
}

App *OrgModel::appByClientIdOrName(QStringView keyOrName)
{
    return const_cast<App *>(std::as_const(*this).appByClientIdOrName(keyOrName));
}

int OrgModel::sessionTimeoutMinutes(const App &app) const
{
    return app.sessionTimeoutInMinutes > 0 ? app.sessionTimeoutInMinutes : org.sessionTimeoutInMinutes;
}

} // namespace ecalab::emu
