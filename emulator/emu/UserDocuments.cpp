#include "UserDocuments.h"

#include "SalesforceId.h"

#include <QDateTime>
#include <QTimeZone>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
// When the emulated users were last modified (the documents need a date; any fixed one will do).
constexpr char16_t kUpdatedAt[] = u"2026-01-15T10:00:00Z";
constexpr char16_t kLastModifiedDate[] = u"2026-01-15T10:00:00.000+0000";
} // namespace

QJsonObject UserDocuments::urls(const User &user, const QString &apiVersion) const
{
    const QString base = m_context.instanceUrl();
    const QString org15 = m_context.org.org.id15;
    const QString v = apiVersion.isEmpty() ? u"{version}"_s : apiVersion;
    return {{u"enterprise"_s, base + u"/services/Soap/c/%1/%2"_s.arg(v, org15)},
            {u"metadata"_s, base + u"/services/Soap/m/%1/%2"_s.arg(v, org15)},
            {u"partner"_s, base + u"/services/Soap/u/%1/%2"_s.arg(v, org15)},
            {u"rest"_s, base + u"/services/data/v%1/"_s.arg(v)},
            {u"sobjects"_s, base + u"/services/data/v%1/sobjects/"_s.arg(v)},
            {u"search"_s, base + u"/services/data/v%1/search/"_s.arg(v)},
            {u"query"_s, base + u"/services/data/v%1/query/"_s.arg(v)},
            {u"recent"_s, base + u"/services/data/v%1/recent/"_s.arg(v)},
            {u"tooling_soap"_s, base + u"/services/Soap/T/%1/%2"_s.arg(v, org15)},
            {u"tooling_rest"_s, base + u"/services/data/v%1/tooling/"_s.arg(v)},
            {u"profile"_s, base + u'/' + user.id18()},
            {u"feeds"_s, base + u"/services/data/v%1/chatter/feeds"_s.arg(v)},
            {u"groups"_s, base + u"/services/data/v%1/chatter/groups"_s.arg(v)},
            {u"users"_s, base + u"/services/data/v%1/chatter/users"_s.arg(v)},
            {u"feed_items"_s, base + u"/services/data/v%1/chatter/feed-items"_s.arg(v)},
            {u"feed_elements"_s, base + u"/services/data/v%1/chatter/feed-elements"_s.arg(v)},
            {u"custom_domain"_s, base}};
}

QJsonObject UserDocuments::photos(const User &) const
{
    const QString base = m_context.instanceUrl();
    return {{u"picture"_s, base + u"/profilephoto/005/F"_s}, {u"thumbnail"_s, base + u"/profilephoto/005/T"_s}};
}

int UserDocuments::utcOffsetMs(const User &user) const
{
    const QTimeZone zone(user.timeZone.toUtf8());
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_context.clock.nowMs(), Qt::UTC);
    return zone.isValid() ? zone.offsetFromUtc(now) * 1000 : 0; // §7.5: milliseconds
}

bool UserDocuments::appInstalled(const AccessToken &token) const
{
    const App *app = m_context.org.appByClientId(token.clientId);
    return app && app->isInstalled;
}

bool UserDocuments::grantsClaims(const QStringList &scopes, QStringView group)
{
    // §9: `id` is profile + email + address + phone; `full` is everything the user can access.
    return scopes.contains(group) || scopes.contains(u"id"_s) || scopes.contains(u"full"_s);
}

// §7.5's fields in its order; the OIDC claim groups only with their scope (§9): profile, email,
// address, phone. The rest is Salesforce's own and always there.
Fields UserDocuments::userInfo(const User &user, const AccessToken &token, const QString &apiVersion) const
{
    const QJsonObject pictures = photos(user);
    const QStringList &scopes = token.scopes;
    const bool profile = grantsClaims(scopes, u"profile");
    Fields fields{
        {u"sub"_s, token.identityUrl}, {u"user_id"_s, user.id18()}, {u"organization_id"_s, m_context.org.org.id18()}};
    auto add = [&fields](bool granted, std::initializer_list<QPair<QString, QJsonValue>> items) {
        for (const auto &[name, value] : items) {
            if (granted)
                fields.insert(name, value);
        }
    };
    add(profile,
        {{u"preferred_username"_s, user.username}, {u"nickname"_s, user.nickname()}, {u"name"_s, user.displayName()}});
    add(grantsClaims(scopes, u"email"), {{u"email"_s, user.email}, {u"email_verified"_s, true}});
    add(profile, {{u"given_name"_s, user.firstName},
                  {u"family_name"_s, user.lastName},
                  {u"zoneinfo"_s, user.timeZone},
                  {u"photos"_s, pictures},
                  {u"profile"_s, m_context.instanceUrl() + u'/' + user.id18()},
                  {u"picture"_s, pictures.value(u"picture"_s)}});
    add(grantsClaims(scopes, u"address"), {{u"address"_s, QJsonObject{{u"country"_s, country(user)}}}});
    add(grantsClaims(scopes, u"phone"), {{u"phone_number"_s, phone(user)}}); // §7.7, §7.9 (assumed)
    add(true, {{u"is_salesforce_integration_user"_s, user.isIntegrationUser},
               {u"urls"_s, urls(user, apiVersion)},
               {u"active"_s, user.active},
               {u"user_type"_s, user.userType},
               {u"language"_s, user.language},
               {u"locale"_s, user.locale},
               {u"utcOffset"_s, utcOffsetMs(user)}});
    add(profile, {{u"updated_at"_s, QString::fromUtf16(kUpdatedAt)}});
    add(true, {{u"is_app_installed"_s, appInstalled(token)}});
    addCustomPermissions(fields, token);
    return fields;
}

void UserDocuments::addCustomPermissions(Fields &fields, const AccessToken &token)
{
    // §9: `custom_permissions` adds the user's custom permissions; emulated users have none.
    if (token.scopes.contains(u"custom_permissions"_s))
        fields.insert(u"custom_permissions"_s, QJsonObject());
}

QString UserDocuments::country(const User &user)
{
    return user.locale.section(u'_', 1, 1);
}

QJsonValue UserDocuments::phone(const User &user)
{
    return user.mobilePhone.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(user.mobilePhone);
}

Fields UserDocuments::identity(const User &user, const AccessToken &token, const QString &idUrl,
                               const QString &apiVersion) const
{
    // §7.6's fields, whatever the scopes (§9 names no claim groups for the identity URL).
    Fields fields{{u"id"_s, idUrl},
                  {u"asserted_user"_s, SalesforceId::sameId(token.userId, user.id15)},
                  {u"user_id"_s, user.id18()},
                  {u"organization_id"_s, m_context.org.org.id18()},
                  {u"username"_s, user.username},
                  {u"nick_name"_s, user.nickname()},
                  {u"display_name"_s, user.displayName()},
                  {u"email"_s, user.email},
                  {u"email_verified"_s, true},
                  {u"first_name"_s, user.firstName},
                  {u"last_name"_s, user.lastName},
                  {u"timezone"_s, user.timeZone},
                  {u"photos"_s, photos(user)},
                  {u"addr_street"_s, QJsonValue::Null},
                  {u"addr_city"_s, QJsonValue::Null},
                  {u"addr_state"_s, QJsonValue::Null},
                  {u"addr_country"_s, country(user)},
                  {u"addr_zip"_s, QJsonValue::Null},
                  {u"mobile_phone"_s, phone(user)},
                  {u"mobile_phone_verified"_s, false},
                  {u"is_lightning_login_user"_s, false},
                  {u"status"_s, QJsonObject{{u"created_date"_s, QJsonValue::Null}, {u"body"_s, QJsonValue::Null}}},
                  {u"urls"_s, urls(user, apiVersion)},
                  {u"active"_s, user.active},
                  {u"user_type"_s, user.userType},
                  {u"language"_s, user.language},
                  {u"locale"_s, user.locale},
                  {u"utcOffset"_s, utcOffsetMs(user)},
                  {u"last_modified_date"_s, QString::fromUtf16(kLastModifiedDate)},
                  {u"is_app_installed"_s, appInstalled(token)}};
    addCustomPermissions(fields, token);
    return fields;
}

} // namespace ecalab::emu
