#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace ecalab::emu {

// The Experience Cloud site's Login & Registration settings for the headless identity APIs
// (§6.1: Administration → Login & Registration; metadata NetworkAuthApiSettings). The seed's
// top-level "site" object; every field is optional.
struct SiteSettings
{
    static constexpr int kDefaultOtpLifetimeSeconds = 600; // (unconfirmed, §6.3–6.5): ten minutes
    static constexpr int kMinOtpLifetimeSeconds = 1;
    static constexpr int kMaxOtpLifetimeSeconds = 86'400;

    bool headlessRegistration = false;
    bool headlessPasswordlessLogin = false;
    bool headlessForgotPassword = false;
    bool registrationRequiresAuth = false;      // DoesRegistrationRequireAuth: Bearer with user_registration_api
    bool passwordlessLoginRequiresAuth = false; // DoesPwdlessLoginRequireAuth: Bearer with pwdless_login_api
    bool forgotPasswordRequiresAuth = false;    // DoesForgotPasswordRequireAuth: Bearer with forgot_password
    bool recaptchaRequired = false;             // any non-empty token passes: the emulator cannot ask Google
    bool guestAccess = false;                   // §6.6: guest (UVID) codes
    int otpLifetimeSeconds = kDefaultOtpLifetimeSeconds;
    QString registrationUserType = QStringLiteral("CSP_LITE_PORTAL"); // the user type registration creates

    // Applies the fields present in `changes` (seed rules: unknown fields and wrong types are
    // errors naming the field, e.g. `site.guestAccess: expected true or false, got "yes"`).
    bool apply(const QJsonObject &changes, const QString &where, const QStringList &userTypes, QString *error);
    QJsonObject toJson() const;
};

} // namespace ecalab::emu
