#include "HeadlessStore.h"

#include "Crypto.h"

#include <QDateTime>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

bool sameIdentifier(const OtpChallenge &challenge, const QString &purpose, const QString &identifier)
{
    // A forgot-password identifier is a username, which compares case-insensitively.
    const auto cs = purpose == OtpPurpose::kForgotPassword ? Qt::CaseInsensitive : Qt::CaseSensitive;
    return challenge.purpose == purpose && !identifier.isEmpty() && challenge.identifier.compare(identifier, cs) == 0;
}
} // namespace

bool OtpChallenge::spent() const
{
    return used || failedAttempts >= OtpStore::kMaxFailedAttempts;
}

QString OtpStore::newIdentifier()
{
    return QString::fromLatin1(Crypto::base64Url(Crypto::randomBytes(kIdentifierBytes)));
}

QString OtpStore::newOtp()
{
    return Crypto::randomString(kOtpDigits, u"0123456789");
}

const OtpChallenge &OtpStore::issue(OtpChallenge challenge, qint64 nowMs, int lifetimeSeconds)
{
    if (challenge.purpose == OtpPurpose::kForgotPassword) {
        for (OtpChallenge &earlier : m_challenges) {
            if (sameIdentifier(earlier, challenge.purpose, challenge.identifier))
                earlier.used = true; // only the newest reset code works
        }
    }
    if (challenge.identifier.isEmpty())
        challenge.identifier = newIdentifier();
    challenge.otp = newOtp();
    challenge.issuedAtMs = nowMs;
    challenge.expiresAtMs = nowMs + qint64(lifetimeSeconds) * 1000;
    challenge.failedAttempts = 0;
    challenge.used = false;
    if (m_challenges.size() >= kMaxKept)
        m_challenges.removeFirst();
    m_challenges.append(challenge);
    return m_challenges.last();
}

OtpChallenge *OtpStore::latest(const QString &purpose, const QString &identifier)
{
    for (qsizetype i = m_challenges.size() - 1; i >= 0; --i) {
        if (sameIdentifier(m_challenges.at(i), purpose, identifier))
            return &m_challenges[i];
    }
    return nullptr;
}

OtpStore::Verdict OtpStore::redeem(const QString &purpose, const QString &identifier, const QString &otp,
                                   const QString &method, qint64 nowMs, OtpChallenge *accepted)
{
    OtpChallenge *challenge = latest(purpose, identifier);
    if (!challenge || challenge->spent())
        return Verdict::Invalid;
    if (challenge->verificationMethod.compare(method, Qt::CaseInsensitive) != 0)
        return Verdict::MethodMismatch;
    if (nowMs >= challenge->expiresAtMs)
        return Verdict::Expired;
    if (!Crypto::constantTimeEquals(otp.toUtf8(), challenge->otp.toUtf8())) {
        ++challenge->failedAttempts;
        return Verdict::Invalid;
    }
    challenge->used = true;
    if (accepted)
        *accepted = *challenge;
    return Verdict::Accepted;
}

const OtpChallenge *OtpStore::find(const QString &purpose, const QString &identifier, const QString &otp) const
{
    for (const OtpChallenge &challenge : m_challenges) {
        if (sameIdentifier(challenge, purpose, identifier) && challenge.otp == otp)
            return &challenge;
    }
    return nullptr;
}

QString Outbox::textFor(const QString &otp)
{
    return u"Your verification code is %1"_s.arg(otp);
}

const OutboxMessage &Outbox::send(const OtpChallenge &challenge, const QString &channel, const QString &to)
{
    OutboxMessage message{.id = m_nextId++,
                          .channel = channel,
                          .to = to,
                          .purpose = challenge.purpose,
                          .identifier = challenge.identifier,
                          .otp = challenge.otp,
                          .text = textFor(challenge.otp),
                          .sentAtMs = challenge.issuedAtMs,
                          .expiresAtMs = challenge.expiresAtMs};
    if (m_messages.size() >= kMaxKept)
        m_messages.removeFirst();
    m_messages.append(message);
    return m_messages.last();
}

QJsonArray Outbox::toJson(const OtpStore &otps, const QString &to, const QString &purpose) const
{
    QJsonArray array;
    for (const OutboxMessage &m : m_messages) {
        if ((!to.isEmpty() && m.to.compare(to, Qt::CaseInsensitive) != 0) ||
            (!purpose.isEmpty() && m.purpose != purpose))
            continue;
        const OtpChallenge *challenge = otps.find(m.purpose, m.identifier, m.otp);
        array.append(QJsonObject{{u"id"_s, m.id},
                                 {u"channel"_s, m.channel},
                                 {u"to"_s, m.to},
                                 {u"purpose"_s, m.purpose},
                                 {u"identifier"_s, m.identifier},
                                 {u"otp"_s, m.otp},
                                 {u"text"_s, m.text},
                                 {u"sentAt"_s, isoTime(m.sentAtMs)},
                                 {u"expiresAt"_s, isoTime(m.expiresAtMs)},
                                 {u"used"_s, !challenge || challenge->used}});
    }
    return array;
}

QString Outbox::lastOtpSentTo(const QString &address) const
{
    for (qsizetype i = m_messages.size() - 1; i >= 0; --i) {
        if (m_messages.at(i).to.compare(address, Qt::CaseInsensitive) == 0)
            return m_messages.at(i).otp;
    }
    return {};
}

int Outbox::clear()
{
    const int cleared = int(m_messages.size());
    m_messages.clear();
    return cleared;
}

} // namespace ecalab::emu
