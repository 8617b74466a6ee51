#pragma once

#include "Context.h"
#include "Endpoint.h"
#include "Grant.h"

#include <optional>

namespace ecalab::emu {

// The headless identity init APIs of the site (§6.3–6.5), JSON in and out:
//   POST /services/auth/headless/init/registration          → {"email","identifier"} + an OTP
//   POST /services/auth/headless/init/passwordless/login    → {"identifier"} + an OTP
//   POST /services/auth/headless/forgot_password            → {} (step 1: an OTP; step 2: new password)
// Only on the site host: elsewhere these paths do not exist (404). Each is behind its site switch,
// optionally a Bearer token with its scope (NetworkAuthApiSettings, §6.1) and reCAPTCHA.
class HeadlessInit : public Endpoint
{
public:
    static constexpr char16_t kRegistrationPath[] = u"/services/auth/headless/init/registration";
    static constexpr char16_t kPasswordlessPath[] = u"/services/auth/headless/init/passwordless/login";
    static constexpr char16_t kForgotPasswordPath[] = u"/services/auth/headless/forgot_password";

    explicit HeadlessInit(EmulatorContext &context) : m_context(context) {}
    bool handles(const HttpRequest &request) const override;
    HttpReply handle(const HttpRequest &request) override;

private:
    struct Gate
    {
        bool enabled;
        bool requiresAuth;
        QString scope; // the scope the Bearer token must carry (§6.1)
        OAuthError whenOff;
    };
    std::optional<OAuthError> checkGate(const HttpRequest &http, const Gate &gate, const QJsonObject &body,
                                        bool needsRecaptcha) const;
    HttpReply registration(const HttpRequest &http);
    HttpReply passwordlessLogin(const HttpRequest &http);
    HttpReply forgotPassword(const HttpRequest &http);
    HttpReply resetPassword(const QJsonObject &body);
    // Issues the OTP and, when there is somewhere to send it, puts it in the outbox.
    QString sendOtp(OtpChallenge challenge, const QString &to);

    EmulatorContext &m_context;
};

} // namespace ecalab::emu
