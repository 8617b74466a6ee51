#include "WebServerRequests.h"

#include "profile/ProfileChecks.h"

#include "oauth/CodeExchange.h"
#include "oauth/Endpoints.h"

namespace ecalab::webserver {

using namespace Qt::Literals::StringLiterals;

FieldProblems Config::validate(const Profile &profile)
{
    FieldProblems problems;
    checks::loginUrl(profile, checks::LoginHost::Any, problems);
    checks::clientId(profile, problems);
    checks::loopbackCallbackUrl(profile, problems);
    checks::clientSecret(profile, checks::Secret::RequiredForBasic, {}, problems);
    checks::scopes(profile, problems);
    checks::authorizeOptions(profile, problems);
    return problems;
}

Expected<Config, FlowError> Config::fromProfile(const Profile &profile, const QString &stage)
{
    if (auto problem = checks::firstBlocking(validate(profile), stage))
        return unexpected(*problem);
    auto loopback = LoopbackEndpoint::fromCallbackUrl(profile.callbackUrl, stage);
    if (!loopback)
        return unexpected(loopback.error());
    Config config;
    config.loginUrl = profile.loginUrl;
    config.authorizeEndpoint = endpointUrl(profile.loginUrl, endpoints::kAuthorize);
    config.tokenEndpoint = endpointUrl(profile.loginUrl, endpoints::kToken);
    config.discoveryUrl = endpointUrl(profile.loginUrl, endpoints::kDiscovery);
    config.callbackUrl = profile.callbackUrl;
    config.loopback = *loopback;
    config.clientId = profile.clientId;
    config.clientSecret = profile.clientSecret;
    config.clientAuth = profile.clientAuth;
    config.scopes = profile.scopes;
    config.pkce = profile.pkce;
    config.prompt = profile.prompt;
    config.loginHint = profile.loginHint;
    config.display = profile.display;
    return config;
}

QUrl buildAuthorizeUrl(const Config &config, const AuthorizeSecrets &secrets)
{
    FormFields fields{{u"response_type"_s, u"code"_s},
                      {u"client_id"_s, config.clientId},
                      {u"redirect_uri"_s, config.callbackUrl.toString(QUrl::FullyEncoded)},
                      {u"state"_s, secrets.state}};
    if (!config.scopes.isEmpty())
        fields.append({u"scope"_s, config.scopes.join(u' ')});
    if (!secrets.codeChallenge.isEmpty()) {
        fields.append({u"code_challenge"_s, secrets.codeChallenge});
        fields.append({u"code_challenge_method"_s, u"S256"_s});
    }
    if (!secrets.nonce.isEmpty())
        fields.append({u"nonce"_s, secrets.nonce});
    if (!config.prompt.isEmpty())
        fields.append({u"prompt"_s, config.prompt});
    if (!config.loginHint.isEmpty())
        fields.append({u"login_hint"_s, config.loginHint});
    if (!config.display.isEmpty())
        fields.append({u"display"_s, config.display});
    QUrl url = config.authorizeEndpoint;
    // Form-encoded once, strictly (RFC 6749 Appendix B), so '+' or ':' survive every server.
    url.setQuery(QString::fromLatin1(formEncode(fields)), QUrl::StrictMode);
    return url;
}

HttpRequest buildTokenRequest(const Config &config, const QString &code, const QString &codeVerifier)
{
    // redirect_uri as the authorize URL sent it (§3.3: "Same value as in the authorize request");
    // without a secret the client is public and sends none (§3.3, ISV guide).
    return buildCodeExchangeRequest({config.tokenEndpoint, code, codeVerifier,
                                     config.callbackUrl.toString(QUrl::FullyEncoded),
                                     ClientAuth::fromProfile(config.clientAuth, config.clientId, config.clientSecret)});
}

} // namespace ecalab::webserver
