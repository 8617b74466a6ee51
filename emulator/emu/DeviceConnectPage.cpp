#include "DeviceConnectPage.h"

#include "ConsentPage.h"
#include "DeviceGrants.h"
#include "Html.h"
#include "LoginPage.h"
#include "TokenEndpoint.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

bool DeviceConnectPage::handles(const HttpRequest &request) const
{
    return request.path == DeviceGrantRules::kVerificationPath && (kServedOnSite || request.host != HostKind::Site);
}

HttpReply DeviceConnectPage::handle(const HttpRequest &request)
{
    if (request.method != "POST")
        return codePage(request.query.value(u"user_code"), {}); // ?user_code= pre-fills (RFC 8628 §3.3.1)
    Params params = TokenEndpoint::bodyParameters(request);
    if (ConsentPage::decision(params) != ConsentDecision::None)
        return afterConsent(request, params);
    if (LoginPage::isSubmission(params))
        return afterLogin(params);
    return afterCode(request, params);
}

HttpReply DeviceConnectPage::codePage(const QString &prefill, const QString &error) const
{
    QString body = u"<h1>Connect Your Device</h1>\n"
                   u"<p>Enter the code shown on your device.</p>\n"_s;
    if (!error.isEmpty())
        body += u"<p class=\"error\" id=\"error\" role=\"alert\">%1</p>\n"_s.arg(Html::escape(error));
    body += u"<form method=\"post\" action=\"%1\" id=\"connect_form\" name=\"connect\">\n"
            u"<label for=\"user_code\">Code</label>\n"
            u"<input type=\"text\" id=\"user_code\" name=\"user_code\" autocomplete=\"off\" "
            u"autocapitalize=\"characters\" value=\"%2\">\n"
            u"<input type=\"submit\" id=\"save\" name=\"save\" value=\"Connect\">\n</form>\n"_s.arg(
                QString::fromUtf16(DeviceGrantRules::kVerificationPath), Html::escape(prefill));
    return Html::page(u"Connect Your Device | Salesforce"_s, body);
}

DeviceAuthorization *DeviceConnectPage::answerable(const QString &typed, HttpReply *refusal)
{
    DeviceAuthorization *item = m_context.devices.byUserCode(typed);
    QString why;
    if (!item)
        why = QString::fromUtf16(kUnknownCode);
    else if (item->state != DeviceAuthorization::State::Pending)
        why = QString::fromUtf16(kUsedCode);
    else if (item->isExpired(m_context.clock.nowMs()))
        why = QString::fromUtf16(kExpiredCode);
    if (why.isEmpty())
        return item;
    *refusal = codePage(typed, why);
    return nullptr;
}

HttpReply DeviceConnectPage::afterCode(const HttpRequest &request, const Params &params)
{
    HttpReply refusal;
    const DeviceAuthorization *item = answerable(params.value(u"user_code"), &refusal);
    if (!item)
        return refusal;
    const LoginSession *session = m_context.logins.current(request, m_context.clock.nowMs(), m_context.org);
    return session ? consentPage(*item, *session) : loginPage(item->userCode, {}, {});
}

HttpReply DeviceConnectPage::afterLogin(const Params &params)
{
    const QString userCode = params.value(u"user_code");
    HttpReply refusal;
    const DeviceAuthorization *item = answerable(userCode, &refusal);
    if (!item)
        return refusal;
    const LoginPage::Outcome outcome = LoginPage::check(params, m_context.org);
    if (!outcome.user)
        return loginPage(item->userCode, params.value(u"username"), outcome.error);
    const qint64 now = m_context.clock.nowMs();
    const LoginSession &session = m_context.logins.start(*outcome.user, now, m_context.org.org.sessionTimeoutInMinutes);
    HttpReply reply = consentPage(*item, session);
    reply.setHeader("Set-Cookie", LoginSessions::setCookieValue(session));
    return reply;
}

HttpReply DeviceConnectPage::afterConsent(const HttpRequest &request, const Params &params)
{
    const QString userCode = params.value(u"user_code");
    HttpReply refusal;
    DeviceAuthorization *item = answerable(userCode, &refusal);
    if (!item)
        return refusal;
    const qint64 now = m_context.clock.nowMs();
    const LoginSession *session = m_context.logins.current(request, now, m_context.org);
    if (!session) // the session ended between the pages: log in again, the code is still good
        return loginPage(item->userCode, {}, {});
    const User *user = m_context.org.userById(session->userId);
    const bool approve = ConsentPage::decision(params) == ConsentDecision::Allow;
    if (approve) {
        const QString why = DeviceGrantRules(m_context).whyUserCannotApprove(*item, user);
        if (!why.isEmpty())
            return codePage({}, u"You can't connect this device: %1."_s.arg(why));
        m_context.approvals.remember(user->id15, item->clientId, item->scopes, now);
    }
    m_context.devices.decide(item->userCode, approve, user ? user->username : QString(), now);
    return donePage(approve);
}

HttpReply DeviceConnectPage::loginPage(const QString &userCode, const QString &username, const QString &error) const
{
    LoginForm form;
    form.action = QString::fromUtf16(DeviceGrantRules::kVerificationPath);
    form.hidden = {{u"user_code"_s, userCode}};
    form.username = username;
    form.error = error;
    form.orgName = m_context.org.org.name;
    return LoginPage::render(form);
}

HttpReply DeviceConnectPage::consentPage(const DeviceAuthorization &item, const LoginSession &session) const
{
    const App *app = m_context.org.appByClientId(item.clientId);
    const User *user = m_context.org.userById(session.userId);
    if (!app || !user)
        return codePage({}, QString::fromUtf16(kUnknownCode));
    if (const QString why = DeviceGrantRules(m_context).whyUserCannotApprove(item, user); !why.isEmpty())
        return codePage({}, u"You can't connect this device: %1."_s.arg(why));
    ConsentForm form;
    form.action = QString::fromUtf16(DeviceGrantRules::kVerificationPath);
    form.hidden = {{u"user_code"_s, item.userCode}};
    form.appLabel = app->label.isEmpty() ? app->fullName : app->label;
    form.username = user->username;
    form.scopes = item.scopes;
    return ConsentPage::render(form);
}

HttpReply DeviceConnectPage::donePage(bool approved)
{
    const QString body = approved ? u"<h1 id=\"device_connected\">Your Device Is Connected</h1>\n"
                                    u"<p>You may close this window and return to your device.</p>\n"_s
                                  : u"<h1 id=\"device_denied\">Access Denied</h1>\n"
                                    u"<p>You denied access to your device. You may close this window.</p>\n"_s;
    return Html::page(approved ? u"Device Connected | Salesforce"_s : u"Access Denied | Salesforce"_s, body);
}

} // namespace ecalab::emu
