#pragma once

#include "SiteSettings.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ecalab::emu {

// Org-level settings and switches (Setup → Company, My Domain, Session and OAuth settings).
struct OrgSettings
{
    QString name = QStringLiteral("Emulated Org");
    QString id15; // 00D…, 15 characters
    QString myDomainName = QStringLiteral("emulated-org");
    QString sitePrefix = QStringLiteral("site"); // the Experience Cloud site's path prefix
    int sessionTimeoutInMinutes = 120;           // §7.2: the default session is 2 hours
    QString status = QStringLiteral("Active");   // Active | Locked | Closed | Suspended → inactive_org
    bool allowUsernamePasswordFlows = false;     // §0: off in orgs created Summer '23 or later
    bool allowUserAgentFlows = false;
    // §6.1: "Allow Authorization Code and Credentials Flows" (OAuth and OpenID Connect Settings);
    // the headless flows also need the app's isCodeCredFlowEnabled.
    bool allowCodeCredentialsFlows = false;
    // Every real org holds the Salesforce CLI's connected app (client id PlatformCLI); a seed may
    // leave it out with `"salesforceCliApp": false`.
    bool salesforceCliApp = true;

    QString id18() const;
};

struct User
{
    QString username;
    QString password; // demo data: printed by `ecalab emulator`
    QString id15;     // 005…
    QString email;
    QString firstName;
    QString lastName;
    bool active = true;
    QString userType = QStringLiteral("STANDARD");
    QStringList permittedApps; // app fullNames this user is pre-authorized for
    // App fullNames this user approved in an interactive flow before the org's history here began
    // (a seeded prior approval, §5): the JWT bearer flow counts it; it records no scopes, so
    // consent pages still ask.
    QStringList approvedApps;
    QString timeZone = QStringLiteral("America/Los_Angeles");
    QString locale = QStringLiteral("en_US");
    QString language = QStringLiteral("en_US");
    bool isIntegrationUser = false;
    QString mobilePhone; // identity `mobile_phone`, UserInfo `phone_number` (§7.6, §7.7); empty: null

    QString id18() const;
    QString displayName() const;
    QString nickname() const;
};

// An External Client App, flattened: global OAuth settings, OAuth policies and plugin policies
// under their metadata field names (eca-metadata.md §3.3–3.5).
struct App
{
    // ECAs and connected apps speak the same protocol (§0); they differ where Salesforce treats
    // them differently, e.g. the username-password flow.
    static constexpr char16_t kExternalClientApp[] = u"ExternalClientApp";
    static constexpr char16_t kConnectedApp[] = u"ConnectedApp";

    QString fullName;
    QString type = QString::fromUtf16(kExternalClientApp);
    QString label;
    QString consumerKey;
    QString consumerSecret;
    QStringList callbackUrls;  // metadata `callbackUrl`: newline-separated
    QStringList scopeTokens;   // metadata `commaSeparatedOauthScopes`: Api, RefreshToken, …
    QString certificate;       // PEM text or a ":/…" resource path, as the seed gave it
    QByteArray certificatePem; // the PEM itself
    bool isEnabled = true;     // ExtlClntAppConfigurablePolicies.isEnabled
    bool isInstalled = true;   // emulator switch: the app is installed in this org (§0)
    bool isClientCredentialsFlowEnabled = false;
    QString clientCredentialsFlowUser; // Run As username
    bool isDeviceFlowEnabled = false;
    bool isCodeCredFlowEnabled = false;
    bool isCodeCredPostOnly = false;
    bool isPkceRequired = true; // ECA default (eca-metadata.md §3.3)
    bool isConsumerSecretOptional = false;
    bool isSecretRequiredForRefreshToken = true;
    bool isRefreshTokenRotationEnabled = false;
    bool isIntrospectAllTokens = false;
    bool isTokenExchangeEnabled = false;
    QString permittedUsersPolicyType = QStringLiteral("AllSelfAuthorized");
    QString refreshTokenPolicyType = QStringLiteral("Infinite");
    int refreshTokenValidityPeriod = 0;
    QString refreshTokenValidityUnit;
    int sessionTimeoutInMinutes = 0; // 0: the org's session timeout applies (opaque tokens only)
    // Global `isNamedUserJwtEnabled`: JWT-based access tokens instead of opaque ones (eca-metadata.md
    // §3.3); policy `namedUserJwtTimeout` in minutes, 0 = the user session (`UserSession`, §3.4).
    bool isNamedUserJwtEnabled = false;
    int namedUserJwtTimeout = 0;

    QStringList scopes() const; // selected scopes as protocol names
    bool isConnectedApp() const { return type == QStringView(kConnectedApp); }
    // The Permitted Users policy (§3.4): every user may self-authorize, or only the users an
    // admin assigned ("pre-authorized"), who then need no consent.
    bool permits(const User &user) const { return !isAdminApproved() || user.permittedApps.contains(fullName); }
    bool preAuthorizes(const User &user) const { return isAdminApproved() && user.permittedApps.contains(fullName); }
    bool isAdminApproved() const { return permittedUsersPolicyType == u"AdminApprovedPreAuthorized"; }
    // The refresh-token policy as a length of time: none for "Infinite" (valid until revoked),
    // 0 for "Zero" (expire immediately), else the period in milliseconds.
    std::optional<qint64> refreshTokenValidityMs() const;
};

// The whole org. Plain data: the seed reader validates it, endpoints read it.
class OrgModel
{
public:
    OrgSettings org;
    SiteSettings site; // the Experience Cloud site's Login & Registration settings (§6.1)
    QList<User> users;
    QList<App> apps;

    const User *userByUsername(QStringView username) const;
    User *userByUsername(QStringView username);
    const User *userById(QStringView id) const; // 15 or 18 characters
    const App *appByClientId(QStringView consumerKey) const;
    const App *appByClientIdOrName(QStringView keyOrName) const;
    App *appByClientIdOrName(QStringView keyOrName);
    int sessionTimeoutMinutes(const App &app) const; // the app policy, else the org's
};

} // namespace ecalab::emu
