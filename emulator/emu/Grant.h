#pragma once

#include "FormData.h"
#include "HttpTypes.h"
#include "ResponseFormat.h"

#include <QString>

namespace ecalab::emu {

// An OAuth error as the token endpoint writes it: {"error","error_description"} (§10.1).
struct OAuthError
{
    QString error;
    QString description;
    int status = 400; // §10.1: 400 for nearly everything
};

// §10.2: a user not assigned to an app whose Permitted Users policy is admin-approved.
inline const OAuthError kNotAdminApprovedError{QStringLiteral("invalid_app_access"),
                                               QStringLiteral("user is not admin approved to access this app")};

// A token-endpoint request after the common parsing of §1.3 (method, body, format).
struct TokenRequest
{
    const HttpRequest &http;
    Params params;
    Format format = Format::Json;
};

struct GrantResult
{
    bool ok = false;
    Fields fields;    // the success response
    OAuthError error; // when !ok

    static GrantResult success(const Fields &fields) { return {true, fields, {}}; }
    static GrantResult failure(const OAuthError &error) { return {false, {}, error}; }
};

// One grant (or token-endpoint request kind). New flows slot in as new Grant classes.
class Grant
{
public:
    virtual ~Grant() = default;
    virtual bool accepts(const Params &params) const = 0; // e.g. grant_type=client_credentials
    virtual GrantResult handle(const TokenRequest &request) = 0;
};

} // namespace ecalab::emu
