#include "Verdicts.h"

#include "Style.h"

#include <QLabel>

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
    auto *badge = new QLabel(parent);
    badge->setProperty("verdict", verdict);
    Tone tone = Tone::Neutral;
    QString iconName;
    const QString text = check == u"id_token" ? idTokenText(verdict, &tone, &iconName)
                                              : signatureText(verdict, &tone, &iconName);
    makeBadge(badge, tone, iconName, text);
    return badge;
}

} // namespace ecalab::ui
