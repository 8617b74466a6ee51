#pragma once

#include "grants/headless/HeadlessConfig.h"
#include "http/HttpMessage.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

// The requests of the headless family (§6), built as data before they touch the network, and the
// reading of /authorize's answer. Pure: tests assert on these bytes.
namespace ecalab::headless {

// Auth-Request-Type values (§6.2–6.4; guest §6.6 is unconfirmed).
inline const QString kNamedUser = QStringLiteral("Named-User");
inline const QString kUserRegistration = QStringLiteral("user-registration");
inline const QString kPasswordlessLogin = QStringLiteral("passwordless-login");
inline const QString kGuest = QStringLiteral("guest"); // (unconfirmed, §6.6)

// One of the site's init APIs, and the scope its Bearer token needs when the site requires
// authentication for it (§6.1, NetworkAuthApiSettings Does…RequireAuth).
struct SiteApi
{
    QString name;
    QString scope;
};
inline const SiteApi kRegistrationApi{QStringLiteral("headless registration"), QStringLiteral("user_registration_api")};
inline const SiteApi kPasswordlessApi{QStringLiteral("headless passwordless login"), QStringLiteral("pwdless_login_api")};
inline const SiteApi kForgotPasswordApi{QStringLiteral("headless forgot password"), QStringLiteral("forgot_password")};

// One POST to /authorize with response_type=code_credentials.
struct AuthorizeCall
{
    QString requestType;      // Auth-Request-Type
    QString verificationType; // Auth-Verification-Type: "email" | "sms"; empty: not sent
    QString basicUser;        // username, or the init's identifier
    QString basicSecret;      // password, or the one-time code; with basicUser empty: no Basic header
    QString uvid;             // guest: sent as Uvid-Hint: UVID <uuid> (unconfirmed, §6.6)
};

struct AuthorizeSecrets
{
    QString state;
    QString codeVerifier;
    QString codeChallenge;
};

// "Basic " + base64(user:secret), standard alphabet with padding as the docs write it (§6.2).
QByteArray basicCredentials(const QString &user, const QString &secret);

HttpRequest buildAuthorizeRequest(const HeadlessConfig &config, const AuthorizeCall &call,
                                  const AuthorizeSecrets &secrets);
// §6.3: userdata, customdata, password at the top level (as the docs and Postman collection put
// it), the verification method, and the reCAPTCHA token when the profile has one.
HttpRequest buildRegistrationInit(const HeadlessConfig &config, const QString &password, const QString &bearerToken);
HttpRequest buildPasswordlessInit(const HeadlessConfig &config, const QString &bearerToken); // §6.4
HttpRequest buildForgotPasswordStart(const HeadlessConfig &config, const QString &bearerToken); // §6.5 step 1
HttpRequest buildForgotPasswordReset(const HeadlessConfig &config, const QString &otp, const QString &newPassword,
                                     const QString &bearerToken); // §6.5 step 2

// What /authorize said, from a 302's Location (§6.2) or a JSON body (unconfirmed shape).
struct AuthorizeAnswer
{
    QUrl location;  // the redirect, when it was one
    QJsonObject fields; // code, state, sfdc_community_url, sfdc_community_id, or error, error_description
    QString code() const { return fields.value(QStringLiteral("code")).toString(); }
    QString state() const { return fields.value(QStringLiteral("state")).toString(); }
    QString error() const { return fields.value(QStringLiteral("error")).toString(); }
};
// nullopt when the answer is neither a redirect with a query nor a JSON object with a code.
std::optional<AuthorizeAnswer> readAuthorizeAnswer(const HttpResponse &response);
QJsonObject queryFields(const QUrl &url);

// Whether `location` is the site's echo endpoint (§6.8): the flow then follows it as a browser would.
bool isEchoEndpoint(const HeadlessConfig &config, const QUrl &location);

// "a•••@acme.com" / "•••0100": where a code went, shown without the whole address.
QString maskedAddress(const QString &address);

} // namespace ecalab::headless
