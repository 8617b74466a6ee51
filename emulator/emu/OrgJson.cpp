#include "OrgJson.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

QJsonObject OrgJson::org(const OrgSettings &org)
{
    return {{u"name"_s, org.name},
            {u"id"_s, org.id15},
            {u"id18"_s, org.id18()},
            {u"myDomainName"_s, org.myDomainName},
            {u"sitePrefix"_s, org.sitePrefix},
            {u"sessionTimeoutInMinutes"_s, org.sessionTimeoutInMinutes},
            {u"status"_s, org.status},
            {u"allowUsernamePasswordFlows"_s, org.allowUsernamePasswordFlows},
            {u"allowUserAgentFlows"_s, org.allowUserAgentFlows},
            {u"allowCodeCredentialsFlows"_s, org.allowCodeCredentialsFlows},
            {u"salesforceCliApp"_s, org.salesforceCliApp}};
}

QJsonObject OrgJson::user(const User &user)
{
    return {{u"username"_s, user.username}, {u"password"_s, user.password},
            {u"id"_s, user.id15},           {u"id18"_s, user.id18()},
            {u"email"_s, user.email},       {u"firstName"_s, user.firstName},
            {u"lastName"_s, user.lastName}, {u"active"_s, user.active},
            {u"userType"_s, user.userType}, {u"permittedApps"_s, QJsonArray::fromStringList(user.permittedApps)},
            {u"timeZone"_s, user.timeZone}, {u"locale"_s, user.locale},
            {u"language"_s, user.language}, {u"isIntegrationUser"_s, user.isIntegrationUser},
            {u"approvedApps"_s, QJsonArray::fromStringList(user.approvedApps)},
            {u"mobilePhone"_s, user.mobilePhone}};
}

QJsonObject OrgJson::app(const App &app)
{
    return {{u"fullName"_s, app.fullName},
            {u"label"_s, app.label},
            {u"type"_s, app.type},
            {u"consumerKey"_s, app.consumerKey},
            {u"clientId"_s, app.consumerKey},
            {u"consumerSecret"_s, app.consumerSecret},
            {u"callbackUrl"_s, app.callbackUrls.join(u'\n')},
            {u"commaSeparatedOauthScopes"_s, app.scopeTokens.join(u", "_s)},
            {u"scopes"_s, QJsonArray::fromStringList(app.scopes())},
            {u"certificate"_s, app.certificate},
            {u"isEnabled"_s, app.isEnabled},
            {u"isInstalled"_s, app.isInstalled},
            {u"isClientCredentialsFlowEnabled"_s, app.isClientCredentialsFlowEnabled},
            {u"clientCredentialsFlowUser"_s, app.clientCredentialsFlowUser},
            {u"isDeviceFlowEnabled"_s, app.isDeviceFlowEnabled},
            {u"isCodeCredFlowEnabled"_s, app.isCodeCredFlowEnabled},
            {u"isCodeCredPostOnly"_s, app.isCodeCredPostOnly},
            {u"isPkceRequired"_s, app.isPkceRequired},
            {u"isConsumerSecretOptional"_s, app.isConsumerSecretOptional},
            {u"isSecretRequiredForRefreshToken"_s, app.isSecretRequiredForRefreshToken},
            {u"isRefreshTokenRotationEnabled"_s, app.isRefreshTokenRotationEnabled},
            {u"isIntrospectAllTokens"_s, app.isIntrospectAllTokens},
            {u"isTokenExchangeEnabled"_s, app.isTokenExchangeEnabled},
            {u"permittedUsersPolicyType"_s, app.permittedUsersPolicyType},
            {u"refreshTokenPolicyType"_s, app.refreshTokenPolicyType},
            {u"refreshTokenValidityPeriod"_s, app.refreshTokenValidityPeriod},
            {u"refreshTokenValidityUnit"_s, app.refreshTokenValidityUnit},
            {u"sessionTimeoutInMinutes"_s, app.sessionTimeoutInMinutes},
            {u"isNamedUserJwtEnabled"_s, app.isNamedUserJwtEnabled},
            {u"namedUserJwtTimeout"_s, app.namedUserJwtTimeout}};
}

QJsonArray OrgJson::users(const OrgModel &model)
{
    QJsonArray array;
    for (const User &u : model.users)
        array.append(user(u));
    return array;
}

QJsonArray OrgJson::apps(const OrgModel &model)
{
    QJsonArray array;
    for (const App &a : model.apps)
        array.append(app(a));
    return array;
}

QJsonObject OrgJson::seed(const OrgModel &model)
{
    QJsonObject o = org(model.org);
    o.remove(u"id18"_s);
    QJsonArray users, apps;
    for (const User &u : model.users) {
        QJsonObject object = user(u);
        object.remove(u"id18"_s);
        users.append(object);
    }
    for (const App &a : model.apps) {
        QJsonObject object = app(a);
        object.remove(u"clientId"_s);
        object.remove(u"scopes"_s);
        apps.append(object);
    }
    return {{u"schema"_s, 1}, {u"org"_s, o}, {u"site"_s, model.site.toJson()}, {u"users"_s, users}, {u"apps"_s, apps}};
}

} // namespace ecalab::emu
