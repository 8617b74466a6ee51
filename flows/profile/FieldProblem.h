#pragma once

#include <QList>
#include <QString>

namespace ecalab {

// The profile's fields as a flow uses and checks them (the keys are the profile file's).
enum class ProfileField {
    Name,
    LoginUrl,
    SiteUrl,
    ClientId,
    ClientSecret,
    ClientAuth,
    CallbackUrl,
    Scopes,
    Pkce,
    Username,
    PrivateKeyFile,
    Audience,
    CertificateFile,
    AssertionLifetime,
    Prompt,
    LoginHint,
    Display,
    DeviceDialect,
    DeviceCodeLifetime,
    VerificationMethod,
    FirstName,
    LastName,
    Email,
    CustomData,
    RecaptchaToken,
    Uvid
};
QString profileFieldKey(ProfileField field); // "loginUrl", "clientSecret", ...

// One thing wrong with one field, found before anything is sent. Blocking problems stop a run
// (a Configuration error, exit 2); the others are worth a look but the server's answer teaches.
struct FieldProblem
{
    ProfileField field;
    bool blocking = true;
    QString message; // what is wrong
    QString fix;     // what to do about it; may be empty
};
using FieldProblems = QList<FieldProblem>;

} // namespace ecalab
