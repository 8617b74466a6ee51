#pragma once

#include "profile/FieldProblem.h"

#include "callback/LoopbackReceiver.h"
#include "core/Expected.h"
#include "http/HttpMessage.h"
#include "oauth/FlowError.h"
#include "profile/Profile.h"

#include <QStringList>
#include <QUrl>

// The web server flow's requests as plain values (§3, RFC 7636, RFC 8252), testable without a
// network or a browser.
namespace ecalab::webserver {

// What the web server flow needs, validated before anything is sent or listened on.
struct Config
{
    QUrl loginUrl;
    QUrl authorizeEndpoint;
    QUrl tokenEndpoint;
    QUrl discoveryUrl;
    QUrl callbackUrl; // sent as redirect_uri, byte for byte as in the profile
    LoopbackEndpoint loopback;
    QString clientId;
    QString clientSecret; // empty: a public client, no secret is sent (§3.3)
    ClientAuthMethod clientAuth = ClientAuthMethod::Post;
    QStringList scopes;
    bool pkce = true;
    QString prompt;
    QString loginHint;
    QString display;

    bool wantsOpenId() const { return scopes.contains(QStringLiteral("openid")); }
    static FieldProblems validate(const Profile &profile);
    static Expected<Config, FlowError> fromProfile(const Profile &profile, const QString &stage);
};

// One run's secrets for the browser leg: state and nonce from the CSPRNG, the PKCE pair.
struct AuthorizeSecrets
{
    QString state;
    QString nonce;         // empty unless openid is asked
    QString codeVerifier;  // empty when pkce is off
    QString codeChallenge;
};

QUrl buildAuthorizeUrl(const Config &config, const AuthorizeSecrets &secrets);
// `code` as received on the callback, already decoded once; the form encoding encodes it once.
HttpRequest buildTokenRequest(const Config &config, const QString &code, const QString &codeVerifier);

} // namespace ecalab::webserver
