#pragma once

#include "http/HttpMessage.h"
#include "oauth/ClientAuth.h"

#include <QString>
#include <QUrl>

namespace ecalab {

// An authorization code traded for tokens (RFC 6749 §4.1.3, §3.3): what the web server flow sends
// after its loopback callback, and what the headless flows send after /authorize answered them
// (§6.2) — no receiver is needed to build it.
struct CodeExchange
{
    QUrl tokenEndpoint;
    QString code;         // as received, decoded once; the form encoding encodes it once (§3.2)
    QString codeVerifier; // empty: no PKCE challenge was sent (RFC 7636 §4.5)
    QString redirectUri;  // exactly the redirect_uri of the authorize request, byte for byte
    ClientAuth client;
};

// grant_type=authorization_code&code&redirect_uri, the client's fields, then code_verifier.
HttpRequest buildCodeExchangeRequest(const CodeExchange &exchange);

} // namespace ecalab
