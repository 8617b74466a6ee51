#pragma once

#include "Grant.h"

#include <optional>

namespace ecalab::emu {

class OrgModel;
struct App;

// Client credentials as sent: in the body (client_id/client_secret) or HTTP Basic (§1.3).
struct ClientCredentials
{
    QString clientId;
    QString clientSecret;
    bool viaBasic = false;
    bool malformedBasic = false; // an Authorization: Basic header that does not decode to id:secret
};

class ClientAuth
{
public:
    static ClientCredentials extract(const HttpRequest &request, const Params &params);
    // The app when the credentials name it and the secret matches (or is not required); else the
    // §2/§10.2 error: malformed Basic → invalid_client, unknown id → invalid_client_id,
    // wrong or missing secret → invalid_client.
    static const App *authenticate(const ClientCredentials &credentials, const OrgModel &org, bool secretRequired,
                                   OAuthError *error);
    // The same where the app's own settings say whether this grant needs the secret
    // (e.g. "Require Secret for Refresh Token Flow"); an unknown client fails either way.
    static const App *authenticate(const ClientCredentials &credentials, const OrgModel &org,
                                   bool (*secretRequiredBy)(const App &), OAuthError *error);
    // A bearer token from `Authorization: Bearer|OAuth <token>` or the `oauth_token` parameter.
    static QString bearerToken(const HttpRequest &request, const Params &params);
};

} // namespace ecalab::emu
