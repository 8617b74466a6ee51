#pragma once

#include "grants/headless/HeadlessFlow.h"

// The members of the headless family (§6), one class each: what comes before /authorize.
namespace ecalab {

// §6.2: username and password in the Basic header of /authorize (Auth-Request-Type: Named-User).
class HeadlessLoginFlow final : public HeadlessFlow
{
    Q_OBJECT
public:
    enum StageIndex { CheckSettings, Authorize, ReadCode, TokenRequest, VerifyIdToken, VerifySignature };
    static constexpr StageSpec kStages[] = {
        {CheckSettings, u"check-settings", u"Check settings"},
        {Authorize, u"authorize", u"Authorize with username and password"},
        {ReadCode, u"read-code", u"Read the code"},
        {TokenRequest, u"token-request", u"Token request"},
        {VerifyIdToken, u"verify-id-token", u"Verify ID token"},
        {VerifySignature, u"verify-signature", u"Verify signature"},
    };
    static_assert(isStageTable(kStages));

    HeadlessLoginFlow(const Profile &profile, const FlowContext &context, QObject *parent = nullptr);

private:
    void begin() override;
};

// §6.3: init registration (user data, password) → the code sent by e-mail or SMS → /authorize
// with Auth-Request-Type: user-registration and Basic identifier:otp; the site creates the user.
class HeadlessRegistrationFlow final : public HeadlessFlow
{
    Q_OBJECT
public:
    enum StageIndex { CheckSettings, StartRegistration, EnterCode, Authorize, ReadCode, TokenRequest, VerifyIdToken,
                      VerifySignature };
    static constexpr StageSpec kStages[] = {
        {CheckSettings, u"check-settings", u"Check settings"},
        {StartRegistration, u"init-registration", u"Start registration"},
        {EnterCode, u"enter-code", u"Enter the code"},
        {Authorize, u"authorize", u"Authorize with the code"},
        {ReadCode, u"read-code", u"Read the code"},
        {TokenRequest, u"token-request", u"Token request"},
        {VerifyIdToken, u"verify-id-token", u"Verify ID token"},
        {VerifySignature, u"verify-signature", u"Verify signature"},
    };
    static_assert(isStageTable(kStages));

    HeadlessRegistrationFlow(const Profile &profile, const FlowContext &context, QObject *parent = nullptr);

private:
    void begin() override;
    void registrationStarted(const QJsonObject &fields);
};

// §6.4: init passwordless login → the code → /authorize with Auth-Request-Type: passwordless-login.
class PasswordlessLoginFlow final : public HeadlessFlow
{
    Q_OBJECT
public:
    enum StageIndex { CheckSettings, StartLogin, EnterCode, Authorize, ReadCode, TokenRequest, VerifyIdToken,
                      VerifySignature };
    static constexpr StageSpec kStages[] = {
        {CheckSettings, u"check-settings", u"Check settings"},
        {StartLogin, u"init-passwordless", u"Start passwordless login"},
        {EnterCode, u"enter-code", u"Enter the code"},
        {Authorize, u"authorize", u"Authorize with the code"},
        {ReadCode, u"read-code", u"Read the code"},
        {TokenRequest, u"token-request", u"Token request"},
        {VerifyIdToken, u"verify-id-token", u"Verify ID token"},
        {VerifySignature, u"verify-signature", u"Verify signature"},
    };
    static_assert(isStageTable(kStages));

    PasswordlessLoginFlow(const Profile &profile, const FlowContext &context, QObject *parent = nullptr);

private:
    void begin() override;
};

// §6.5: request a code, enter it with the new password, then log in with the new password as
// headless login does — the run proves the reset worked and ends with tokens.
class ForgotPasswordFlow final : public HeadlessFlow
{
    Q_OBJECT
public:
    enum StageIndex { CheckSettings, RequestCode, EnterCode, ResetPassword, Authorize, ReadCode, TokenRequest,
                      VerifyIdToken, VerifySignature };
    static constexpr StageSpec kStages[] = {
        {CheckSettings, u"check-settings", u"Check settings"},
        {RequestCode, u"request-code", u"Request a code"},
        {EnterCode, u"enter-code", u"Enter the code"},
        {ResetPassword, u"reset-password", u"Set the new password"},
        {Authorize, u"authorize", u"Log in with the new password"},
        {ReadCode, u"read-code", u"Read the code"},
        {TokenRequest, u"token-request", u"Token request"},
        {VerifyIdToken, u"verify-id-token", u"Verify ID token"},
        {VerifySignature, u"verify-signature", u"Verify signature"},
    };
    static_assert(isStageTable(kStages));

    ForgotPasswordFlow(const Profile &profile, const FlowContext &context, QObject *parent = nullptr);

private:
    void begin() override;
    void resetWith(const QString &otp);
};

// §6.6 (unconfirmed shape): a guest token bound to a unique visitor ID — /authorize with
// Auth-Request-Type: guest and Uvid-Hint: UVID <uuid>, no credentials.
class HeadlessGuestFlow final : public HeadlessFlow
{
    Q_OBJECT
public:
    enum StageIndex { CheckSettings, Authorize, ReadCode, TokenRequest, VerifyIdToken, VerifySignature };
    static constexpr StageSpec kStages[] = {
        {CheckSettings, u"check-settings", u"Check settings"},
        {Authorize, u"authorize", u"Authorize as a guest"},
        {ReadCode, u"read-code", u"Read the code"},
        {TokenRequest, u"token-request", u"Token request"},
        {VerifyIdToken, u"verify-id-token", u"Verify ID token"},
        {VerifySignature, u"verify-signature", u"Verify signature"},
    };
    static_assert(isStageTable(kStages));

    HeadlessGuestFlow(const Profile &profile, const FlowContext &context, QObject *parent = nullptr);
    QString visitorId() const { return m_uvid; } // the UVID of the last run

private:
    void begin() override;

    QString m_uvid;
};

} // namespace ecalab
