#pragma once

#include "FormData.h"
#include "Html.h"

namespace ecalab::emu {

class OrgModel;
struct User;

// What the login page shows and where it posts. The hidden fields carry the caller's state
// (the authorize parameters, or the device page's user_code) through the POST.
struct LoginForm
{
    QString action; // the full path the form posts to (with a site's prefix)
    Html::Fields hidden;
    QString username; // pre-filled: login_hint or the last attempt
    QString error;    // shown above the form after a failed attempt
    QString orgName;
};

// The login page of the HTML contract: inputs id/name "username" and "password", submit
// id/name "Login". No JavaScript; the password is never echoed back into the page.
class LoginPage
{
public:
    // Salesforce's words after a wrong username or password.
    static constexpr char16_t kWrongCredentials[] =
        u"Please check your username and password. If you still can't log in, contact your Salesforce "
        u"administrator.";
    // A deactivated or frozen user (unconfirmed: Salesforce's exact page text is not in the reference).
    static constexpr char16_t kInactiveUser[] =
        u"Your login attempt has failed. Your account is inactive or frozen. Contact your Salesforce administrator.";

    struct Outcome
    {
        const User *user = nullptr; // set when the credentials are right and the user active
        QString error;              // else what the page says
    };

    static bool isSubmission(const Params &params); // the form was posted (Login, username or password)
    static Outcome check(const Params &params, const OrgModel &org);
    static HttpReply render(const LoginForm &form);
};

} // namespace ecalab::emu
