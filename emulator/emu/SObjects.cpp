#include "SObjects.h"

#include "SalesforceId.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
const QStringList kTypes{u"Organization"_s, u"User"_s};
// Each field with its Apex type, as the query columns resource reports it.
const QList<QPair<QString, QString>> kOrganizationFields{{u"Id"_s, u"Id"_s},
                                                         {u"Name"_s, u"String"_s},
                                                         {u"InstanceName"_s, u"String"_s},
                                                         {u"IsSandbox"_s, u"Boolean"_s},
                                                         {u"OrganizationType"_s, u"String"_s},
                                                         {u"TrialExpirationDate"_s, u"Datetime"_s},
                                                         {u"NamespacePrefix"_s, u"String"_s},
                                                         {u"LanguageLocaleKey"_s, u"String"_s},
                                                         {u"DefaultLocaleSidKey"_s, u"String"_s},
                                                         {u"TimeZoneSidKey"_s, u"String"_s}};
const QList<QPair<QString, QString>> kUserFields{{u"Id"_s, u"Id"_s},
                                                 {u"Username"_s, u"String"_s},
                                                 {u"LastName"_s, u"String"_s},
                                                 {u"FirstName"_s, u"String"_s},
                                                 {u"Name"_s, u"String"_s},
                                                 {u"Email"_s, u"String"_s},
                                                 {u"Alias"_s, u"String"_s},
                                                 {u"CommunityNickname"_s, u"String"_s},
                                                 {u"IsActive"_s, u"Boolean"_s},
                                                 {u"UserType"_s, u"String"_s},
                                                 {u"TimeZoneSidKey"_s, u"String"_s},
                                                 {u"LocaleSidKey"_s, u"String"_s},
                                                 {u"LanguageLocaleKey"_s, u"String"_s},
                                                 {u"EmailEncodingKey"_s, u"String"_s}};

const QList<QPair<QString, QString>> &typedFields(const QString &type)
{
    static const QList<QPair<QString, QString>> none;
    return type == u"Organization" ? kOrganizationFields : type == u"User" ? kUserFields : none;
}

std::optional<QString> canonical(const QStringList &names, QStringView name)
{
    for (const QString &candidate : names) {
        if (candidate.compare(name, Qt::CaseInsensitive) == 0)
            return candidate;
    }
    return std::nullopt;
}

// The User.UserType picklist values for the user types the seed names (UserInfo's spelling).
QString userTypeValue(const QString &userType)
{
    static const QList<QPair<QString, QString>> values{{u"STANDARD"_s, u"Standard"_s},
                                                       {u"POWER_PARTNER"_s, u"PowerPartner"_s},
                                                       {u"POWER_CUSTOMER_SUCCESS"_s, u"PowerCustomerSuccess"_s},
                                                       {u"CUSTOMER_SUCCESS"_s, u"CustomerSuccess"_s},
                                                       {u"CSP_LITE_PORTAL"_s, u"CspLitePortal"_s},
                                                       {u"CSN_ONLY"_s, u"CsnOnly"_s},
                                                       {u"GUEST"_s, u"Guest"_s}};
    for (const auto &[seed, picklist] : values) {
        if (seed == userType)
            return picklist;
    }
    return userType;
}
} // namespace

std::optional<QString> SObjects::canonicalType(QStringView name)
{
    return canonical(kTypes, name);
}

QStringList SObjects::fields(const QString &type)
{
    QStringList names;
    for (const auto &field : typedFields(type))
        names.append(field.first);
    return names;
}

QString SObjects::apexType(const QString &type, const QString &field)
{
    for (const auto &[name, apex] : typedFields(type)) {
        if (name == field)
            return apex;
    }
    return {};
}

QString SObjects::keyPrefix(const QString &type)
{
    return type == u"Organization" ? u"00D"_s : type == u"User" ? u"005"_s : QString();
}

std::optional<QString> SObjects::canonicalField(const QString &type, QStringView field)
{
    return canonical(fields(type), field);
}

QJsonObject SObjects::attributes(const QString &type, const QString &id18, const QString &apiVersion)
{
    return {{u"type"_s, type}, {u"url"_s, u"/services/data/v%1/sobjects/%2/%3"_s.arg(apiVersion, type, id18)}};
}

Fields SObjects::organization() const
{
    const OrgSettings &org = m_context.org.org;
    return {{u"Id"_s, org.id18()},
            {u"Name"_s, org.name},
            {u"InstanceName"_s, QString::fromUtf16(kInstanceName)},
            {u"IsSandbox"_s, false},
            {u"OrganizationType"_s, QString::fromUtf16(kOrganizationType)},
            {u"TrialExpirationDate"_s, QJsonValue::Null},
            {u"NamespacePrefix"_s, QJsonValue::Null},
            {u"LanguageLocaleKey"_s, u"en_US"_s},
            {u"DefaultLocaleSidKey"_s, u"en_US"_s},
            {u"TimeZoneSidKey"_s, u"America/Los_Angeles"_s}};
}

Fields SObjects::user(const User &user)
{
    // Salesforce's default alias: the first initial and the first four letters of the last name.
    const QString alias = (user.firstName.left(1) + user.lastName.left(4)).toLower().left(8);
    return {{u"Id"_s, user.id18()},
            {u"Username"_s, user.username},
            {u"LastName"_s, user.lastName},
            {u"FirstName"_s, user.firstName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(user.firstName)},
            {u"Name"_s, user.displayName()},
            {u"Email"_s, user.email},
            {u"Alias"_s, alias},
            {u"CommunityNickname"_s, user.nickname()},
            {u"IsActive"_s, user.active},
            {u"UserType"_s, userTypeValue(user.userType)},
            {u"TimeZoneSidKey"_s, user.timeZone},
            {u"LocaleSidKey"_s, user.locale},
            {u"LanguageLocaleKey"_s, user.language},
            {u"EmailEncodingKey"_s, u"UTF-8"_s}};
}

QList<Fields> SObjects::records(const QString &type) const
{
    if (type == u"Organization")
        return {organization()};
    QList<Fields> users;
    if (type == u"User") {
        for (const User &u : m_context.org.users)
            users.append(user(u));
    }
    return users;
}

std::optional<Fields> SObjects::record(const QString &type, QStringView id) const
{
    for (const Fields &fields : records(type)) {
        if (SalesforceId::sameId(fields.value(u"Id").toString(), id))
            return fields;
    }
    return std::nullopt;
}

} // namespace ecalab::emu
