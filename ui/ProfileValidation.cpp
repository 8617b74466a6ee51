#include "ProfileValidation.h"

#include "grants/FlowRegistry.h"

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

} // namespace ecalab::ui
