#include "BuiltInApps.h"

#include "OrgModel.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

QJsonObject BuiltInApps::salesforceCli()
{
    return {{u"fullName"_s, u"Salesforce_CLI"_s},
            {u"label"_s, u"Salesforce CLI"_s},
            {u"type"_s, QString::fromUtf16(App::kConnectedApp)},
            {u"consumerKey"_s, QString::fromUtf16(kSalesforceCliClientId)},
            {u"callbackUrl"_s, u"http://localhost:1717/OauthRedirect"_s},
            {u"commaSeparatedOauthScopes"_s, u"RefreshToken, Api, Web"_s},
            {u"isPkceRequired"_s, false}, // a connected app's default; the CLI sends PKCE anyway
            {u"isConsumerSecretOptional"_s, true},
            {u"isSecretRequiredForRefreshToken"_s, false},
            {u"isDeviceFlowEnabled"_s, false},
            {u"permittedUsersPolicyType"_s, u"AllSelfAuthorized"_s},
            {u"refreshTokenPolicyType"_s, u"Infinite"_s}};
}

} // namespace ecalab::emu
