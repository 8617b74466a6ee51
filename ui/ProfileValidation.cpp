#include "ProfileValidation.h"

#include "grants/FlowRegistry.h"
#include "oauth/Endpoints.h"

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
    if (loginUrl.isEmpty() || loginUrl.host().isEmpty())
        return {};
    switch (classifyLoginHost(loginUrl)) {
    case LoginHostKind::MyDomain:
        return u"My Domain ✓"_s;
    case LoginHostKind::Generic:
        return u"Generic login host"_s;
    case LoginHostKind::Site:
        return u"Experience Cloud site"_s;
    case LoginHostKind::Loopback:
        return u"This machine (emulator)"_s;
    case LoginHostKind::Other:
        break;
    }
    return u"Custom host"_s;
}

} // namespace ecalab::ui
