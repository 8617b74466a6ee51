#include "RunReport.h"
#include "Icons.h"

#include "StageRow.h"
#include "Style.h"

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString kindHeadline(FlowError::Kind kind)
{
    switch (kind) {
    case FlowError::Kind::Configuration:
        return QObject::tr("The settings need a change");
    case FlowError::Kind::Transport:
        return QObject::tr("No connection");
    case FlowError::Kind::Tls:
        return QObject::tr("Secure connection failed (TLS)");
    case FlowError::Kind::Timeout:
        return QObject::tr("Timed out");
    case FlowError::Kind::Protocol:
        return QObject::tr("Unexpected answer");
    case FlowError::Kind::ServerRejected:
        return QObject::tr("Refused by the server");
    case FlowError::Kind::Cancelled:
        return QObject::tr("Cancelled");
    case FlowError::Kind::Expired:
        return QObject::tr("Expired while waiting");
    }
    return {};
}

QString whereText(const FlowError &error)
{
    QStringList parts;
    if (error.httpStatus > 0)
        parts << QObject::tr("HTTP %1").arg(error.httpStatus);
    if (!error.stage.isEmpty())
        parts << QObject::tr("at “%1”").arg(error.stage);
    return parts.join(u' ');
}

QString stageList(const Flow &flow)
{
    QString html = u"<table cellspacing=\"0\" cellpadding=\"3\">"_s;
    for (const Flow::Stage &stage : flow.stages())
        html += u"<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>"_s.arg(
            richTextIcon(u"stage-"_s + StageRow::stateName(stage.state), 14, IconAlign::Baseline), esc(stage.title),
            StageRow::elapsedText(stage.elapsedMs), esc(stage.detail));
    return html + u"</table>"_s;
}
} // namespace

QString errorHeadline(const FlowError &error)
{
    return error.error.isEmpty() ? kindHeadline(error.kind) : error.summary();
}

QString errorBannerHtml(const FlowError &error)
{
    QString html = u"<b>%1</b>"_s.arg(esc(errorHeadline(error)));
    if (const QString where = whereText(error); !where.isEmpty())
        html += u" — %1"_s.arg(esc(where));
    if (!error.explanation.isEmpty())
        html += u"<br>%1"_s.arg(esc(error.explanation));
    if (!error.fix.isEmpty())
        html += u"<br><b>%1</b> %2"_s.arg(QObject::tr("Fix:"), esc(error.fix));
    html += u" &nbsp;<a href=\"explanation\">%1</a>"_s.arg(QObject::tr("Details"));
    return html;
}

QString errorExplanationHtml(const Flow &flow, const FlowError &error)
{
    QString html = u"<h3>%1 — %2</h3>"_s.arg(esc(flow.title()), esc(errorHeadline(error)));
    if (!error.error.isEmpty()) {
        html += u"<p><b>%1</b><br><tt>error</tt>: %2"_s.arg(QObject::tr("What Salesforce said"), esc(error.error));
        if (!error.errorDescription.isEmpty())
            html += u"<br><tt>error_description</tt>: %1"_s.arg(esc(error.errorDescription));
        html += u"</p>"_s;
    }
    html += u"<p><b>%1</b> %2 · %3</p>"_s.arg(QObject::tr("Where:"), esc(whereText(error)), esc(kindName(error.kind)));
    if (!error.explanation.isEmpty())
        html += u"<p><b>%1</b><br>%2</p>"_s.arg(QObject::tr("What it means"), esc(error.explanation));
    if (!error.fix.isEmpty())
        html += u"<p><b>%1</b><br>%2</p>"_s.arg(QObject::tr("How to fix it"), esc(error.fix));
    if (!error.rawBody.isEmpty())
        html += u"<p><b>%1</b></p><pre>%2</pre>"_s.arg(QObject::tr("Response body (secrets masked)"),
                                                       esc(QString::fromUtf8(error.rawBody)));
    html += u"<p><b>%1</b></p>%2"_s.arg(QObject::tr("Stages"), stageList(flow));
    return html;
}

QString successSummaryHtml(const Flow &flow, const TokenSet &tokens, int exchangeCount)
{
    qint64 total = 0;
    for (const Flow::Stage &stage : flow.stages())
        total += std::max<qint64>(stage.elapsedMs, 0);
    QString html = u"<h3>%1 — %2</h3>"_s.arg(esc(flow.title()), QObject::tr("token received"));
    html += u"<p>%1</p>"_s.arg(QObject::tr("%1, %2 in all.")
                                   .arg(countText(exchangeCount, QObject::tr("exchange"), QObject::tr("exchanges")),
                                        StageRow::elapsedText(total)));
    QStringList facts;
    if (!tokens.orgId().isEmpty())
        facts << QObject::tr("Org <tt>%1</tt>, user <tt>%2</tt>").arg(esc(tokens.orgId()), esc(tokens.userId()));
    if (!tokens.instanceUrl.isEmpty())
        facts << QObject::tr("Instance %1").arg(esc(tokens.instanceUrl));
    if (!tokens.scope.isEmpty())
        facts << QObject::tr("Scopes: %1").arg(esc(tokens.scope));
    const QString signature = flow.checks().value(u"signature").toString();
    if (!signature.isEmpty())
        facts << QObject::tr("Signature: %1").arg(esc(signature));
    facts << (tokens.refreshToken.isEmpty() ? QObject::tr("No refresh token") : QObject::tr("Refresh token issued"));
    html += u"<ul><li>%1</li></ul>"_s.arg(facts.join(u"</li><li>"_s));
    html += u"<p><b>%1</b></p>%2"_s.arg(QObject::tr("Stages"), stageList(flow));
    return html;
}

} // namespace ecalab::ui
