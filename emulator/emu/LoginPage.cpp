#include "LoginPage.h"

#include "Crypto.h"
#include "OrgModel.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

bool LoginPage::isSubmission(const Params &params)
{
    return params.contains(u"Login") || params.contains(u"username") || params.contains(u"password");
}

LoginPage::Outcome LoginPage::check(const Params &params, const OrgModel &org)
{
    // Usernames compare case-insensitively on Salesforce; passwords exactly.
    const QString username = params.value(u"username").trimmed();
    const User *user = nullptr;
    for (const User &candidate : org.users) {
        if (candidate.username.compare(username, Qt::CaseInsensitive) == 0)
            user = &candidate;
    }
    const QByteArray password = params.value(u"password").toUtf8();
    if (!user || username.isEmpty() || !Crypto::constantTimeEquals(password, user->password.toUtf8()))
        return {nullptr, QString::fromUtf16(kWrongCredentials)};
    if (!user->active)
        return {nullptr, QString::fromUtf16(kInactiveUser)};
    return {user, {}};
}

HttpReply LoginPage::render(const LoginForm &form)
{
    QString body = u"<h1>Log In</h1>\n"_s;
    if (!form.orgName.isEmpty())
        body += u"<p class=\"muted\">%1</p>\n"_s.arg(Html::escape(form.orgName));
    if (!form.error.isEmpty())
        body += u"<p class=\"error\" id=\"error\" role=\"alert\">%1</p>\n"_s.arg(Html::escape(form.error));
    body += u"<form method=\"post\" action=\"%1\" id=\"login_form\" name=\"login\">\n"_s.arg(Html::escape(form.action));
    body += Html::hiddenInputs(form.hidden);
    body += u"<label for=\"username\">Username</label>\n"
            u"<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" value=\"%1\">\n"
            u"<label for=\"password\">Password</label>\n"
            u"<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\">\n"
            u"<input type=\"submit\" id=\"Login\" name=\"Login\" value=\"Log In\">\n</form>\n"_s.arg(
                Html::escape(form.username));
    // Like Salesforce's page, a failed login is still a 200 page.
    return Html::page(u"Login | Salesforce"_s, body);
}

} // namespace ecalab::emu
