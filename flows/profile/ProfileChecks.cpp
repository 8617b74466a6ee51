#include "ProfileChecks.h"

#include "callback/LoopbackReceiver.h"
#include "oauth/Endpoints.h"
#include "oauth/FlowError.h"
#include "profile/LoginUrlAdvice.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

QString profileFieldKey(ProfileField field)
{
    switch (field) {
    case ProfileField::Name: return u"name"_s;
    case ProfileField::LoginUrl: return u"loginUrl"_s;
    case ProfileField::SiteUrl: return u"siteUrl"_s;
    case ProfileField::ClientId: return u"clientId"_s;
    case ProfileField::ClientSecret: return u"clientSecret"_s;
    case ProfileField::ClientAuth: return u"clientAuth"_s;
    case ProfileField::CallbackUrl: return u"callbackUrl"_s;
    case ProfileField::Scopes: return u"scopes"_s;
    case ProfileField::Pkce: return u"pkce"_s;
    case ProfileField::Username: return u"username"_s;
    case ProfileField::PrivateKeyFile: return u"privateKeyFile"_s;
    case ProfileField::Audience: return u"audience"_s;
    case ProfileField::CertificateFile: return u"certificateFile"_s;
    case ProfileField::AssertionLifetime: return u"assertionLifetimeSeconds"_s;
    case ProfileField::Prompt: return u"prompt"_s;
    case ProfileField::LoginHint: return u"loginHint"_s;
    case ProfileField::Display: return u"display"_s;
    case ProfileField::DeviceDialect: return u"deviceDialect"_s;
    case ProfileField::DeviceCodeLifetime: return u"deviceCodeLifetimeSeconds"_s;
    case ProfileField::VerificationMethod: return u"verificationMethod"_s;
    case ProfileField::FirstName: return u"firstName"_s;
    case ProfileField::LastName: return u"lastName"_s;
    case ProfileField::Email: return u"email"_s;
    case ProfileField::CustomData: return u"customData"_s;
    case ProfileField::RecaptchaToken: return u"recaptchaToken"_s;
    case ProfileField::Uvid: return u"uvid"_s;
    }
    return {};
}

namespace checks {

void loginUrl(const Profile &p, LoginHost host, FieldProblems &out)
{
    if (const QString problem = baseUrlProblem(p.loginUrl, u"Login URL"_s); !problem.isEmpty()) {
        const bool noScheme = !p.loginUrl.isEmpty() && p.loginUrl.scheme().isEmpty();
        out.append({ProfileField::LoginUrl, true, problem,
                    noScheme ? u"Start it with https://."_s
                             : u"Set Login URL to the org's My Domain (https://acme.my.salesforce.com), or "
                               "https://login.salesforce.com / https://test.salesforce.com where the flow allows."_s});
        return;
    }
    const LoginHostKind kind = classifyLoginHost(p.loginUrl);
    if (kind == LoginHostKind::OrgPage) { // the browser's address bar: no OAuth endpoint lives there (§1.1)
        const LoginUrlAdvice advice = adviseLoginUrl(p.loginUrl.toString());
        out.append({ProfileField::LoginUrl, true, advice.message,
                    advice.suggestion.isEmpty() ? u"Use the org's My Domain URL (Setup → My Domain)."_s
                                                : u"Use %1."_s.arg(advice.suggestion.toString())});
        return;
    }
    if (host == LoginHost::MyDomainOnly && kind == LoginHostKind::Generic)
        out.append({ProfileField::LoginUrl, false,
                    u"The flow needs your My Domain (https://<name>.my.salesforce.com): %1 refuses it with "
                    "\"request not supported on this domain\"."_s.arg(p.loginUrl.host()),
                    u"Use the org's My Domain URL (Setup → My Domain)."_s});
    if (!p.loginUrl.path().isEmpty() && p.loginUrl.path() != u"/" && kind != LoginHostKind::Site)
        out.append({ProfileField::LoginUrl, false,
                    u"Login URL has a path (%1); ECA Lab adds /services/oauth2/... itself."_s.arg(p.loginUrl.path()),
                    u"Keep only https://host."_s});
}

void clientId(const Profile &p, FieldProblems &out)
{
    const QString fix = u"Copy it from the app's OAuth Settings → Consumer Key and Secret."_s;
    if (p.clientId.trimmed().isEmpty())
        out.append({ProfileField::ClientId, true, u"The consumer key (clientId) is empty."_s, fix});
    else if (p.clientId != p.clientId.trimmed())
        out.append({ProfileField::ClientId, true, u"The consumer key has spaces around it."_s, fix});
}

void clientSecret(const Profile &p, Secret rule, const QString &flowTitle, FieldProblems &out)
{
    if (p.clientSecret.isEmpty()) {
        if (rule == Secret::Required)
            out.append({ProfileField::ClientSecret, true,
                        u"The %1 flow needs the consumer secret, and none is set."_s.arg(flowTitle.toLower()),
                        u"Enter it in the profile (kept in the keychain), or set ECALAB_CLIENT_SECRET for `ecalab run`."_s});
        else if (rule == Secret::RequiredForBasic && p.clientAuth == ClientAuthMethod::Basic)
            out.append({ProfileField::ClientSecret, true, u"clientAuth is \"basic\" but the profile has no consumer secret."_s,
                        u"Enter the secret, or set clientAuth to \"post\" for a public client."_s});
        return;
    }
    if (p.clientSecret != p.clientSecret.trimmed())
        out.append({ProfileField::ClientSecret, false, u"The consumer secret has spaces around it."_s,
                    u"Copy it again without the spaces."_s});
}

void loopbackCallbackUrl(const Profile &p, FieldProblems &out)
{
    if (p.callbackUrl.isEmpty()) {
        out.append({ProfileField::CallbackUrl, true,
                    u"The profile has no callbackUrl: the flow needs the app's Callback URL, a loopback one such as "
                    "http://localhost:1717/OauthRedirect."_s,
                    u"Copy it from the app's OAuth Settings → Callback URL."_s});
        return;
    }
    if (!p.callbackUrl.isEmpty() && (!p.callbackUrl.isValid() || p.callbackUrl.host().isEmpty())) {
        out.append({ProfileField::CallbackUrl, true, u"Callback URL \"%1\" is not a valid URL."_s.arg(p.callbackUrl.toString()),
                    u"Copy it from the app's OAuth Settings → Callback URL, e.g. http://localhost:1717/OauthRedirect."_s});
        return;
    }
    if (const auto endpoint = LoopbackEndpoint::fromCallbackUrl(p.callbackUrl, {}); !endpoint)
        out.append({ProfileField::CallbackUrl, true, endpoint.error().explanation, endpoint.error().fix});
}

void scopes(const Profile &p, FieldProblems &out)
{
    for (const QString &scope : p.scopes) {
        if (scope.contains(u',')) {
            out.append({ProfileField::Scopes, false, u"Scopes are separated by spaces, not commas."_s,
                        u"Write them as \"api refresh_token\"."_s});
            return;
        }
    }
}

// The authorize `prompt` values Salesforce documents (§3.1), space-separated.
void authorizeOptions(const Profile &p, FieldProblems &out)
{
    static const QStringList known{u"login"_s, u"consent"_s, u"select_account"_s};
    for (const QString &value : p.prompt.split(u' ', Qt::SkipEmptyParts)) {
        if (!known.contains(value)) {
            out.append({ProfileField::Prompt, false,
                        u"Salesforce knows the prompt values login, consent and select_account, not \"%1\"."_s.arg(value), {}});
            break;
        }
    }
    if (!p.loginHint.isEmpty() && p.loginHint != p.loginHint.trimmed())
        out.append({ProfileField::LoginHint, false, u"The login hint has spaces around it."_s, {}});
}

std::optional<FlowError> firstBlocking(const FieldProblems &problems, const QString &stage)
{
    for (const FieldProblem &problem : problems) {
        if (problem.blocking)
            return FlowError::configuration(stage, problem.message, problem.fix);
    }
    return std::nullopt;
}

} // namespace checks
} // namespace ecalab
