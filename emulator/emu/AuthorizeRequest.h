#pragma once

#include "CallbackUrls.h"
#include "FormData.h"
#include "Html.h"

#include <QStringList>

#include <optional>

namespace ecalab::emu {

class OrgModel;
struct App;

// An /authorize error: shown on an error page (bad client or redirect) or sent to the redirect.
struct AuthorizeError
{
    QString error;
    QString description;
};

// A validated authorization request (§3.1).
struct AuthorizeRequest
{
    const App *app = nullptr;
    QString redirectUri;
    QString state;
    QStringList scopes; // granted if approved: the requested ones, or the app's when omitted
    QString codeChallenge;
    QString codeChallengeMethod; // "S256" when the client sent none (§3.1)
    QString nonce;
    QString loginHint;
    bool promptLogin = false;
    bool promptConsent = false;
    bool immediate = false; // immediate=true (or prompt=none): fail rather than show a page
    Html::Fields carried;   // the parameters the login and consent forms carry through the POST
};

class AuthorizeRequestReader
{
public:
    enum class Outcome { Ok, ErrorPage, Redirect };
    struct Result
    {
        Outcome outcome = Outcome::Ok;
        AuthorizeRequest request; // redirectUri and state are set for Redirect too
        AuthorizeError error;
    };

    // §3.1 leaves `plain` unconfirmed; Salesforce sites advertise only S256
    // (code_challenge_methods_supported), so `plain` is refused like an unknown method.
    static constexpr bool kAcceptsPlainChallenge = false;
    static const AuthorizeError kUnsupportedChallengeMethod; // unconfirmed wording
    static const AuthorizeError kMalformedChallenge;         // §3.5: invalid_request, wording unconfirmed
    // OIDC's prompt=none means the same as Salesforce's immediate=true (not in the reference).
    static constexpr bool kPromptNoneIsImmediate = true;

    static Result read(const Params &params, const OrgModel &org, const CallbackPlaceholders &hosts = {});
    // Exact match on scheme, host, port and path (and query) — §3.1; a trailing slash matters.
    // Callback entries with {site}, {myDomain} or {login} are compared expanded.
    static bool redirectMatches(const QString &sent, const App &app, const CallbackPlaceholders &hosts = {});
    // The PKCE and scope rules of §3.1/§3.5, shared with the headless authorize (§6.2).
    static std::optional<AuthorizeError> checkChallenge(const Params &params, const App &app, AuthorizeRequest &out);
    static std::optional<AuthorizeError> checkScopes(const Params &params, const App &app, AuthorizeRequest &out);
};

} // namespace ecalab::emu
