#include "AuthorizeRequest.h"

#include "OrgModel.h"
#include "Scopes.h"

#include <QRegularExpression>
#include <QUrl>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

const AuthorizeError AuthorizeRequestReader::kUnsupportedChallengeMethod{u"invalid_request"_s,
                                                                         u"unsupported code challenge method"_s};
const AuthorizeError AuthorizeRequestReader::kMalformedChallenge{u"invalid_request"_s, u"invalid code challenge"_s};

namespace {
// §10.2, verbatim.
const AuthorizeError kUnknownClient{u"invalid_client_id"_s, u"client identifier invalid"_s};
const AuthorizeError kNotInstalled{u"invalid_client"_s, u"app must be installed into org"_s};
const AuthorizeError kRedirectMissing{u"redirect_uri_missing"_s, u"redirect_uri not provided"_s};
const AuthorizeError kRedirectMismatch{u"redirect_uri_mismatch"_s, u"redirect_uri must match configuration"_s};
const AuthorizeError kUnsupportedResponseType{u"unsupported_response_type"_s, u"response type not supported"_s};
const AuthorizeError kInvalidScope{u"invalid_scope"_s, u"requested scope is invalid, unknown, or malformed"_s};
const AuthorizeError kMissingChallenge{u"invalid_request"_s, u"missing required code challenge"_s};

// The authorize parameters a form carries through its POST (everything else is dropped).
const QStringList kCarriedParameters{
    u"response_type"_s,         u"client_id"_s, u"redirect_uri"_s, u"state"_s,      u"scope"_s,   u"code_challenge"_s,
    u"code_challenge_method"_s, u"nonce"_s,     u"prompt"_s,       u"login_hint"_s, u"display"_s, u"immediate"_s};

// RFC 7636 §4.2: S256 gives 43 base64url characters; `plain` allows 43–128 unreserved ones.
const QRegularExpression kChallengeShape(u"^[A-Za-z0-9._~-]{43,128}$"_s);
} // namespace

bool AuthorizeRequestReader::redirectMatches(const QString &sent, const App &app, const CallbackPlaceholders &hosts)
{
    const QUrl url(sent, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty())
        return false;
    for (const QString &callback : app.callbackUrls) {
        if (QUrl(hosts.expand(callback), QUrl::StrictMode) == url) // QUrl lower-cases scheme and host only
            return true;
    }
    return false;
}

std::optional<AuthorizeError> AuthorizeRequestReader::checkChallenge(const Params &params, const App &app,
                                                                     AuthorizeRequest &out)
{
    out.codeChallenge = params.value(u"code_challenge");
    out.codeChallengeMethod = params.value(u"code_challenge_method");
    if (out.codeChallenge.isEmpty()) {
        if (app.isPkceRequired)
            return kMissingChallenge;
        out.codeChallengeMethod.clear();
        return std::nullopt;
    }
    if (out.codeChallengeMethod.isEmpty())
        out.codeChallengeMethod = u"S256"_s; // Salesforce's SDKs omit it (§3.1)
    const bool plain = out.codeChallengeMethod == u"plain";
    if (out.codeChallengeMethod != u"S256" && !(plain && kAcceptsPlainChallenge))
        return kUnsupportedChallengeMethod;
    if (!kChallengeShape.match(out.codeChallenge).hasMatch() || (!plain && out.codeChallenge.size() != 43))
        return kMalformedChallenge;
    return std::nullopt;
}

std::optional<AuthorizeError> AuthorizeRequestReader::checkScopes(const Params &params, const App &app,
                                                                  AuthorizeRequest &out)
{
    const QStringList requested = Scopes::splitSpaced(params.value(u"scope"));
    if (requested.isEmpty()) {
        out.scopes = app.scopes(); // §3.1: omitted → the app's selected scopes
        return std::nullopt;
    }
    const QStringList allowed = Scopes::allowedScopes(app.scopeTokens);
    for (const QString &scope : requested) {
        if (!allowed.contains(scope))
            return kInvalidScope;
        if (!out.scopes.contains(scope))
            out.scopes << scope;
    }
    return std::nullopt;
}

AuthorizeRequestReader::Result AuthorizeRequestReader::read(const Params &params, const OrgModel &org,
                                                            const CallbackPlaceholders &hosts)
{
    Result result;
    AuthorizeRequest &r = result.request;
    auto page = [&result](const AuthorizeError &error) {
        result.outcome = Outcome::ErrorPage;
        result.error = error;
        return result;
    };
    // Without a known client and one of its callbacks there is nowhere safe to redirect (§3.2).
    r.app = org.appByClientId(params.value(u"client_id"));
    if (!r.app || !r.app->isEnabled)
        return page(kUnknownClient);
    if (!r.app->isInstalled)
        return page(kNotInstalled);
    r.redirectUri = params.value(u"redirect_uri");
    if (r.redirectUri.isEmpty())
        return page(kRedirectMissing);
    if (!redirectMatches(r.redirectUri, *r.app, hosts))
        return page(kRedirectMismatch);

    r.state = params.value(u"state");
    r.nonce = params.value(u"nonce");
    r.loginHint = params.value(u"login_hint");
    const QStringList prompt = Scopes::splitSpaced(params.value(u"prompt"));
    r.promptLogin = prompt.contains(u"login");
    r.promptConsent = prompt.contains(u"consent");
    r.immediate = params.value(u"immediate").compare(u"true", Qt::CaseInsensitive) == 0 ||
                  (kPromptNoneIsImmediate && prompt.contains(u"none"));
    for (const QString &name : kCarriedParameters) {
        if (params.contains(name))
            r.carried.append({name, params.value(name)});
    }

    std::optional<AuthorizeError> error;
    if (params.value(u"response_type") != u"code")
        error = kUnsupportedResponseType;
    if (!error)
        error = checkScopes(params, *r.app, r);
    if (!error)
        error = checkChallenge(params, *r.app, r);
    if (error) {
        result.outcome = Outcome::Redirect;
        result.error = *error;
    }
    return result;
}

} // namespace ecalab::emu
