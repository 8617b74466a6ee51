#include "HeadlessInit.h"

#include "ClientAuth.h"
#include "HeadlessErrors.h"
#include "OrgEditor.h"
#include "Seed.h"

#include <QJsonDocument>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;
namespace E = HeadlessErrors;

namespace {
const QString kEmail = u"email"_s;
const QString kSms = u"sms"_s;

QJsonObject jsonBody(const HttpRequest &http)
{
    return QJsonDocument::fromJson(http.body).object(); // not a JSON object: {}, so fields are missing
}

QString text(const QJsonObject &object, const QString &key)
{
    return object.value(key).toString().trimmed();
}

// "verificationmethod": "email" | "sms" (§6.3, §6.4), any case.
std::optional<OAuthError> readMethod(const QJsonObject &body, QString *method)
{
    if (!body.contains(u"verificationmethod"_s))
        return E::fieldRequired(u"verificationmethod"_s);
    *method = body.value(u"verificationmethod"_s).toString().toLower();
    if (*method != kEmail && *method != kSms)
        return E::kInvalidVerificationMethod;
    return std::nullopt;
}

// reCAPTCHA (§6.1, §6.3): a "recaptcha" token, or reCAPTCHA Enterprise's "recaptchaevent":{"token",…}.
// Any non-empty token passes: the emulator cannot ask Google.
bool hasRecaptcha(const QJsonObject &body)
{
    return !text(body, u"recaptcha"_s).isEmpty() ||
           !text(body.value(u"recaptchaevent"_s).toObject(), u"token"_s).isEmpty();
}
} // namespace

bool HeadlessInit::handles(const HttpRequest &request) const
{
    if (request.host != HostKind::Site) // §6, §12.1: only on a site
        return false;
    return request.path == QStringView(kRegistrationPath) || request.path == QStringView(kPasswordlessPath) ||
           request.path == QStringView(kForgotPasswordPath);
}

HttpReply HeadlessInit::handle(const HttpRequest &http)
{
    if (http.method != "POST")
        return E::reply(E::kMustUsePost);
    if (http.path == QStringView(kRegistrationPath))
        return registration(http);
    if (http.path == QStringView(kPasswordlessPath))
        return passwordlessLogin(http);
    return forgotPassword(http);
}

std::optional<OAuthError> HeadlessInit::checkGate(const HttpRequest &http, const Gate &gate, const QJsonObject &body,
                                                  bool needsRecaptcha) const
{
    if (!gate.enabled)
        return gate.whenOff;
    if (gate.requiresAuth) { // NetworkAuthApiSettings.Does…RequireAuth (§6.1)
        const AccessToken *token =
            m_context.tokens.active(ClientAuth::bearerToken(http, {}), m_context.clock.nowMs(), m_context.org);
        if (!token || !token->scopes.contains(gate.scope))
            return E::tokenRequired(gate.scope);
    }
    if (needsRecaptcha && m_context.org.site.recaptchaRequired && !hasRecaptcha(body))
        return E::kRecaptchaRequired;
    return std::nullopt;
}

QString HeadlessInit::sendOtp(OtpChallenge challenge, const QString &to)
{
    const OtpChallenge &issued =
        m_context.otps.issue(std::move(challenge), m_context.clock.nowMs(), m_context.org.site.otpLifetimeSeconds);
    m_context.outbox.send(issued, issued.verificationMethod, to);
    return issued.identifier;
}

// §6.3 step 1. The password may be at the top level (docs, Postman) or inside userdata (Mobile SDK).
HttpReply HeadlessInit::registration(const HttpRequest &http)
{
    const SiteSettings &site = m_context.org.site;
    const QJsonObject body = jsonBody(http);
    const Gate gate{site.headlessRegistration, site.registrationRequiresAuth, u"user_registration_api"_s,
                    E::kRegistrationOff};
    if (const auto refusal = checkGate(http, gate, body, true))
        return E::reply(*refusal);
    const QJsonObject userdata = body.value(u"userdata"_s).toObject();
    const QString password = body.contains(u"password"_s) ? text(body, u"password"_s) : text(userdata, u"password"_s);
    const QJsonObject user{
        {u"email"_s, text(userdata, u"email"_s)},         {u"username"_s, text(userdata, u"username"_s)},
        {u"lastName"_s, text(userdata, u"lastName"_s)},   {u"password"_s, password},
        {u"firstName"_s, text(userdata, u"firstName"_s)}, {u"userType"_s, site.registrationUserType}};
    for (const QString &field : {u"email"_s, u"username"_s, u"lastName"_s, u"password"_s}) {
        if (user.value(field).toString().isEmpty())
            return E::reply(E::fieldRequired(field));
    }
    QString method;
    if (const auto error = readMethod(body, &method))
        return E::reply(*error);
    User candidate;
    QString invalid;
    if (!Seed::applyUser(candidate, user, u"userdata"_s, &invalid)) // the seed's rules, e.g. an e-mail-shaped username
        return E::reply(OAuthError{u"invalid_request"_s, invalid, 400});
    if (m_context.org.userByUsername(candidate.username))
        return E::reply(E::kUsernameExists);
    const QString phone = text(body.value(u"customdata"_s).toObject(), u"mobilePhone"_s);
    if (method == kSms && phone.isEmpty())
        return E::reply(E::kMobilePhoneRequired);
    QJsonObject registered = user;
    if (!phone.isEmpty())
        registered.insert(u"mobilePhone"_s, phone);
    OtpChallenge challenge;
    challenge.purpose = OtpPurpose::kRegistration;
    challenge.verificationMethod = method;
    challenge.registration = registered;
    const QString identifier = sendOtp(challenge, method == kSms ? phone : candidate.email);
    return E::reply(200, QJsonObject{{u"email"_s, candidate.email}, {u"identifier"_s, identifier}});
}

// §6.4 step 1. An unknown or inactive username gets an identifier too (no enumeration), but no OTP
// goes out; neither does one by SMS to a user without a mobile phone.
HttpReply HeadlessInit::passwordlessLogin(const HttpRequest &http)
{
    const SiteSettings &site = m_context.org.site;
    const QJsonObject body = jsonBody(http);
    const Gate gate{site.headlessPasswordlessLogin, site.passwordlessLoginRequiresAuth, u"pwdless_login_api"_s,
                    E::kPasswordlessOff};
    if (const auto refusal = checkGate(http, gate, body, true))
        return E::reply(*refusal);
    const QString username = text(body, u"username"_s);
    if (username.isEmpty())
        return E::reply(E::fieldRequired(u"username"_s));
    QString method;
    if (const auto error = readMethod(body, &method))
        return E::reply(*error);
    const User *user = m_context.org.userByUsername(username);
    const QString to = !user || !user->active ? QString() : method == kSms ? user->mobilePhone : user->email;
    if (to.isEmpty())
        return E::reply(200, QJsonObject{{u"identifier"_s, OtpStore::newIdentifier()}});
    OtpChallenge challenge;
    challenge.purpose = OtpPurpose::kPasswordlessLogin;
    challenge.verificationMethod = method;
    challenge.userId = user->id15;
    return E::reply(200, QJsonObject{{u"identifier"_s, sendOtp(challenge, to)}});
}

// §6.5: step 1 {"username"} e-mails an OTP (an unknown user gets the same {} and nothing is sent);
// step 2 {"username","otp","newpassword"} sets the password.
HttpReply HeadlessInit::forgotPassword(const HttpRequest &http)
{
    const SiteSettings &site = m_context.org.site;
    const QJsonObject body = jsonBody(http);
    const bool secondStep = body.contains(u"otp"_s) || body.contains(u"newpassword"_s);
    const Gate gate{site.headlessForgotPassword, site.forgotPasswordRequiresAuth, u"forgot_password"_s,
                    E::kForgotPasswordOff};
    if (const auto refusal = checkGate(http, gate, body, !secondStep))
        return E::reply(*refusal);
    const QString username = text(body, u"username"_s);
    if (username.isEmpty())
        return E::reply(E::fieldRequired(u"username"_s));
    if (secondStep)
        return resetPassword(body);
    const User *user = m_context.org.userByUsername(username);
    if (user && user->active) {
        OtpChallenge challenge;
        challenge.identifier = user->username;
        challenge.purpose = OtpPurpose::kForgotPassword;
        challenge.verificationMethod = kEmail;
        challenge.userId = user->id15;
        sendOtp(challenge, user->email);
    }
    return E::reply(200, QJsonObject());
}

HttpReply HeadlessInit::resetPassword(const QJsonObject &body)
{
    const QString newPassword = body.value(u"newpassword"_s).toString();
    if (newPassword.trimmed().isEmpty()) // checked first: a missing password does not spend the OTP
        return E::reply(E::fieldRequired(u"newpassword"_s));
    OtpChallenge challenge;
    const auto verdict =
        m_context.otps.redeem(OtpPurpose::kForgotPassword, text(body, u"username"_s), body.value(u"otp"_s).toString(),
                              kEmail, m_context.clock.nowMs(), &challenge);
    if (verdict == OtpStore::Verdict::Expired)
        return E::reply(E::kExpiredCodeForReset);
    const User *user = m_context.org.userById(challenge.userId);
    if (verdict != OtpStore::Verdict::Accepted || !user)
        return E::reply(E::kInvalidCodeForReset);
    const auto changed = OrgEditor(m_context).changeUser(user->username, {{u"password"_s, newPassword}});
    if (!changed)
        return E::reply(OAuthError{u"invalid_request"_s, changed.error, 400});
    return E::reply(200, QJsonObject());
}

} // namespace ecalab::emu
