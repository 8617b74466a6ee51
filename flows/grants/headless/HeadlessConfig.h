#pragma once

#include "core/Expected.h"
#include "oauth/FlowError.h"
#include "profile/FieldProblem.h"
#include "profile/Profile.h"

#include <QJsonObject>
#include <QUrl>

namespace ecalab {

// Which member of the headless family a profile is checked for: each needs its own fields.
enum class HeadlessMember { Login, Registration, Passwordless, ForgotPassword, Guest };

// What every headless flow needs (§6), read from the profile and checked before anything is sent.
// All calls go to the Experience Cloud site, never to My Domain or the login hosts.
struct HeadlessConfig
{
    QUrl siteUrl;
    QUrl authorizeEndpoint;
    QUrl tokenEndpoint;
    QUrl echoEndpoint;
    QUrl discoveryUrl;
    QString redirectUri; // exactly as sent to /authorize and again to /token
    QString clientId;
    QString clientSecret; // a private client adds it to the code exchange (§6.2)
    ClientAuthMethod clientAuth = ClientAuthMethod::Post;
    QStringList scopes;
    QString username;
    QString verificationMethod; // "email" or "sms"
    QString firstName;
    QString lastName;
    QString email;
    QJsonObject customData;
    QString recaptchaToken;
    QString uvid;

    static FieldProblems validate(const Profile &profile, HeadlessMember member);
    static Expected<HeadlessConfig, FlowError> fromProfile(const Profile &profile, HeadlessMember member,
                                                           const QString &stage);
    // The redirect_uri the family sends: the profile's callbackUrl unless it is empty or a loopback
    // one (that belongs to the web server flow's receiver; nothing listens on it here), else the
    // site's echo endpoint, the callback the headless guide registers for apps without a page (§6.1, §6.8).
    static QString chooseRedirectUri(const Profile &profile);
};

namespace checks {
// The Experience Cloud site the headless APIs live on (§6): present, https (loopback may be http),
// and not the org's My Domain or a login host, which answer them with errors.
void siteUrl(const Profile &profile, FieldProblems &out);
} // namespace checks

} // namespace ecalab
