#include "ProfileValidation.h"

#include "callback/LoopbackReceiver.h"
#include "oauth/Endpoints.h"

#include <QFileInfo>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kClientCredentials = u"client-credentials"_s;
const QString kWebServer = u"web-server"_s;

void checkLoginUrl(const Profile &p, const QString &flowName, QList<FieldProblem> &out)
{
    if (const QString problem = baseUrlProblem(p.loginUrl, u"Login URL"_s); !problem.isEmpty()) {
        QString message = problem;
        if (!p.loginUrl.isEmpty() && p.loginUrl.scheme().isEmpty())
            message += u" Start it with https://."_s;
        out.append({ProfileField::LoginUrl, true, message});
        return;
    }
    if (flowName == kClientCredentials && classifyLoginHost(p.loginUrl) == LoginHostKind::Generic)
        out.append({ProfileField::LoginUrl, false,
                    u"Client credentials needs your My Domain (https://<name>.my.salesforce.com): %1 refuses it "
                    "with \"request not supported on this domain\"."_s.arg(p.loginUrl.host())});
    if (!p.loginUrl.path().isEmpty() && p.loginUrl.path() != u"/" &&
        classifyLoginHost(p.loginUrl) != LoginHostKind::Site)
        out.append({ProfileField::LoginUrl, false,
                    u"Login URL has a path (%1); ECA Lab adds /services/oauth2/... itself."_s.arg(p.loginUrl.path())});
}

// The web server flow listens for the redirect itself, so there its callback URL must be a
// loopback one (RFC 8252 §7.3); for the other flows it is only informational.
void checkCallbackUrl(const Profile &p, const QString &flowName, QList<FieldProblem> &out)
{
    const bool listens = flowName == kWebServer;
    if (p.callbackUrl.isEmpty()) {
        if (listens)
            out.append({ProfileField::CallbackUrl, true,
                        u"The web server flow needs the app's Callback URL, a loopback one such as "
                        "http://localhost:1717/OauthRedirect (OAuth Settings → Callback URL)."_s});
        return;
    }
    if (!p.callbackUrl.isValid() || p.callbackUrl.host().isEmpty() || p.callbackUrl.scheme().isEmpty()) {
        out.append({ProfileField::CallbackUrl, true,
                    u"Callback URL \"%1\" is not a valid URL."_s.arg(p.callbackUrl.toString())});
        return;
    }
    if (!isLoopbackHost(p.callbackUrl.host()))
        out.append({ProfileField::CallbackUrl, listens,
                    u"Callback URL is not a loopback address: ECA Lab can only receive the redirect on localhost or "
                    "127.0.0.1 (e.g. http://localhost:1717/OauthRedirect), and it must match the app's Callback URL "
                    "exactly."_s});
    else if (listens && p.callbackUrl.scheme() != u"http")
        out.append({ProfileField::CallbackUrl, false,
                    u"ECA Lab listens for the redirect over plain http on loopback (RFC 8252 §7.3); an %1 callback "
                    "will not reach it."_s.arg(p.callbackUrl.scheme())});
    else if (p.callbackUrl.port() <= 0)
        out.append({ProfileField::CallbackUrl, false,
                    u"Callback URL has no port; add the one registered in the app, e.g. :1717."_s});
    else if (listens) {
        // The rest of the run's own Check settings rule (e.g. ports browsers refuse), so the form
        // blocks what the run would refuse.
        if (const auto endpoint = LoopbackEndpoint::fromCallbackUrl(p.callbackUrl, {}); !endpoint)
            out.append({ProfileField::CallbackUrl, true, endpoint.error().explanation + u' ' + endpoint.error().fix});
    }
}

void checkCredentials(const Profile &p, const QString &flowName, QList<FieldProblem> &out)
{
    if (p.clientId.trimmed().isEmpty())
        out.append({ProfileField::ClientId, true,
                    u"The consumer key is empty: copy it from the app's OAuth Settings → Consumer Key and Secret."_s});
    else if (p.clientId != p.clientId.trimmed())
        out.append({ProfileField::ClientId, true, u"The consumer key has spaces around it."_s});
    if (flowName == kClientCredentials && p.clientSecret.isEmpty())
        out.append({ProfileField::ClientSecret, true, u"Client credentials needs the consumer secret."_s});
    else if (p.clientSecret != p.clientSecret.trimmed())
        out.append({ProfileField::ClientSecret, false, u"The consumer secret has spaces around it."_s});
}
// The authorize `prompt` values Salesforce documents (reference §3.1), space-separated.
void checkPrompt(const Profile &p, QList<FieldProblem> &out)
{
    static const QStringList known{u"login"_s, u"consent"_s, u"select_account"_s};
    for (const QString &value : p.prompt.split(u' ', Qt::SkipEmptyParts)) {
        if (!known.contains(value)) {
            out.append(
                {ProfileField::Prompt, false,
                 u"Salesforce knows the prompt values login, consent and select_account, not \"%1\"."_s.arg(value)});
            return;
        }
    }
}
} // namespace

QUrl urlFromField(const QString &text)
{
    const QString trimmed = text.trimmed();
    return trimmed.isEmpty() ? QUrl() : QUrl(trimmed, QUrl::StrictMode);
}

QList<FieldProblem> validateProfile(const Profile &p, const QString &flowName)
{
    QList<FieldProblem> out;
    if (p.name.trimmed().isEmpty())
        out.append({ProfileField::Name, true, u"A profile needs a name."_s});
    checkLoginUrl(p, flowName, out);
    if (!p.siteUrl.isEmpty()) {
        if (const QString problem = baseUrlProblem(p.siteUrl, u"Site URL"_s); !problem.isEmpty())
            out.append({ProfileField::SiteUrl, true, problem});
    }
    checkCredentials(p, flowName, out);
    checkCallbackUrl(p, flowName, out);
    for (const QString &scope : p.scopes) {
        if (scope.contains(u',')) {
            out.append({ProfileField::Scopes, false, u"Scopes are separated by spaces, not commas."_s});
            break;
        }
    }
    checkPrompt(p, out);
    if (!p.loginHint.isEmpty() && p.loginHint != p.loginHint.trimmed())
        out.append({ProfileField::LoginHint, false, u"The login hint has spaces around it."_s});
    if (!p.privateKeyFile.isEmpty() && !QFileInfo(p.privateKeyFile).isFile())
        out.append({ProfileField::PrivateKeyFile, false, u"No file at %1."_s.arg(p.privateKeyFile)});
    if (!p.audience.isEmpty() && !QUrl(p.audience, QUrl::StrictMode).isValid())
        out.append({ProfileField::Audience, false, u"Audience \"%1\" is not a URL."_s.arg(p.audience)});
    return out;
}

QString loginHostNote(const QUrl &loginUrl)
{
    if (loginUrl.isEmpty() || loginUrl.host().isEmpty())
        return {};
    switch (classifyLoginHost(loginUrl)) {
    case LoginHostKind::MyDomain:
        return u"My Domain ✓"_s;
    case LoginHostKind::Generic:
        return u"Generic login host"_s;
    case LoginHostKind::Site:
        return u"Experience Cloud site"_s;
    case LoginHostKind::Loopback:
        return u"This machine (emulator)"_s;
    case LoginHostKind::Other:
        break;
    }
    return u"Custom host"_s;
}

} // namespace ecalab::ui
