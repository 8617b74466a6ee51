#include "AuthorizationCodeGrant.h"

#include "ClientAuth.h"
#include "Crypto.h"
#include "SalesforceId.h"
#include "TokenIssuer.h"

#include "AuthorizeEndpoint.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

const OAuthError AuthorizationCodeGrant::kBadCodeError{u"invalid_grant"_s, u"expired authorization code"_s};
const OAuthError AuthorizationCodeGrant::kMissingVerifierError{u"invalid_grant"_s, u"invalid code verifier"_s};
const OAuthError AuthorizationCodeGrant::kVerifierMismatchError{u"invalid_grant"_s, u"invalid code verifier"_s};

namespace {
const OAuthError kRedirectMismatch{u"redirect_uri_mismatch"_s, u"redirect_uri must match configuration"_s};
const OAuthError kInactiveUser{u"inactive_user"_s, u"user is inactive"_s};
} // namespace

bool AuthorizationCodeGrant::accepts(const Params &params) const
{
    return params.value(u"grant_type") == u"authorization_code";
}

QString AuthorizationCodeGrant::s256(const QString &verifier)
{
    return QString::fromLatin1(Crypto::base64Url(Crypto::sha256(verifier.toLatin1())));
}

std::optional<OAuthError> AuthorizationCodeGrant::checkCode(const TokenRequest &request, const App &app,
                                                            AuthCode &code) const
{
    if (code.clientId != app.consumerKey) // another app's code: not spent, not disclosed
        return kBadCodeError;
    const bool alreadyUsed = code.used;
    if (kFailedAttemptSpendsCode || alreadyUsed)
        code.used = true;
    if (alreadyUsed || m_context.clock.nowMs() >= code.expiresAtMs)
        return kBadCodeError;
    if (request.params.value(u"redirect_uri") != code.redirectUri) // §3.3: the same value as in authorize
        return kRedirectMismatch;
    if (!code.codeChallenge.isEmpty()) {
        // §3.3: verifiers up to 171 characters are accepted (RFC 7636's 128 is not enforced).
        const QString verifier = request.params.value(u"code_verifier");
        if (verifier.isEmpty())
            return kMissingVerifierError;
        const QString expected = code.codeChallengeMethod == u"plain" ? verifier : s256(verifier);
        if (!Crypto::constantTimeEquals(expected.toLatin1(), code.codeChallenge.toLatin1()))
            return kVerifierMismatchError;
    }
    // A verifier without a challenge is ignored, like the other unknown parameters (§12.2).
    code.used = true;
    return std::nullopt;
}

GrantResult AuthorizationCodeGrant::handle(const TokenRequest &request)
{
    // §3.4: the secret is required unless "Require Secret for Web Server Flow" is off; a secret
    // that is sent must still be right.
    OAuthError error;
    const App *app = ClientAuth::authenticate(
        ClientAuth::extract(request.http, request.params), m_context.org,
        [](const App &a) { return !a.isConsumerSecretOptional; }, &error);
    if (!app)
        return GrantResult::failure(error);

    AuthCode *code = m_context.codes.find(request.params.value(u"code"));
    if (!code)
        return GrantResult::failure(kBadCodeError);
    if (const auto codeError = checkCode(request, *app, *code))
        return GrantResult::failure(*codeError);

    const User *user = m_context.org.userById(code->userId);
    if (!user || !user->active)
        return GrantResult::failure(kInactiveUser);
    if (!app->permits(*user))
        return GrantResult::failure(kNotAdminApprovedError); // §10.2: the policy changed after authorize

    TokenIssuer issuer(m_context);
    const TokenIssuer::UserGrant grant{
        *app, *user, code->scopes, request.http.host, u"authorization_code"_s, code->nonce, code->authTimeMs};
    Fields fields = issuer.userTokenResponse(grant);
    if (code->host == HostKind::Site) { // §1.4: the user authenticated through the site
        fields.insert(u"sfdc_community_url"_s, m_context.baseUrl(HostKind::Site));
        fields.insert(u"sfdc_community_id"_s, SalesforceId::to18(AuthorizeEndpoint::kSiteNetworkId15));
    }
    return GrantResult::success(fields);
}

} // namespace ecalab::emu
