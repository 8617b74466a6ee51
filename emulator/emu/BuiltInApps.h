#pragma once

#include <QJsonObject>

namespace ecalab::emu {

// Apps every Salesforce org holds without anyone creating them, as seed objects (emulator/README.md).
class BuiltInApps
{
public:
    static constexpr char16_t kSalesforceCliClientId[] = u"PlatformCLI";
    // The Salesforce CLI's connected app (§11, sfdx-core webOAuthServer): a public client with no
    // secret, callback http://localhost:1717/OauthRedirect, scopes refresh_token api web. Its
    // device flow is off (§0: the CLI's device login fails with "device flow is not enabled").
    static QJsonObject salesforceCli();
};

} // namespace ecalab::emu
