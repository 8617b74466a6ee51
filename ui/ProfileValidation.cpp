#include "ProfileValidation.h"

#include "grants/FlowRegistry.h"
#include "profile/LoginUrlAdvice.h"

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

QUrl urlFromField(const QString &text)
{
    const QString trimmed = text.trimmed();
    return trimmed.isEmpty() ? QUrl() : QUrl(trimmed, QUrl::StrictMode);
}

FieldProblems validateProfile(const Profile &p, const QString &flowName)
{
    FieldProblems out;
    if (p.name.trimmed().isEmpty())
        out.append({ProfileField::Name, true, u"A profile needs a name."_s, {}});
    if (const FlowDescriptor *flow = FlowRegistry::instance().find(flowName); flow && flow->validate)
        out += flow->validate(p);
    return out;
}

QString problemText(const FieldProblem &problem)
{
    return problem.fix.isEmpty() ? problem.message : problem.message + u' ' + problem.fix;
}

QString loginHostNote(const QUrl &loginUrl)
{
    return adviseLoginUrl(loginUrl.toString()).note; // the engine's reading of §1.1, warnings and all
}

} // namespace ecalab::ui
