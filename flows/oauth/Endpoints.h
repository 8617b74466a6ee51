#pragma once

#include <QString>
#include <QUrl>

namespace ecalab {

// Which kind of host a Login URL names (§1.1). Loopback is the built-in emulator or a local test server.
// OrgPage is a host that serves the org's pages, not its login: Lightning, Visualforce, Setup (what
// the browser's address bar shows); flows/profile/LoginUrlAdvice.h derives the My Domain from it.
enum class LoginHostKind { Generic, MyDomain, Site, Loopback, OrgPage, Other };

LoginHostKind classifyLoginHost(const QUrl &url);
bool isLoopbackHost(const QString &host);

// `base` may carry a path prefix (an Experience Cloud site): https://acme.my.site.com/customers
QUrl endpointUrl(const QUrl &base, const QString &path);

namespace endpoints {
inline const QString kToken = QStringLiteral("/services/oauth2/token");
inline const QString kAuthorize = QStringLiteral("/services/oauth2/authorize");
inline const QString kRevoke = QStringLiteral("/services/oauth2/revoke");
inline const QString kIntrospect = QStringLiteral("/services/oauth2/introspect");
inline const QString kUserInfo = QStringLiteral("/services/oauth2/userinfo");
inline const QString kDiscovery = QStringLiteral("/.well-known/openid-configuration");
} // namespace endpoints

// Empty when `base` is acceptable for talking to Salesforce; else why not (https required, except loopback).
QString baseUrlProblem(const QUrl &base, const QString &fieldLabel);

} // namespace ecalab
