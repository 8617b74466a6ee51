#pragma once

#include "profile/Profile.h"

#include <QList>
#include <QString>

namespace ecalab::ui {

enum class ProfileField {
    Name,
    LoginUrl,
    SiteUrl,
    ClientId,
    ClientSecret,
    CallbackUrl,
    Scopes,
    Username,
    PrivateKeyFile,
    Audience,
    Prompt,
    LoginHint
};

struct FieldProblem
{
    ProfileField field;
    bool blocking = true; // false: worth a look, but Run may go ahead (the server's answer teaches)
    QString message;
};

// What the form flags as the user types, before Run (UX.md "Forms validate as you type").
// Pure: the profile as edited, the flow about to run, nothing else.
QList<FieldProblem> validateProfile(const Profile &profile, const QString &flowName);

// One short note beside the Login URL: "My Domain ✓", "Generic login host", ...
QString loginHostNote(const QUrl &loginUrl);

// The text of a URL field, read leniently: surrounding spaces ignored, nothing else guessed.
QUrl urlFromField(const QString &text);

} // namespace ecalab::ui
