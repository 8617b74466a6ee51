#pragma once

#include "Context.h"
#include "ResponseFormat.h"

namespace ecalab::emu {

// The user documents of the identity service: UserInfo (§7.5) and the identity URL (§7.6).
class UserDocuments
{
public:
    explicit UserDocuments(const EmulatorContext &context) : m_context(context) {}

    // Whether `scopes` grant an OIDC claim group (`profile`, `email`, `address`, `phone`; §9).
    static bool grantsClaims(const QStringList &scopes, QStringView group);

    Fields userInfo(const User &user, const AccessToken &token, const QString &apiVersion) const;
    Fields identity(const User &user, const AccessToken &token, const QString &idUrl, const QString &apiVersion) const;
    // The `urls` object: instance URLs with the literal {version} unless a version is given.
    QJsonObject urls(const User &user, const QString &apiVersion) const;

private:
    QJsonObject photos(const User &user) const;
    int utcOffsetMs(const User &user) const;
    bool appInstalled(const AccessToken &token) const;
    static void addCustomPermissions(Fields &fields, const AccessToken &token);
    static QString country(const User &user);
    static QJsonValue phone(const User &user); // the mobile phone, or null

    const EmulatorContext &m_context;
};

} // namespace ecalab::emu
