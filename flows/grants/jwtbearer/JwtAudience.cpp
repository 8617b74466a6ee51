#include "JwtAudience.h"

#include "oauth/Endpoints.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
bool isSandboxHost(const QString &host)
{
    const QString h = host.toLower();
    return h == u"test.salesforce.com" || h.endsWith(u".sandbox.my.salesforce.com");
}

// A site's URL as its users' assertions name it: scheme, host and path prefix, no trailing slash.
QString siteAudience(const QUrl &site)
{
    return site.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash).toString();
}

// The Login URL is the profile's site (any host, the emulator's loopback one too): site users log in there.
bool isTheSite(const Profile &profile)
{
    return !profile.siteUrl.isEmpty() && siteAudience(profile.loginUrl) == siteAudience(profile.siteUrl);
}
} // namespace

AudienceChoice chooseAudience(const Profile &profile)
{
    if (!profile.audience.trimmed().isEmpty())
        return {profile.audience.trimmed(), u"set in the profile (audience)"_s};
    const QUrl &login = profile.loginUrl;
    if (isSandboxHost(login.host()))
        return {kSandboxAudience, u"the Login URL is a sandbox (%1), whose assertions name test.salesforce.com"_s.arg(login.host())};
    if (isTheSite(profile))
        return {siteAudience(login), u"the Login URL is the profile's site: its users' assertions name the site"_s};
    switch (classifyLoginHost(login)) {
    case LoginHostKind::Site:
        return {siteAudience(login), u"the Login URL is an Experience Cloud site: its users' assertions name the site"_s};
    case LoginHostKind::MyDomain:
        return {kProductionAudience,
                u"the Login URL is a production My Domain (%1), whose assertions name login.salesforce.com"_s.arg(login.host())};
    case LoginHostKind::Loopback:
        return {kProductionAudience, u"a local server (the emulator) plays a production org, so login.salesforce.com"_s};
    case LoginHostKind::Generic:
        return {kProductionAudience, u"the Login URL is login.salesforce.com"_s};
    case LoginHostKind::OrgPage:
    case LoginHostKind::Other:
        break;
    }
    return {kProductionAudience, u"production's login host, the default; set audience for a sandbox or a site"_s};
}

} // namespace ecalab
