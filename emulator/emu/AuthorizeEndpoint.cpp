#include "AuthorizeEndpoint.h"

#include "ConsentPage.h"
#include "LoginPage.h"
#include "SalesforceId.h"
#include "TokenEndpoint.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
// §10.2, verbatim.
const AuthorizeError kDenied{u"access_denied"_s, u"end-user denied authorization"_s};
const AuthorizeError kImmediateUnsuccessful{u"immediate_unsuccessful"_s, u"immediate unsuccessful"_s};
const AuthorizeError kNotAdminApproved{u"invalid_app_access"_s, u"user is not admin approved to access this app"_s};
} // namespace

bool AuthorizeEndpoint::handles(const HttpRequest &request) const
{
    return request.path == u"/services/oauth2/authorize";
}

HttpReply AuthorizeEndpoint::redirect(const QString &redirectUri, const QList<QPair<QString, QString>> &params)
{
    // Values are percent-encoded, so a code's '+', '/' and '=' arrive as %2B, %2F and %3D (§3.2).
    const QString separator = redirectUri.contains(u'?') ? u"&"_s : u"?"_s;
    const QByteArray location = redirectUri.toUtf8() + separator.toLatin1() + FormData::encode(params);
    HttpReply reply = HttpReply::withBody(302, "text/html;charset=UTF-8", QByteArray());
    reply.setHeader("Location", location);
    reply.setHeader("Cache-Control", "no-store");
    return reply;
}

HttpReply AuthorizeEndpoint::errorPage(const AuthorizeError &error)
{
    // Salesforce's RemoteAccessErrorPage: no redirect when the client or redirect is not trusted.
    const QString body = u"<h1>Remote Access Error</h1>\n<p>The application could not be authorized.</p>\n"
                         u"<p>error=<code id=\"error\">%1</code></p>\n"
                         u"<p>error_description=<code id=\"error_description\">%2</code></p>\n"_s.arg(
                             Html::escape(error.error), Html::escape(error.description));
    return Html::page(u"Remote Access Error"_s, body);
}

HttpReply AuthorizeEndpoint::redirectError(const AuthorizeRequest &request, const AuthorizeError &error) const
{
    QList<QPair<QString, QString>> params{{u"error"_s, error.error}, {u"error_description"_s, error.description}};
    if (!request.state.isEmpty())
        params.append({u"state"_s, request.state});
    return redirect(request.redirectUri, params);
}

HttpReply AuthorizeEndpoint::handle(const HttpRequest &http)
{
    const bool post = http.method == "POST";
    if (!post && http.method != "GET" && http.method != "HEAD")
        return errorPage({u"invalid_request"_s, u"must use HTTP GET"_s}); // §10.2 (legacy wording)
    const Params params = post ? TokenEndpoint::bodyParameters(http) : http.query;
    const auto read = AuthorizeRequestReader::read(params, m_context.org, m_context.callbackPlaceholders());
    if (read.outcome == AuthorizeRequestReader::Outcome::ErrorPage)
        return errorPage(read.error);
    const AuthorizeRequest &request = read.request;
    if (read.outcome == AuthorizeRequestReader::Outcome::Redirect)
        return redirectError(request, read.error);

    if (post && LoginPage::isSubmission(params))
        return handleLogin(http, request, params);
    const LoginSession *session = m_context.logins.current(http, m_context.clock.nowMs(), m_context.org);
    const ConsentDecision decision = post ? ConsentPage::decision(params) : ConsentDecision::None;
    if (decision != ConsentDecision::None)
        return handleDecision(http, request, session, decision == ConsentDecision::Allow);

    // A fresh authorize request: log in unless already (and prompt=login asks to do it again).
    const bool needsLogin = !session || request.promptLogin;
    if (needsLogin && request.immediate)
        return redirectError(request, kImmediateUnsuccessful);
    if (needsLogin)
        return loginPage(http, request, request.loginHint, {});
    return proceed(http, request, *session);
}

HttpReply AuthorizeEndpoint::handleLogin(const HttpRequest &http, const AuthorizeRequest &request, const Params &params)
{
    const LoginPage::Outcome outcome = LoginPage::check(params, m_context.org);
    if (!outcome.user)
        return loginPage(http, request, params.value(u"username"), outcome.error);
    const LoginSession &session =
        m_context.logins.start(*outcome.user, m_context.clock.nowMs(), m_context.org.org.sessionTimeoutInMinutes);
    HttpReply reply = proceed(http, request, session);
    reply.headers.append({"Set-Cookie", LoginSessions::setCookieValue(session)});
    return reply;
}

HttpReply AuthorizeEndpoint::handleDecision(const HttpRequest &http, const AuthorizeRequest &request,
                                            const LoginSession *session, bool allow)
{
    if (!session) // the session ended while the consent page was open
        return loginPage(http, request, request.loginHint, {});
    if (!allow)
        return redirectError(request, kDenied);
    const User *user = m_context.org.userById(session->userId);
    if (!user || !request.app->permits(*user))
        return redirectError(request, kNotAdminApproved);
    m_context.approvals.remember(user->id15, request.app->consumerKey, request.scopes, m_context.clock.nowMs());
    return issueCode(http, request, *session);
}

HttpReply AuthorizeEndpoint::proceed(const HttpRequest &http, const AuthorizeRequest &request,
                                     const LoginSession &session)
{
    const User *user = m_context.org.userById(session.userId);
    if (!user || !request.app->permits(*user)) // §3.4
        return redirectError(request, kNotAdminApproved);
    const bool approved = request.app->preAuthorizes(*user) ||
                          m_context.approvals.covers(user->id15, request.app->consumerKey, request.scopes);
    if (approved && !request.promptConsent)
        return issueCode(http, request, session);
    if (request.immediate)
        return redirectError(request, kImmediateUnsuccessful);
    return consentPage(http, request, *user);
}

HttpReply AuthorizeEndpoint::issueCode(const HttpRequest &http, const AuthorizeRequest &request,
                                       const LoginSession &session)
{
    return redirectWithCode(m_context, request, {session.userId, session.authTimeMs, http.host});
}

// §3.2, §6.2: a code for the user, then the 302 with code and state; on the site also
// sfdc_community_url and sfdc_community_id.
HttpReply AuthorizeEndpoint::redirectWithCode(EmulatorContext &context, const AuthorizeRequest &request,
                                              const CodeHolder &holder)
{
    AuthCode code;
    code.clientId = request.app->consumerKey;
    code.redirectUri = request.redirectUri;
    code.codeChallenge = request.codeChallenge;
    code.codeChallengeMethod = request.codeChallengeMethod;
    code.scopes = request.scopes;
    code.nonce = request.nonce;
    code.userId = holder.userId;
    code.authTimeMs = holder.authTimeMs;
    code.host = holder.host;
    const AuthCode &issued = context.codes.issue(code, context.clock.nowMs());
    QList<QPair<QString, QString>> params{{u"code"_s, issued.value}};
    if (!request.state.isEmpty())
        params.append({u"state"_s, request.state});
    if (holder.host == HostKind::Site) {
        params.append({u"sfdc_community_url"_s, context.baseUrl(HostKind::Site)});
        params.append({u"sfdc_community_id"_s, SalesforceId::to18(kSiteNetworkId15)});
    }
    return redirect(request.redirectUri, params);
}

HttpReply AuthorizeEndpoint::loginPage(const HttpRequest &http, const AuthorizeRequest &request,
                                       const QString &username, const QString &error) const
{
    return LoginPage::render({http.fullPath, request.carried, username, error, m_context.org.org.name});
}

HttpReply AuthorizeEndpoint::consentPage(const HttpRequest &http, const AuthorizeRequest &request,
                                         const User &user) const
{
    const QString label = request.app->label.isEmpty() ? request.app->fullName : request.app->label;
    return ConsentPage::render({http.fullPath, request.carried, label, user.username, request.scopes});
}

} // namespace ecalab::emu
