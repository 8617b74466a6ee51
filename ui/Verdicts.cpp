#include "Verdicts.h"

#include "Style.h"
#include "TokenText.h"

#include "tokens/TokenDecoding.h"
#include "tokens/TokenStatus.h"
#include "tokens/TokenVerification.h"
#include "WrappingLabel.h"

#include <QLabel>
#include <QRegularExpression>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
QString signatureText(const QString &verdict, Tone *tone, QString *iconName)
{
    *tone = Tone::Neutral;
    *iconName = u"info"_s;
    if (verdict == u"valid") {
        *tone = Tone::Positive;
        *iconName = u"positive"_s;
        return QObject::tr("<b>Signature valid</b> — HMAC-SHA256 of id + issued_at matches the consumer secret: "
                           "this answer came from the org that holds this app.");
    }
    if (verdict == u"invalid") {
        *tone = Tone::Negative;
        *iconName = u"error"_s;
        return QObject::tr("<b>Signature does not match</b> this consumer secret: the answer may not come from this "
                           "app's org, or the secret is out of date.");
    }
    if (verdict == u"missing")
        return QObject::tr("<b>No signature</b> in the response: nothing to verify.");
    return QObject::tr("<b>Signature not checked</b>: no consumer secret to check it with.");
}

// The flow's "id_token" check (OIDC Core §3.1.3.7): "valid", "not-checked", or why it failed —
// "invalid: <reason>" or the reason itself. A failure is a warning the person must see first.
QString idTokenText(const QString &verdict, Tone *tone, QString *iconName)
{
    *tone = Tone::Neutral;
    *iconName = u"info"_s;
    if (verdict == u"valid") {
        *tone = Tone::Positive;
        *iconName = u"positive"_s;
        return QObject::tr("<b>ID token valid</b> — RS256 signature checked against the org's keys (/id/keys); "
                           "issuer, audience, expiry and nonce match.");
    }
    if (verdict == u"not-checked" || verdict.isEmpty())
        return QObject::tr("<b>ID token not checked</b> in this version — its claims are on the Decoded tab.");
    *tone = Tone::Warning;
    *iconName = u"warning"_s;
    QString reason = verdict;
    if (reason.startsWith(u"invalid")) {
        reason = reason.mid(7);
        if (reason.startsWith(u':'))
            reason = reason.mid(1);
        reason = reason.trimmed();
    }
    return QObject::tr("<b>ID token failed its check</b>: %1. Do not trust the identity it claims.")
        .arg(reason.isEmpty() ? QObject::tr("invalid") : reason.toHtmlEscaped());
}
} // namespace

QLabel *verdictBadge(const QString &check, const QString &verdict, QWidget *parent)
{
    auto *badge = new WrappingLabel(parent);
    badge->setProperty("verdict", verdict);
    Tone tone = Tone::Neutral;
    QString iconName;
    const QString text =
        check == u"id_token" ? idTokenText(verdict, &tone, &iconName) : signatureText(verdict, &tone, &iconName);
    makeBadge(badge, tone, iconName, text);
    return badge;
}

namespace {
QString formatText(const QString &field, const DecodedToken &decoded, Tone *tone, QString *iconName)
{
    *tone = Tone::Neutral;
    *iconName = u"info"_s;
    switch (decoded.format) {
    case TokenFormat::Jwt:
        *tone = Tone::Info;
        return QObject::tr("<b>JWT</b> (%1%2) — signature not checked: %3 Header and claims on the Decoded tab.")
            .arg(decoded.header.value(u"alg").toString().toHtmlEscaped(),
                 decoded.header.contains(u"kid")
                     ? QObject::tr(", kid %1").arg(decoded.header.value(u"kid").toString().toHtmlEscaped())
                     : QString(),
                 field == u"id_token" ? QObject::tr("the run did not check this ID token.")
                 : field == u"token"  ? QObject::tr("Verify checks it against the org's keys.")
                                     : QObject::tr("Token → Inspect a token… verifies it against the org's keys."));
    case TokenFormat::SalesforceSession:
        return QObject::tr("<b>Opaque Salesforce session token</b> of org <tt>%1</tt> — not a JWT: nothing to decode "
                           "or verify here. <b>Introspect</b> asks Salesforce whether it is active and until when.")
            .arg(decoded.orgId.toHtmlEscaped());
    case TokenFormat::Opaque:
        return QObject::tr("<b>Opaque token</b> — not a JWT: nothing to decode. <b>Introspect</b> asks Salesforce "
                           "whether it is active.");
    case TokenFormat::Malformed:
        break;
    }
    *tone = Tone::Warning;
    *iconName = u"warning"_s;
    return QObject::tr("<b>Not a token</b>: %1.").arg(decoded.problem.toHtmlEscaped());
}

Tone stateTone(TokenStatus::State state)
{
    switch (state) {
    case TokenStatus::State::Active:
        return Tone::Positive;
    case TokenStatus::State::Inactive:
    case TokenStatus::State::Expired:
        return Tone::Warning;
    case TokenStatus::State::Revoked:
        return Tone::Negative;
    case TokenStatus::State::Unknown:
        break;
    }
    return Tone::Neutral;
}
} // namespace

QLabel *tokenVerdictBadge(const QString &field, const DecodedToken &decoded, const QJsonObject &checks, QWidget *parent)
{
    if (field == u"id_token" && checks.contains(field))
        return verdictBadge(field, checks.value(field).toString(), parent);
    auto *badge = new WrappingLabel(parent);
    badge->setProperty("verdict", tokenFormatName(decoded.format));
    Tone tone = Tone::Neutral;
    QString iconName;
    const QString text = formatText(field, decoded, &tone, &iconName);
    makeBadge(badge, tone, iconName, text);
    return badge;
}

QLabel *verificationBadge(const TokenVerdict &verdict, QWidget *parent)
{
    auto *badge = new WrappingLabel(parent);
    badge->setProperty("verdict", verdict.checkValue());
    QStringList passed;
    for (const QString &check : verdict.passed)
        passed << check.toHtmlEscaped();
    if (verdict.valid())
        makeBadge(badge, Tone::Positive, u"positive"_s, QObject::tr("<b>Verified</b> — %1.").arg(passed.join(u", "_s)));
    else
        makeBadge(badge, Tone::Negative, u"error"_s,
                  QObject::tr("<b>Verification failed</b>: %1%2")
                      .arg(verdict.problem.toHtmlEscaped(),
                           passed.isEmpty() ? QString() : QObject::tr(" (passed: %1)").arg(passed.join(u", "_s))));
    return badge;
}

void showTokenState(QLabel *badge, const TokenStatus &status, const QDateTime &now)
{
    TokenStatus shown = status;
    if (shown.state == TokenStatus::State::Active && shown.expiresAt && *shown.expiresAt <= now)
        shown.state = TokenStatus::State::Expired;
    badge->setProperty("state", shown.label());
    QString html = u"<b>%1</b>"_s.arg(shown.label().toHtmlEscaped());
    if (shown.checkedAt.isValid())
        html += QObject::tr(" · checked %1 (%2)")
                    .arg(shown.checkedAt.toLocalTime().toString(u"HH:mm"_s), relativeTimeText(shown.checkedAt, now));
    if (!shown.source.isEmpty())
        html += QObject::tr(" by %1").arg(shown.source.toHtmlEscaped());
    if (shown.expiresAt)
        html += (*shown.expiresAt <= now ? QObject::tr(" · expired %1 (%2)") : QObject::tr(" · expires %1 (%2)"))
                    .arg(localTimeText(*shown.expiresAt), relativeTimeText(*shown.expiresAt, now));
    if (shown.state == TokenStatus::State::Unknown && !shown.checkedAt.isValid())
        html += QObject::tr(" — not checked yet: Introspect asks Salesforce");
    makeBadge(badge, stateTone(shown.state), shown.state == TokenStatus::State::Active ? u"positive"_s : u"info"_s,
              html);
    badge->setAccessibleName(
        badge->text().remove(QRegularExpression(u"<[^>]*>"_s)).replace(u"&nbsp;"_s, u" "_s).trimmed());
}

} // namespace ecalab::ui
