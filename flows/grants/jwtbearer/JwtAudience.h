#pragma once

#include "profile/Profile.h"

#include <QString>

namespace ecalab {

// The JWT bearer assertion's `aud` (§5.1) and why it was chosen, shown before anything is sent:
// Salesforce wants the login host of the org's kind — never the token endpoint, which is what
// generic tools default to.
struct AudienceChoice
{
    QString audience;
    QString reason;
};

inline const QString kProductionAudience = QStringLiteral("https://login.salesforce.com");
inline const QString kSandboxAudience = QStringLiteral("https://test.salesforce.com");

// The profile's `audience` when set; else from the Login URL: a sandbox (test.salesforce.com,
// *.sandbox.my.salesforce.com) → test, an Experience Cloud site → the site URL, anything else →
// login.
AudienceChoice chooseAudience(const Profile &profile);

} // namespace ecalab
