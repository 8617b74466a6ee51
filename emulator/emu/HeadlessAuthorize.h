#pragma once

#include "AuthorizeRequest.h"
#include "Context.h"
#include "Endpoint.h"
#include "Grant.h"

#include <optional>

namespace ecalab::emu {

struct OtpChallenge;

// The Authorization Code and Credentials flow's authorize step (§6.2–6.6): a POST of
// response_type=code_credentials to the site's /services/oauth2/authorize, the credentials in
// headers. It answers JSON errors or a 302 to the redirect_uri with an ordinary authorization code
// (AuthCodes) that the site's token endpoint trades (grant_type=authorization_code, PKCE as for the
// web server flow). On the login host and My Domain it is refused (§6: headless calls go to a site).
class HeadlessAuthorize : public Endpoint
{
public:
    static constexpr char16_t kResponseType[] = u"code_credentials";
    // Auth-Request-Type values, compared case-insensitively (§6.2–6.4; guest: §6.6, unconfirmed).
    static constexpr char16_t kNamedUser[] = u"Named-User";
    static constexpr char16_t kUserRegistration[] = u"user-registration";
    static constexpr char16_t kPasswordlessLogin[] = u"passwordless-login";
    static constexpr char16_t kGuest[] = u"guest";
    // The site guest user the emulator adds when the seed has none: guest@<prefix>.<myDomain>.site.example,
    // "<prefix> Site Guest User", type GUEST (Salesforce names it "<Site> Site Guest User").
    static constexpr char16_t kGuestUserLastName[] = u"Site Guest User";

    explicit HeadlessAuthorize(EmulatorContext &context) : m_context(context) {}
    bool handles(const HttpRequest &request) const override; // POST …/authorize, response_type=code_credentials
    HttpReply handle(const HttpRequest &request) override;

    struct Credentials
    {
        QString name; // username (Named-User) or the init's identifier (OTP kinds)
        QString secret;
    };
    // `Authorization: Basic` in standard base64 or URL-safe base64 without padding (§6.2: the
    // Mobile SDK's encoding, which Salesforce accepts); split at the first ':'.
    static std::optional<Credentials> basicCredentials(const HttpRequest &request);
    // §6.6 (unconfirmed shape): `Uvid-Hint: UVID <uuid>` or the body's `uvid_hint=<uuid>`.
    static QString uvidHint(const HttpRequest &request, const Params &params);

private:
    struct Login
    {
        const User *user = nullptr;
        std::optional<OAuthError> error;
    };
    std::optional<OAuthError> checkRequest(const Params &params, AuthorizeRequest &out) const;
    Login namedUser(const HttpRequest &http) const;
    Login otpUser(const HttpRequest &http, const QString &requestType);
    Login guestUser(const HttpRequest &http, const Params &params, const App &app);
    const User *siteGuestUser();
    Login registerUser(const OtpChallenge &challenge);
    HttpReply issueCode(const AuthorizeRequest &request, const User &user);

    EmulatorContext &m_context;
};

} // namespace ecalab::emu
