#pragma once

#include "profile/FieldProblem.h"
#include "profile/Profile.h"

#include <QList>
#include <QString>

namespace ecalab::ui {

// What the form flags as the user types, before Run (UX.md "Forms validate as you type"): the
// selected flow's own validation (FlowDescriptor::validate), plus the profile's name. Pure.
FieldProblems validateProfile(const Profile &profile, const QString &flowName);

// What the form and the banner show of a problem: what is wrong, then what to do.
QString problemText(const FieldProblem &problem);

// The text of a URL field, read leniently: surrounding spaces ignored, nothing else guessed.
QUrl urlFromField(const QString &text);

} // namespace ecalab::ui
