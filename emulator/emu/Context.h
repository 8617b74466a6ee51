#pragma once

#include "Approvals.h"
#include "AuthCodes.h"
#include "CallbackUrls.h"
#include "DeviceCodes.h"
#include "Faults.h"
#include "HeadlessStore.h"
#include "HttpTypes.h"
#include "LoginSessions.h"
#include "OrgModel.h"
#include "SigningKeys.h"
#include "TokenStore.h"

#include <QJsonObject>
#include <QUrl>

namespace ecalab::emu {

// Where the three hosts listen (empty until Emulator::start()).
struct HostUrls
{
    QUrl login;
    QUrl myDomain;
    QUrl siteHost; // the site's host URL; the site itself lives under the org's site prefix
};

// Everything the endpoints share: the org, its sessions, the clock, keys, faults and hosts.
struct EmulatorContext
{
    OrgModel org;
    QJsonObject seed; // the seed the org came from: what a reset goes back to
    TokenStore tokens;
    DeviceCodeStore devices; // device-flow codes and switches (§4)
    LoginSessions logins;    // browser logins on the emulator's pages (cookie `sid`)
    Approvals approvals;     // remembered consent per user and app
    AuthCodes codes;         // authorization codes (§3.2)
    OtpStore otps;           // headless one-time passwords (§6.3–6.5)
    Outbox outbox;           // the e-mails and SMS those OTPs went out in
    EmulatorClock clock;
    SigningKeys keys;
    FaultList faults;
    HostUrls urls;
    qint64 apiRequests = 0; // REST calls answered, for /limits

    // The base URL of a host as a string without a trailing slash; a site's includes its prefix.
    QString baseUrl(HostKind host) const
    {
        if (host == HostKind::Site)
            return urls.siteHost.isEmpty() ? QString() : urls.siteHost.toString() + u'/' + org.org.sitePrefix;
        return (host == HostKind::Login ? urls.login : urls.myDomain).toString(QUrl::StripTrailingSlash);
    }
    QString instanceUrl() const { return baseUrl(HostKind::MyDomain); } // §1.4: always My Domain
    CallbackPlaceholders callbackPlaceholders() const
    {
        return {baseUrl(HostKind::Site), baseUrl(HostKind::MyDomain), baseUrl(HostKind::Login)};
    }
};

} // namespace ecalab::emu
