#include "ConsentPage.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

ConsentDecision ConsentPage::decision(const Params &params)
{
    // Deny wins if a hand-made request sends both.
    if (params.contains(u"oadeny"))
        return ConsentDecision::Deny;
    if (params.contains(u"oaapprove"))
        return ConsentDecision::Allow;
    return ConsentDecision::None;
}

QString ConsentPage::describeScope(const QString &scope)
{
    // The wording of Salesforce's scope labels (§9), shortened.
    static const QList<QPair<QString, QString>> labels{
        {u"api"_s, u"Manage user data via APIs"_s},
        {u"refresh_token"_s, u"Perform requests at any time"_s},
        {u"offline_access"_s, u"Perform requests at any time"_s},
        {u"openid"_s, u"Access unique user identifiers"_s},
        {u"id"_s, u"Access the identity URL service"_s},
        {u"profile"_s, u"Access your basic information"_s},
        {u"email"_s, u"Access your email address"_s},
        {u"address"_s, u"Access your address"_s},
        {u"phone"_s, u"Access your phone number"_s},
        {u"web"_s, u"Manage user data via Web browsers"_s},
        {u"full"_s, u"Full access"_s},
        {u"visualforce"_s, u"Access custom applications"_s},
        {u"chatter_api"_s, u"Access Chatter REST API resources"_s},
    };
    for (const auto &[name, label] : labels) {
        if (name == scope)
            return u"%1 (%2)"_s.arg(label, scope);
    }
    return scope;
}

HttpReply ConsentPage::render(const ConsentForm &form)
{
    QString body = u"<h1>Allow Access?</h1>\n<p><strong>%1</strong> is asking to:</p>\n<ul id=\"scopes\">\n"_s.arg(
        Html::escape(form.appLabel));
    for (const QString &scope : form.scopes)
        body += u"<li>%1</li>\n"_s.arg(Html::escape(describeScope(scope)));
    body += u"</ul>\n<p class=\"muted\">Logged in as %1. Do you want to allow access?</p>\n"_s.arg(
        Html::escape(form.username));
    body +=
        u"<form method=\"post\" action=\"%1\" id=\"consent_form\" name=\"consent\">\n"_s.arg(Html::escape(form.action));
    body += Html::hiddenInputs(form.hidden);
    body += u"<input type=\"submit\" id=\"oadeny\" name=\"oadeny\" value=\"Deny\">\n"
            u"<input type=\"submit\" id=\"oaapprove\" name=\"oaapprove\" value=\"Allow\">\n</form>\n"_s;
    return Html::page(u"Allow Access? | Salesforce"_s, body);
}

} // namespace ecalab::emu
