#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace ecalab::emu {

// What a one-time password was sent for (§6.3–6.5); also the outbox's `purpose`.
namespace OtpPurpose {
inline const QString kRegistration = QStringLiteral("registration");
inline const QString kPasswordlessLogin = QStringLiteral("passwordless-login");
inline const QString kForgotPassword = QStringLiteral("forgot-password");
} // namespace OtpPurpose

// One OTP a headless init API sent (§6.3 registration, §6.4 passwordless login, §6.5 forgot
// password). The identifier is what the client presents with it: the init's opaque identifier,
// or the username for forgot password.
struct OtpChallenge
{
    QString identifier;
    QString purpose;
    QString otp;
    QString verificationMethod; // "email" | "sms"
    QString userId;             // the user it logs in or resets; empty for a registration
    QJsonObject registration;   // registration: the user to create once the OTP is presented (seed fields)
    qint64 issuedAtMs = 0;
    qint64 expiresAtMs = 0;
    int failedAttempts = 0;
    bool used = false;

    bool spent() const;
};

// The OTPs on the emulator's clock: each lives the site's otpLifetimeSeconds, is single use, and
// its identifier is spent after kMaxFailedAttempts wrong tries.
class OtpStore
{
public:
    static constexpr int kOtpDigits = 6;         // (unconfirmed, §6.3): six digits, as in the samples
    static constexpr int kMaxFailedAttempts = 3; // (unconfirmed, §6): the third wrong OTP spends it
    static constexpr int kIdentifierBytes = 24;  // base64url: 32 characters, no ':' (it goes in Basic)
    static constexpr qsizetype kMaxKept = 1000;  // the emulator's bound: the oldest are forgotten

    enum class Verdict { Accepted, Invalid, Expired, MethodMismatch };

    // Issues `challenge` with a fresh OTP (and a fresh identifier unless it has one); a
    // forgot-password OTP replaces the user's earlier ones.
    const OtpChallenge &issue(OtpChallenge challenge, qint64 nowMs, int lifetimeSeconds);
    // Checks an OTP presented for `identifier`: unknown or spent → Invalid; the init's method not
    // `method` (case-insensitive) → MethodMismatch; expired → Expired; wrong → Invalid (counts
    // a try); right → Accepted, and it is used. `accepted` points at it when Accepted.
    Verdict redeem(const QString &purpose, const QString &identifier, const QString &otp, const QString &method,
                   qint64 nowMs, OtpChallenge *accepted);
    const OtpChallenge *find(const QString &purpose, const QString &identifier, const QString &otp) const;
    void clear() { m_challenges.clear(); }

    static QString newIdentifier();
    static QString newOtp();

private:
    OtpChallenge *latest(const QString &purpose, const QString &identifier);

    QList<OtpChallenge> m_challenges;
};

// The e-mails and text messages the emulated org sent: where tests and the demo read OTPs.
struct OutboxMessage
{
    int id = 0;
    QString channel; // "email" | "sms"
    QString to;
    QString purpose;
    QString identifier;
    QString otp;
    QString text;
    qint64 sentAtMs = 0;
    qint64 expiresAtMs = 0;
};

class Outbox
{
public:
    static constexpr qsizetype kMaxKept = 1000; // the emulator's bound: the oldest are forgotten

    const OutboxMessage &send(const OtpChallenge &challenge, const QString &channel, const QString &to);
    // Newest last; `to` (case-insensitive) and `purpose` narrow it when not empty.
    QJsonArray toJson(const OtpStore &otps, const QString &to = {}, const QString &purpose = {}) const;
    QString lastOtpSentTo(const QString &address) const;
    int clear();

    static QString textFor(const QString &otp);

private:
    QList<OutboxMessage> m_messages;
    int m_nextId = 1;
};

} // namespace ecalab::emu
