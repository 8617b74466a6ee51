#include "HumanReport.h"

#include "http/Redactor.h"

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
QString stateMark(Flow::StageState state)
{
    switch (state) {
    case Flow::StageState::Pending: return u"○"_s;
    case Flow::StageState::Running: return u"…"_s;
    case Flow::StageState::WaitingForUser: return u"⏳"_s;
    case Flow::StageState::Done: return u"✔"_s;
    case Flow::StageState::Warning: return u"⚠"_s;
    case Flow::StageState::Failed: return u"✖"_s;
    case Flow::StageState::Skipped: return u"–"_s;
    }
    return {};
}

QString field(const QString &name, const QString &value)
{
    return u"  %1 %2\n"_s.arg(name.leftJustified(18), value);
}
} // namespace

QString stageLine(const Flow::Stage &stage)
{
    QString line = stateMark(stage.state) + u' ' + stage.title;
    if (stage.elapsedMs >= 0 && stage.state != Flow::StageState::Running)
        line += u" (%1 ms)"_s.arg(stage.elapsedMs);
    if (!stage.detail.isEmpty())
        line += u" — "_s + stage.detail;
    return line + u'\n';
}

QString successReport(const Flow &flow)
{
    QString text = u"%1: token obtained\n"_s.arg(flow.title());
    const QJsonObject token = flow.result()->toJson();
    for (auto it = token.begin(); it != token.end(); ++it) {
        const QString value = it.value().toString();
        if (Redactor::isSecretField(it.key()))
            text += field(it.key(), u"%1 (%2 characters; printed only with --json)"_s.arg(QString::fromLatin1(Redactor::kMask))
                                        .arg(value.size()));
        else
            text += field(it.key(), value);
    }
    const QJsonObject checks = flow.checks();
    for (auto it = checks.begin(); it != checks.end(); ++it) {
        if (it.value().isString()) // an object (the JWT assertion) was shown as its stage
            text += field(u"check: "_s + it.key(), it.value().toString());
    }
    return text;
}

QString failureReport(const FlowError &error)
{
    QString text = u"✖ %1 failed"_s.arg(error.stage.isEmpty() ? u"Run"_s : error.stage);
    if (error.httpStatus)
        text += u" — HTTP %1"_s.arg(error.httpStatus);
    text += u" (%1)\n"_s.arg(kindName(error.kind));
    if (!error.error.isEmpty())
        text += u"  Salesforce said: %1\n"_s.arg(error.summary());
    text += u"  What it means:   %1\n"_s.arg(error.explanation);
    if (!error.fix.isEmpty())
        text += u"  How to fix it:   %1\n"_s.arg(error.fix);
    return text;
}

} // namespace ecalab::app
