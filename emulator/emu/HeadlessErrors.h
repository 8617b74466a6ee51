#pragma once

#include "Grant.h"

#include <QJsonObject>

namespace ecalab::emu {

// The headless answers' errors (§6, §10.1 "Headless init APIs": JSON, 4xx). Salesforce's exact
// bodies are unconfirmed (§13): these strings are the ones the emulator and the client agreed on
// (issue 13's contract), each {"error","error_description"} with its status.
namespace HeadlessErrors {
inline OAuthError make(const char *error, const char *description, int status = 400)
{
    return {QString::fromLatin1(error), QString::fromLatin1(description), status};
}

// POST /services/oauth2/authorize, response_type=code_credentials (§6.2–6.6).
inline const OAuthError kNotOnThisHost = make("unsupported_response_type", "response type not supported");
inline const OAuthError kUnknownClient = make("invalid_client_id", "client identifier invalid");
inline const OAuthError kRedirectMissing = make("redirect_uri_missing", "redirect_uri not provided");
inline const OAuthError kRedirectMismatch = make("redirect_uri_mismatch", "redirect_uri must match configuration");
inline const OAuthError kFlowNotEnabled = make("invalid_request", "code credentials flow is not enabled");
inline const OAuthError kInvalidRequestType = make("invalid_request", "invalid auth request type");
inline const OAuthError kMalformedCredentials = make("invalid_request", "missing or malformed credentials");
inline const OAuthError kAuthenticationFailure = make("invalid_grant", "authentication failure", 401);
inline const OAuthError kInactiveUser = make("inactive_user", "user is inactive");
inline const OAuthError kInvalidCode = make("invalid_grant", "invalid verification code", 401);
inline const OAuthError kExpiredCode = make("invalid_grant", "verification code expired", 401);
inline const OAuthError kVerificationTypeMismatch = make("invalid_request", "verification type mismatch");
inline const OAuthError kGuestNotEnabled = make("invalid_request", "guest access is not enabled");

// The init APIs (§6.3–6.5).
inline const OAuthError kRegistrationOff = make("invalid_request", "headless registration is not enabled");
inline const OAuthError kPasswordlessOff = make("invalid_request", "headless passwordless login is not enabled");
inline const OAuthError kForgotPasswordOff = make("invalid_request", "headless forgot password is not enabled");
inline const OAuthError kRecaptchaRequired = make("invalid_request", "recaptcha is required");
inline const OAuthError kUsernameExists = make("invalid_request", "username already exists");
inline const OAuthError kMobilePhoneRequired = make("invalid_request", "mobilePhone is required for sms");
inline const OAuthError kInvalidVerificationMethod = make("invalid_request", "invalid verificationmethod");
inline const OAuthError kInvalidCodeForReset = make("invalid_request", "invalid verification code");
inline const OAuthError kExpiredCodeForReset = make("invalid_request", "verification code expired");
inline const OAuthError kMustUsePost = make("invalid_request", "must use HTTP POST");

inline OAuthError fieldRequired(const QString &field) // "<field> is required"
{
    return {QStringLiteral("invalid_request"), field + QStringLiteral(" is required"), 400};
}
inline OAuthError tokenRequired(const QString &scope) // 401 for a missing or weak Bearer token
{
    return {QStringLiteral("invalid_token"),
            QStringLiteral("a valid access token with the %1 scope is required").arg(scope), 401};
}

// Salesforce's JSON headers: the token endpoint's Content-Type and Cache-Control (§1.3).
HttpReply reply(int status, const QJsonObject &body);
HttpReply reply(const OAuthError &error);
} // namespace HeadlessErrors

} // namespace ecalab::emu
