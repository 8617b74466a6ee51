#include "HeadlessConfig.h"

#include "oauth/Endpoints.h"
#include "profile/ProfileChecks.h"

#include <QUuid>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kEcho = u"/services/oauth2/echo"_s;

void usernameCheck(const Profile &p, HeadlessMember member, FieldProblems &out)
{
    if (member == HeadlessMember::Guest)
        return;
    if (p.username.trimmed().isEmpty()) {
        const QString what = member == HeadlessMember::Registration ? u"the new user's username (an e-mail address)"_s
                                                                    : u"the site user's username"_s;
        out.append({ProfileField::Username, true, u"The profile has no username: the flow needs %1."_s.arg(what),
                    u"Enter it in the profile, or pass --set username=…"_s});
    }
}

void registrationData(const Profile &p, FieldProblems &out)
{
    if (p.lastName.trimmed().isEmpty())
        out.append({ProfileField::LastName, true, u"Registration needs the new user's last name."_s,
                    u"Enter it in the profile (lastName)."_s});
    const QString email = p.email.isEmpty() ? p.username : p.email;
    if (!email.contains(u'@'))
        out.append({ProfileField::Email, true, u"Registration needs an e-mail address for the new user: \"%1\" is not one."_s.arg(email),
                    u"Enter the e-mail (email), or a username that is an e-mail address."_s});
    if (effectiveVerificationMethod(p) == u"sms" && p.customData.value(u"mobilePhone").toString().isEmpty())
        out.append({ProfileField::CustomData, true,
                    u"verificationMethod is sms, but customData has no mobilePhone to send the code to (§6.3)."_s,
                    u"Add it to customData: {\"mobilePhone\": \"+15555550100\"}, or verify by e-mail."_s});
}

void guestVisitor(const Profile &p, FieldProblems &out)
{
    if (!p.uvid.isEmpty() && QUuid::fromString(p.uvid).isNull())
        out.append({ProfileField::Uvid, true, u"uvid \"%1\" is not a UUID."_s.arg(p.uvid),
                    u"Leave it empty for a new visitor ID each run, or use one like 3f2504e0-4f89-11d3-9a0c-0305e82c3301."_s});
}
} // namespace

namespace checks {
void siteUrl(const Profile &p, FieldProblems &out)
{
    const QString fix = u"Set Site URL to the Experience Cloud site's URL, e.g. https://acme.my.site.com/customers "
                        "(Setup → Digital Experiences → All Sites → URL)."_s;
    if (const QString problem = baseUrlProblem(p.siteUrl, u"Site URL"_s); !problem.isEmpty()) {
        out.append({ProfileField::SiteUrl, true, problem + u" Headless flows talk only to an Experience Cloud site (§6)."_s, fix});
        return;
    }
    switch (classifyLoginHost(p.siteUrl)) {
    case LoginHostKind::MyDomain:
    case LoginHostKind::Generic:
    case LoginHostKind::OrgPage:
        out.append({ProfileField::SiteUrl, true,
                    u"%1 is not an Experience Cloud site but the org's own login or page host; the headless APIs "
                    "answer only on a site (*.my.site.com or the site's custom domain)."_s.arg(p.siteUrl.host()),
                    fix});
        return;
    case LoginHostKind::Site:
    case LoginHostKind::Loopback:
    case LoginHostKind::Other: return;
    }
}
} // namespace checks

QString HeadlessConfig::chooseRedirectUri(const Profile &profile)
{
    if (!profile.callbackUrl.isEmpty() && !isLoopbackHost(profile.callbackUrl.host()))
        return profile.callbackUrl.toString(QUrl::FullyEncoded);
    return endpointUrl(profile.siteUrl, kEcho).toString(QUrl::FullyEncoded);
}

FieldProblems HeadlessConfig::validate(const Profile &profile, HeadlessMember member)
{
    FieldProblems problems;
    checks::siteUrl(profile, problems);
    checks::clientId(profile, problems);
    checks::clientSecret(profile, checks::Secret::RequiredForBasic, {}, problems);
    checks::scopes(profile, problems);
    usernameCheck(profile, member, problems);
    if (member == HeadlessMember::Registration)
        registrationData(profile, problems);
    if (member == HeadlessMember::Guest)
        guestVisitor(profile, problems);
    return problems;
}

Expected<HeadlessConfig, FlowError> HeadlessConfig::fromProfile(const Profile &profile, HeadlessMember member,
                                                                const QString &stage)
{
    if (auto problem = checks::firstBlocking(validate(profile, member), stage))
        return unexpected(*problem);
    HeadlessConfig c;
    c.siteUrl = profile.siteUrl;
    c.authorizeEndpoint = endpointUrl(profile.siteUrl, endpoints::kAuthorize);
    c.tokenEndpoint = endpointUrl(profile.siteUrl, endpoints::kToken);
    c.echoEndpoint = endpointUrl(profile.siteUrl, kEcho);
    c.discoveryUrl = endpointUrl(profile.siteUrl, endpoints::kDiscovery);
    c.redirectUri = chooseRedirectUri(profile);
    c.clientId = profile.clientId;
    c.clientSecret = profile.clientSecret;
    c.clientAuth = profile.clientAuth;
    c.scopes = profile.scopes;
    c.username = profile.username.trimmed();
    c.verificationMethod = effectiveVerificationMethod(profile);
    c.firstName = profile.firstName;
    c.lastName = profile.lastName;
    c.email = profile.email.isEmpty() ? c.username : profile.email;
    c.customData = profile.customData;
    c.recaptchaToken = profile.recaptchaToken;
    c.uvid = profile.uvid;
    return c;
}

} // namespace ecalab
